/**
 * A site's next opening in words, for the map page and /lite: "Tue, Dec 8, 10 am–2 pm" /
 * "mar, 8 dic, 10 a. m.–2 p. m.". The times carry the site's own offset, so their date and
 * clock parts are already the site's local ones. Pure: no DOM, no Node APIs.
 *
 *   nextOpenText({ starts: '2026-12-08T10:00:00-05:00', ends: '2026-12-08T14:00:00-05:00' }, 'en')
 *   // 'Tue, Dec 8, 10 am–2 pm'
 */
import { clockText, localeOf, type PageLang } from './format.js'

export interface NextOpen {
  starts: string
  ends: string | null
}

const WORDS = {
  en: { next: 'Next here', from: (clock: string) => `from ${clock}` },
  es: { next: 'Próxima vez aquí', from: (clock: string) => (/^1(:|\s)/.test(clock) ? `desde la ${clock}` : `desde las ${clock}`) },
  'zh-Hans': { next: '下次在此', from: (clock: string) => `${clock} 起` },
  vi: { next: 'Lần tới ở đây', from: (clock: string) => `từ ${clock}` },
  ko: { next: '다음 운영', from: (clock: string) => `${clock}부터` },
  tl: { next: 'Susunod dito', from: (clock: string) => `mula ${clock}` },
  ru: { next: 'Следующий раз здесь', from: (clock: string) => `с ${clock}` },
  ar: { next: 'المرة القادمة هنا', from: (clock: string) => `من ${clock}` },
} as const

const formatters = new Map<PageLang, Intl.DateTimeFormat>()

/** "Tue, Dec 8" of a 'YYYY-MM-DD' date. */
function dayText(date: string, lang: PageLang): string {
  let f = formatters.get(lang)
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' })
    formatters.set(lang, f)
  }
  const parsed = new Date(`${date}T12:00:00Z`)
  return Number.isNaN(parsed.getTime()) ? date : f.format(parsed)
}

/** The opening's day and hours: "Tue, Dec 8, 10 am–2 pm"; open around the clock, "Tue, Dec 8, from 10 am". */
export function nextOpenText(open: NextOpen, lang: PageLang): string {
  const day = dayText(open.starts.slice(0, 10), lang)
  const opens = clockText(open.starts.slice(11, 16), lang)
  if (open.ends === null) return `${day}, ${WORDS[lang].from(opens)}`
  return `${day}, ${opens}–${clockText(open.ends.slice(11, 16), lang)}`
}

/** "Next here: Tue, Dec 8, 10 am–2 pm". */
export function nextHereText(open: NextOpen, lang: PageLang): string {
  return `${WORDS[lang].next}: ${nextOpenText(open, lang)}`
}
