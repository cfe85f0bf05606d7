/**
 * Pure text formatting shared by the map page and the server-rendered /lite page: opening
 * state ("Open now · closes 8 pm"), clock times, distances, dates, tel: links.
 * No DOM and no Node APIs, so both sides import it.
 */
export type Lang = 'en' | 'es'

/**
 * The map page's languages: /lite, the provider page and the curator console speak `Lang`;
 * the map page also speaks these six (machine-assisted, to be reviewed by native speakers).
 */
export type PageLang = Lang | 'zh-Hans' | 'vi' | 'ko' | 'tl' | 'ru' | 'ar'

export const PAGE_LANGS: readonly PageLang[] = ['en', 'es', 'zh-Hans', 'vi', 'ko', 'tl', 'ru', 'ar']

// Tagalog's locale data lives under Filipino ('fil'); Arabic takes Latin digits so numbers that
// Intl formats and numbers written into sentences look the same (Chromium and Node differ on 'ar').
const LOCALES: Record<PageLang, string> = {
  en: 'en-US',
  es: 'es-US',
  'zh-Hans': 'zh-Hans',
  vi: 'vi',
  ko: 'ko',
  tl: 'fil',
  ru: 'ru',
  ar: 'ar-u-nu-latn',
}

/** The Intl locale of a language: localeOf('es') → 'es-US', localeOf('tl') → 'fil'. */
export function localeOf(lang: PageLang): string {
  return LOCALES[lang]
}

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
  'zh-Hans': {
    openNow: '现在营业',
    open24: '24 小时营业',
    closed: '已关闭',
    hoursUnknown: '未列出营业时间',
    closes: '关闭时间',
    opens: '开放时间',
    today: '今天',
    tomorrow: '明天',
    day: (weekday: string, date: string | null) => (date ? `${date}${weekday} ` : `${weekday} `),
    at: (clock: string) => clock,
    atMidnight: '午夜',
    mi: '英里',
    about: (distance: string) => `约 ${distance}`,
    days: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  },
  vi: {
    openNow: 'Đang mở cửa',
    open24: 'Mở cửa 24 giờ',
    closed: 'Đã đóng cửa',
    hoursUnknown: 'Chưa có giờ mở cửa',
    closes: 'đóng cửa',
    opens: 'mở cửa',
    today: 'hôm nay',
    tomorrow: 'ngày mai',
    day: (weekday: string, date: string | null) => (date ? `${weekday} ${date} ` : `${weekday} `),
    at: (clock: string) => `lúc ${clock}`,
    atMidnight: 'lúc nửa đêm',
    mi: 'dặm',
    about: (distance: string) => `khoảng ${distance}`,
    days: ['Th 2', 'Th 3', 'Th 4', 'Th 5', 'Th 6', 'Th 7', 'CN'],
  },
  ko: {
    openNow: '지금 영업 중',
    open24: '24시간 영업',
    closed: '영업 종료',
    hoursUnknown: '운영 시간 정보 없음',
    closes: '종료',
    opens: '시작',
    today: '오늘',
    tomorrow: '내일',
    day: (weekday: string, date: string | null) => (date ? `${date} (${weekday}) ` : `${weekday}요일 `),
    at: (clock: string) => clock,
    atMidnight: '자정',
    mi: '마일',
    about: (distance: string) => `약 ${distance}`,
    days: ['월', '화', '수', '목', '금', '토', '일'],
  },
  tl: {
    openNow: 'Bukas ngayon',
    open24: 'Bukas nang 24 oras',
    closed: 'Sarado',
    hoursUnknown: 'Walang nakalistang oras',
    closes: 'magsasara',
    opens: 'magbubukas',
    today: 'ngayong araw',
    tomorrow: 'bukas',
    day: (weekday: string, date: string | null) => (date ? `sa ${weekday} ${date} ` : `sa ${weekday} `),
    at: (clock: string) => `nang ${clock}`,
    atMidnight: 'nang hatinggabi',
    mi: 'milya',
    about: (distance: string) => `mga ${distance}`,
    days: ['Lun', 'Mar', 'Miy', 'Huw', 'Biy', 'Sab', 'Lin'],
  },
  ru: {
    openNow: 'Сейчас открыто',
    open24: 'Открыто круглосуточно',
    closed: 'Закрыто',
    hoursUnknown: 'Часы работы не указаны',
    closes: 'закроется',
    opens: 'откроется',
    today: 'сегодня',
    tomorrow: 'завтра',
    day: (weekday: string, date: string | null) => (date ? `${weekday} ${date} ` : `в ${weekday} `),
    at: (clock: string) => `в ${clock}`,
    atMidnight: 'в полночь',
    mi: 'мили',
    about: (distance: string) => `около ${distance}`,
    days: ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'],
  },
  ar: {
    openNow: 'مفتوح الآن',
    open24: 'مفتوح 24 ساعة',
    closed: 'مغلق',
    hoursUnknown: 'ساعات العمل غير مذكورة',
    closes: 'يُغلق',
    opens: 'يفتح',
    today: 'اليوم',
    tomorrow: 'غدًا',
    day: (weekday: string, date: string | null) => (date ? `${weekday} ${date} ` : `يوم ${weekday} `),
    at: (clock: string) => `الساعة ${clock}`,
    atMidnight: 'عند منتصف الليل',
    mi: 'ميل',
    about: (distance: string) => `حوالي ${distance}`,
    days: ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
  },
} as const

/** Day codes in ISO order, as the API's hours rules use them. */
export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** Short weekday name (0 = Monday). */
export function dayName(index: number, lang: PageLang): string {
  return WORDS[lang].days[index] ?? ''
}

const clockFormatters = new Map<PageLang, Intl.DateTimeFormat>()

/**
 * '20:00' → '8 pm' (en) or '8 p. m.' (es); '09:30' → '9:30 am'. The other languages take
 * their clock from Intl: '20:00' → '20:00' (ru), '8:00 م' (ar), 'PM 8:00' (ko).
 */
export function clockText(hhmm: string, lang: PageLang): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  if (lang !== 'en' && lang !== 'es') {
    let f = clockFormatters.get(lang)
    if (!f) {
      // With minutes always: a 24-hour clock says "20:00", not a bare "20".
      f = new Intl.DateTimeFormat(localeOf(lang), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' })
      clockFormatters.set(lang, f)
    }
    return f.format(new Date(Date.UTC(2000, 0, 1, h % 24, m)))
  }
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
export function openStatusText(openNow: boolean | null, nextChange: string | null, timezone: string, now: Date, lang: PageLang): string {
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
export function distanceText(miles: number, lang: PageLang, approximate = false): string {
  const locale = localeOf(lang)
  if (approximate) return WORDS[lang].about(`${Math.max(1, Math.round(miles)).toLocaleString(locale)} ${WORDS[lang].mi}`)
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles)
  return `${rounded.toLocaleString(locale)} ${WORDS[lang].mi}`
}

/** A verification date for people: "Oct 1, 2026" / "1 oct 2026". */
export function dateText(date: string, lang: PageLang): string {
  const parsed = new Date(date.slice(0, 10) + 'T12:00:00Z')
  if (Number.isNaN(parsed.getTime())) return date
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed)
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

const pluralRules = new Map<PageLang, Intl.PluralRules>()

/** A word's forms by plural category; `other` is required, the rest as the language has them. */
export interface PluralForms {
  zero?: string
  one?: string
  two?: string
  few?: string
  many?: string
  other: string
}

/**
 * The form of a word for a count, by the language's plural rules (Intl.PluralRules):
 * plural(3, 'en', { one: '1 place', other: '3 places' }) → '3 places';
 * plural(3, 'ru', { one: …, few: '3 места', many: …, other: … }) → '3 места'. A category the
 * forms lack (Spanish "many" for a million) takes `other`.
 */
export function plural(n: number, lang: PageLang, forms: PluralForms): string {
  let rules = pluralRules.get(lang)
  if (!rules) {
    rules = new Intl.PluralRules(localeOf(lang))
    pluralRules.set(lang, rules)
  }
  return forms[rules.select(n)] ?? forms.other
}

/**
 * A sentence's end: a period, unless the text already ends with one — a Spanish time
 * ("11:02 a. m.") or an abbreviation — so "de vuelta a las 11:02 a. m." never gets "..".
 */
export function endSentence(text: string): string {
  const trimmed = String(text).trimEnd()
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`
}
