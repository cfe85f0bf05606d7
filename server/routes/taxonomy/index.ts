/**
 * GET /api/v1/taxonomy: every filter code with its English and Spanish labels.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { taxonomySchema, type Taxonomy, type TaxonomyTerm } from '../../../common/contract/taxonomy.js'
import { FILTER_FIELDS, LANGUAGES, SITE_STATUSES, type Term } from '../../vocabulary.js'

const terms = (list: readonly Term[]): TaxonomyTerm[] => list.map(({ code, en, es, group }) => (group ? { code, en, es, group } : { code, en, es }))

const taxonomy: Taxonomy = {
  types: terms(FILTER_FIELDS.types),
  services: terms(FILTER_FIELDS.services),
  payment: terms(FILTER_FIELDS.payment),
  populations: terms(FILTER_FIELDS.populations),
  access: terms(FILTER_FIELDS.access),
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
        response: { 200: taxonomySchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600')
      return taxonomy
    },
  )
}

export default taxonomyRoutes
