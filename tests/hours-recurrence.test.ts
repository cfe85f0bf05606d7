/**
 * Sites that open on some weeks only — the 2nd and 4th Tuesday, every other Saturday, the 1st
 * and last day of the month — are open exactly then, by the site's clock, and the route planner
 * gets the same windows.
 */
import { describe, expect, it } from 'vitest'
import { hours as rule } from './helpers/sites.js'
import type { HoursRule } from '../server/db/schema.js'
import { openingOn, openState } from '../common/schedule/hours.js'
import { occursOn, recurrenceProblem } from '../common/schedule/recurrence.js'
import { openIntervals } from '../common/planner/windows.js'
import { openStatusText } from '../common/format.js'
import { scheduleRules } from '../server/importers/hours/hsds-schedule.js'

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

describe('monthly and every-other-week hours across a daylight-saving change', () => {
  const LA = 'America/Los_Angeles'
  const secondAndFourthTuesday = [rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' })]
  const lastFriday = [rule('-1FR', '10:00', '14:00', { freq: 'MONTHLY' })]

  it('opens on the 2nd Tuesday after clocks spring forward, by the new offset (New York, March 2026)', () => {
    // DST begins Sunday 2026-03-08; the 2nd Tuesday is 2026-03-10.
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-03-04T15:00:00Z'))).toEqual({ open: false, nextChange: '2026-03-10T10:00:00-04:00' })
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-03-10T13:30:00Z')).open).toBe(false) // 09:30 EDT
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-03-10T14:30:00Z'))).toEqual({ open: true, nextChange: '2026-03-10T14:00:00-04:00' })
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-03-10T18:30:00Z'))).toEqual({ open: false, nextChange: '2026-03-24T10:00:00-04:00' })
  })

  it('opens on the 2nd Tuesday after clocks fall back, by the new offset (New York, November 2026)', () => {
    // The 4th Tuesday of October is the 27th; DST ends Sunday 2026-11-01; the next 2nd Tuesday is 2026-11-10.
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-10-27T14:30:00Z'))).toEqual({ open: true, nextChange: '2026-10-27T14:00:00-04:00' })
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-10-28T15:00:00Z'))).toEqual({ open: false, nextChange: '2026-11-10T10:00:00-05:00' })
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-11-10T14:30:00Z')).open).toBe(false) // 09:30 EST
    expect(openState(secondAndFourthTuesday, NY, new Date('2026-11-10T15:30:00Z'))).toEqual({ open: true, nextChange: '2026-11-10T14:00:00-05:00' })
  })

  it('crosses the March 2027 change in Los Angeles: from the 2nd Tuesday (PST) to the 4th (PDT)', () => {
    // DST begins Sunday 2027-03-14; Tuesdays 9 (2nd) and 23 (4th).
    expect(openState(secondAndFourthTuesday, LA, new Date('2027-03-09T18:30:00Z'))).toEqual({ open: true, nextChange: '2027-03-09T14:00:00-08:00' })
    expect(openState(secondAndFourthTuesday, LA, new Date('2027-03-10T18:00:00Z'))).toEqual({ open: false, nextChange: '2027-03-23T10:00:00-07:00' })
    expect(openState(secondAndFourthTuesday, LA, new Date('2027-03-23T17:30:00Z'))).toEqual({ open: true, nextChange: '2027-03-23T14:00:00-07:00' })
  })

  it('opens a van every other Friday from its first date, on either side of the November 2026 change (Los Angeles)', () => {
    // From 2026-10-23: Oct 23, Nov 6, Nov 20; DST ends 2026-11-01.
    const everyOtherFriday = [rule('FR', '16:00', '19:00', { interval: 2, dtstart: '2026-10-23' })]
    expect(openState(everyOtherFriday, LA, new Date('2026-10-16T23:30:00Z')).open).toBe(false) // before its first date
    expect(openState(everyOtherFriday, LA, new Date('2026-10-23T23:30:00Z'))).toEqual({ open: true, nextChange: '2026-10-23T19:00:00-07:00' })
    expect(openState(everyOtherFriday, LA, new Date('2026-10-24T18:00:00Z'))).toEqual({ open: false, nextChange: '2026-11-06T16:00:00-08:00' })
    expect(openState(everyOtherFriday, LA, new Date('2026-10-31T00:30:00Z')).open).toBe(false) // Friday Oct 30, the off week
    expect(openState(everyOtherFriday, LA, new Date('2026-11-07T00:30:00Z'))).toEqual({ open: true, nextChange: '2026-11-06T19:00:00-08:00' })
    expect(openState(everyOtherFriday, LA, new Date('2026-11-14T00:30:00Z')).open).toBe(false) // Friday Nov 13
  })

  it('opens on the last Friday of the month four weeks ahead across the change (Los Angeles, November 2027; New York, March 2027)', () => {
    // Last Fridays: 2027-10-29 (PDT), 2027-11-26 (PST, DST ended 2027-11-07); 2027-02-26 (EST), 2027-03-26 (EDT).
    expect(openState(lastFriday, LA, new Date('2027-10-30T18:00:00Z'))).toEqual({ open: false, nextChange: '2027-11-26T10:00:00-08:00' })
    expect(openState(lastFriday, LA, new Date('2027-11-19T18:30:00Z')).open).toBe(false) // the 3rd Friday
    expect(openState(lastFriday, LA, new Date('2027-11-26T18:30:00Z'))).toEqual({ open: true, nextChange: '2027-11-26T14:00:00-08:00' })
    expect(openState(lastFriday, NY, new Date('2027-02-27T15:00:00Z'))).toEqual({ open: false, nextChange: '2027-03-26T10:00:00-04:00' })
    expect(openState(lastFriday, NY, new Date('2027-03-26T14:30:00Z'))).toEqual({ open: true, nextChange: '2027-03-26T14:00:00-04:00' })
  })

  it('closes a night opening that spans the change at its local closing time, an hour shorter or longer', () => {
    // 2nd Saturday of March 2027, 22:00 EST to 03:00 EDT (DST begins at 02:00 that night): four hours.
    const springNight = [rule('2SA', '22:00', '03:00', { freq: 'MONTHLY' })]
    expect(openState(springNight, NY, new Date('2027-03-14T06:30:00Z'))).toEqual({ open: true, nextChange: '2027-03-14T03:00:00-04:00' })
    expect(openState(springNight, NY, new Date('2027-03-14T07:30:00Z'))).toEqual({ open: false, nextChange: '2027-04-10T22:00:00-04:00' })
    // Last Saturday of October 2026, 22:00 EDT to 03:00 EST (DST ends at 02:00): six hours.
    const fallNight = [rule('-1SA', '22:00', '03:00', { freq: 'MONTHLY' })]
    expect(openState(fallNight, NY, new Date('2026-11-01T05:30:00Z'))).toEqual({ open: true, nextChange: '2026-11-01T03:00:00-05:00' }) // 01:30 EDT
    expect(openState(fallNight, NY, new Date('2026-11-01T06:30:00Z')).open).toBe(true) // 01:30 EST, the hour repeated
    expect(openState(fallNight, NY, new Date('2026-11-01T08:30:00Z')).open).toBe(false) // 03:30 EST
  })

  it('gives the route planner the 2nd Tuesday window in local hours after the change', () => {
    // Midnight of 2026-03-10 in New York is 04:00Z (EDT).
    expect(openIntervals(secondAndFourthTuesday, NY, new Date('2026-03-10T04:00:00Z'), 86_400)).toEqual([{ start: 10 * 3600, end: 14 * 3600 }])
    expect(openIntervals(secondAndFourthTuesday, NY, new Date('2026-03-17T04:00:00Z'), 86_400)).toEqual([])
  })
})

describe('HSDS 3.0 schedules keep every RRULE form our hours can hold, and name the ones they cannot', () => {
  const at = { opens_at: '10:00', closes_at: '14:00' }
  const kept = (schedule: Record<string, unknown>) => {
    const read = scheduleRules({ ...at, ...schedule })
    if (!read || !('rules' in read)) throw new Error(`not kept: ${JSON.stringify(read)}`)
    return read.rules
  }

  it('keeps the 2nd and 4th Tuesday, every other week from a start date, and the last Friday', () => {
    expect(kept({ freq: 'MONTHLY', byday: '2TU, 4TU' })).toEqual([rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' })])
    expect(kept({ freq: 'WEEKLY', interval: 2, byday: 'FR', dtstart: '2026-10-23T00:00:00Z' })).toEqual([
      rule('FR', '10:00', '14:00', { interval: 2, dtstart: '2026-10-23' }),
    ])
    expect(kept({ freq: 'monthly', byday: '-1FR' })).toEqual([rule('-1FR', '10:00', '14:00', { freq: 'MONTHLY' })])
    expect(kept({ freq: 'MONTHLY', byday: '+1MO' })).toEqual([rule('1MO', '10:00', '14:00', { freq: 'MONTHLY' })])
  })

  it('keeps month days, every other month, validity dates and until (the earlier end wins)', () => {
    expect(kept({ freq: 'MONTHLY', bymonthday: '1, 15' })).toEqual([rule('', '10:00', '14:00', { freq: 'MONTHLY', bymonthday: '1,15' })])
    expect(kept({ freq: 'MONTHLY', interval: 2, byday: '1MO', dtstart: '2027-01-04' })).toEqual([
      rule('1MO', '10:00', '14:00', { freq: 'MONTHLY', interval: 2, dtstart: '2027-01-04' }),
    ])
    expect(kept({ freq: 'WEEKLY', byday: 'TU', valid_from: '2027-01-01', valid_to: '2027-06-30', until: '2027-03-31T23:59:59Z' })).toEqual([
      rule('TU', '10:00', '14:00', { valid_from: '2027-01-01', valid_to: '2027-03-31' }),
    ])
  })

  it("keeps a weekly rule's start date: a new van schedule does not open before its first day", () => {
    const [weekly] = kept({ freq: 'WEEKLY', byday: 'TU', dtstart: '2027-01-05' })
    expect(weekly).toEqual(rule('TU', '10:00', '14:00', { valid_from: '2027-01-05' }))
    expect(openState([weekly as HoursRule], NY, new Date('2026-12-29T16:00:00Z')).open).toBe(false)
    expect(openState([weekly as HoursRule], NY, new Date('2027-01-05T16:00:00Z')).open).toBe(true)
    // A later valid_from stays; an earlier one moves up to dtstart.
    expect(kept({ byday: 'TU', dtstart: '2027-01-05', valid_from: '2027-02-01' })[0]?.valid_from).toBe('2027-02-01')
    expect(kept({ byday: 'TU', dtstart: '2027-01-05', valid_from: '2026-01-01' })[0]?.valid_from).toBe('2027-01-05')
  })

  it("repeats on dtstart's weekday or day of the month when the rule names no day (RFC 5545)", () => {
    expect(kept({ freq: 'WEEKLY', interval: 2, dtstart: '2026-10-23' })).toEqual([rule('FR', '10:00', '14:00', { interval: 2, dtstart: '2026-10-23' })])
    expect(kept({ freq: 'MONTHLY', dtstart: '2026-10-15' })).toEqual([rule('', '10:00', '14:00', { freq: 'MONTHLY', bymonthday: '15', dtstart: '2026-10-15' })])
  })

  it.each([
    [{ freq: 'WEEKLY', byday: 'WE', count: 10 }, 'count', /cannot be kept/],
    [{ freq: 'MONTHLY', byweekno: 20, byday: 'MO' }, 'byweekno', /cannot be kept/],
    [{ freq: 'MONTHLY', byyearday: 100 }, 'byyearday', /cannot be kept/],
    [{ freq: 'DAILY' }, 'freq', /not WEEKLY or MONTHLY/],
    [{ freq: 'WEEKLY', byday: '2TU' }, 'byday', /only a MONTHLY rule/],
    [{ freq: 'MONTHLY', bymonthday: '0' }, 'bymonthday', /not a day of the month/],
    [{ freq: 'WEEKLY', interval: 2, byday: 'SA' }, 'dtstart', /no dtstart/],
    [{ freq: 'WEEKLY', interval: 0, byday: 'SA', dtstart: '2026-11-07' }, 'interval', /not a whole number/],
    [{ freq: 'WEEKLY', interval: 2, byday: 'SA', dtstart: '2026-11-07', wkst: 'SU' }, 'wkst', /Monday/],
    [{ freq: 'WEEKLY', byday: 'TU', dtstart: 'soon' }, 'dtstart', /not a date/],
    [{ freq: 'WEEKLY' }, 'byday', /names no days/],
  ])('refuses %o, naming %s', (schedule, field, problem) => {
    const read = scheduleRules({ ...at, ...schedule })
    expect(read).toMatchObject({ field })
    expect((read as { problem: string }).problem).toMatch(problem)
  })
})
