/**
 * Pure text formatting shared by the map page and the server-rendered /lite page: opening
 * state ("Open now · closes 8 pm"), clock times, distances, dates, tel: links.
 * No DOM and no Node APIs, so both sides import it.
 */
export type Lang = 'en' | 'es'

const WORDS = {
  en: {
    openNow: 'Open now',
    open24: 'Open 24 hours',
    closed: 'Closed',
    hoursUnknown: 'Hours not listed',
    closes: 'closes',
    opens: 'opens',
    today: 'today',
    tomorrow: 'tomorrow',
    // "closes 8 pm", "closes tomorrow 9 am", "closes Fri Dec 11, 2026 9 am"
    day: (weekday: string, date: string | null) => (date ? `${weekday} ${date} ` : `${weekday} `),
    at: (clock: string) => clock,
    atMidnight: 'at midnight',
    mi: 'mi',
    about: (distance: string) => `about ${distance}`,
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  },
  es: {
    openNow: 'Abierto ahora',
    open24: 'Abierto las 24 horas',
    closed: 'Cerrado',
    hoursUnknown: 'Horario no indicado',
    closes: 'cierra',
    opens: 'abre',
    today: 'hoy',
    tomorrow: 'mañana',
    // "cierra a las 8 p. m.", "abre mañana a las 9 a. m.", "abre el vie 11 dic 2026 a la 1 p. m."
    day: (weekday: string, date: string | null) => (date ? `el ${weekday} ${date} ` : `el ${weekday} `),
    at: (clock: string) => (/^1(:|\s)/.test(clock) ? `a la ${clock}` : `a las ${clock}`),
    atMidnight: 'a medianoche',
    mi: 'mi',
    about: (distance: string) => `aprox. ${distance}`,
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
 * "Open 24 hours", "Hours not listed". `nextChange` is ISO with the site's own offset, so its
 * clock part is already the site's local time. A site whose next closing is a day or more away
 * (or never, within the horizon the API looks at) is open around the clock: "Open 24 hours".
 * A closing at 00:00 is the end of the day before: "closes at midnight", not "closes tomorrow 12 am".
 */
export function openStatusText(openNow: boolean | null, nextChange: string | null, timezone: string, now: Date, lang: Lang): string {
  const w = WORDS[lang]
  if (openNow === null) return w.hoursUnknown
  if (openNow && !nextChange) return w.open24
  const aroundTheClock = openNow && nextChange !== null && Date.parse(nextChange) - now.getTime() >= 86_400_000
  const head = aroundTheClock ? w.open24 : openNow ? w.openNow : w.closed
  if (!nextChange) return head
  let date = nextChange.slice(0, 10)
  const hhmm = nextChange.slice(11, 16)
  const midnightClose = openNow && hhmm === '00:00'
  if (midnightClose) date = addDay(date, -1)
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
  const when = ahead === 0 ? '' : ahead === 1 ? `${w.tomorrow} ` : w.day(weekday, ahead >= 7 && ahead < 99 ? dateText(date, lang) : null)
  const at = midnightClose ? w.atMidnight : w.at(clockText(hhmm, lang))
  return `${head} · ${openNow ? w.closes : w.opens} ${when}${at}`
}

function addDay(date: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Whether a result's point is only near the site (a ZIP or city centroid), not at its door. */
export function isApproximateLocation(precision: string): boolean {
  return precision !== 'exact' && precision !== 'street'
}

/**
 * "0.4 mi", "12 mi"; for an approximate point (`approximate`), "about 3 mi" in whole miles and
 * never less than "about 1 mi": a ZIP centroid 0.2 mi away says nothing about the door.
 */
export function distanceText(miles: number, lang: Lang, approximate = false): string {
  const locale = lang === 'es' ? 'es-US' : 'en-US'
  if (approximate) return WORDS[lang].about(`${Math.max(1, Math.round(miles)).toLocaleString(locale)} ${WORDS[lang].mi}`)
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles)
  return `${rounded.toLocaleString(locale)} ${WORDS[lang].mi}`
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

const pluralRules = new Map<Lang, Intl.PluralRules>()

/**
 * The form of a word for a count, by the language's plural rules (Intl.PluralRules):
 * plural(3, 'en', { one: '1 place', other: '3 places' }) → '3 places'. A category the forms
 * lack (Spanish "many" for a million) takes `other`.
 */
export function plural(n: number, lang: Lang, forms: { one: string; other: string }): string {
  let rules = pluralRules.get(lang)
  if (!rules) {
    rules = new Intl.PluralRules(lang === 'es' ? 'es-US' : 'en-US')
    pluralRules.set(lang, rules)
  }
  return rules.select(n) === 'one' ? forms.one : forms.other
}

/**
 * A sentence's end: a period, unless the text already ends with one — a Spanish time
 * ("11:02 a. m.") or an abbreviation — so "de vuelta a las 11:02 a. m." never gets "..".
 */
export function endSentence(text: string): string {
  const trimmed = String(text).trimEnd()
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`
}
