/**
 * POST /api/v1/sites/{id}/availability-reports: "I got naloxone here today", "they were out",
 * "they were closed when I came" (common/contract/availability.ts). Anonymous, with the same
 * tight per-client limit as problem reports; the kind travels in the body only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { availabilityReportBodySchema, availabilityReportCreatedSchema } from '../../../common/contract/availability.js'
import { errorBodySchema } from '../../../common/contract/error.js'
import { siteIdParamsSchema } from '../../../common/contract/site.js'
import { invalidField, notFound } from '../../errors.js'
import { createAvailabilityReport } from '../../reports/availability.js'

/** Reports a minute from one client address, per route (the problem-report route has its own). */
export const AVAILABILITY_REPORTS_PER_MINUTE = 10

const availabilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sites/:id/availability-reports',
    {
      config: { rateLimit: { max: AVAILABILITY_REPORTS_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: ['sites'],
        summary: 'Say you got supplies at a site today, that it was out, or that it was closed (anonymous, unconfirmed)',
        params: siteIdParamsSchema,
        body: availabilityReportBodySchema,
        response: {
          201: availabilityReportCreatedSchema,
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { kind, supply } = request.body
      if (kind === 'closed' && supply !== undefined) throw invalidField('supply', 'is only allowed with kind got_supplies or out_of_supplies')
      const created = await createAvailabilityReport(app.db, { locationId: request.params.id, kind, supply: supply ?? null })
      if (!created) throw notFound(`no site with id "${request.params.id.slice(0, 80)}"`)
      reply.header('cache-control', 'no-store')
      return reply.code(201).send({ id: created.id, created_at: new Date(created.created_at).toISOString(), confirmed: false as const })
    },
  )
}

export default availabilityRoutes
