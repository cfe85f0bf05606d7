/**
 * An onSend hook for route plugins whose every answer says what someone looked for: it marks
 * the handler's reply, the error handler's, the rate limit's and the overload 503 alike as
 * never to be cached. Example: `app.addHook('onSend', noStore)`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'

export async function noStore(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('cache-control', 'no-store')
}
