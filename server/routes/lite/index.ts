/**
 * /lite: the text-only page for slow phones and no JavaScript. The place a person types never
 * goes in a URL: GET /lite shows the form, the form POSTs (application/x-www-form-urlencoded)
 * to /lite, and the answer — results rendered on the server by calling the search use case
 * directly — is never cached. "More results" and the language switch on a result page are
 * POST buttons carrying the search in hidden fields. The language is the `lang` field or query
 * when there is one (each page's switcher sets it), else the browser's Accept-Language. GET /lite with a place in the query (an
 * old bookmark) answers 303 to plain /lite, which says why the place has to be typed again.
 * GET /lite/sites/{id}: one site in full; its URL holds the site id and the language only.
 */
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { VERIFIED_WITHIN_CHOICES } from '../../../common/verification.js'
import { PAGE_DEFAULT_RADIUS_MI } from '../../../common/vocabulary.js'
import { chooseLang, isPageLang } from '../../../common/lang-choice.js'
import type { PageLang } from '../../../common/format.js'
import { databaseFault } from '../../db/faults.js'
import { ApiError, ErrorCode, RETRY_AFTER_S } from '../../errors.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import type { SearchResponse } from '../../../common/contract/search.js'
import { searchSites } from '../../search/search-sites.js'
import { renderLitePage, type LiteForm } from './render.js'
import { renderLiteSitePage } from './render-site.js'
import liteAvailabilityRoutes from './availability.js'
import { siteIdParamsSchema } from '../../../common/contract/site.js'
import { presentSite } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { LITE_RADII, LITE_SERVICES, LITE_STRINGS } from './strings.js'
import { noStore } from '../no-store.js'

/** A form body is a few hundred bytes; this leaves room for every checkbox and a page cursor. */
export const LITE_BODY_LIMIT = 8 * 1024

/** The search form's fields, the same whether they come in a POST body or an old bookmark's query. */
const liteFields = {
  near: Type.Optional(Type.String({ maxLength: 200 })),
  services: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
  open_now: Type.Optional(Type.String({ maxLength: 5 })),
  radius: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  // Text, read against the offered choices: the form's "any time" sends an empty value.
  verified: Type.Optional(Type.String({ maxLength: 4 })),
  in_stock: Type.Optional(Type.String({ maxLength: 20 })),
  lang: Type.Optional(Type.String({ maxLength: 12 })),
}
const liteQuery = Type.Object({ ...liteFields, moved: Type.Optional(Type.String({ maxLength: 1 })) })
const liteBody = Type.Object({
  ...liteFields,
  // "More results": the search API's page cursor and the number of the page's first result.
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  from: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
})
type LiteFields = Static<typeof liteBody>

/** The form as the page shows it: only the codes and choices the form offers; `lang` already chosen (chooseLang). */
function formOf(q: LiteFields, lang: PageLang): LiteForm {
  return {
    near: (q.near ?? '').trim(),
    services: (q.services ?? []).filter((c) => (LITE_SERVICES as readonly string[]).includes(c)),
    openNow: q.open_now === '1' || q.open_now === 'on',
    radiusMi: (LITE_RADII as readonly number[]).includes(q.radius ?? 0) ? (q.radius as number) : PAGE_DEFAULT_RADIUS_MI,
    verifiedWithinDays: (VERIFIED_WITHIN_CHOICES as readonly number[]).includes(Number(q.verified)) ? Number(q.verified) : null,
    naloxoneInStock: q.in_stock === 'naloxone',
    lang,
    from: q.from ?? 1,
  }
}

/** The field a schema error is about: 'radius' from '/radius' or a missing property. */
function fieldOf(error: { validation?: { instancePath?: string; params?: Record<string, unknown> }[] }): string {
  const first = error.validation?.[0]
  const path = (first?.instancePath ?? '').split('/').filter(Boolean)[0]
  return path ?? String(first?.params?.missingProperty ?? first?.params?.additionalProperty ?? '')
}

/** A form body as the schema reads it: `services` (checkboxes) a list, every other field its first value. */
function parseForm(body: string): Record<string, string | string[]> {
  const params = new URLSearchParams(body)
  const fields: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) fields[key] = key === 'services' ? params.getAll(key) : (params.get(key) ?? '')
  return fields
}

const liteRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder; staleHideAfterDays?: number | null }> = async (
  app,
  { geocoder, staleHideAfterDays = null },
) => {
  // The page quotes the place typed, on results and on errors (a 500 from the error handler too).
  app.addHook('onSend', noStore)
  // Form posts, for these routes only (this plugin is encapsulated): node's own URL-encoded parser, with a small limit.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: LITE_BODY_LIMIT }, (_request, body, done) => {
    done(null, parseForm(body as string))
  })

  const html = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page)

  app.get('/lite', { schema: { hide: true, querystring: liteQuery } }, async (request, reply) => {
    const q = request.query as Static<typeof liteQuery> & Record<string, unknown>
    const lang = chooseLang(q.lang, request.headers['accept-language'])
    // An old bookmark or a hand-made link with a place in it: not searched, and taken out of the address bar.
    if ((q.near ?? '').trim() || 'lat' in q || 'lon' in q) return reply.code(303).redirect(`/lite?moved=1${isPageLang(q.lang) ? `&lang=${q.lang}` : ''}`)
    const form = { ...formOf({}, lang), near: '' }
    return html(reply, renderLitePage({ form, now: new Date(), ...(q.moved === '1' ? { notice: LITE_STRINGS[lang].moved } : {}) }))
  })

  app.post('/lite', { schema: { hide: true, body: liteBody }, attachValidation: true, bodyLimit: LITE_BODY_LIMIT }, async (request, reply) => {
    const now = new Date()
    if (request.validationError) {
      // A clear 400 in the page's own shape, naming the field in words.
      const raw = (request.body ?? {}) as Record<string, unknown>
      const form = formOf({}, chooseLang(raw.lang, request.headers['accept-language']))
      const s = LITE_STRINGS[form.lang]
      const field = fieldOf(request.validationError)
      reply.code(400)
      return html(reply, renderLitePage({ form, now, error: s.badField(s.fieldNames[field] ?? s.form) }))
    }
    const q = request.body
    const form = formOf(q, chooseLang(q.lang, request.headers['accept-language']))
    if (!form.near)
      return html(reply.code(400), renderLitePage({ form, now, error: LITE_STRINGS[form.lang].badField(LITE_STRINGS[form.lang].fieldNames.near!) }))
    let response: SearchResponse | undefined
    let error: string | undefined
    try {
      response = await searchSites(
        { db: app.dbFor(request), geocoder, facetStats: app.facetStats, staleHideAfterDays, now: () => now },
        {
          near: form.near,
          radius_mi: form.radiusMi,
          ...(form.services.length ? { services: form.services } : {}),
          ...(form.openNow ? { open_now: true } : {}),
          ...(form.verifiedWithinDays !== null ? { verified_within_days: form.verifiedWithinDays } : {}),
          ...(form.naloxoneInStock ? { in_stock: ['naloxone'] } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
          limit: 20,
        },
      )
    } catch (err) {
      const s = LITE_STRINGS[form.lang]
      // The database away or slow: a page in the person's language that says to retry, not JSON.
      if (databaseFault(err)) {
        reply.code(503).header('retry-after', String(RETRY_AFTER_S.unavailable))
        error = s.unavailable
      } else {
        if (!(err instanceof ApiError)) throw err
        reply.code(err.statusCode)
        if (err.code === ErrorCode.PLACE_NOT_FOUND) error = s.placeNotFound(form.near.slice(0, 60))
        else {
          // "cursor is malformed…", "near must …": the field in the person's words, not the API's message.
          const field = err.code === ErrorCode.INVALID_FIELD ? (err.message.split(' ')[0] ?? '') : ''
          error = s.badField(s.fieldNames[field] ?? s.form)
        }
      }
    }
    return html(reply, renderLitePage({ form, now, ...(response ? { response } : {}), ...(error ? { error } : {}) }))
  })

  app.get(
    '/lite/sites/:id',
    {
      schema: {
        hide: true,
        params: siteIdParamsSchema,
        // thanks=1: back from an availability report (routes/lite/availability.ts); it says nothing of what was reported.
        querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 12 })), thanks: Type.Optional(Type.String({ maxLength: 1 })) }),
      },
    },
    async (request, reply) => {
      const lang = chooseLang(request.query.lang, request.headers['accept-language'])
      const now = new Date()
      reply.type('text/html; charset=utf-8')
      try {
        // Back from an availability report (a write): read it from the primary.
        const db = request.query.thanks === '1' ? app.db : app.dbFor(request)
        const site = await findSiteDetail(db, request.params.id)
        if (!site) return reply.code(404).send(renderLiteSitePage({ lang, now }))
        const notice = request.query.thanks === '1' ? { notice: { text: LITE_STRINGS[lang].availability.thanks, error: false } } : {}
        // As public as the API's site page; the "thank you" after a report is this person's own page, never cached.
        if (request.query.thanks !== '1') reply.cachePublicly('site')
        // Without a lang in the URL the page's language came from the browser: a shared cache keeps one copy per language asked.
        if (!isPageLang(request.query.lang)) reply.header('vary', 'Accept-Language')
        return reply.send(renderLiteSitePage({ lang, now, site: presentSite(site, now), ...notice }))
      } catch (err) {
        if (!databaseFault(err)) throw err
        reply.code(503).header('retry-after', String(RETRY_AFTER_S.unavailable))
        return reply.send(renderLiteSitePage({ lang, now, error: `${LITE_STRINGS[lang].error} ${LITE_STRINGS[lang].unavailable}` }))
      }
    },
  )

  await app.register(liteAvailabilityRoutes)
}

export default liteRoutes
