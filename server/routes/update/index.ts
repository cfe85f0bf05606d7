/**
 * /update/<token>: a provider's update link (issue 16). GET shows the site's listing as the
 * public sees it with an "Everything is correct" form and a "Propose changes" form; both POST
 * back to the same address (application/x-www-form-urlencoded). "Everything is correct"
 * verifies the site today, audited as "provider confirmed"; action=propose stores the fields
 * that changed as a change request for a curator (or applies them, for a trusted provider),
 * and a bad value comes back as the form with a message naming the field (400);
 * action=status posts live status (today, supplies, treatment openings: status-form.ts) at
 * once, audited with the link's id.
 * Every token that does not open a live link gets the same 404 page.
 * The route is a wildcard, so a token of any length or shape reaches it (a too-long parameter
 * would otherwise get the router's own 404) and the log names only the pattern '/update/*'.
 * Every answer is no-store and sets no cookie; the whole app sends Referrer-Policy: no-referrer.
 */
import { postLiveStatus } from '../../curate/live-status.js'
import { STATUS_ACTION, StatusFormError, statusPostOf, statusWords } from './status-form.js'
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { PageLang } from '../../../common/format.js'
import { chooseLang } from '../../../common/lang-choice.js'
import { changedValues, isTrusted, PROPOSABLE_FIELDS, type ProposableField, proposeChanges, validateProposal } from '../../curate/change-requests.js'
import { loadListing } from '../../curate/listing.js'
import { confirmThroughLink, type ResolvedLink, resolveToken } from '../../curate/provider-links.js'
import { databaseFault } from '../../db/faults.js'
import { ApiError, ErrorCode, RETRY_AFTER_S } from '../../errors.js'
import { presentSite } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { noStore } from '../no-store.js'
import { formOfBody, formOfListing, HoursTableError, type ProposalForm, proposedFields } from './proposal-form.js'
import { renderLinkNotFoundPage, renderProposedPage, renderThanksPage, renderUnavailablePage, renderUpdatePage } from './render.js'
import type { ProposalProblem } from './render-propose.js'

/** The propose form: every field, a 2000-character description, percent-encoded. */
const UPDATE_BODY_LIMIT = 32 * 1024
/** Requests per minute per client address: enough for a person, far too few for guessing. */
const UPDATE_RATE_LIMIT = 60

const updateRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onSend', async (request, reply) => {
    await noStore(request, reply)
    reply.header('referrer-policy', 'no-referrer')
    reply.header('x-robots-tag', 'noindex, nofollow')
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: UPDATE_BODY_LIMIT }, (_request, body, done) => {
    // A name sent more than once (the form's checkboxes) is a list.
    const fields: Record<string, string | string[]> = Object.create(null)
    for (const [name, value] of new URLSearchParams(body as string)) {
      const had = fields[name]
      fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value]
    }
    done(null, fields)
  })

  const html = (reply: FastifyReply, status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page)
  const tokenOf = (request: FastifyRequest) => String((request.params as Record<string, unknown>)['*'] ?? '')
  /** The language a `lang` value names, else the browser's (Accept-Language), else English. */
  const langOf = (request: FastifyRequest, value: unknown) => chooseLang(value, request.headers['accept-language'])
  const queryLang = (request: FastifyRequest) => langOf(request, (request.query as Record<string, unknown> | undefined)?.lang)

  /** Runs `work`; the database away or slow gets a page that says to retry. */
  const guarded = async (reply: FastifyReply, lang: PageLang, work: () => Promise<FastifyReply>) => {
    try {
      return await work()
    } catch (err) {
      if (!databaseFault(err)) throw err
      reply.header('retry-after', String(RETRY_AFTER_S.unavailable))
      return html(reply, 503, renderUnavailablePage(lang))
    }
  }

  const options = {
    schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 12 })) }) },
    config: { rateLimit: { max: UPDATE_RATE_LIMIT, timeWindow: 60_000 } },
    bodyLimit: UPDATE_BODY_LIMIT,
  }

  /** The update page for a live link; `sent` is a propose form that came back with a problem. */
  const updatePage = async (
    reply: FastifyReply,
    link: ResolvedLink,
    token: string,
    lang: PageLang,
    now: Date,
    sent?: { form: ProposalForm; problem: ProposalProblem },
    status?: { text: string; error: boolean },
  ) => {
    const [site, listing, trusted] = await Promise.all([findSiteDetail(app.db, link.siteId), loadListing(app.db, link.siteId), isTrusted(app.db, link.siteId)])
    if (!site || !listing) return html(reply, 404, renderLinkNotFoundPage(lang))
    const current = formOfListing(listing.values)
    const proposal = { form: sent?.form ?? current.form, complexHours: current.complexHours, trusted, ...(sent ? { problem: sent.problem } : {}) }
    const page = renderUpdatePage({
      token,
      lang,
      now,
      site: presentSite(site, now),
      expiresAt: link.expiresAt,
      proposal,
      ...(status ? { statusMessage: status } : {}),
    })
    return html(reply, sent || status?.error ? 400 : 200, page)
  }

  /** The field a 400 from validateProposal names ("changes.postal_code must …"). */
  const fieldOf = (err: ApiError): ProposableField | null => {
    const name = /^changes\.([a-z_0-9]+)/.exec(err.message)?.[1]
    return (PROPOSABLE_FIELDS as readonly string[]).includes(name ?? '') ? (name as ProposableField) : null
  }

  /** "Send the changes": the fields that changed become a change request, or the form comes back saying what to fix. */
  const propose = async (reply: FastifyReply, link: ResolvedLink, token: string, lang: PageLang, body: Record<string, unknown>, now: Date) => {
    const listing = await loadListing(app.db, link.siteId)
    if (!listing) return html(reply, 404, renderLinkNotFoundPage(lang))
    const form = formOfBody(body)
    let problem: ProposalProblem
    try {
      const changes = changedValues(listing.values, validateProposal(proposedFields(form, formOfListing(listing.values).form)))
      if (changes.size > 0) {
        const made = await proposeChanges(app.db, link, listing.values, changes, now)
        return html(reply, 200, renderProposedPage({ token, lang, applied: made.applied, fields: [...changes.keys()] }))
      }
      problem = { nothingChanged: true }
    } catch (err) {
      const field = err instanceof ApiError && err.code === ErrorCode.INVALID_FIELD ? fieldOf(err) : null
      if (err instanceof HoursTableError) problem = { field: 'hours', day: err.day }
      else if (field) problem = { field }
      else throw err
    }
    return updatePage(reply, link, token, lang, now, { form, problem })
  }

  /** "Post the status": today, supplies, treatment openings — applied at once, audited with the link's id. */
  const postStatus = async (reply: FastifyReply, link: ResolvedLink, token: string, lang: PageLang, body: Record<string, unknown>, now: Date) => {
    const words = statusWords(lang)
    try {
      const post = statusPostOf(body, lang)
      const posted = await postLiveStatus(app.db, link.siteId, post, { by: 'provider', linkId: link.id }, now)
      if (!posted) return html(reply, 404, renderLinkNotFoundPage(lang))
      return updatePage(reply, link, token, lang, now, undefined, { text: words.posted, error: false })
    } catch (err) {
      if (err instanceof StatusFormError) return updatePage(reply, link, token, lang, now, undefined, { text: err.message, error: true })
      if (err instanceof ApiError && err.code === ErrorCode.INVALID_FIELD)
        return updatePage(reply, link, token, lang, now, undefined, { text: words.errors.badTime, error: true })
      throw err
    }
  }

  app.get('/update/*', options, async (request, reply) => {
    const lang = queryLang(request)
    return guarded(reply, lang, async () => {
      const now = new Date()
      const token = tokenOf(request)
      const link = await resolveToken(app.db, token, now)
      if (!link) return html(reply, 404, renderLinkNotFoundPage(lang))
      return updatePage(reply, link, token, lang, now)
    })
  })

  app.post('/update/*', options, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const lang = body.lang !== undefined ? langOf(request, body.lang) : queryLang(request)
    return guarded(reply, lang, async () => {
      const now = new Date()
      const token = tokenOf(request)
      const link = await resolveToken(app.db, token, now)
      if (!link) return html(reply, 404, renderLinkNotFoundPage(lang))
      if (body.action === 'propose') return propose(reply, link, token, lang, body, now)
      if (body.action === STATUS_ACTION) return postStatus(reply, link, token, lang, body, now)
      const date = await confirmThroughLink(app.db, link, now)
      return html(reply, 200, renderThanksPage({ token, lang, date }))
    })
  })
}

export default updateRoutes
