/**
 * Opening rules that repeat other than weekly, in words, for the map page and the /lite page:
 * "2nd and 4th Tue of the month: 10 am – 2 pm", "Every 2 weeks: Sat (from Nov 7, 2026)",
 * "the 1st and last day of the month". A week's table holds the weekly rules; these are
 * listed under it. Pure (no DOM, no Node APIs).
 */
import { clockText, DAY_CODES, dayName, localeOf, type PageLang } from './format.js'

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
  'zh-Hans': {
    alsoOpen: '其他开放时间',
    allDay: '24 小时营业',
    allWeek: '每天 24 小时营业',
    nthWeekday: (nths: string, day: string) => `每月${nths}个${day}`,
    everyWeekday: (day: string) => `每个${day}`,
    ordinal: (n: number) => (n === -1 ? '最后一' : n < 0 ? `倒数第 ${-n}` : `第 ${n}`),
    monthDay: (n: number) => `${n} 日`,
    monthDays: (days: string) => `每月${days}`,
    lastMonthDay: '最后一天',
    everyWeeks: (n: number, days: string) => `每 ${n} 周：${days}`,
    everyMonths: (n: number, what: string) => `每 ${n} 个月：${what}`,
    and: '和',
    startingOn: (date: string) => `自 ${date} 起`,
    locale: localeOf('zh-Hans'),
  },
  vi: {
    alsoOpen: 'Cũng mở cửa',
    allDay: 'Mở cửa 24 giờ',
    allWeek: 'Mở cửa 24 giờ, mỗi ngày',
    nthWeekday: (nths: string, day: string) => `${day} ${nths} của tháng`,
    everyWeekday: (day: string) => `mỗi ${day}`,
    ordinal: (n: number) => (n === -1 ? 'cuối cùng' : n < 0 ? `thứ ${-n} từ cuối` : `thứ ${n}`),
    monthDay: (n: number) => `ngày ${n}`,
    monthDays: (days: string) => `${days} của tháng`,
    lastMonthDay: 'ngày cuối cùng',
    everyWeeks: (n: number, days: string) => `Mỗi ${n} tuần: ${days}`,
    everyMonths: (n: number, what: string) => `Mỗi ${n} tháng: ${what}`,
    and: 'và',
    startingOn: (date: string) => `từ ${date}`,
    locale: localeOf('vi'),
  },
  ko: {
    alsoOpen: '추가 운영 시간',
    allDay: '24시간 영업',
    allWeek: '매일 24시간 영업',
    nthWeekday: (nths: string, day: string) => `매월 ${nths} ${day}요일`,
    everyWeekday: (day: string) => `매주 ${day}요일`,
    ordinal: (n: number) => (n === -1 ? '마지막' : n < 0 ? `끝에서 ${-n}번째` : `${n}번째`),
    monthDay: (n: number) => `${n}일`,
    monthDays: (days: string) => `매월 ${days}`,
    lastMonthDay: '마지막 날',
    everyWeeks: (n: number, days: string) => `${n}주마다: ${days}`,
    everyMonths: (n: number, what: string) => `${n}개월마다: ${what}`,
    and: '및',
    startingOn: (date: string) => `${date}부터`,
    locale: localeOf('ko'),
  },
  tl: {
    alsoOpen: 'Bukas din',
    allDay: 'Bukas nang 24 oras',
    allWeek: 'Bukas nang 24 oras, araw-araw',
    nthWeekday: (nths: string, day: string) => `ika-${nths} na ${day} ng buwan`,
    everyWeekday: (day: string) => `tuwing ${day}`,
    ordinal: (n: number) => (n === -1 ? 'huling' : n < 0 ? `ika-${-n} mula sa huli` : `${n}`),
    monthDay: (n: number) => `ika-${n}`,
    monthDays: (days: string) => `${days} ng buwan`,
    lastMonthDay: 'huling araw',
    everyWeeks: (n: number, days: string) => `Tuwing ${n} linggo: ${days}`,
    everyMonths: (n: number, what: string) => `Tuwing ${n} buwan: ${what}`,
    and: 'at',
    startingOn: (date: string) => `mula ${date}`,
    locale: localeOf('tl'),
  },
  ru: {
    alsoOpen: 'Также открыто',
    allDay: 'Открыто круглосуточно',
    allWeek: 'Открыто круглосуточно, каждый день',
    nthWeekday: (nths: string, day: string) => `${nths} ${day} месяца`,
    everyWeekday: (day: string) => `каждый ${day}`,
    ordinal: (n: number) => (n === -1 ? 'последний' : n < 0 ? `${-n}-й с конца` : `${n}-й`),
    monthDay: (n: number) => `${n}-е число`,
    monthDays: (days: string) => `${days} месяца`,
    lastMonthDay: 'последний день',
    everyWeeks: (n: number, days: string) => `Раз в ${n} нед.: ${days}`,
    everyMonths: (n: number, what: string) => `Раз в ${n} мес.: ${what}`,
    and: 'и',
    startingOn: (date: string) => `с ${date}`,
    locale: localeOf('ru'),
  },
  ar: {
    alsoOpen: 'مفتوح أيضًا',
    allDay: 'مفتوح 24 ساعة',
    allWeek: 'مفتوح 24 ساعة، كل يوم',
    nthWeekday: (nths: string, day: string) => `${day} ${nths} من الشهر`,
    everyWeekday: (day: string) => `كل ${day}`,
    ordinal: (n: number) => (n === -1 ? 'الأخير' : n < 0 ? `رقم ${-n} من الآخر` : `رقم ${n}`),
    monthDay: (n: number) => `يوم ${n}`,
    monthDays: (days: string) => `${days} من الشهر`,
    lastMonthDay: 'آخر يوم',
    everyWeeks: (n: number, days: string) => `كل ${n} أسابيع: ${days}`,
    everyMonths: (n: number, what: string) => `كل ${n} أشهر: ${what}`,
    and: 'و',
    startingOn: (date: string) => `ابتداءً من ${date}`,
    locale: localeOf('ar'),
  },
}

/** The heading over the recurring rules, under a week's table ("Also open"). */
export function alsoOpenText(lang: PageLang): string {
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
export function allDayText(lang: PageLang): string {
  return WORDS[lang].allDay
}

/**
 * "Open 24 hours, every day" when weekly rules cover every day whole (a 24/7 site), else null:
 * one line instead of seven rows saying the same.
 */
export function allWeekText(rules: readonly RuleView[], lang: PageLang): string | null {
  const weekly = rules.filter((r) => !isRecurringRule(r) && isAllDayRule(r))
  const days = new Set(weekly.flatMap((r) => r.byday.split(',')))
  return DAY_CODES.every((d) => days.has(d)) ? WORDS[lang].allWeek : null
}

/** True when a rule repeats other than every week. */
export function isRecurringRule(rule: RuleView): boolean {
  return (rule.freq ?? 'WEEKLY') !== 'WEEKLY' || (rule.interval ?? 1) > 1
}

function listText(items: string[], lang: PageLang): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang].and} ${items[items.length - 1]}`
}

function dateText(date: string, lang: PageLang): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(WORDS[lang].locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
}

// 1, 2, … first, then the days counted from the end (-2 before -1).
const byOrdinal = (a: number, b: number) => (a < 0 ? 100 + a : a) - (b < 0 ? 100 + b : b)

/** Which days a recurring rule opens on, in words. */
export function recurrenceText(rule: RuleView, lang: PageLang): string {
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
export function recurringLine(rule: RuleView, lang: PageLang): string {
  const times = isAllDayRule(rule) ? WORDS[lang].allDay : `${clockText(rule.opens, lang)} – ${clockText(rule.closes, lang)}`
  return `${recurrenceText(rule, lang)}: ${times}`
}
