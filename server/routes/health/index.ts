/**
 * /health: the process answers. /ready: the database answers a round trip.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { ApiError, ErrorCode, errorBodySchema } from '../../errors.js'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ready'), backend: Type.String() }), '5xx': errorBodySchema },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(app.db)
      } catch {
        throw new ApiError(503, ErrorCode.UNAVAILABLE, 'database is not reachable')
      }
      return { status: 'ready' as const, backend: app.backend }
    },
  )
}

export default healthRoutes
