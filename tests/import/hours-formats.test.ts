/**
 * Hours as curators write them reach the directory as rules that say "open now" correctly, and
 * a cell that cannot be read is named, quoted, and never half-read.
 */
import { describe, expect, it } from 'vitest'
import { parseOsmHours } from '../../server/importers/hours/osm.js'
import { checkSpec, mappingColumns } from '../../server/importers/mapping-check.js'
import type { MappingSpec } from '../../server/importers/mapping-spec.js'
import { readRowHours } from '../../server/importers/hours/read.js'
import { parseDayCell, parseTextHours } from '../../server/importers/hours/text.js'
import type { HoursReading } from '../../server/importers/hours/week.js'
import { openState } from '../../common/schedule/hours.js'

const r = (byday: string, opens: string, closes: string) => ({ byday, opens, closes, valid_from: null, valid_to: null })
const rules = (reading: HoursReading) => {
  if ('problem' in reading) throw new Error(reading.problem)
  return reading.rules
}
const problem = (reading: HoursReading) => ('problem' in reading ? reading.problem : `read as ${JSON.stringify(reading.rules)}`)
const WEEKDAYS = 'MO,TU,WE,TH,FR'
const ALL = 'MO,TU,WE,TH,FR,SA,SU'

describe('free-text hours', () => {
  const accepted: [string, ReturnType<typeof r>[]][] = [
    ['Mon–Fri 9am–5pm; Sat 10–2', [r(WEEKDAYS, '09:00', '17:00'), r('SA', '10:00', '14:00')]],
    ['Mon-Fri 8:30 AM - 4:30 PM', [r(WEEKDAYS, '08:30', '16:30')]],
    ['M-F 9-5', [r(WEEKDAYS, '09:00', '17:00')]],
    ['Monday through Friday, 9 a.m. to 5 p.m.', [r(WEEKDAYS, '09:00', '17:00')]],
    ['24/7', [r(ALL, '00:00', '00:00')]],
    ['24 hours', [r(ALL, '00:00', '00:00')]],
    ['Open 24 hours, 7 days a week', [r(ALL, '00:00', '00:00')]],
    ['Mon-Sat 9-5, Closed Sunday', [r('MO,TU,WE,TH,FR,SA', '09:00', '17:00')]],
    ['Daily 9-5; Sunday closed', [r('MO,TU,WE,TH,FR,SA', '09:00', '17:00')]],
    ['Mon, Wed & Fri 9-12, 1-5', [r('MO,WE,FR', '09:00', '12:00'), r('MO,WE,FR', '13:00', '17:00')]],
    ['Fri-Sat 22:00-02:00', [r('FR,SA', '22:00', '02:00')]],
    ['Fri 10pm-2am', [r('FR', '22:00', '02:00')]],
    ['Weekdays 6-10am', [r(WEEKDAYS, '06:00', '10:00')]],
    ['Tues/Thurs noon-4pm', [r('TU,TH', '12:00', '16:00')]],
    ['Sat 24 hours; Sun 8am-midnight', [r('SA', '00:00', '00:00'), r('SU', '08:00', '00:00')]],
    ['lunes a viernes 9-5', [r(WEEKDAYS, '09:00', '17:00')]],
    ['Mon-Fri\n9:00-17:00', [r(WEEKDAYS, '09:00', '17:00')]],
  ]
  for (const [cell, expected] of accepted) {
    it(`reads "${cell}"`, () => expect(rules(parseTextHours(cell))).toEqual(expected))
  }

  const refused: [string, RegExp][] = [
    ['By appointment', /"by" is not a day or a time/],
    ['9am-5pm', /gives times but no days/],
    ['Mon-Fri 1-4', /"1-4" is ambiguous/],
    ['Mon-Fri 9am-5pm; Sat', /some days have no times/],
    ['Closed', /names no day/],
    ['Closed Sunday', /no opening time/],
    ['Mon 9am', /"9am" has no closing time/],
    ['Mon 25:00-26:00', /is not a time of day/],
    ['Mon 9am-9am', /opens and closes at the same time/],
    ['Mon-Fri 9-5 (call first)', /not a day or a time/],
  ]
  for (const [cell, message] of refused) {
    it(`refuses "${cell}" and says why`, () => expect(problem(parseTextHours(cell))).toMatch(message))
  }
})

describe('OSM opening_hours', () => {
  it('reads weekly rules, overnight hours and 24/7', () => {
    expect(rules(parseOsmHours('Mo-Fr 09:00-17:00; Sa 10:00-14:00'))).toEqual([r(WEEKDAYS, '09:00', '17:00'), r('SA', '10:00', '14:00')])
    expect(rules(parseOsmHours('Fr,Sa 22:00-02:00'))).toEqual([r('FR,SA', '22:00', '02:00')])
    expect(rules(parseOsmHours('24/7'))).toEqual([r(ALL, '00:00', '00:00')])
    expect(rules(parseOsmHours('Mo-Su 08:00-12:00,13:00-17:00; Su off'))).toEqual([
      r('MO,TU,WE,TH,FR,SA', '08:00', '12:00'),
      r('MO,TU,WE,TH,FR,SA', '13:00', '17:00'),
    ])
    expect(rules(parseOsmHours('Su 22:00-06:00'))).toEqual([r('SU', '22:00', '06:00')])
  })

  it('reads days of the month ("Tu[2,4]", "Fr[-1]") as monthly rules beside the weekly ones', () => {
    expect(rules(parseOsmHours('Tu[2,4] 10:00-14:00'))).toEqual([{ ...r('2TU,4TU', '10:00', '14:00'), freq: 'MONTHLY' }])
    expect(rules(parseOsmHours('Mo-Th 09:00-17:00; Fr[-1] 22:00-02:00'))).toEqual([
      r('MO,TU,WE,TH', '09:00', '17:00'),
      { ...r('-1FR', '22:00', '02:00'), freq: 'MONTHLY' },
    ])
    // The last Friday of November 2026 is the 27th: open at 01:30 on Saturday the 28th, not a week before.
    const lastFriday = rules(parseOsmHours('Fr[-1] 22:00-02:00'))
    expect(openState(lastFriday, 'America/Chicago', new Date('2026-11-28T07:30:00Z')).open).toBe(true)
    expect(openState(lastFriday, 'America/Chicago', new Date('2026-11-21T07:30:00Z')).open).toBe(false)
  })

  it('refuses what our rules cannot hold, naming why', () => {
    expect(problem(parseOsmHours('Mo-Fr 09:00-17:00; PH off'))).toMatch(/public or school holidays/)
    expect(problem(parseOsmHours('Jan-Mar Mo 10:00-12:00'))).toMatch(/change with the date or the season/)
    expect(problem(parseOsmHours('Fr[-1] 22:00-02:00; Mo-Fr 09:00-17:00'))).toMatch(/no other rule names that weekday/)
    expect(problem(parseOsmHours('Mo 10:00-12:00; week 1-10 Tu 10:00-12:00'))).toMatch(/cannot hold/)
    expect(problem(parseOsmHours('Mo 10:00-12:00 "call first"'))).toMatch(/state is unknown in part \("call first"\)/)
    expect(problem(parseOsmHours('Mon-Fri 9 to 5 please'))).toMatch(/cannot be read as OSM opening_hours/)
  })
})

describe('one column per weekday', () => {
  const spec = { days: { MO: 'mon', TU: 'tue', WE: 'wed', TH: 'thu', FR: 'fri', SA: 'sat', SU: 'sun' } } as const

  it('reads "9-5", "9:00 AM - 5:00 PM", "closed" and empty cells into grouped rules', () => {
    const row = { mon: '9-5', tue: '9:00 AM - 5:00 PM', wed: '9-5', thu: '9-12, 1-5', fri: '22:00-02:00', sat: 'closed', sun: '' }
    expect(readRowHours(row, spec)).toEqual({
      rules: [r('MO,TU,WE', '09:00', '17:00'), r('TH', '09:00', '12:00'), r('TH', '13:00', '17:00'), r('FR', '22:00', '02:00')],
      warnings: [],
      kept: {},
    })
    expect(parseDayCell('24 hours')).toEqual({ ranges: [[0, 1440]] })
  })

  it('keeps a site with an unreadable day cell without hours, quoting the cell and keeping every day', () => {
    const row = { mon: '9-5', tue: 'by appt', wed: '9-5', thu: '', fri: '9-5', sat: 'closed', sun: 'closed' }
    const read = readRowHours(row, spec)
    expect(read.rules).toEqual([])
    expect(read.warnings).toEqual([
      {
        field: 'tue',
        message: '"by appt" cannot be read as opening hours: "by" is not a day or a time; the site is kept without hours, the text in source_attributes',
      },
    ])
    expect(read.kept).toEqual({ mon: '9-5', tue: 'by appt', wed: '9-5', fri: '9-5', sat: 'closed', sun: 'closed' })
  })

  it('gives no hours (unknown, not closed) when every day cell is empty', () => {
    expect(readRowHours({ mon: '', tue: '' }, { days: { MO: 'mon', TU: 'tue' } })).toEqual({ rules: [], warnings: [], kept: {} })
  })
})

describe('read hours say "open now" correctly', () => {
  it('keeps a Friday-night program open at 01:30 Saturday and closed at 02:30 (text and OSM alike)', () => {
    for (const read of [parseTextHours('Fri 10pm-2am'), parseOsmHours('Fr 22:00-02:00')]) {
      // Saturday 2026-11-28 01:30 Chicago = 07:30 UTC.
      expect(openState(rules(read), 'America/Chicago', new Date('2026-11-28T07:30:00Z'))).toEqual({ open: true, nextChange: '2026-11-28T02:00:00-06:00' })
      expect(openState(rules(read), 'America/Chicago', new Date('2026-11-28T08:30:00Z')).open).toBe(false)
    }
  })

  it('keeps a 24/7 site open with no next change', () => {
    expect(openState(rules(parseTextHours('24/7')), 'America/Denver', new Date('2026-11-24T03:00:00Z'))).toEqual({ open: true, nextChange: null })
  })
})

describe('the hours key of a mapping', () => {
  const check = (spec: unknown) => {
    try {
      checkSpec(spec, (key, message) => {
        throw new Error(`${key} ${message}`)
      })
      return 'accepted'
    } catch (err) {
      return (err as Error).message
    }
  }

  it('accepts a column with a format, or weekday columns, and names their columns for the header check', () => {
    const text = { source: 's', name: 'n', hours: { column: 'Hours', format: 'text' } }
    const days = { source: 's', name: 'n', hours: { days: { MO: 'mon', SU: 'sun' } } }
    expect(check(text)).toBe('accepted')
    expect(check(days)).toBe('accepted')
    expect(mappingColumns(text as MappingSpec)).toContainEqual({ key: 'hours.column', column: 'Hours' })
    expect(mappingColumns(days as MappingSpec)).toEqual(
      expect.arrayContaining([
        { key: 'hours.days.MO', column: 'mon' },
        { key: 'hours.days.SU', column: 'sun' },
      ]),
    )
  })

  it('refuses an unknown format or weekday, naming the key', () => {
    expect(check({ source: 's', name: 'n', hours: { column: 'Hours', format: 'html' } })).toMatch(/^hours/)
    expect(check({ source: 's', name: 'n', hours: { days: { MON: 'mon' } } })).toMatch(/^hours/)
    expect(check({ source: 's', name: 'n', hours: 'Hours' })).toMatch(/^hours must be \{ "column"/)
  })
})
