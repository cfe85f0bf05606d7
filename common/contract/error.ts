/**
 * The one error body of the API ({ statusCode, code, error, message }) and its codes: every
 * route answers a failure with this shape (server/plugins/errors.ts writes it).
 */
import { Type, type Static } from '@sinclair/typebox'

export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  INVALID_FIELD: 'INVALID_FIELD',
  INVALID_JSON: 'INVALID_JSON',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  PLACE_NOT_FOUND: 'PLACE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** No credentials, or they are wrong, expired or of a disabled account (curator API). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but the role or scope does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** A cookie-authenticated change without the session's X-CSRF-Token. */
  CSRF: 'CSRF',
  /** Too many wrong passwords: the account is locked for Retry-After seconds. */
  LOGIN_LOCKED: 'LOGIN_LOCKED',
  /** The request conflicts with what is stored (an email already taken, an item already decided). */
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  URI_TOO_LONG: 'URI_TOO_LONG',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The database is away (restarting, down, starting up) or the service is shutting down. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** The database took longer than the statement timeout, or a route plan longer than the planner's cap. */
  TIMEOUT: 'TIMEOUT',
  /** The process is overloaded (event loop, memory): shed, not queued. */
  OVERLOADED: 'OVERLOADED',
  /** The route planner's threads and queue are full: retry after Retry-After. */
  BUSY: 'BUSY',
  INTERNAL: 'INTERNAL',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export const errorBodySchema = Type.Object({
  statusCode: Type.Integer(),
  // Documented as a string, so a new code is not a breaking change for clients that validate.
  code: Type.Unsafe<ErrorCode>(Type.String()),
  error: Type.String(),
  message: Type.String(),
})
export type ErrorBody = Static<typeof errorBodySchema>
