/**
 * An onSend hook for route plugins whose every answer says what someone looked for: it marks
 * the handler's reply, the error handler's, the rate limit's and the overload 503 alike as
 * never to be cached. Example: `app.addHook('onSend', noStore)`. A reply its route marked
 * public (a /lite site page, plugins/http-cache.ts) keeps what that plugin decided.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { markedPublic } from '../plugins/http-cache.js'

export async function noStore(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (markedPublic(reply)) return
  reply.header('cache-control', 'no-store')
}

/**
 * An onSend hook for route plugins whose answers are public when their route says so
 * (plugins/http-cache.ts): whatever else they send — a 404, a validation error — goes out
 * no-store rather than without a word (a 404 with no Cache-Control is cacheable by heuristics).
 */
export async function noStoreUnlessPublic(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
}
