/**
 * GET /lite: the text-only page for slow phones and no JavaScript. A form GET with a ZIP or
 * city (never coordinates) and a few filters; results rendered on the server by calling the
 * search use case directly. GET /lite/sites/{id}: one site in full, with where it comes from.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { VERIFIED_WITHIN_CHOICES } from '../../../common/verification.js'
import { databaseFault } from '../../db/faults.js'
import { ApiError, ErrorCode, RETRY_AFTER_S } from '../../errors.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import type { SearchResponse } from '../../../common/contract/search.js'
import { searchSites } from '../../search/search-sites.js'
import { renderLitePage, type LiteForm } from './render.js'
import { renderLiteSitePage } from './render-site.js'
import { siteIdParamsSchema } from '../../../common/contract/site.js'
import { presentSite } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { LITE_RADII, LITE_SERVICES, LITE_STRINGS } from './strings.js'
import { noStore } from '../no-store.js'

const liteQuery = Type.Object({
  near: Type.Optional(Type.String({ maxLength: 100 })),
  services: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
  open_now: Type.Optional(Type.String({ maxLength: 5 })),
  radius: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  // Text, read against the offered choices: the form's "any time" sends an empty value.
  verified: Type.Optional(Type.String({ maxLength: 4 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
})

const liteRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder }> = async (app, { geocoder }) => {
  // The page quotes the place typed, on results and on errors (a 500 from the error handler too).
  app.addHook('onSend', noStore)
  app.get('/lite', { schema: { hide: true, querystring: liteQuery } }, async (request, reply) => {
    const q = request.query
    const form: LiteForm = {
      near: (q.near ?? '').trim(),
      // Only the codes the form offers: a hand-edited URL cannot smuggle anything else in.
      services: (q.services ?? []).filter((c) => (LITE_SERVICES as readonly string[]).includes(c)),
      openNow: q.open_now === '1' || q.open_now === 'on',
      radiusMi: (LITE_RADII as readonly number[]).includes(q.radius ?? 0) ? (q.radius as number) : 10,
      verifiedWithinDays: (VERIFIED_WITHIN_CHOICES as readonly number[]).includes(Number(q.verified)) ? Number(q.verified) : null,
      lang: q.lang === 'es' ? 'es' : 'en',
    }
    const now = new Date()
    let response: SearchResponse | undefined
    let error: string | undefined
    if (form.near) {
      try {
        response = await searchSites(
          { db: app.db, geocoder, facetStats: app.facetStats, now: () => now },
          {
            near: form.near,
            radius_mi: form.radiusMi,
            ...(form.services.length ? { services: form.services } : {}),
            ...(form.openNow ? { open_now: true } : {}),
            ...(form.verifiedWithinDays !== null ? { verified_within_days: form.verifiedWithinDays } : {}),
            limit: 20,
          },
        )
      } catch (err) {
        // The database away or slow: a page in the person's language that says to retry, not JSON.
        if (databaseFault(err)) {
          reply.code(503).header('retry-after', String(RETRY_AFTER_S.unavailable))
          error = LITE_STRINGS[form.lang].unavailable
        } else {
          if (!(err instanceof ApiError)) throw err
          reply.code(err.statusCode)
          error = err.code === ErrorCode.PLACE_NOT_FOUND ? LITE_STRINGS[form.lang].placeNotFound(form.near.slice(0, 60)) : err.message
        }
      }
    }
    return reply.type('text/html; charset=utf-8').send(renderLitePage({ form, now, ...(response ? { response } : {}), ...(error ? { error } : {}) }))
  })

  app.get(
    '/lite/sites/:id',
    { schema: { hide: true, params: siteIdParamsSchema, querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) }) } },
    async (request, reply) => {
      const lang = request.query.lang === 'es' ? 'es' : 'en'
      const now = new Date()
      reply.type('text/html; charset=utf-8')
      try {
        const site = await findSiteDetail(app.db, request.params.id)
        if (!site) return reply.code(404).send(renderLiteSitePage({ lang, now }))
        return reply.send(renderLiteSitePage({ lang, now, site: presentSite(site, now) }))
      } catch (err) {
        if (!databaseFault(err)) throw err
        reply.code(503).header('retry-after', String(RETRY_AFTER_S.unavailable))
        return reply.send(renderLiteSitePage({ lang, now, error: `${LITE_STRINGS[lang].error} ${LITE_STRINGS[lang].unavailable}` }))
      }
    },
  )
}

export default liteRoutes
