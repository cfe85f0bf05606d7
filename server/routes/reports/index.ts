/**
 * POST /api/v1/sites/{id}/reports: "Report a problem" with a listing. Anonymous by design —
 * the body holds a kind and an optional message, nothing else; a tighter rate limit than the
 * rest of the API keeps the queue usable.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema, notFound } from '../../errors.js'
import { createProblemReport, MAX_REPORT_MESSAGE, REPORT_KINDS } from '../../reports/repository.js'

const reportBody = Type.Object(
  {
    kind: Type.Union(
      REPORT_KINDS.map((k) => Type.Literal(k)),
      { description: 'What is wrong with the listing' },
    ),
    message: Type.Optional(Type.String({ maxLength: MAX_REPORT_MESSAGE, description: 'Details for the curators; please no personal information' })),
  },
  { additionalProperties: false },
)

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sites/:id/reports',
    {
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['sites'],
        summary: 'Report a problem with a listing (anonymous)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: reportBody,
        response: {
          201: Type.Object({ id: Type.String(), status: Type.Literal('open'), created_at: Type.String() }),
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
