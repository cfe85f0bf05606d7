/**
 * POST /api/v1/sites/{id}/reports: "Report a problem" with a listing (common/contract/report.ts).
 * A tighter rate limit than the rest of the API keeps the queue usable.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { reportBodySchema, reportCreatedSchema } from '../../../common/contract/report.js'
import { siteIdParamsSchema } from '../../../common/contract/site.js'
import { notFound } from '../../errors.js'
import { createProblemReport } from '../../reports/repository.js'

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sites/:id/reports',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['sites'],
        summary: 'Report a problem with a listing (anonymous)',
        params: siteIdParamsSchema,
        body: reportBodySchema,
        response: {
          201: reportCreatedSchema,
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { kind, message } = request.body
      const created = await createProblemReport(app.db, { locationId: request.params.id, kind, message: message?.trim() ?? '' })
      if (!created) throw notFound(`no site with id "${request.params.id.slice(0, 80)}"`)
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ id: created.id, status: 'open' as const, created_at: new Date(created.created_at).toISOString() })
    },
  )
}

export default reportRoutes
