/**
 * What a card and the detail panel say about a listing's freshness and its curators' words:
 * "Verified Oct 1, 2026 · ✓ Recent" (the age class as words and a badge whose border and
 * symbol differ too, so colour is never the only sign), a temporary closure, a public note,
 * and that the map point is only approximate (a ZIP or city centroid).
 */
import { closureText, notePrefix } from '../../common/curator-notes.js'
import { isApproximateLocation } from '../../common/format.js'
import { liveHeading, liveLines } from '../../common/live-status-text.js'
import { siteToday, verificationLine } from '../../common/verification.js'
import type { SiteResult } from './api.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'

type Listing = Pick<SiteResult, 'assured_date' | 'timezone' | 'status' | 'status_until' | 'status_reason' | 'public_note'>

/** The verification line: the date (or "today") and the age badge; "Never verified" alone without a date. */
export function verificationLineOf(site: Listing, now: Date): HTMLParagraphElement {
  const line = verificationLine(site.assured_date, siteToday(now, site.timezone), currentLang())
  return h(
    'p',
    { class: `verified age-${line.age}` },
    line.verified ? `${line.verified} · ` : null,
    h('span', { class: 'age-badge' }, h('span', { class: 'age-icon', 'aria-hidden': 'true' }, line.icon), ' ', line.label),
  )
}

/**
 * "Temporarily closed until Dec 15, 2026: …" for a temporarily closed site, else null. It
 * takes the place of the opening state: weekly hours would say "Open now" while it is shut.
 */
export function closureOf(site: Listing, now: Date): HTMLElement | null {
  const text = closureText(site.status, site.status_until, site.status_reason, siteToday(now, site.timezone), currentLang())
  return text ? h('strong', { class: 'status closure' }, text) : null
}

/** "Note from the listing's curators: …", or null without a note. */
export function publicNoteOf(site: Listing): HTMLParagraphElement | null {
  if (!site.public_note) return null
  return h('p', { class: 'public-note' }, h('span', { class: 'note-label' }, notePrefix(currentLang())), ' ', site.public_note)
}

/**
 * "Approximate location (ZIP area)" for a site placed at a ZIP or city centroid, else null.
 * `detail` adds what that means for the map point and the directions.
 */
export function approximateBadgeOf(site: { location_precision: string }, detail = false): HTMLElement | null {
  if (!isApproximateLocation(site.location_precision)) return null
  const s = t()
  const text = s.approxLocation[site.location_precision] ?? s.approxLocation.unknown ?? ''
  return h(
    'p',
    { class: 'approx-location' },
    h('span', { class: 'approx-badge' }, h('span', { 'aria-hidden': 'true' }, '≈ '), text),
    detail ? h('span', { class: 'approx-note' }, ` ${s.approxNote}`) : null,
  )
}

/**
 * The site's live status, one line each: "Naloxone in stock · updated 2 hours ago". Bad news
 * (out, not running today) is marked with a symbol as well as colour; expired posts are gone.
 */
export function liveStatusOf(site: Pick<SiteResult, 'live_status'>, now: Date, withHeading = false): HTMLElement | null {
  const lang = currentLang()
  const lines = liveLines(site.live_status, now, lang)
  if (lines.length === 0) return null
  const list = h(
    'ul',
    { class: 'live-status', 'aria-label': liveHeading(lang) },
    ...lines.map((line) =>
      h(
        'li',
        { class: `live live-${line.tone}`, 'data-topic': line.topic },
        h('span', { class: 'live-icon', 'aria-hidden': 'true' }, line.tone === 'good' ? '●' : line.tone === 'warn' ? '◐' : '○'),
        ' ',
        h('span', { class: 'live-text' }, line.text),
        h('span', { class: 'live-age' }, ` · ${line.age}`),
      ),
    ),
  )
  return withHeading ? h('section', {}, h('h3', {}, liveHeading(lang)), list) : list
}
