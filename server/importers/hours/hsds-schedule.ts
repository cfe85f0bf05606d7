/**
 * One HSDS schedule object → opening rules, keeping its RRULE meaning: freq (WEEKLY,
 * MONTHLY), interval, ordinal byday (2TU,4TU), bymonthday, dtstart, valid_from/valid_to and
 * until (a weekly rule's dtstart becomes its first valid date; no byday or bymonthday means
 * dtstart's weekday or day of the month, as RFC 5545 says). A schedule with only a
 * description ("Mon-Fri 9am-5pm") is read as free text. What our rules cannot hold (count, byweekno, byyearday, another week start with an interval, an
 * unknown day) is a problem naming the field and the value as the file holds it. Pure.
 */
import { DAY_CODES } from '../../../common/format.js'
import type { HoursRule } from '../../db/schema.js'
import { BYDAY_ITEM, recurrenceProblem } from '../../../common/schedule/recurrence.js'
import { parseTextHours } from './text.js'

type Obj = Record<string, unknown>

export type ScheduleReading = { rules: HoursRule[] } | { field: string; problem: string } | null

const text = (v: unknown): string | null => {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''
  return s === '' ? null : s
}
const clock = (t: string | null) => (t && /^\d{1,2}:\d{2}/.test(t) ? t.padStart(5, '0').slice(0, 5) : null)
const utcDay = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay()
const date = (t: string | null) => (t && /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null)

/** The rules of one schedule; null when it says nothing about opening times. */
export function scheduleRules(s: Obj): ScheduleReading {
  const opensText = text(s.opens_at)
  const closesText = text(s.closes_at)
  const description = text(s.description)
  if (!opensText && !closesText) {
    if (!description) return null
    const read = parseTextHours(description)
    return 'problem' in read ? { field: 'description', problem: `"${description}" has no opens_at/closes_at and ${read.problem}` } : read
  }
  const opens = clock(opensText)
  const closes = clock(closesText)
  if (!opens) return { field: 'opens_at', problem: `"${opensText ?? ''}" is not a time (HH:MM)` }
  if (!closes) return { field: 'closes_at', problem: `"${closesText ?? ''}" is not a time (HH:MM)` }
  for (const field of ['count', 'byweekno', 'byyearday'] as const) {
    if (text(s[field]) !== null)
      return { field, problem: `"${text(s[field])}" cannot be kept: our hours hold freq, interval, byday, bymonthday, dtstart and dates only` }
  }
  const freqText = (text(s.freq) ?? 'WEEKLY').toUpperCase()
  if (freqText !== 'WEEKLY' && freqText !== 'MONTHLY') return { field: 'freq', problem: `"${text(s.freq)}" is not WEEKLY or MONTHLY` }
  const freq = freqText as 'WEEKLY' | 'MONTHLY'
  const intervalText = text(s.interval)
  const interval = intervalText === null ? 1 : Number(intervalText)
  const bydayText = text(s.byday)
  const byday = (bydayText ?? '')
    .toUpperCase()
    .split(',')
    .map((d) => d.trim().replace(/^\+/, ''))
    .filter(Boolean)
  const bad = byday.find((d) => !BYDAY_ITEM.test(d))
  if (bad) return { field: 'byday', problem: `"${bydayText}" has "${bad}", which is not a day (MO…SU, monthly ones may carry an ordinal: 2TU, -1FR)` }
  const wkst = text(s.wkst)?.toUpperCase()
  if (wkst && wkst !== 'MO' && interval > 1 && freq === 'WEEKLY')
    return { field: 'wkst', problem: `"${text(s.wkst)}" cannot be kept: weeks are counted from Monday` }
  const bymonthday = text(s.bymonthday)?.replace(/\s+/g, '')
  const validTo = [date(text(s.valid_to)), date(text(s.until))].filter((d): d is string => d !== null).sort()[0] ?? null
  const dtstart = date(text(s.dtstart))
  if (text(s.dtstart) !== null && !dtstart) return { field: 'dtstart', problem: `"${text(s.dtstart)}" is not a date (YYYY-MM-DD)` }
  // RFC 5545: with no BYDAY or BYMONTHDAY a rule repeats on its first date's weekday (weekly) or day of the month (monthly).
  let monthDays = bymonthday
  if (byday.length === 0 && bymonthday === undefined && dtstart) {
    if (freq === 'WEEKLY') byday.push(DAY_CODES[(utcDay(dtstart) + 6) % 7] as string)
    else monthDays = String(Number(dtstart.slice(8, 10)))
  }
  const ordinals = byday.some((d) => /\d/.test(d))
  // A monthly rule on plain weekdays every month is every week: stored as the weekly rule it is.
  const weekly = freq === 'WEEKLY' || (interval === 1 && !ordinals && monthDays === undefined)
  const validFrom = date(text(s.valid_from))
  const rule: HoursRule = { byday: byday.join(','), opens, closes, valid_from: validFrom, valid_to: validTo }
  if (!weekly) rule.freq = 'MONTHLY'
  if (interval !== 1) rule.interval = interval
  if (monthDays !== undefined) rule.bymonthday = monthDays
  if (dtstart && (interval !== 1 || !weekly)) rule.dtstart = dtstart
  // A plain weekly rule has nothing to count from, but its first date still bounds it: no opening before dtstart.
  else if (dtstart && (validFrom === null || validFrom < dtstart)) rule.valid_from = dtstart
  const problem = recurrenceProblem(rule)
  if (problem) {
    // recurrenceProblem starts with the field it is about ("bymonthday "32" has …"), or says what is missing.
    const first = problem.split(' ')[0] as string
    const field = first === 'names' ? 'byday' : first === 'repeats' ? 'dtstart' : first
    return { field, problem: first === field ? problem.slice(field.length + 1) : problem }
  }
  return { rules: [rule] }
}
