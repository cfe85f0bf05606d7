/**
 * Pure text formatting shared by the map page and the server-rendered /lite page: opening
 * state ("Open now · closes 8 pm"), clock times, distances, dates, tel: links.
 * No DOM and no Node APIs, so both sides import it.
 */
export type Lang = 'en' | 'es'

const WORDS = {
  en: {
    openNow: 'Open now',
    closed: 'Closed',
    hoursUnknown: 'Hours not listed',
    closes: 'closes',
    opens: 'opens',
    today: 'today',
    tomorrow: 'tomorrow',
    mi: 'mi',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  },
  es: {
    openNow: 'Abierto ahora',
    closed: 'Cerrado',
    hoursUnknown: 'Horario no indicado',
    closes: 'cierra a las',
    opens: 'abre',
    today: 'hoy',
    tomorrow: 'mañana',
    mi: 'mi',
    days: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
  },
} as const

/** Day codes in ISO order, as the API's hours rules use them. */
export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** Short weekday name (0 = Monday). */
export function dayName(index: number, lang: Lang): string {
  return WORDS[lang].days[index] ?? ''
}

/** '20:00' → '8 pm' (en) or '8 p. m.' (es); '09:30' → '9:30 am'. */
export function clockText(hhmm: string, lang: Lang): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  const hour = h % 24
  const h12 = hour % 12 === 0 ? 12 : hour % 12
  const suffix = lang === 'es' ? (hour < 12 ? 'a. m.' : 'p. m.') : hour < 12 ? 'am' : 'pm'
  if (h === 24 || (h === 0 && m === 0)) return lang === 'es' ? '12 a. m.' : 'midnight'
  return `${h12}${m ? ':' + String(m).padStart(2, '0') : ''} ${suffix}`
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>()

/** 'YYYY-MM-DD' of an instant in an IANA timezone. */
export function localDate(instant: Date, timezone: string): string {
  let f = dateFormatters.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormatters.set(timezone, f)
  }
  return f.format(instant)
}

/** Weekday (0 = Monday) of a 'YYYY-MM-DD' date. */
function weekdayOf(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000)
}

/**
 * The opening state as people say it: "Open now · closes 8 pm", "Closed · opens Mon 9 am",
 * "Hours not listed". `nextChange` is ISO with the site's own offset, so its clock part is
 * already the site's local time.
 */
export function openStatusText(openNow: boolean | null, nextChange: string | null, timezone: string, now: Date, lang: Lang): string {
  const w = WORDS[lang]
  if (openNow === null) return w.hoursUnknown
  const head = openNow ? w.openNow : w.closed
  if (!nextChange) return head
  const date = nextChange.slice(0, 10)
  const clock = clockText(nextChange.slice(11, 16), lang)
  let today = date
  try {
    today = localDate(now, timezone)
  } catch {
    // Unknown timezone name in this browser: say the weekday rather than guess "today".
    today = ''
  }
  const ahead = today ? daysBetween(today, date) : 99
  // A week or more ahead (a monthly clinic), the weekday alone would be ambiguous: the date too.
  const weekday = dayName(weekdayOf(date), lang)
  const when = ahead === 0 ? '' : ahead === 1 ? `${w.tomorrow} ` : ahead >= 7 && ahead < 99 ? `${weekday} ${dateText(date, lang)} ` : `${weekday} `
  return `${head} · ${openNow ? w.closes : w.opens} ${when}${clock}`
}

/** "0.4 mi", "12 mi". */
export function distanceText(miles: number, lang: Lang): string {
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles)
  return `${rounded.toLocaleString(lang === 'es' ? 'es-US' : 'en-US')} ${WORDS[lang].mi}`
}

/** A verification date for people: "Oct 1, 2026" / "1 oct 2026". */
export function dateText(date: string, lang: Lang): string {
  const parsed = new Date(date.slice(0, 10) + 'T12:00:00Z')
  if (Number.isNaN(parsed.getTime())) return date
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed)
}

/** A tel: URI for a displayed US number: "(410) 555-0100" → "tel:+14105550100". */
export function telHref(number: string, extension?: string | null): string {
  const digits = number.replace(/[^\d+]/g, '')
  const e164 = /^\d{10}$/.test(digits) ? '+1' + digits : /^1\d{10}$/.test(digits) ? '+' + digits : digits
  return `tel:${e164}${extension ? ';ext=' + extension.replace(/\D/g, '') : ''}`
}

/** "1 Test St, Baltimore, MD 21201" from address parts, skipping blanks. */
export function addressText(parts: {
  address_1: string | null
  address_2?: string | null
  city: string | null
  region: string | null
  postal_code: string | null
}): string {
  const street = [parts.address_1, parts.address_2].filter(Boolean).join(', ')
  const cityLine = [parts.city, [parts.region, parts.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  return [street, cityLine].filter(Boolean).join(', ')
}
