/**
 * Opening hours → "open now" and "next change", in the site's own timezone.
 * The same rules as the SQL function hrl_week_ranges: a rule whose closing time is not after
 * its opening time runs past midnight into the next day; 00:00–00:00 is the whole day; a rule
 * applies on the local dates within its validity (the spill past midnight is judged by the
 * date it spills into, as in SQL). A recurring rule (every 2 weeks, 2nd and 4th Tuesday, the
 * 1st of the month: recurrence.ts) is judged by the date it opens on, its spill included.
 */
import { DAY_CODES } from '../format.js'
import type { HoursRule } from './rule.js'
import { isRecurring, occursOn } from './recurrence.js'
import { addDays, localTime, toZonedIso, zonedInstant } from './zoned.js'

const WEEK = 7 * 1440

/** Parses 'HH:MM' or 'HH:MM:SS' (24:00 allowed) into minutes. */
export function parseClock(value: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) throw new Error(`not a time of day: ${value}`)
  const minutes = Number(m[1]) * 60 + Number(m[2])
  if (minutes > 1440 || Number(m[2]) > 59) throw new Error(`not a time of day: ${value}`)
  return minutes
}

/** Minute-of-week spans [start, end) that one rule covers (Monday 00:00 = 0). */
export function weekSpans(rule: HoursRule): [number, number][] {
  const opens = parseClock(rule.opens)
  const closes = parseClock(rule.closes)
  const spans: [number, number][] = []
  for (const code of rule.byday.split(',')) {
    const day = DAY_CODES.indexOf(code as (typeof DAY_CODES)[number])
    if (day < 0) continue
    spans.push([day * 1440 + opens, day * 1440 + (closes > opens ? closes : 1440)])
    if (closes < opens && closes > 0) {
      const next = ((day + 1) % 7) * 1440
      spans.push([next, next + closes])
    }
  }
  return spans
}

function validOn(rule: HoursRule, date: string): boolean {
  return (rule.valid_from === null || rule.valid_from <= date) && (rule.valid_to === null || date <= rule.valid_to)
}

/**
 * The minutes [start, end) a rule is open from the local midnight of `date` (end up to 2880:
 * hours past midnight run into the next day), or null when it does not open that day.
 */
export function openingOn(rule: HoursRule, date: string): [number, number] | null {
  if (!validOn(rule, date)) return null
  const weekday = DAY_CODES[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as string
  if (isRecurring(rule) ? !occursOn(rule, date) : !rule.byday.split(',').includes(weekday)) return null
  const opens = parseClock(rule.opens)
  const closes = parseClock(rule.closes)
  return [opens, closes > opens ? closes : 1440 + closes]
}

function recurringOpenAt(rule: HoursRule, date: string, minute: number): boolean {
  const today = openingOn(rule, date)
  if (today && today[0] <= minute && minute < today[1]) return true
  const yesterday = openingOn(rule, addDays(date, -1))
  return yesterday !== null && yesterday[0] <= minute + 1440 && minute + 1440 < yesterday[1]
}

/** Whether the rules say open at an instant; null when there are no rules (hours unknown). */
export function isOpenAt(rules: readonly HoursRule[], timezone: string, at: Date): boolean | null {
  if (rules.length === 0) return null
  const local = localTime(at, timezone)
  const minute = local.weekday * 1440 + local.minute
  return rules.some((r) =>
    isRecurring(r) ? recurringOpenAt(r, local.date, local.minute) : validOn(r, local.date) && weekSpans(r).some(([s, e]) => s <= minute && minute < e),
  )
}

export interface OpenState {
  open: boolean | null
  /** When the site next opens (if closed) or closes (if open), ISO with the site's offset; null if never within 8 days (35 with recurring rules). */
  nextChange: string | null
}

/** Merged minute-of-week spans of rules without validity dates (a week is circular). */
function mergedWeek(rules: readonly HoursRule[]): [number, number][] {
  const spans = rules.flatMap(weekSpans).sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else merged.push([s, e])
  }
  return merged
}

/**
 * The merged week of a rule set, by its rules' text: sites share a few hundred distinct weekly
 * patterns, and merging them was a tenth of a search request's CPU. The spans are read-only.
 */
const weeks = new Map<string, { week: [number, number][]; covered: number }>()
function weekKey(rules: readonly HoursRule[]): string {
  // A frozen list (search shares one per distinct schedule) keeps its key: the same string
  // each time, so its hash is computed once too.
  let key = weekKeys.get(rules)
  if (key === undefined) {
    key = ''
    for (const r of rules) key += `${r.byday} ${r.opens} ${r.closes};`
    if (Object.isFrozen(rules)) weekKeys.set(rules, key)
  }
  return key
}
const weekKeys = new WeakMap<readonly HoursRule[], string>()
function cachedWeek(rules: readonly HoursRule[], key: string): { week: [number, number][]; covered: number } {
  let entry = weeks.get(key)
  if (!entry) {
    const week = mergedWeek(rules)
    entry = { week, covered: week.reduce((sum, [s, e]) => sum + (e - s), 0) }
    if (weeks.size >= 10_000) weeks.clear()
    weeks.set(key, entry)
  }
  return entry
}

/**
 * Weekly states by timezone and pattern, each with the interval it holds for: from the instant
 * it was judged at up to its next change, the answer (open or not, and that next change) is the
 * same for every instant. A page of results shares an instant and a few patterns and
 * timezones, so most results are a lookup instead of three timezone conversions (a tenth of a
 * search request's CPU).
 */
type HeldState = { from: number; until: number; state: OpenState }
/** By pattern, then timezone (two lookups of short or already-hashed keys, not one of a new joined string). */
const weeklyStates = new Map<string, Map<string, HeldState>>()
let weeklyStateCount = 0

function weeklyOpenState(rules: readonly HoursRule[], timezone: string, at: Date): OpenState {
  const key = weekKey(rules)
  const t = at.getTime()
  let byZone = weeklyStates.get(key)
  const known = byZone?.get(timezone)
  if (known && known.from <= t && t < known.until) return known.state
  const { state, until } = computeWeeklyState(cachedWeek(rules, key), timezone, at)
  if (weeklyStateCount >= 50_000) {
    weeklyStates.clear()
    weeklyStateCount = 0
    byZone = undefined
  }
  if (!byZone) weeklyStates.set(key, (byZone = new Map()))
  if (!byZone.has(timezone)) weeklyStateCount++
  byZone.set(timezone, { from: t, until, state })
  return state
}

/**
 * The usual case — weekly hours with no validity dates — by arithmetic on the week, with only
 * two timezone conversions (the general path converts every boundary of the next 8 days).
 */
function computeWeeklyState({ week, covered }: { week: [number, number][]; covered: number }, timezone: string, at: Date): { state: OpenState; until: number } {
  if (covered >= WEEK) return { state: { open: true, nextChange: null }, until: Infinity }
  if (week.length === 0) return { state: { open: false, nextChange: null }, until: Infinity }
  const local = localTime(at, timezone)
  const minute = local.weekday * 1440 + local.minute
  const inside = week.find(([s, e]) => s <= minute && minute < e)
  let target: number
  if (inside) {
    // Closing time; a span ending at the week's end continues into Monday's first span.
    target = inside[1]
    const first = week[0] as [number, number]
    if (target === WEEK && first[0] === 0) target = WEEK + first[1]
  } else {
    const next = week.find(([s]) => s > minute)
    target = next ? next[0] : (week[0] as [number, number])[0] + WEEK
  }
  const ahead = local.minute + (target - minute)
  const instant = zonedInstant(addDays(local.date, Math.floor(ahead / 1440)), ahead % 1440, timezone)
  return { state: { open: Boolean(inside), nextChange: toZonedIso(instant, timezone) }, until: instant.getTime() }
}

/** Open now, and when that next changes, looking up to 8 days ahead (35 with recurring rules). */
export function openState(rules: readonly HoursRule[], timezone: string, at: Date): OpenState {
  if (rules.length === 0) return { open: null, nextChange: null }
  if (rules.every((r) => r.valid_from === null && r.valid_to === null && !isRecurring(r))) return weeklyOpenState(rules, timezone, at)
  return datedOpenState(rules, timezone, at)
}

/** The general case (seasonal and recurring rules): every boundary of the next days, checked in turn. */
export function datedOpenState(rules: readonly HoursRule[], timezone: string, at: Date): OpenState {
  const open = isOpenAt(rules, timezone, at)
  if (open === null) return { open: null, nextChange: null }
  const local = localTime(at, timezone)
  const boundaries = new Set<number>()
  // From yesterday: a recurring rule's opening yesterday may close today. A monthly or
  // every-n-weeks rule may next open weeks ahead: look five weeks ahead for those.
  const horizon = rules.some(isRecurring) ? 35 : 8
  for (let day = -1; day <= horizon; day++) {
    const date = addDays(local.date, day)
    const weekday = (local.weekday + day + 7) % 7
    for (const rule of rules) {
      if (isRecurring(rule)) {
        const opening = openingOn(rule, date)
        if (opening) for (const edge of opening) boundaries.add(zonedInstant(addDays(date, Math.floor(edge / 1440)), edge % 1440, timezone).getTime())
        continue
      }
      for (const [s, e] of weekSpans(rule)) {
        for (const edge of [s, e]) {
          const edgeDay = Math.floor((edge % WEEK) / 1440)
          if (edgeDay === weekday) boundaries.add(zonedInstant(date, edge % 1440, timezone).getTime())
        }
      }
    }
  }
  const sorted = [...boundaries].filter((b) => b > at.getTime()).sort((a, b) => a - b)
  for (const b of sorted) {
    if (isOpenAt(rules, timezone, new Date(b)) !== open) return { open, nextChange: toZonedIso(new Date(b), timezone) }
  }
  return { open, nextChange: null }
}
