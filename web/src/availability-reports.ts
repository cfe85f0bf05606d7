/**
 * "Been here lately?" inside the detail panel: the week's availability reports (shown only when
 * there are any, always as unconfirmed) and three buttons — got supplies, they were out, they
 * were closed — each sending one anonymous report with no text. The kind goes in a POST body.
 */
import type { AvailabilityReports } from '../../common/contract/availability.js'
import { availabilityChoices, availabilitySummary } from '../../common/availability-text.js'
import { ApiFailure, type SiteDetail } from './api.js'
import { availabilityAnywhere } from './offline/offline-api.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'

/** The order the API lists kinds in (common/contract/availability.ts, read here as types only). */
const KIND_ORDER: readonly AvailabilityReports['counts'][number]['kind'][] = ['got_supplies', 'out_of_supplies', 'closed']

/** The counts line, or nothing when nobody reported this week. */
function summaryLine(reports: AvailabilityReports): HTMLElement | null {
  const summary = availabilitySummary(reports, currentLang())
  if (!summary) return null
  return h('p', { class: 'availability-counts' }, h('span', { class: 'availability-said' }, summary.said), ' ', summary.parts.join(' · '))
}

/** What to tell the person when a report could not be sent. */
function failureText(err: unknown): string {
  const s = t().availability
  if (err instanceof ApiFailure && err.status === 429) return s.tooMany
  if (err instanceof ApiFailure && err.status === 503) return s.unavailable
  return s.failed
}

/** The section for one site: counts (when any), the three buttons and a status line. */
export function availabilitySection(site: SiteDetail): HTMLElement {
  const s = t().availability
  // A copy, so a sent report shows in the counts at once without refetching the site.
  const reports: AvailabilityReports = structuredClone(site.availability_reports)
  const counts = h('div', { class: 'availability-summary' }, summaryLine(reports))
  const status = h('p', { class: 'availability-status', role: 'status' })
  const buttons = availabilityChoices(site.services, currentLang()).map((choice) => {
    const button = h('button', { type: 'button', class: 'btn secondary', 'data-kind': choice.kind }, choice.label)
    button.addEventListener('click', async () => {
      for (const b of buttons) b.disabled = true
      status.classList.remove('error')
      status.textContent = ''
      try {
        const created = await availabilityAnywhere(site, { kind: choice.kind, ...(choice.supply ? { supply: choice.supply } : {}) })
        if (created === null) {
          status.textContent = t().offlineUse.reportQueued
          return
        }
        const entry = reports.counts.find((c) => c.kind === choice.kind && c.supply === choice.supply)
        if (entry) entry.count += 1
        else {
          reports.counts.push({ kind: choice.kind, supply: choice.supply, count: 1, latest_at: created.created_at })
          reports.counts.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
        }
        reports.by_kind[choice.kind] += 1
        reports.total += 1
        counts.replaceChildren(summaryLine(reports) ?? '')
        // One report a visit: the buttons stay off after a thank-you.
        status.textContent = s.thanks
      } catch (err) {
        status.classList.add('error')
        status.textContent = failureText(err)
        for (const b of buttons) b.disabled = false
      }
    })
    return button
  })
  return h(
    'section',
    { class: 'detail-section availability' },
    h('h3', {}, s.heading),
    counts,
    h('div', { class: 'availability-buttons' }, ...buttons),
    h('p', { class: 'hint' }, s.hint),
    status,
  )
}
