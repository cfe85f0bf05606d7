/**
 * Errors safe to show a client, and the one error body they become (its schema and codes
 * are part of the API contract, common/contract/error.ts).
 */
import { STATUS_CODES } from 'node:http'
import { ErrorCode, errorBodySchema as errorBodyContract, type ErrorBody } from '../common/contract/error.js'

export { ErrorCode, type ErrorBody } from '../common/contract/error.js'

/**
 * The contract's error body schema, typed as plain JSON Schema for routes that describe only
 * their errors (the curator API, the exports): Fastify's TypeBox provider would hold their
 * success replies to the error shape. Routes with a success schema use the contract's
 * `errorBodySchema` itself, which also type-checks what they send.
 */
export const errorBodySchema: Readonly<Record<string, unknown>> = errorBodyContract

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
