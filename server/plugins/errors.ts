/**
 * The one error handler: every failure leaves as { statusCode, code, error, message }.
 * Client errors say which field broke which rule; server errors say nothing internal
 * (no stack, no SQL), and their log line carries no request data.
 */
import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import { ApiError, ErrorCode, errorBody } from '../errors.js'

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
    return `${[path, issue.params.additionalProperty].filter(Boolean).join('.')} is not a known field`
  }
  if (issue.keyword === 'required') return `${[path, issue.params.missingProperty].filter(Boolean).join('.')} is required`
  const field = path || context || 'request'
  return `${field} ${issue.message ?? 'is invalid'}`
}

function clientError(err: FastifyError): ApiError | null {
  if (err instanceof ApiError) return err
  if (err.validation) {
    const issue = err.validation[0] as ValidationIssue | undefined
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

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const known = clientError(err)
      if (known) {
        return reply.code(known.statusCode).type('application/json').send(errorBody(known.statusCode, known.code, known.message))
      }
      // Only the error's kind and where it came from: its message may quote request values.
      request.log.error({ err: { type: err.name, code: err.code, stack: err.stack?.split('\n').slice(1, 8).join('\n') } }, 'request failed')
      return reply.code(500).type('application/json').send(errorBody(500, ErrorCode.INTERNAL, 'something went wrong on our side'))
    })
    app.setNotFoundHandler((request, reply) => {
      reply.code(404).type('application/json').send(errorBody(404, ErrorCode.NOT_FOUND, `no route ${request.method} ${request.url.split('?')[0]}`))
    })
  },
  { name: 'errors' },
)
