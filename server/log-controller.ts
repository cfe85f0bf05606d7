/**
 * Every log line Fastify writes about a request goes through here, so none of them can carry
 * a URL's query, a body, a coordinate, an address or a client IP (PRODUCT.md privacy rule 1):
 * one line per request with method, route pattern, status and duration.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'

/** The error's kind only: messages and values may quote what the user sent. */
function errorKind(error: Error | null | undefined): Record<string, unknown> {
  return error ? { err: { type: error.name, code: (error as { code?: unknown }).code } } : {}
}

export class PrivacyLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(unmatched)',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...errorKind(error),
    }
    // A 503 is a passing condition the client was told to retry (logged once per kind by the
    // error handler), not a failure of ours.
    if (reply.statusCode >= 500 && reply.statusCode !== 503) reply.log.error(line, 'request')
    else if (reply.statusCode === 503) reply.log.warn(line, 'request')
    else reply.log.info(line, 'request')
  }

  // The error handler logs server errors itself (kind and stack frames, no request data).
  override defaultErrorLog(): void {}

  override routeNotFound(): void {}

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn(errorKind(error), 'response stream failed')
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn(errorKind(error), 'writing response headers failed')
  }

  override serializerError(error: Error, _request: FastifyRequest, reply: FastifyReply, metadata: { statusCode: number }): void {
    reply.log.error({ ...errorKind(error), statusCode: metadata.statusCode }, 'response serialization failed')
  }
}
