/**
 * POST /lite/sites/{id}/availability: the text-only page's "I got naloxone here today", "they
 * were out", "they were closed when I came" — a form post with no script. The kind and supply
 * travel in the body; a report taken answers 303 back to the site page (its URL says only
 * `thanks=1`), anything else re-renders the site page with the reason (400, 404, 429, 503).
 * Registered inside the /lite plugin: its form parser and no-store hook apply here too.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { AVAILABILITY_KINDS, AVAILABILITY_SUPPLIES, type AvailabilityKind, type AvailabilitySupply } from '../../../common/contract/availability.js'
import type { PageLang } from '../../../common/format.js'
import { chooseLang } from '../../../common/lang-choice.js'
import { siteIdParamsSchema } from '../../../common/contract/site.js'
import { databaseFault } from '../../db/faults.js'
import { RETRY_AFTER_S } from '../../errors.js'
import { createAvailabilityReport } from '../../reports/availability.js'
import { presentSite } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { AVAILABILITY_REPORTS_PER_MINUTE } from '../reports/availability.js'
import { renderLiteSitePage, type LiteSiteNotice } from './render-site.js'
import { LITE_STRINGS } from './strings.js'

// Text, read against the allowed codes here: a hand-made post gets the page back with a reason, not JSON.
const formBody = Type.Object({
  kind: Type.Optional(Type.String({ maxLength: 40 })),
  supply: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(Type.String({ maxLength: 12 })),
})

const isKind = (v: unknown): v is AvailabilityKind => (AVAILABILITY_KINDS as readonly unknown[]).includes(v)
const isSupply = (v: unknown): v is AvailabilitySupply => (AVAILABILITY_SUPPLIES as readonly unknown[]).includes(v)
/** The form's language (every page sends it), else the browser's. */
const langOf = (body: unknown, acceptLanguage: string | undefined): PageLang => chooseLang((body as { lang?: unknown } | null)?.lang, acceptLanguage)

const liteAvailabilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The site page with a notice under the buttons, or the not-found page. */
  const sitePage = async (reply: FastifyReply, id: string, lang: PageLang, status: number, notice?: LiteSiteNotice) => {
    const now = new Date()
    reply.type('text/html; charset=utf-8')
    try {
      const site = await findSiteDetail(app.db, id, now)
      if (!site) return reply.code(404).send(renderLiteSitePage({ lang, now }))
      return reply.code(status).send(renderLiteSitePage({ lang, now, site: presentSite(site, now), ...(notice ? { notice } : {}) }))
    } catch (err) {
      if (!databaseFault(err)) throw err
      return unavailable(reply, lang)
    }
  }
  const unavailable = (reply: FastifyReply, lang: PageLang) => {
    const s = LITE_STRINGS[lang]
    reply.code(503).header('retry-after', String(RETRY_AFTER_S.unavailable)).type('text/html; charset=utf-8')
    return reply.send(renderLiteSitePage({ lang, now: new Date(), error: `${s.error} ${s.unavailable}` }))
  }

  // The rate limit's 429 as the page, in the person's language; every other error goes on to the app's handler.
  app.setErrorHandler(async (err: { statusCode?: number }, request, reply) => {
    if (err.statusCode !== 429) throw err
    reply.header('retry-after', '60')
    const { id } = request.params as { id: string }
    const lang = langOf(request.body, request.headers['accept-language'])
    return sitePage(reply, id, lang, 429, { text: LITE_STRINGS[lang].availability.tooMany, error: true })
  })

  app.post(
    '/lite/sites/:id/availability',
    {
      // Counted once the form is parsed, so the 429 page is in the language the form asked for.
      config: { rateLimit: { max: AVAILABILITY_REPORTS_PER_MINUTE, timeWindow: 60_000, hook: 'preHandler' } },
      schema: { hide: true, params: siteIdParamsSchema, body: formBody },
      attachValidation: true,
    },
    async (request, reply) => {
      const lang = langOf(request.body, request.headers['accept-language'])
      const s = LITE_STRINGS[lang]
      const { id } = request.params
      const { kind, supply } = request.validationError ? {} : (request.body ?? {})
      const supplyOk = supply === undefined || supply === '' || (isSupply(supply) && kind !== 'closed')
      if (!isKind(kind) || !supplyOk) return sitePage(reply, id, lang, 400, { text: s.availability.badChoice, error: true })
      try {
        const created = await createAvailabilityReport(app.db, { locationId: id, kind, supply: isSupply(supply) ? supply : null })
        if (!created) return sitePage(reply, id, lang, 404)
      } catch (err) {
        if (!databaseFault(err)) throw err
        return unavailable(reply, lang)
      }
      return reply.code(303).redirect(`/lite/sites/${encodeURIComponent(id)}?thanks=1&lang=${lang}#availability`)
    },
  )
}

export default liteAvailabilityRoutes
