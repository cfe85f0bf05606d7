/**
 * GET /api/v1/taxonomy: every filter code with its labels in the eight page languages (`labels`),
 * plus the `en` and `es` fields older clients read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { taxonomySchema, type Taxonomy, type TaxonomyTerm } from '../../../common/contract/taxonomy.js'
import { termLabels } from '../../../common/term-labels.js'
import { FILTER_FIELDS, LANGUAGES, SITE_STATUSES, type Term } from '../../vocabulary.js'
import { noStoreUnlessPublic } from '../no-store.js'

const terms = (field: string, list: readonly Term[]): TaxonomyTerm[] =>
  list.map(({ code, en, es, group }) => {
    const labels = termLabels(field, { code, en, es })
    return group ? { code, en, es, labels, group } : { code, en, es, labels }
  })

const taxonomy: Taxonomy = {
  types: terms('types', FILTER_FIELDS.types),
  services: terms('services', FILTER_FIELDS.services),
  payment: terms('payment', FILTER_FIELDS.payment),
  populations: terms('populations', FILTER_FIELDS.populations),
  access: terms('access', FILTER_FIELDS.access),
  languages: LANGUAGES.map((l) => ({ ...l, labels: termLabels('languages', l) })),
  statuses: [...SITE_STATUSES],
}

const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A 429 or a 503 is not cached.
  app.addHook('onSend', noStoreUnlessPublic)
  app.get(
    '/taxonomy',
    {
      schema: {
        tags: ['taxonomy'],
        summary: 'Filter codes with their labels in the eight page languages',
        response: { 200: taxonomySchema },
      },
    },
    async (_request, reply) => {
      // Fixed per release: public, revalidated by its ETag once CACHE_MAX_AGE_S has passed.
      reply.cachePublicly('directory')
      return taxonomy
    },
  )
}

export default taxonomyRoutes
