/**
 * The one error handler: every failure leaves as { statusCode, code, error, message }.
 * Client errors say which field broke which rule; server errors say nothing internal
 * (no stack, no SQL), and their log line carries no request data.
 */
import type { Socket } from 'node:net'
import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, ErrorCode, RETRY_AFTER_S, UnavailableError, errorBody } from '../errors.js'
import { databaseFault } from '../db/faults.js'
import { formatRule } from '../validation/request-rules.js'

interface ValidationIssue {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** "lat must be <= 90", "service is not a known field" — from an Ajv issue. */
export function describeValidation(issue: ValidationIssue, context: string | undefined): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
  if (issue.keyword === 'additionalProperties') {
    // A name that is not a plain word ("", "%zz", "a b") is quoted, so the message still shows it.
    const key = String(issue.params.additionalProperty)
    return `${[path, /^[\w.-]+$/.test(key) ? key : JSON.stringify(key)].filter(Boolean).join('.')} is not a known field`
  }
  if (issue.keyword === 'required') return `${[path, issue.params.missingProperty].filter(Boolean).join('.')} is required`
  const field = path || context || 'request'
  if (issue.keyword === 'format') return `${field} ${formatRule(String(issue.params.format))}`
  // JSON's 1e309 parses to Infinity and fails the type: say what is wanted, not "must be number".
  if (issue.keyword === 'type' && (issue.params.type === 'number' || issue.params.type === 'integer')) return `${field} must be a finite ${issue.params.type}`
  return `${field} ${issue.message ?? 'is invalid'}`
}

/**
 * The issue that says most. A failed union lists each branch's issues, then its own; a branch
 * whose type did not fit says little, so ["naloxone", "\u0000"] for "a code or a list of
 * codes" is about services.1 (NUL), not "services must be string".
 */
function mostSpecific(issues: ValidationIssue[]): ValidationIssue | undefined {
  return issues.find((i) => !['type', 'anyOf', 'oneOf'].includes(i.keyword)) ?? issues[0]
}

/** A database that went away or answered too slowly: the service's trouble, and passing. */
function faultError(err: unknown): UnavailableError | null {
  if (err instanceof UnavailableError) return err
  switch (databaseFault(err)) {
    case 'unavailable':
      return new UnavailableError(ErrorCode.UNAVAILABLE, 'the database is not reachable right now; try again shortly', RETRY_AFTER_S.unavailable)
    case 'timeout':
      return new UnavailableError(ErrorCode.TIMEOUT, 'the database took too long to answer; try again shortly', RETRY_AFTER_S.timeout)
    default:
      return null
  }
}

function clientError(err: FastifyError): ApiError | null {
  if (err instanceof ApiError) return err
  if (err.code === 'FST_ERR_BAD_URL') return new ApiError(400, ErrorCode.BAD_REQUEST, 'the URL is not valid (a malformed %-escape?)')
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return new ApiError(414, ErrorCode.URI_TOO_LONG, 'a part of the URL is longer than this API accepts')
  if (err.validation) {
    const issue = mostSpecific(err.validation as ValidationIssue[])
    const message = issue ? describeValidation(issue, err.validationContext) : 'request is invalid'
    return new ApiError(400, ErrorCode.INVALID_FIELD, message)
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, ErrorCode.BODY_TOO_LARGE, 'body is larger than this endpoint accepts')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'body must be application/json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, ErrorCode.INVALID_JSON, 'body is empty but content-type is application/json')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, ErrorCode.INVALID_JSON, 'body is not valid JSON')
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new ApiError(400, ErrorCode.INVALID_JSON, 'body is not valid JSON')
  }
  if (err.statusCode === 429) return new ApiError(429, ErrorCode.RATE_LIMITED, 'too many requests; try again in a minute')
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(err.statusCode, ErrorCode.BAD_REQUEST, 'request is invalid')
  }
  return null
}

/** Sends an ApiError in the one shape; a 503 carries Retry-After. */
export function sendApiError(reply: FastifyReply, err: ApiError): FastifyReply {
  if (err instanceof UnavailableError) reply.header('retry-after', String(err.retryAfterS))
  return reply
    .code(err.statusCode)
    .type('application/json')
    .send(errorBody(err.statusCode, err.code, err.message))
}

/**
 * Fastify's answers that come before routing (a bad %-escape, an over-long path segment),
 * given the one error shape. Passed as the server's `frameworkErrors` option.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendApiError(reply, clientError(err) ?? new ApiError(400, ErrorCode.BAD_REQUEST, 'request is invalid'))
}

/**
 * Errors Node's HTTP parser meets before there is a request (431 headers too large, a
 * malformed request line, a client that never finished): written on the socket in the one
 * shape. Passed as the server's `clientErrorHandler` option.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, ErrorCode.HEADERS_TOO_LARGE, 'request headers are larger than this server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, ErrorCode.REQUEST_TIMEOUT, 'the request was not received in time']
        : err.code === 'HPE_URI_TOO_LONG'
          ? [414, ErrorCode.URI_TOO_LONG, 'the URL is longer than this server accepts']
          : [400, ErrorCode.BAD_REQUEST, 'the request is not valid HTTP']
  const body = JSON.stringify(errorBody(status, code, message))
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}

/**
 * One log line per kind of 503 (database away or slow, planner busy) per 10 s, with how many
 * requests it answered since: an outage under load would otherwise write a line per request.
 */
function faultLogger(everyMs = 10_000) {
  const last = new Map<string, { at: number; suppressed: number }>()
  return {
    note(request: FastifyRequest, code: string, cause: string | undefined) {
      const now = Date.now()
      const seen = last.get(code)
      if (seen && now - seen.at < everyMs) {
        seen.suppressed++
        return
      }
      last.set(code, { at: now, suppressed: 0 })
      request.log.warn({ code, cause, answeredSinceLastLine: seen?.suppressed ?? 0 }, `answered 503 ${code} (told to retry)`)
    },
  }
}

export default fp(
  async (app) => {
    const faultLog = faultLogger()
    // While closing, requests still arriving on open connections are told to go elsewhere in
    // the one shape (the server is built with return503OnClosing: false for this).
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return
      reply.header('connection', 'close')
      return sendApiError(reply, new UnavailableError(ErrorCode.UNAVAILABLE, 'the server is shutting down; try again shortly', RETRY_AFTER_S.unavailable))
    })

    app.setErrorHandler((err: FastifyError, request, reply) => {
      const known = clientError(err) ?? faultError(err)
      if (known) {
        if (known.statusCode >= 500) faultLog.note(request, known.code, err.code)
        return sendApiError(reply, known)
      }
      // Only the error's kind and where it came from: its message may quote request values.
      request.log.error({ err: { type: err.name, code: err.code, stack: err.stack?.split('\n').slice(1, 8).join('\n') } }, 'request failed')
      return reply
        .code(500)
        .type('application/json')
        .send(errorBody(500, ErrorCode.INTERNAL, 'something went wrong on our side'))
    })
    app.setNotFoundHandler((request, reply) => {
      reply
        .code(404)
        .type('application/json')
        .send(errorBody(404, ErrorCode.NOT_FOUND, `no route ${request.method} ${request.url.split('?')[0]}`))
    })
  },
  { name: 'errors' },
)
