/**
 * A curator posts a site's live status (today, supplies, treatment openings) and reads it.
 * PUT applies only the topics it names (null withdraws one); every change is audited.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { liveStatusPostSchema, liveStatusSchema } from '../../../common/contract/live-status.js'
import { postLiveStatus } from '../../curate/live-status.js'
import { errorBodySchema, notFound } from '../../errors.js'
import { liveStatusOf } from '../../sites/live-status.js'
import { callerOf } from './auth.js'
import { curatorSecurity as security, siteIdParams } from './schemas.js'
import { requireSite } from './sites.js'

const answer = Type.Object({ live_status: liveStatusSchema })
const responses = { 200: answer, '4xx': errorBodySchema, '5xx': errorBodySchema }

const liveStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sites/:id/status',
    { schema: { tags: ['curate'], summary: "A site's live status that has not expired", security, params: siteIdParams, response: responses } },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      const live = (await liveStatusOf(app.db, [request.params.id], new Date())).get(request.params.id)
      return { live_status: live?.items ?? [] }
    },
  )

  app.put(
    '/sites/:id/status',
    {
      schema: {
        tags: ['curate'],
        summary: 'Post live status: today (not running / closing early / open late), supplies, treatment openings',
        description:
          'Each topic named replaces its last post; null withdraws it. "today" ends with the site’s day in its timezone, supplies after 7 days, treatment openings after 48 hours.',
        security,
        params: siteIdParams,
        body: liveStatusPostSchema,
        response: responses,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      await requireSite(app.db, actor, request.params.id)
      const live = await postLiveStatus(app.db, request.params.id, request.body, { by: 'curator', accountId: actor.id })
      if (!live) throw notFound(`no site with id "${request.params.id.slice(0, 80)}"`)
      return { live_status: live.items }
    },
  )
}

export default liveStatusRoutes
