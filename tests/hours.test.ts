import { describe, expect, it } from 'vitest'
import { hours as rule } from './helpers/sites.js'
import * as hoursModule from '../common/schedule/hours.js'
import { isOpenAt, openState, weekSpans } from '../common/schedule/hours.js'
import type { HoursRule } from '../server/db/schema.js'

describe("opening hours in the site's own timezone", () => {
  const weekdays = [rule('MO,TU,WE,TH,FR', '09:00', '17:00')]

  it('says a weekday clinic is open at 10:00 Baltimore time on a Tuesday and when it closes', () => {
    // 2026-11-24 is a Tuesday; 15:00 UTC = 10:00 EST.
    const state = openState(weekdays, 'America/New_York', new Date('2026-11-24T15:00:00Z'))
    expect(state).toEqual({ open: true, nextChange: '2026-11-24T17:00:00-05:00' })
  })

  it('says the same clinic is closed on Saturday and opens Monday at 9', () => {
    const state = openState(weekdays, 'America/New_York', new Date('2026-11-28T15:00:00Z'))
    expect(state).toEqual({ open: false, nextChange: '2026-11-30T09:00:00-05:00' })
  })

  it("judges the same instant by each site's clock (10:00 in New York is 07:00 in Los Angeles)", () => {
    const at = new Date('2026-11-24T15:00:00Z')
    expect(isOpenAt(weekdays, 'America/New_York', at)).toBe(true)
    expect(isOpenAt(weekdays, 'America/Los_Angeles', at)).toBe(false)
    expect(openState(weekdays, 'America/Los_Angeles', at).nextChange).toBe('2026-11-24T09:00:00-08:00')
  })

  it('keeps an evening syringe program open past midnight (Friday 20:00–02:00)', () => {
    const evening = [rule('FR', '20:00', '02:00')]
    // Saturday 01:30 Chicago = 07:30 UTC.
    expect(openState(evening, 'America/Chicago', new Date('2026-11-28T07:30:00Z'))).toEqual({
      open: true,
      nextChange: '2026-11-28T02:00:00-06:00',
    })
    // Saturday 02:30 is after closing; next opening is the following Friday 20:00.
    expect(openState(evening, 'America/Chicago', new Date('2026-11-28T08:30:00Z'))).toEqual({
      open: false,
      nextChange: '2026-12-04T20:00:00-06:00',
    })
  })

  it('treats Sunday-night hours as spilling into Monday morning', () => {
    expect(weekSpans(rule('SU', '22:00', '03:00'))).toEqual([
      [6 * 1440 + 1320, 7 * 1440],
      [0, 180],
    ])
  })

  it('keeps a 24/7 site always open with no next change', () => {
    const allDay = [rule('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
    expect(openState(allDay, 'America/Denver', new Date('2026-11-24T03:00:00Z'))).toEqual({ open: true, nextChange: null })
  })

  it('reports unknown hours as null, not as closed', () => {
    expect(openState([], 'America/New_York', new Date())).toEqual({ open: null, nextChange: null })
  })

  it('applies seasonal hours only within their dates', () => {
    const summer = [rule('MO,TU,WE,TH,FR,SA,SU', '08:00', '20:00', { valid_from: '2026-06-01', valid_to: '2026-08-31' })]
    expect(isOpenAt(summer, 'America/New_York', new Date('2026-07-01T16:00:00Z'))).toBe(true)
    expect(isOpenAt(summer, 'America/New_York', new Date('2026-11-24T16:00:00Z'))).toBe(false)
  })

  it('crosses the daylight-saving change: closes at 17:00 local on both sides', () => {
    // 2026-03-08 US DST starts. Monday 2026-03-09 10:00 EDT = 14:00 UTC.
    expect(openState(weekdays, 'America/New_York', new Date('2026-03-09T14:00:00Z')).nextChange).toBe('2026-03-09T17:00:00-04:00')
    // Friday 2026-03-06 18:00 EST: closed, opens Monday 09:00 EDT.
    expect(openState(weekdays, 'America/New_York', new Date('2026-03-06T23:00:00Z')).nextChange).toBe('2026-03-09T09:00:00-04:00')
  })
})

describe('the weekly fast path agrees with the general evaluator', () => {
  const sets: HoursRule[][] = [
    [rule('MO,TU,WE,TH,FR', '09:00', '17:00'), rule('SA', '10:00', '14:00')],
    [rule('FR,SA', '20:00', '02:00')],
    [rule('SU', '22:00', '03:00'), rule('MO', '03:00', '05:00')],
    [rule('MO,TU,WE,TH,FR,SA', '05:30', '13:00')],
    [rule('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')],
    [rule('TU,TH', '17:00', '21:00'), rule('TU', '09:00', '11:00'), rule('TU', '10:30', '12:00')],
    [rule('MO,TU,WE,TH,FR,SA,SU', '08:00', '00:00')],
  ]
  it('gives the same open state and next change at 2,000 instants in three timezones, DST weeks included', () => {
    const start = Date.parse('2026-03-01T00:00:00Z')
    let compared = 0
    for (const rules of sets) {
      for (const tz of ['America/New_York', 'America/Phoenix', 'Pacific/Honolulu']) {
        for (let i = 0; i < 100; i++) {
          const at = new Date(start + i * 37 * 3_600_000 + i * 7 * 60_000)
          // A far-future validity date sends the same rules down the general path.
          const dated = rules.map((r) => ({ ...r, valid_to: '2099-12-31' }))
          const { datedOpenState } = hoursModule
          expect(openState(rules, tz, at), `${tz} ${at.toISOString()} ${JSON.stringify(rules)}`).toEqual(datedOpenState(dated, tz, at))
          compared++
        }
      }
    }
    expect(compared).toBe(sets.length * 300)
  })

  it('gives the same answers from its cached states, stepping minutes forward and jumping back, over a DST change', () => {
    const start = Date.parse('2026-10-30T00:00:00Z') // the US change back is on 2026-11-01
    // Forward in 7-minute steps (mostly answered from the cached state), then in a scrambled
    // order (entries judged later than the asked instant must not answer for it).
    const forward = Array.from({ length: 1200 }, (_, i) => start + i * 7 * 60_000)
    const scrambled = forward.map((_t, i) => forward[(i * 389) % forward.length] as number)
    const { datedOpenState } = hoursModule
    for (const rules of sets) {
      const dated = rules.map((r) => ({ ...r, valid_to: '2099-12-31' }))
      for (const tz of ['America/New_York', 'America/Denver']) {
        for (const t of [...forward, ...scrambled]) {
          const at = new Date(t)
          expect(openState(rules, tz, at), `${tz} ${at.toISOString()} ${JSON.stringify(rules)}`).toEqual(datedOpenState(dated, tz, at))
        }
      }
    }
  })
})

describe('cached timezone offsets', () => {
  it('give the same local time as Intl at 5,000 instants across DST changes in five zones', async () => {
    const { localTime, intlLocalTime } = await import('../common/schedule/zoned.js')
    const zones = ['America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Phoenix']
    const start = Date.parse('2026-03-01T00:00:00Z')
    for (let i = 0; i < 1000; i++) {
      const at = new Date(start + i * 7_919_000) // ~2.2 h steps with odd minutes, through March and April
      for (const tz of zones) expect(localTime(at, tz), `${tz} ${at.toISOString()}`).toEqual(intlLocalTime(at, tz))
    }
    // Exactly at and around New York's spring-forward instant (07:00 UTC, 2026-03-08).
    for (const t of ['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z']) {
      expect(localTime(new Date(t), 'America/New_York')).toEqual(intlLocalTime(new Date(t), 'America/New_York'))
    }
  })
})
