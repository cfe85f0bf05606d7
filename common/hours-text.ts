/**
 * Opening rules that repeat other than weekly, in words, for the map page and the /lite page:
 * "2nd and 4th Tue of the month: 10 am – 2 pm", "Every 2 weeks: Sat (from Nov 7, 2026)",
 * "the 1st and last day of the month". A week's table holds the weekly rules; these are
 * listed under it. Pure (no DOM, no Node APIs).
 */
import { clockText, DAY_CODES, dayName, type Lang } from './format.js'

/** The fields of an opening rule these words need (the API's hours rule). */
export interface RuleView {
  byday: string
  opens: string
  closes: string
  freq?: 'WEEKLY' | 'MONTHLY'
  interval?: number
  bymonthday?: string
  dtstart?: string
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th'
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'
}

const WORDS = {
  en: {
    alsoOpen: 'Also open',
    allDay: 'Open 24 hours',
    allWeek: 'Open 24 hours, every day',
    nthWeekday: (nths: string, day: string) => `${nths} ${day} of the month`,
    everyWeekday: (day: string) => `every ${day}`,
    ordinal: (n: number) => (n === -1 ? 'last' : n < 0 ? `${-n}${ordinalSuffix(-n)} to last` : `${n}${ordinalSuffix(n)}`),
    monthDay: (n: number) => `${n}${ordinalSuffix(n)}`,
    monthDays: (days: string) => `the ${days} of the month`,
    lastMonthDay: 'last day',
    everyWeeks: (n: number, days: string) => `Every ${n} weeks: ${days}`,
    everyMonths: (n: number, what: string) => `Every ${n} months: ${what}`,
    and: 'and',
    startingOn: (date: string) => `from ${date}`,
    locale: 'en-US',
  },
  es: {
    alsoOpen: 'También abre',
    allDay: 'Abierto las 24 horas',
    allWeek: 'Abierto las 24 horas, todos los días',
    nthWeekday: (nths: string, day: string) => `${nths} ${day} del mes`,
    everyWeekday: (day: string) => `cada ${day}`,
    ordinal: (n: number) => (n === -1 ? 'último' : n < 0 ? `${-n}.º antes del último` : `${n}.º`),
    monthDay: (n: number) => `día ${n}`,
    monthDays: (days: string) => `${days} del mes`,
    lastMonthDay: 'último día',
    everyWeeks: (n: number, days: string) => `Cada ${n} semanas: ${days}`,
    everyMonths: (n: number, what: string) => `Cada ${n} meses: ${what}`,
    and: 'y',
    startingOn: (date: string) => `desde el ${date}`,
    locale: 'es-US',
  },
}

/** The heading over the recurring rules, under a week's table ("Also open"). */
export function alsoOpenText(lang: Lang): string {
  return WORDS[lang].alsoOpen
}

/**
 * True when a rule is the whole day: 00:00–00:00 (how importers write "24 hours") or
 * 00:00–24:00, with or without seconds.
 */
export function isAllDayRule(rule: Pick<RuleView, 'opens' | 'closes'>): boolean {
  return rule.opens.startsWith('00:00') && (rule.closes.startsWith('00:00') || rule.closes.startsWith('24:00'))
}

/** "Open 24 hours" (one day's whole-day opening), in the reader's language. */
export function allDayText(lang: Lang): string {
  return WORDS[lang].allDay
}

/**
 * "Open 24 hours, every day" when weekly rules cover every day whole (a 24/7 site), else null:
 * one line instead of seven rows saying the same.
 */
export function allWeekText(rules: readonly RuleView[], lang: Lang): string | null {
  const weekly = rules.filter((r) => !isRecurringRule(r) && isAllDayRule(r))
  const days = new Set(weekly.flatMap((r) => r.byday.split(',')))
  return DAY_CODES.every((d) => days.has(d)) ? WORDS[lang].allWeek : null
}

/** True when a rule repeats other than every week. */
export function isRecurringRule(rule: RuleView): boolean {
  return (rule.freq ?? 'WEEKLY') !== 'WEEKLY' || (rule.interval ?? 1) > 1
}

function listText(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang].and} ${items[items.length - 1]}`
}

function dateText(date: string, lang: Lang): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(WORDS[lang].locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
}

// 1, 2, … first, then the days counted from the end (-2 before -1).
const byOrdinal = (a: number, b: number) => (a < 0 ? 100 + a : a) - (b < 0 ? 100 + b : b)

/** Which days a recurring rule opens on, in words. */
export function recurrenceText(rule: RuleView, lang: Lang): string {
  const w = WORDS[lang]
  const byDay = new Map<number, number[]>()
  for (const item of rule.byday ? rule.byday.split(',') : []) {
    const day = DAY_CODES.indexOf(item.slice(-2) as (typeof DAY_CODES)[number])
    if (day < 0) continue
    byDay.set(day, [...(byDay.get(day) ?? []), item.length > 2 ? Number(item.slice(0, -2)) : 0])
  }
  const interval = rule.interval ?? 1
  const from = rule.dtstart ? ` (${w.startingOn(dateText(rule.dtstart, lang))})` : ''
  if ((rule.freq ?? 'WEEKLY') === 'WEEKLY') {
    const days = [...byDay.keys()].sort((a, b) => a - b).map((d) => dayName(d, lang))
    return `${w.everyWeeks(interval, listText(days, lang))}${from}`
  }
  const parts = [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, nths]) =>
      nths.includes(0) ? w.everyWeekday(dayName(day, lang)) : w.nthWeekday(listText(nths.sort(byOrdinal).map(w.ordinal), lang), dayName(day, lang)),
    )
  if (rule.bymonthday) {
    const days = rule.bymonthday.split(',').map(Number).sort(byOrdinal)
    parts.push(
      w.monthDays(
        listText(
          days.map((n) => (n === -1 ? w.lastMonthDay : n < 0 ? w.ordinal(n) : w.monthDay(n))),
          lang,
        ),
      ),
    )
  }
  const what = listText(parts, lang)
  return interval > 1 ? `${w.everyMonths(interval, what)}${from}` : what
}

/** A recurring rule as one line: its days, then its times ("2nd and 4th Tue of the month: 10 am – 2 pm"). */
export function recurringLine(rule: RuleView, lang: Lang): string {
  const times = isAllDayRule(rule) ? WORDS[lang].allDay : `${clockText(rule.opens, lang)} – ${clockText(rule.closes, lang)}`
  return `${recurrenceText(rule, lang)}: ${times}`
}
