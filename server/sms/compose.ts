/**
 * A reply that fits a phone: at most two SMS segments. The richest wording that fits wins —
 * three places with name, distance, open now or today's hours, live status, phone, short
 * address and a /lite link each — and detail is shed in a fixed order (the links but the
 * first, the city, the live status's age, the other places' streets, the last link, the
 * addresses, the live status, the heading, then whole places, which wait for MORE) until it fits. Every reply is folded to
 * GSM-7 where it can be (segments.ts), which keeps a Spanish answer in GSM-7; a name GSM-7
 * cannot spell makes it UCS-2, with less room.
 */
import { closureText } from '../../common/curator-notes.js'
import { distanceText, endSentence, isApproximateLocation, openStatusText, type Lang } from '../../common/format.js'
import { liveLines, liveLineText } from '../../common/live-status-text.js'
import { siteToday } from '../../common/verification.js'
import type { SearchResult } from '../../common/contract/search.js'
import { countSegments, gsmSafe } from './segments.js'
import { SMS_WORDS } from './words.js'

/** The most segments a reply may take. */
export const MAX_SEGMENTS = 2

export interface ResultsMessage {
  lang: Lang
  heading: string
  /** Lines that always go (demo data, an ambiguous place). */
  notes: string[]
  results: readonly SearchResult[]
  /** The number of the first result (1, or 4 after MORE). */
  firstNumber: number
  /** Whether more results exist past these (a further page). */
  morePages: boolean
  /** PUBLIC_URL, for the /lite links; null: no links. */
  publicUrl: string | null
  now: Date
}

interface Detail {
  links: 'all' | 'first' | 'none'
  /** Street and city, street only, the first place's street only, or none. */
  address: 'full' | 'street' | 'first' | 'none'
  live: 'full' | 'short' | 'none'
  heading: boolean
}

/**
 * From the richest to the leanest. What a person on a basic phone needs most goes last: name,
 * distance, open state and phone stay; addresses outlast the link (a link needs data).
 */
const DETAILS: Detail[] = [
  { links: 'all', address: 'full', live: 'full', heading: true },
  { links: 'first', address: 'full', live: 'full', heading: true },
  { links: 'first', address: 'street', live: 'full', heading: true },
  { links: 'first', address: 'street', live: 'short', heading: true },
  { links: 'first', address: 'first', live: 'short', heading: true },
  { links: 'none', address: 'street', live: 'short', heading: true },
  { links: 'none', address: 'first', live: 'short', heading: true },
  { links: 'none', address: 'none', live: 'short', heading: true },
  { links: 'none', address: 'none', live: 'none', heading: true },
  { links: 'none', address: 'none', live: 'none', heading: false },
]

/** The /lite page of a site (its URL holds the id and the language only). */
export function liteLink(publicUrl: string, id: string, lang: Lang): string {
  return `${publicUrl}/lite/sites/${encodeURIComponent(id)}${lang === 'es' ? '?lang=es' : ''}`
}

function stateText(r: SearchResult, now: Date, lang: Lang): string {
  const closure = closureText(r.status, r.status_until, r.status_reason, siteToday(now, r.timezone), lang)
  return (closure ?? openStatusText(r.open_now, r.next_change, r.timezone, now, lang)).replace(/ · /g, ', ')
}

function resultText(r: SearchResult, n: number, detail: Detail, message: ResultsMessage, first: boolean): string {
  const { lang, now } = message
  const parts = [`${n}) ${r.name}`, distanceText(r.distance_mi, lang, isApproximateLocation(r.location_precision)), stateText(r, now, lang)]
  let line = endSentence(parts.join(' - '))
  const live = liveLines(r.live_status, now, lang)[0]
  if (live && detail.live !== 'none') line += ` ${endSentence(detail.live === 'full' ? liveLineText(live).replace(/ · /g, ', ') : live.text)}`
  if (r.phone) line += ` ${r.phone}.`
  const street = r.address_1 ?? ''
  const address =
    detail.address === 'full' ? [street, r.city].filter(Boolean).join(', ') : detail.address === 'street' || (detail.address === 'first' && first) ? street : ''
  if (address) line += ` ${endSentence(address)}`
  if (message.publicUrl && (detail.links === 'all' || (detail.links === 'first' && first))) line += ` ${liteLink(message.publicUrl, r.id, lang)}`
  return line
}

function render(message: ResultsMessage, count: number, detail: Detail): string {
  const lines = [...message.notes]
  if (detail.heading) lines.unshift(message.heading)
  message.results.slice(0, count).forEach((r, i) => lines.push(resultText(r, message.firstNumber + i, detail, message, i === 0)))
  if (message.morePages || count < message.results.length) lines.push(SMS_WORDS[message.lang].more)
  return gsmSafe(lines.join('\n'))
}

/** Whether the text goes in at most MAX_SEGMENTS segments. */
export function fits(text: string): boolean {
  return countSegments(text).segments <= MAX_SEGMENTS
}

/**
 * The longest start of `text` that fits, ending in "..." when cut (a last resort: a name too
 * long for any wording).
 */
export function cutToFit(text: string): string {
  if (fits(text)) return text
  const chars = [...text]
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (fits(chars.slice(0, mid).join('') + '...')) lo = mid
    else hi = mid - 1
  }
  return chars.slice(0, lo).join('').trimEnd() + '...'
}

/**
 * The reply for a page of results and how many of them it holds (the rest wait for MORE).
 * Example: composeResults({ lang: 'en', heading: 'Naloxone near 21201:', results, … }).text →
 * "Naloxone near 21201:\n1) Harbor Outreach - 0.4 mi - Open now, closes 8 pm. (410) 555-0100. 12 Pratt St, Baltimore. https://…/lite/sites/…\n…"
 */
export function composeResults(message: ResultsMessage): { text: string; shown: number } {
  for (let count = Math.min(3, message.results.length); count >= 1; count--) {
    for (const detail of DETAILS) {
      const text = render(message, count, detail)
      if (fits(text)) return { text, shown: count }
    }
  }
  // One place at the leanest still too long (a long name in UCS-2): shorten the name, not the phone.
  const lean = DETAILS[DETAILS.length - 1] as Detail
  const first = message.results[0]
  if (!first) return { text: cutToFit(render(message, 0, lean)), shown: 0 }
  const name = [...first.name]
  for (let keep = name.length - 1; keep >= 8; keep--) {
    const short = { ...first, name: `${name.slice(0, keep).join('').trimEnd()}...` }
    const text = render({ ...message, results: [short, ...message.results.slice(1)] }, 1, lean)
    if (fits(text)) return { text, shown: 1 }
  }
  return { text: cutToFit(render(message, 1, lean)), shown: 1 }
}

/** A reply without results, folded to GSM-7 where it can be and cut to fit. */
export function plainReply(text: string): string {
  return cutToFit(gsmSafe(text))
}
