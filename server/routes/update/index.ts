/**
 * /update/<token>: a provider's update link (issue 16). GET shows the site's listing as the
 * public sees it with an "Everything is correct" form; the form POSTs back to the same
 * address (application/x-www-form-urlencoded) and the site is verified today, audited as
 * "provider confirmed". Every token that does not open a live link gets the same 404 page.
 * The route is a wildcard, so a token of any length or shape reaches it (a too-long parameter
 * would otherwise get the router's own 404) and the log names only the pattern '/update/*'.
 * Every answer is no-store and sets no cookie; the whole app sends Referrer-Policy: no-referrer.
 */
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Lang } from '../../../common/format.js'
import { confirmThroughLink, resolveToken } from '../../curate/provider-links.js'
import { databaseFault } from '../../db/faults.js'
import { RETRY_AFTER_S } from '../../errors.js'
import { presentSite } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { noStore } from '../no-store.js'
import { renderLinkNotFoundPage, renderThanksPage, renderUnavailablePage, renderUpdatePage } from './render.js'

/** The confirm form is two short fields. */
const UPDATE_BODY_LIMIT = 1024
/** Requests per minute per client address: enough for a person, far too few for guessing. */
const UPDATE_RATE_LIMIT = 60

const langOf = (value: unknown): Lang => (value === 'es' ? 'es' : 'en')

const updateRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (request, reply) => {
    await noStore(request, reply)
    reply.header('referrer-policy', 'no-referrer')
    reply.header('x-robots-tag', 'noindex, nofollow')
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: UPDATE_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  const html = (reply: FastifyReply, status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page)
  const tokenOf = (request: FastifyRequest) => String((request.params as Record<string, unknown>)['*'] ?? '')
  const queryLang = (request: FastifyRequest) => langOf((request.query as Record<string, unknown> | undefined)?.lang)

  /** Runs `work`; the database away or slow gets a page that says to retry. */
  const guarded = async (reply: FastifyReply, lang: Lang, work: () => Promise<FastifyReply>) => {
    try {
      return await work()
    } catch (err) {
      if (!databaseFault(err)) throw err
      reply.header('retry-after', String(RETRY_AFTER_S.unavailable))
      return html(reply, 503, renderUnavailablePage(lang))
    }
  }

  const options = {
    schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) }) },
    config: { rateLimit: { max: UPDATE_RATE_LIMIT, timeWindow: 60_000 } },
    bodyLimit: UPDATE_BODY_LIMIT,
  }

  app.get('/update/*', options, async (request, reply) => {
    const lang = queryLang(request)
    return guarded(reply, lang, async () => {
      const now = new Date()
      const token = tokenOf(request)
      const link = await resolveToken(app.db, token, now)
      const site = link ? await findSiteDetail(app.db, link.siteId) : null
      if (!link || !site) return html(reply, 404, renderLinkNotFoundPage(lang))
      return html(reply, 200, renderUpdatePage({ token, lang, now, site: presentSite(site, now), expiresAt: link.expiresAt }))
    })
  })

  app.post('/update/*', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const lang = body.lang !== undefined ? langOf(body.lang) : queryLang(request)
    return guarded(reply, lang, async () => {
      const now = new Date()
      const token = tokenOf(request)
      const link = await resolveToken(app.db, token, now)
      if (!link) return html(reply, 404, renderLinkNotFoundPage(lang))
      const date = await confirmThroughLink(app.db, link, now)
      return html(reply, 200, renderThanksPage({ token, lang, date }))
    })
  })
}

export default updateRoutes
