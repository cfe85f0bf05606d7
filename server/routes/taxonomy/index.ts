/**
 * GET /api/v1/taxonomy: every filter code with its English and Spanish labels.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ACCESS, LANGUAGES, PAYMENT, POPULATIONS, SERVICES, SITE_STATUSES, TYPES, type Term } from '../../vocabulary.js'

const term = Type.Object({ code: Type.String(), en: Type.String(), es: Type.String(), group: Type.Optional(Type.String()) })
const terms = (list: readonly Term[]) => list.map(({ code, en, es, group }) => (group ? { code, en, es, group } : { code, en, es }))

const taxonomy = {
  types: terms(TYPES),
  services: terms(SERVICES),
  payment: terms(PAYMENT),
  populations: terms(POPULATIONS),
  access: terms(ACCESS),
  languages: LANGUAGES.map((l) => ({ ...l })),
  statuses: [...SITE_STATUSES],
}

const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/taxonomy',
    {
      schema: {
        tags: ['taxonomy'],
        summary: 'Filter codes with English and Spanish labels',
        response: {
          200: Type.Object({
            types: Type.Array(term),
            services: Type.Array(term),
            payment: Type.Array(term),
            populations: Type.Array(term),
            access: Type.Array(term),
            languages: Type.Array(term),
            statuses: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600')
      return taxonomy
    },
  )
}

export default taxonomyRoutes
