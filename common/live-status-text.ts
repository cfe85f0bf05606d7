/**
 * Live status in words, for the map page, /lite, the provider page and the route planner:
 * "Naloxone in stock · updated 2 hours ago". Each line has a tone so a page can mark the bad
 * news (out, not running, no beds) without relying on colour alone: the words say it.
 */
import type { LiveStatusItem } from './contract/live-status.js'
import { clockText, plural, type Lang } from './format.js'

export type LiveTone = 'good' | 'warn' | 'bad'

export interface LiveLine {
  topic: LiveStatusItem['topic']
  text: string
  /** "updated 2 hours ago". */
  age: string
  tone: LiveTone
  /** "from the site" or "from a curator". */
  by: string
}

const SUPPLY_WORDS = {
  en: {
    naloxone: { in_stock: 'Naloxone in stock', low: 'Naloxone running low', out: 'Naloxone out' },
    test_strips: { in_stock: 'Fentanyl test strips in stock', low: 'Fentanyl test strips running low', out: 'Fentanyl test strips out' },
    syringes: { in_stock: 'Syringes in stock', low: 'Syringes running low', out: 'Syringes out' },
  },
  es: {
    naloxone: { in_stock: 'Naloxona disponible', low: 'Queda poca naloxona', out: 'Sin naloxona' },
    test_strips: {
      in_stock: 'Tiras de prueba de fentanilo disponibles',
      low: 'Quedan pocas tiras de prueba de fentanilo',
      out: 'Sin tiras de prueba de fentanilo',
    },
    syringes: { in_stock: 'Jeringas disponibles', low: 'Quedan pocas jeringas', out: 'Sin jeringas' },
  },
} as const

const WORDS = {
  en: {
    not_running: 'Not running today',
    closing_early: (time: string) => `Closing early today, at ${time}`,
    open_late: (time: string) => `Open late today, until ${time}`,
    intake: { yes: 'Taking new patients', waitlist: 'Waitlist for new patients', no: 'Not taking new patients' },
    sameDay: { yes: 'Same-day buprenorphine start', no: 'No same-day buprenorphine start' },
    beds: (n: number) => (n === 0 ? 'No open beds' : plural(n, 'en', { one: '1 open bed', other: `${n} open beds` })),
    updated: (ago: string) => `updated ${ago}`,
    justNow: 'just now',
    bySite: 'from the site',
    byCurator: 'from a curator',
    heading: 'Today and supplies',
  },
  es: {
    not_running: 'No abre hoy',
    closing_early: (time: string) => `Cierra temprano hoy, a las ${time}`,
    open_late: (time: string) => `Abre hasta tarde hoy, hasta las ${time}`,
    intake: { yes: 'Acepta pacientes nuevos', waitlist: 'Lista de espera para pacientes nuevos', no: 'No acepta pacientes nuevos' },
    sameDay: { yes: 'Inicio de buprenorfina el mismo día', no: 'Sin inicio de buprenorfina el mismo día' },
    beds: (n: number) => (n === 0 ? 'No hay camas disponibles' : plural(n, 'es', { one: '1 cama disponible', other: `${n} camas disponibles` })),
    updated: (ago: string) => `actualizado ${ago}`,
    justNow: 'ahora mismo',
    bySite: 'del sitio',
    byCurator: 'de un curador',
    heading: 'Hoy y suministros',
  },
} as const

/** The heading over a site's live status. */
export const liveHeading = (lang: Lang) => WORDS[lang].heading

const relative = new Map<Lang, Intl.RelativeTimeFormat>()

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago" (es: "hace 2 horas"). */
export function agoText(postedAt: string, now: Date, lang: Lang): string {
  const seconds = Math.max(0, (now.getTime() - Date.parse(postedAt)) / 1000)
  if (seconds < 60) return WORDS[lang].justNow
  let format = relative.get(lang)
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { numeric: 'always' })
    relative.set(lang, format)
  }
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute')
  if (seconds < 86400) return format.format(-Math.floor(seconds / 3600), 'hour')
  return format.format(-Math.floor(seconds / 86400), 'day')
}

function statusText(item: LiveStatusItem, lang: Lang): { text: string; tone: LiveTone } | null {
  const w = WORDS[lang]
  switch (item.topic) {
    case 'today':
      if (item.value === 'not_running') return { text: w.not_running, tone: 'bad' }
      if (item.value === 'closing_early' && item.time) return { text: w.closing_early(clockText(item.time, lang)), tone: 'warn' }
      if (item.value === 'open_late' && item.time) return { text: w.open_late(clockText(item.time, lang)), tone: 'good' }
      return null
    case 'naloxone':
    case 'test_strips':
    case 'syringes': {
      const level = item.value as 'in_stock' | 'low' | 'out'
      const text = SUPPLY_WORDS[lang][item.topic][level]
      return text ? { text, tone: level === 'in_stock' ? 'good' : level === 'low' ? 'warn' : 'bad' } : null
    }
    case 'accepting_new_patients': {
      const answer = item.value as 'yes' | 'waitlist' | 'no'
      const text = w.intake[answer]
      return text ? { text, tone: answer === 'yes' ? 'good' : answer === 'waitlist' ? 'warn' : 'bad' } : null
    }
    case 'same_day_start':
      return { text: item.value === true ? w.sameDay.yes : w.sameDay.no, tone: item.value === true ? 'good' : 'warn' }
    case 'beds_available': {
      const n = Number(item.value)
      return Number.isInteger(n) ? { text: w.beds(n), tone: n > 0 ? 'good' : 'bad' } : null
    }
  }
  return null
}

/** The lines to show, in the API's order, leaving out what has expired by `now`. */
export function liveLines(items: readonly LiveStatusItem[] | undefined, now: Date, lang: Lang): LiveLine[] {
  const lines: LiveLine[] = []
  for (const item of items ?? []) {
    if (Date.parse(item.expires_at) <= now.getTime()) continue
    const said = statusText(item, lang)
    if (!said) continue
    lines.push({
      topic: item.topic,
      ...said,
      age: WORDS[lang].updated(agoText(item.posted_at, now, lang)),
      by: item.posted_by === 'provider' ? WORDS[lang].bySite : WORDS[lang].byCurator,
    })
  }
  return lines
}

/** One line as plain text: "Naloxone in stock · updated 2 hours ago". */
export const liveLineText = (line: LiveLine) => `${line.text} · ${line.age}`
