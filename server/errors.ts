/**
 * The one error shape of the API ({ statusCode, code, error, message }) and its codes.
 */
import { STATUS_CODES } from 'node:http'

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

export interface ErrorBody {
  statusCode: number
  code: ErrorCode
  error: string
  message: string
}

/** An error that is safe to show to a client as it is. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Seconds a 503 asks a client to wait (Retry-After), by what it is waiting for. */
export const RETRY_AFTER_S = {
  /** The pool connects afresh as soon as the database is back. */
  unavailable: 2,
  timeout: 5,
  overloaded: 5,
} as const

/**
 * A 503: the service cannot answer now but will by itself; `retryAfterS` goes out as
 * Retry-After.
 */
export class UnavailableError extends ApiError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterS: number,
  ) {
    super(503, code, message)
    this.name = 'UnavailableError'
  }
}

/** A 400 naming the field and the rule it broke. */
export function invalidField(field: string, rule: string): ApiError {
  return new ApiError(400, ErrorCode.INVALID_FIELD, `${field} ${rule}`)
}

export function notFound(message: string): ApiError {
  return new ApiError(404, ErrorCode.NOT_FOUND, message)
}

/** Builds the response body for a status, code and message. */
export function errorBody(statusCode: number, code: ErrorCode, message: string): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message }
}

export const errorBodySchema = {
  type: 'object',
  required: ['statusCode', 'code', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const
