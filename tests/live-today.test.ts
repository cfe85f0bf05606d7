/**
 * A "today" post (not running today, closing early, open late) becomes time ranges by the
 * site's own day and timezone, and those ranges change "open now", the next change and the
 * planner's windows: an Arizona site's day ends at its midnight (no DST there), an overnight
 * 20:00–02:00 site's day ends at 02:00 the next morning.
 */
import { describe, expect, it } from 'vitest'
import { openState } from '../common/schedule/hours.js'
import { todayWindows, TodayTimeError, windowsWithToday, withToday } from '../common/schedule/live-today.js'
import { hours } from './helpers/sites.js'

const PHOENIX = 'America/Phoenix'
const NY = 'America/New_York'
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU'
const dayShift = [hours(EVERY_DAY, '09:00', '17:00')]
const overnight = [hours(EVERY_DAY, '20:00', '02:00')]

const stateAt = (rules: typeof dayShift, tz: string, windows: ReturnType<typeof todayWindows>, iso: string) =>
  withToday(openState(rules, tz, new Date(iso)), rules, tz, new Date(iso), windows)

describe('today posts as time ranges', () => {
  it('ends an Arizona site’s “not running today” at its own midnight, all year (no DST)', () => {
    for (const [posted, end] of [
      ['2026-07-01T17:00:00Z', '2026-07-02T07:00:00.000Z'], // 10:00 MST
      ['2026-12-01T17:00:00Z', '2026-12-02T07:00:00.000Z'],
      ['2026-03-08T17:00:00Z', '2026-03-09T07:00:00.000Z'], // the day the rest of the US changes clocks
    ] as const) {
      const w = todayWindows(dayShift, PHOENIX, { kind: 'not_running' }, new Date(posted))
      expect(w.expiresAt.toISOString()).toBe(end)
      expect(stateAt(dayShift, PHOENIX, w, posted)).toEqual({ open: false, nextChange: end.replace('.000Z', '').replace('T07:00:00', 'T09:00:00') + '-07:00' })
      // By the hours alone it would be open: the post closes it.
      expect(openState(dayShift, PHOENIX, new Date(posted)).open).toBe(true)
    }
  })

  it('gives an overnight site’s day until its 02:00 close, posted before or after midnight', () => {
    // Monday 30 Nov 2026, New York (EST, UTC−5). 21:00 Monday and 01:00 Tuesday are the same opening.
    for (const posted of ['2026-12-01T02:00:00Z', '2026-12-01T06:00:00Z']) {
      const w = todayWindows(overnight, NY, { kind: 'not_running' }, new Date(posted))
      expect(w.expiresAt.toISOString()).toBe('2026-12-01T07:00:00.000Z') // Tuesday 02:00 EST
      expect(stateAt(overnight, NY, w, posted).open).toBe(false)
      expect(stateAt(overnight, NY, w, posted).nextChange).toBe('2026-12-01T20:00:00-05:00') // Tuesday evening, as usual
    }
    // Posted Tuesday 03:00 (after the opening), "today" is Tuesday: until Wednesday 02:00.
    const tuesday = todayWindows(overnight, NY, { kind: 'not_running' }, new Date('2026-12-01T08:00:00Z'))
    expect(tuesday.expiresAt.toISOString()).toBe('2026-12-02T07:00:00.000Z')
  })

  it('reads a time before the first opening as after midnight: closing early at 01:00 at a 20:00 site', () => {
    const w = todayWindows(overnight, NY, { kind: 'closing_early', time: '01:00' }, new Date('2026-12-01T02:00:00Z'))
    expect(w.closed).toEqual([Date.parse('2026-12-01T06:00:00Z'), Date.parse('2026-12-01T07:00:00Z')])
    expect(stateAt(overnight, NY, w, '2026-12-01T03:00:00Z')).toEqual({ open: true, nextChange: '2026-12-01T01:00:00-05:00' })
    expect(stateAt(overnight, NY, w, '2026-12-01T06:30:00Z')).toEqual({ open: false, nextChange: '2026-12-01T20:00:00-05:00' })
  })

  it('closes early at 14:00 and opens late until 22:00, saying when that changes', () => {
    const posted = new Date('2026-12-01T14:00:00Z') // Tuesday 09:00 EST
    const early = todayWindows(dayShift, NY, { kind: 'closing_early', time: '14:00' }, posted)
    expect(stateAt(dayShift, NY, early, '2026-12-01T15:00:00Z')).toEqual({ open: true, nextChange: '2026-12-01T14:00:00-05:00' })
    expect(stateAt(dayShift, NY, early, '2026-12-01T19:30:00Z')).toEqual({ open: false, nextChange: '2026-12-02T09:00:00-05:00' })
    expect(early.expiresAt.toISOString()).toBe('2026-12-02T05:00:00.000Z')

    const late = todayWindows(dayShift, NY, { kind: 'open_late', time: '22:00' }, posted)
    expect(late.open).toEqual([Date.parse('2026-12-01T22:00:00Z'), Date.parse('2026-12-02T03:00:00Z')])
    expect(stateAt(dayShift, NY, late, '2026-12-01T15:00:00Z')).toEqual({ open: true, nextChange: '2026-12-01T22:00:00-05:00' })
    expect(stateAt(dayShift, NY, late, '2026-12-02T01:00:00Z')).toEqual({ open: true, nextChange: '2026-12-01T22:00:00-05:00' })
    expect(stateAt(dayShift, NY, late, '2026-12-02T03:30:00Z')).toEqual({ open: false, nextChange: '2026-12-02T09:00:00-05:00' })
  })

  it('refuses times that make no sense for the day', () => {
    const posted = new Date('2026-12-01T14:00:00Z')
    expect(() => todayWindows(dayShift, NY, { kind: 'closing_early', time: '18:00' }, posted)).toThrow(TodayTimeError)
    expect(() => todayWindows(dayShift, NY, { kind: 'open_late', time: '16:00' }, posted)).toThrow(/not after/)
    expect(() => todayWindows(dayShift, NY, { kind: 'closing_early' }, posted)).toThrow(/needs a time/)
  })

  it('marks a site with unknown hours closed while it is not running', () => {
    const w = todayWindows([], NY, { kind: 'not_running' }, new Date('2026-12-01T14:00:00Z'))
    expect(withToday(openState([], NY, new Date('2026-12-01T15:00:00Z')), [], NY, new Date('2026-12-01T15:00:00Z'), w).open).toBe(false)
  })

  it('cuts the closed time out of the planner’s windows and adds the open-late time', () => {
    const reference = Date.parse('2026-12-01T05:00:00Z') // Tuesday 00:00 EST
    const day = [{ start: 9 * 3600, end: 17 * 3600 }]
    const early = todayWindows(dayShift, NY, { kind: 'closing_early', time: '14:00' }, new Date('2026-12-01T14:00:00Z'))
    expect(windowsWithToday(day, early, reference, 86400)).toEqual([{ start: 9 * 3600, end: 14 * 3600 }])
    const late = todayWindows(dayShift, NY, { kind: 'open_late', time: '22:00' }, new Date('2026-12-01T14:00:00Z'))
    expect(windowsWithToday(day, late, reference, 86400)).toEqual([{ start: 9 * 3600, end: 22 * 3600 }])
    const off = todayWindows(dayShift, NY, { kind: 'not_running' }, new Date('2026-12-01T14:00:00Z'))
    expect(windowsWithToday(day, off, reference, 86400)).toEqual([])
  })
})
