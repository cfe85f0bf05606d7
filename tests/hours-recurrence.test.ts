/**
 * Sites that open on some weeks only — the 2nd and 4th Tuesday, every other Saturday, the 1st
 * and last day of the month — are open exactly then, by the site's clock, and the route planner
 * gets the same windows.
 */
import { describe, expect, it } from 'vitest'
import { hours as rule } from './helpers/sites.js'
import type { HoursRule } from '../server/db/schema.js'
import { openingOn, openState } from '../server/schedule/hours.js'
import { occursOn, recurrenceProblem } from '../server/schedule/recurrence.js'
import { openIntervals } from '../server/planner/windows.js'
import { openStatusText } from '../common/format.js'

const NY = 'America/New_York'

describe('monthly and every-n-weeks hours', () => {
  // November 2026: Tuesdays 3, 10, 17, 24; Fridays 6, 13, 20, 27.
  const secondAndFourthTuesday = [rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' })]

  it('opens a pop-up clinic on the 4th Tuesday and says when it closes', () => {
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-11-24T15:00:00Z'))).toEqual({ open: true, nextChange: '2026-11-24T14:00:00-05:00' })
  })

  it('keeps it closed on the 3rd Tuesday and points to the 4th', () => {
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-11-17T15:00:00Z'))).toEqual({ open: false, nextChange: '2026-11-24T10:00:00-05:00' })
  })

  it('opens a van every other Saturday counted from its first date', () => {
    const biweekly = [rule('SA', '10:00', '13:00', { interval: 2, dtstart: '2026-11-07' })]
    expect(openState(biweekly, NY, new Date('2026-11-14T16:00:00Z'))).toEqual({ open: false, nextChange: '2026-11-21T10:00:00-05:00' })
    expect(openState(biweekly, NY, new Date('2026-11-21T16:00:00Z')).open).toBe(true)
    expect(occursOn(biweekly[0] as HoursRule, '2026-10-31')).toBe(false) // before its first date
  })

  it('opens on the 1st and the last day of the month', () => {
    const monthDays = [rule('', '09:00', '12:00', { freq: 'MONTHLY', bymonthday: '1,-1' })]
    expect(openState(monthDays, NY, new Date('2026-11-30T15:00:00Z')).open).toBe(true)
    expect(openState(monthDays, NY, new Date('2026-12-01T15:00:00Z')).open).toBe(true)
    expect(openState(monthDays, NY, new Date('2026-12-02T15:00:00Z'))).toEqual({ open: false, nextChange: '2026-12-31T09:00:00-05:00' })
  })

  it("keeps the last Friday's night hours open past midnight into Saturday, judged by the Friday", () => {
    const lastFriday = [rule('-1FR', '22:00', '02:00', { freq: 'MONTHLY' })]
    // Saturday 2026-11-28 01:30 New York = 06:30 UTC; the Saturday after the 3rd Friday stays closed.
    expect(openState(lastFriday, NY, new Date('2026-11-28T06:30:00Z'))).toEqual({ open: true, nextChange: '2026-11-28T02:00:00-05:00' })
    expect(openState(lastFriday, NY, new Date('2026-11-21T06:30:00Z')).open).toBe(false)
    expect(openingOn(lastFriday[0] as HoursRule, '2026-11-27')).toEqual([1320, 1560])
  })

  it('respects validity dates on a recurring rule', () => {
    const seasonal = [rule('2TU', '10:00', '14:00', { freq: 'MONTHLY', valid_from: '2026-12-01' })]
    expect(openState(seasonal, NY, new Date('2026-11-10T16:00:00Z')).open).toBe(false)
    expect(openState(seasonal, NY, new Date('2026-12-08T16:00:00Z')).open).toBe(true)
  })

  it('keeps weekly rules stored before the new fields existed working unchanged', () => {
    const old = [{ byday: 'TU', opens: '10:00', closes: '14:00', valid_from: null, valid_to: null }]
    expect(openState(old, NY, new Date('2026-11-17T15:00:00Z'))).toEqual({ open: true, nextChange: '2026-11-17T14:00:00-05:00' })
  })

  it('names what a rule cannot mean', () => {
    expect(recurrenceProblem(rule('2TU', '10:00', '14:00'))).toMatch(/only a MONTHLY rule/)
    expect(recurrenceProblem(rule('SA', '10:00', '14:00', { interval: 2 }))).toMatch(/no dtstart/)
    expect(recurrenceProblem(rule('', '10:00', '14:00', { freq: 'MONTHLY', bymonthday: '32' }))).toMatch(/not a day of the month/)
    expect(recurrenceProblem(rule('9TU', '10:00', '14:00', { freq: 'MONTHLY' }))).toMatch(/not a day/)
    expect(recurrenceProblem(rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' }))).toBeNull()
  })

  it('gives the route planner a window on the 4th Tuesday and none on the 3rd', () => {
    // Reference: midnight of the plan's day in New York; a 24-hour horizon.
    const fourth = openIntervals(secondAndFourthTuesday, NY, new Date('2026-11-24T05:00:00Z'), 86_400)
    expect(fourth).toEqual([{ start: 10 * 3600, end: 14 * 3600 }])
    expect(openIntervals(secondAndFourthTuesday, NY, new Date('2026-11-17T05:00:00Z'), 86_400)).toEqual([])
  })
})

describe('when a monthly site next opens', () => {
  it('looks weeks ahead and names the date, not only the weekday', () => {
    const secondTuesday = [rule('2TU', '10:00', '14:00', { freq: 'MONTHLY' })]
    // Wednesday 2026-11-11, the day after the 2nd Tuesday: next is 2026-12-08.
    const state = openState(secondTuesday, NY, new Date('2026-11-11T15:00:00Z'))
    expect(state).toEqual({ open: false, nextChange: '2026-12-08T10:00:00-05:00' })
    expect(openStatusText(state.open, state.nextChange, NY, new Date('2026-11-11T15:00:00Z'), 'en')).toBe('Closed · opens Tue Dec 8, 2026 10 am')
  })
})
