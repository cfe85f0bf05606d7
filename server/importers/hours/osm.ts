/**
 * OpenStreetMap `opening_hours` values ("Mo-Fr 09:00-17:00; Sa 10:00-14:00", "24/7",
 * "Fr 22:00-02:00") → rules, through the opening_hours package: it parses the value and lists
 * the open intervals of one reference week, which week.ts turns into weekly rules. Days of the
 * month ("Tu[2,4] 10:00-14:00", "Fr[-1] …") become monthly rules, checked against the package
 * over a whole year. A value whose hours change otherwise with the date or the season (month
 * ranges, week numbers, public or school holidays) or that leaves the state unknown (comments,
 * "unknown") is refused: our rules could only hold part of it. Pure.
 */
import OpeningHours from 'opening_hours'
import type { HoursRule } from '../../db/schema.js'
import { openingOn } from '../../../common/schedule/hours.js'
import { rulesOfOpenings, type HoursReading, type Opening } from './week.js'

// A week without a DST change or a public holiday anywhere the package knows: 8–15 January 2024.
const MONDAY = [2024, 0, 8] as const
const DAY_MS = 86_400_000

/** Reads an OSM opening_hours value. */
export function parseOsmHours(value: string): HoursReading {
  const refuse = (reason: string) => ({ problem: `cannot be read as OSM opening_hours: ${reason}` })
  if (/\b(PH|SH)\b/.test(value)) return refuse('it depends on public or school holidays (PH/SH), which weekly hours cannot hold')
  let oh: OpeningHours
  try {
    oh = new OpeningHours(value)
  } catch (err) {
    return refuse(String((err as Error)?.message ?? err).split('\n')[0] ?? 'not valid')
  }
  if (!oh.isWeekStable()) {
    const monthly = monthlyRules(value, oh)
    if (monthly) return { rules: monthly }
    return refuse(
      'the hours change with the date or the season (dates, months, weeks) in a way our rules cannot hold; a day of the month ("Tu[2,4] 10:00-14:00") is read when no other rule names that weekday',
    )
  }
  return weeklyReading(oh, refuse)
}

/** The weekly rules of a week-stable value, from the open intervals of the reference week. */
function weeklyReading(oh: OpeningHours, refuse: (reason: string) => { problem: string }): HoursReading {
  const from = new Date(...MONDAY)
  const to = new Date(MONDAY[0], MONDAY[1], MONDAY[2] + 7)
  const openings: Opening[] = []
  const mondayUtc = Date.UTC(...MONDAY)
  // Local wall-clock parts: the package works in the process's own timezone.
  const minuteOfWeek = (d: Date) =>
    Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - mondayUtc) / DAY_MS) * 1440 + d.getHours() * 60 + d.getMinutes()
  for (const [start, end, unknown, comment] of oh.getOpenIntervals(from, to)) {
    if (unknown) return refuse(`the state is unknown in part${comment ? ` ("${comment}")` : ''}: write "open" before a comment, or leave the comment out`)
    const s = minuteOfWeek(start)
    const e = minuteOfWeek(end)
    openings.push({ day: Math.floor(s / 1440), start: s % 1440, end: (s % 1440) + (e - s) })
  }
  if (openings.length === 0) return refuse('it gives no opening time')
  return { rules: rulesOfOpenings(openings) }
}

const OSM_DAYS: Record<string, string> = { Mo: 'MO', Tu: 'TU', We: 'WE', Th: 'TH', Fr: 'FR', Sa: 'SA', Su: 'SU' }

/**
 * "Tu[2,4] 10:00-14:00; Mo-Fr 09:00-17:00" → a monthly rule beside the weekly ones, when no
 * other rule names the ordinal rules' weekday (OSM's later rule would replace the earlier one
 * on that day, which a union of rules cannot say). Null unless the rules give exactly the
 * package's open intervals on every day of a year.
 */
function monthlyRules(value: string, oh: OpeningHours): HoursRule[] | null {
  const weekly: string[] = []
  const rules: HoursRule[] = []
  for (const part of value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(Mo|Tu|We|Th|Fr|Sa|Su)\[\s*(-?[1-5](?:\s*,\s*-?[1-5])*)\s*\]\s+(.+)$/.exec(part)
    if (!m) {
      weekly.push(part)
      continue
    }
    const times = parseOsmHours(`Mo ${m[3]}`)
    if ('problem' in times) return null
    const nths = (m[2] as string).split(',').map((n) => n.trim())
    for (const t of times.rules) rules.push({ ...t, byday: nths.map((n) => `${n}${OSM_DAYS[m[1] as string]}`).join(','), freq: 'MONTHLY' })
  }
  if (weekly.length) {
    const read = parseOsmHours(weekly.join('; '))
    if ('problem' in read) return null
    const days = new Set(rules.map((r) => r.byday.slice(-2)))
    if (read.rules.some((r) => r.byday.split(',').some((d) => days.has(d)))) return null
    rules.unshift(...read.rules)
  }
  return sameYear(rules, oh) ? rules : null
}

/** True when the rules open exactly when the package says, on every day of 2024 (every ordinal and month length occurs). */
function sameYear(rules: readonly HoursRule[], oh: OpeningHours): boolean {
  const day0 = Date.UTC(2024, 0, 1)
  const minuteOf = (d: Date) => Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - day0) / DAY_MS) * 1440 + d.getHours() * 60 + d.getMinutes()
  const theirs = oh.getOpenIntervals(new Date(2024, 0, 1), new Date(2025, 0, 1)).map(([s, e]) => [minuteOf(s), minuteOf(e)] as [number, number])
  const ours: [number, number][] = []
  for (let day = -1; day < 366; day++) {
    const date = new Date(day0 + day * DAY_MS).toISOString().slice(0, 10)
    for (const rule of rules) {
      const opening = openingOn(rule, date)
      if (opening) ours.push([Math.max(0, day * 1440 + opening[0]), Math.min(366 * 1440, day * 1440 + opening[1])])
    }
  }
  const merge = (spans: [number, number][]) =>
    spans
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0])
      .reduce<[number, number][]>((out, [s, e]) => {
        const last = out[out.length - 1]
        if (last && s <= last[1]) last[1] = Math.max(last[1], e)
        else out.push([s, e])
        return out
      }, [])
  return JSON.stringify(merge(ours)) === JSON.stringify(merge(theirs))
}
