/**
 * Weekly opening minutes → our weekly HoursRule[], the one shape every hours format is read
 * into. Openings are laid on a circular week of minutes (so overlaps merge and a Sunday-night
 * opening runs into Monday), then read back day by day; an opening that runs past midnight
 * into a shorter spell the next morning becomes one rule ("FR 22:00–02:00"), and rules with
 * the same times are grouped ("MO,TU,WE 09:00–17:00"). Pure.
 */
import { DAY_CODES } from '../../../common/format.js'
import type { HoursRule } from '../../db/schema.js'

const DAY = 1440
const WEEK = 7 * DAY

/** An opening: weekday (0 = Monday), minutes from that day's midnight [start, end), end up to a week later. */
export interface Opening {
  day: number
  start: number
  end: number
}

/** The result of reading an hours cell: rules (empty: closed all week) or why it could not be read. */
export type HoursReading = { rules: HoursRule[] } | { problem: string }

const clock = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

/** The weekly rules that cover exactly the given openings. */
export function rulesOfOpenings(openings: readonly Opening[]): HoursRule[] {
  const open = new Uint8Array(WEEK)
  for (const o of openings) {
    for (let m = o.start; m < o.end; m++) open[(o.day * DAY + m) % WEEK] = 1
  }
  if (open.every((v) => v === 1)) return [rule([0, 1, 2, 3, 4, 5, 6], 0, DAY)]
  // Runs within each day, [start, end) in minutes of that day.
  const runs: [number, number][][] = []
  for (let day = 0; day < 7; day++) {
    const list: [number, number][] = []
    let start = -1
    for (let m = 0; m <= DAY; m++) {
      const on = m < DAY && open[day * DAY + m] === 1
      if (on && start < 0) start = m
      if (!on && start >= 0) {
        list.push([start, m])
        start = -1
      }
    }
    runs.push(list)
  }
  const spans: { day: number; start: number; end: number }[] = []
  for (let day = 0; day < 7; day++) {
    const today = runs[day] as [number, number][]
    for (const [start, end] of today) {
      if (start === 0 && end < DAY && endsAtMidnight(runs[(day + 6) % 7] as [number, number][])) continue // spill of yesterday's
      const next = runs[(day + 1) % 7] as [number, number][]
      const morning = next[0]
      if (end === DAY && start > 0 && morning && morning[0] === 0 && morning[1] < DAY && morning[1] <= start) {
        spans.push({ day, start, end: DAY + morning[1] })
      } else {
        if (end === DAY && start > 0 && morning && morning[0] === 0 && morning[1] < DAY) {
          // The morning is too long to be one overnight rule: it stays its own rule.
          spans.push({ day: (day + 1) % 7, start: 0, end: morning[1] })
        }
        spans.push({ day, start, end })
      }
    }
  }
  const byTimes = new Map<string, { days: number[]; start: number; end: number }>()
  for (const s of spans) {
    const key = `${s.start}-${s.end}`
    const entry = byTimes.get(key) ?? { days: [], start: s.start, end: s.end }
    if (!entry.days.includes(s.day)) entry.days.push(s.day)
    byTimes.set(key, entry)
  }
  return [...byTimes.values()]
    .map((e) =>
      rule(
        e.days.sort((a, b) => a - b),
        e.start,
        e.end,
      ),
    )
    .sort((a, b) => DAY_CODES.indexOf(a.byday.slice(0, 2) as never) - DAY_CODES.indexOf(b.byday.slice(0, 2) as never) || a.opens.localeCompare(b.opens))
}

function endsAtMidnight(runs: [number, number][]): boolean {
  const last = runs[runs.length - 1]
  return last !== undefined && last[1] === DAY && last[0] > 0
}

function rule(days: number[], start: number, end: number): HoursRule {
  // 00:00–00:00 is the whole day; a closing time before the opening time runs past midnight.
  return { byday: days.map((d) => DAY_CODES[d]).join(','), opens: clock(start), closes: clock(end), valid_from: null, valid_to: null }
}
