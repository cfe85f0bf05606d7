/**
 * Rules that repeat other than every week — every n weeks, the 2nd and 4th Tuesday, the 1st
 * of the month — judged with the rrule package (RFC 5545 semantics) on local dates: does the
 * rule have an occurrence on 'YYYY-MM-DD'? Weekly rules never come here (hours.ts keeps its
 * week arithmetic for them).
 */
import rrulePackage from 'rrule'
import type { Options, Weekday } from 'rrule'
import type { HoursRule } from './rule.js'

// rrule ships CommonJS: its named exports only come through the default import under Node ESM.
const { RRule } = rrulePackage

const WEEKDAYS: Record<string, Weekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
}

/** One BYDAY item: an optional ordinal (1–5, -1–-5) and a day code ('2TU', '-1FR', 'MO'). */
export const BYDAY_ITEM = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/

/** True when a rule repeats other than every week (it needs dates, not a week, to be judged). */
export function isRecurring(rule: HoursRule): boolean {
  return (rule.freq ?? 'WEEKLY') !== 'WEEKLY' || (rule.interval ?? 1) > 1
}

/**
 * Why a rule cannot be judged, or null when it can: unknown days, an ordinal outside a
 * monthly rule, a month day out of range, or an interval with no first date to count from.
 */
export function recurrenceProblem(rule: HoursRule): string | null {
  const freq = rule.freq ?? 'WEEKLY'
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') return `freq "${freq}" is not WEEKLY or MONTHLY`
  const interval = rule.interval ?? 1
  if (!Number.isInteger(interval) || interval < 1 || interval > 52) return `interval "${interval}" is not a whole number from 1 to 52`
  const days = rule.byday === '' ? [] : rule.byday.split(',')
  for (const day of days) {
    const m = BYDAY_ITEM.exec(day)
    if (!m) return `byday "${rule.byday}" has "${day}", which is not a day (MO…SU, monthly ones may carry an ordinal: 2TU, -1FR)`
    if (m[1] && freq !== 'MONTHLY') return `byday "${rule.byday}" has an ordinal ("${day}"), which only a MONTHLY rule can carry`
  }
  if (rule.bymonthday !== undefined) {
    if (freq !== 'MONTHLY') return `bymonthday "${rule.bymonthday}" needs freq MONTHLY`
    for (const d of rule.bymonthday.split(',')) {
      const n = Number(d)
      if (!/^-?\d{1,2}$/.test(d) || n === 0 || n < -31 || n > 31)
        return `bymonthday "${rule.bymonthday}" has "${d}", which is not a day of the month (1–31, -1 = last)`
    }
  }
  if (days.length === 0 && rule.bymonthday === undefined) return 'names no days (byday or bymonthday)'
  if (interval > 1 && !rule.dtstart && !rule.valid_from)
    return `repeats every ${interval} ${freq === 'MONTHLY' ? 'months' : 'weeks'} but has no dtstart (or valid_from) to count from`
  if (rule.dtstart !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(rule.dtstart)) return `dtstart "${rule.dtstart}" is not a date (YYYY-MM-DD)`
  return null
}

const utcDate = (date: string): Date => new Date(`${date}T00:00:00Z`)

/** The rrule of a rule, on floating (UTC-coded) local dates; anchored on the first of `month` when nothing anchors it. */
function ruleOf(rule: HoursRule, month: string): InstanceType<typeof RRule> {
  const interval = rule.interval ?? 1
  const anchor = rule.dtstart ?? (interval > 1 ? rule.valid_from : null) ?? `${month}-01`
  const options: Partial<Options> = {
    freq: rule.freq === 'MONTHLY' ? RRule.MONTHLY : RRule.WEEKLY,
    interval,
    wkst: RRule.MO,
    dtstart: utcDate(anchor),
  }
  const days = rule.byday === '' ? [] : rule.byday.split(',')
  if (days.length) {
    options.byweekday = days.map((day) => {
      const [, nth, code] = BYDAY_ITEM.exec(day) ?? []
      const weekday = WEEKDAYS[code ?? ''] as Weekday
      return nth ? weekday.nth(Number(nth)) : weekday
    })
  }
  if (rule.bymonthday !== undefined) options.bymonthday = rule.bymonthday.split(',').map(Number)
  return new RRule(options)
}

/** The occurrence dates of a rule in one month ('YYYY-MM'), cached: sites share a few patterns. */
const months = new Map<string, Set<string>>()
function occurrencesIn(rule: HoursRule, month: string): Set<string> {
  const anchor = rule.dtstart ?? ((rule.interval ?? 1) > 1 ? rule.valid_from : null) ?? ''
  const key = `${rule.freq}|${rule.interval}|${rule.byday}|${rule.bymonthday}|${anchor}|${month}`
  let dates = months.get(key)
  if (!dates) {
    const [y, m] = month.split('-').map(Number) as [number, number]
    const from = new Date(Date.UTC(y, m - 1, 1))
    const to = new Date(Date.UTC(y, m, 1) - 1)
    dates = recurrenceProblem(rule)
      ? new Set()
      : new Set(
          ruleOf(rule, month)
            .between(from, to, true)
            .map((d) => d.toISOString().slice(0, 10)),
        )
    if (months.size >= 20_000) months.clear()
    months.set(key, dates)
  }
  return dates
}

/** Whether a recurring rule has an occurrence on a local date (its validity dates not considered). */
export function occursOn(rule: HoursRule, date: string): boolean {
  if (rule.dtstart && date < rule.dtstart) return false
  return occurrencesIn(rule, date.slice(0, 7)).has(date)
}
