/**
 * The page's API calls with a fallback for no signal: a search, a site page or the filter
 * labels come from the saved areas when the network fails (or the phone says it is offline),
 * and a report waits in the outbox. Every offline answer says so (`offline`), so the page never
 * shows saved listings as live.
 *
 *   const answer = await searchAnywhere(body, signal)   // answer.offline: { savedAt, complete } when saved
 */
import type { ReportBody } from '../../../common/contract/report.js'
import type { AvailabilityReportBody, AvailabilityReportCreated } from '../../../common/contract/availability.js'
import {
  ApiFailure,
  fetchSite,
  fetchTaxonomy,
  planRoute,
  searchSites,
  sendAvailabilityReport,
  sendReport,
  type RoutePlan,
  type RouteRequestBody,
  type SearchBody,
  type Taxonomy,
} from '../api.js'
import { dropQueuedReport, queueReport, queuedReports, savedTaxonomy } from './saved-areas.js'

import type { PageSearchResponse, PageSiteDetail } from './answers.js'

export type { OfflineNote, PageSearchResponse, PageSiteDetail } from './answers.js'

/** True when the browser knows it has no network: skip the request that would fail slowly. */
const knownOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false

async function online<T>(call: () => Promise<T>): Promise<T | null> {
  if (knownOffline()) return null
  try {
    return await call()
  } catch (err) {
    if (err instanceof ApiFailure && err.code === 'NETWORK') return null
    throw err
  }
}

/** One page of results: the server's, or with no signal the saved areas'. */
export async function searchAnywhere(body: SearchBody, signal?: AbortSignal): Promise<PageSearchResponse> {
  const live = await online(() => searchSites(body, signal))
  if (live) return live
  return (await import('./answers.js')).savedSearch(body)
}

/** One site: the server's page, or with no signal what was saved of it. */
export async function siteAnywhere(id: string): Promise<PageSiteDetail> {
  const live = await online(() => fetchSite(id))
  if (live) return live
  return (await import('./answers.js')).savedSite(id)
}

/**
 * A route plan: the server's, or with no signal one made here from the saved listings with
 * straight-line estimates (the solver loads only then: it is a chunk of its own).
 */
export async function planAnywhere(req: RouteRequestBody, signal?: AbortSignal): Promise<RoutePlan> {
  const live = await online(() => planRoute(req, signal))
  if (live) return live
  const { planSaved } = await import('./offline-plan.js')
  const plan = await planSaved(req)
  if (!plan) throw new ApiFailure(0, 'NETWORK')
  return plan
}

/** The filter labels: the server's, or those kept with the last save. */
export async function taxonomyAnywhere(): Promise<Taxonomy> {
  const live = await online(() => fetchTaxonomy())
  if (live) return live
  const saved = await savedTaxonomy()
  if (!saved) throw new ApiFailure(0, 'NETWORK')
  return saved
}

/** How a report went: sent, or kept in the outbox until the phone is back online. */
export type ReportOutcome = 'sent' | 'queued'

/** Sends a problem report, or with no signal queues it (only where the phone can keep it). */
export async function reportAnywhere(site: { id: string; name: string }, kind: ReportBody['kind'], message: string): Promise<ReportOutcome> {
  const sent = await online(() => sendReport(site.id, kind, message))
  if (sent !== null) return 'sent'
  await queueReport({ siteId: site.id, siteName: site.name, kind: 'report', body: { kind, message } })
  announceOutbox()
  return 'queued'
}

/** Sends an availability report (resolving to the server's receipt), or with no signal queues it (null). */
export async function availabilityAnywhere(site: { id: string; name: string }, body: AvailabilityReportBody): Promise<AvailabilityReportCreated | null> {
  const sent = await online(() => sendAvailabilityReport(site.id, body))
  if (sent !== null) return sent
  await queueReport({ siteId: site.id, siteName: site.name, kind: 'availability', body: { ...body } })
  announceOutbox()
  return null
}

/** Tells the page's outbox list to redraw (an event, so this module needs no view). */
function announceOutbox(): void {
  dispatchEvent(new CustomEvent('hrl-outbox'))
}

let flushing: Promise<number> | null = null

/**
 * Sends what waits in the outbox, oldest first; resolves to how many went. A report the server
 * refuses for good (the site is gone, the text is refused) leaves the outbox too; a network
 * failure stops the round, and the rest waits for the next.
 */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0
    try {
      for (const item of await queuedReports()) {
        if (knownOffline()) break
        try {
          if (item.kind === 'report') {
            const body = item.body as ReportBody
            await sendReport(item.siteId, body.kind, body.message ?? '')
          } else {
            await sendAvailabilityReport(item.siteId, item.body as AvailabilityReportBody)
          }
          sent++
        } catch (err) {
          if (err instanceof ApiFailure && (err.code === 'NETWORK' || err.status === 429 || err.status >= 500)) break
        }
        if (item.id !== undefined) await dropQueuedReport(item.id)
      }
    } finally {
      flushing = null
      announceOutbox()
    }
    return sent
  })()
  return flushing
}
