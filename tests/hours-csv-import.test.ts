/**
 * A curator imports a CSV whose hours column is free text, and another with one column per
 * weekday. A person searching at 01:30 on a Saturday finds the Friday-night program and the
 * 24/7 site open and the office-hours clinic closed; the site whose hours say "By appointment"
 * is still listed (hours unknown), its text kept, and the report quotes the cell. The same
 * hours in SQL (the search) and in the API's open_now agree.
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HoursRule } from '../server/db/schema.js'
import { runImport } from '../server/importers/pipeline.js'
import { occursOn } from '../common/schedule/recurrence.js'
import { addDays } from '../common/schedule/zoned.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { SIMPLE_CSV_HEADER, simpleCsvMapping, tempFile } from './import/helpers.js'

const TEXT_CSV =
  'name,street,city,state,zip,lat,lon,hours\n' +
  'Office clinic,1 A St,Baltimore,MD,21201,39.29,-76.62,"Mon-Fri 8:30 AM - 4:30 PM"\n' +
  'Night outreach,2 B St,Baltimore,MD,21201,39.291,-76.621,"Fri–Sat 10pm–2am"\n' +
  'Always open,3 C St,Baltimore,MD,21201,39.292,-76.622,24/7\n' +
  'Appointment only,4 D St,Baltimore,MD,21201,39.293,-76.623,By appointment\n'

const DAYS_CSV =
  SIMPLE_CSV_HEADER.replace('\n', ',mon,tue,wed,thu,fri,sat,sun\n') +
  'Weekday pantry,5 E St,Baltimore,MD,21201,39.294,-76.624,9-5,9-5,9-5,9-5,9:00 AM - 1:00 PM,closed,closed\n' +
  'Broken days,6 F St,Baltimore,MD,21201,39.295,-76.625,9-5,call us,9-5,,,,\n'

describe.each(backends)('hours read from a CSV (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let textReport: Awaited<ReturnType<typeof runImport>>
  let daysReport: Awaited<ReturnType<typeof runImport>>

  beforeAll(async () => {
    database = await freshDatabase(backend)
    textReport = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('text-hours.csv', TEXT_CSV)],
      mappingPath: simpleCsvMapping('text-hours', { hours: { column: 'hours', format: 'text' } }),
    })
    daysReport = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('day-hours.csv', DAYS_CSV)],
      mappingPath: simpleCsvMapping('day-hours', { hours: { days: { MO: 'mon', TU: 'tue', WE: 'wed', TH: 'thu', FR: 'fri', SA: 'sat', SU: 'sun' } } }),
    })
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('imports every site, the unreadable hours as warnings that quote the cell', () => {
    expect(textReport).toMatchObject({ written: true, inserted: 4, rejected: 0 })
    expect(textReport.warnings).toEqual([
      expect.objectContaining({
        line: 5,
        field: 'hours',
        message: expect.stringMatching(/^"By appointment" cannot be read as opening hours: "by" is not a day or a time/),
      }),
    ])
    expect(daysReport).toMatchObject({ written: true, inserted: 2, rejected: 0 })
    expect(daysReport.warnings).toEqual([expect.objectContaining({ line: 3, field: 'tue', message: expect.stringMatching(/^"call us" cannot be read/) })])
  })

  it('keeps the unreadable text in source_attributes, under its column', async () => {
    const rows = await database.db
      .selectFrom('locations')
      .select(['name', 'source_attributes'])
      .where('name', 'in', ['Appointment only', 'Broken days'])
      .orderBy('name')
      .execute()
    expect(rows.map((r) => [r.name, r.source_attributes])).toEqual([
      ['Appointment only', expect.objectContaining({ hours: 'By appointment' })],
      ['Broken days', expect.objectContaining({ mon: '9-5', tue: 'call us', wed: '9-5' })],
    ])
  })

  it('stores the read rules', async () => {
    const hours = async (name: string) => {
      const id = (await database.db.selectFrom('locations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
      return (await app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json().hours as HoursRule[]
    }
    const rule = (byday: string, opens: string, closes: string) => ({ byday, opens, closes, valid_from: null, valid_to: null })
    expect(await hours('Office clinic')).toEqual([rule('MO,TU,WE,TH,FR', '08:30', '16:30')])
    expect(await hours('Night outreach')).toEqual([rule('FR,SA', '22:00', '02:00')])
    expect(await hours('Weekday pantry')).toEqual([rule('FR', '09:00', '13:00'), rule('MO,TU,WE,TH', '09:00', '17:00')])
    expect(await hours('Appointment only')).toEqual([])
    expect(await hours('Broken days')).toEqual([])
  })

  it('finds the night program and the 24/7 site open at 01:30 on a Saturday, the office clinic closed', async () => {
    // Saturday 2026-11-28 01:30 in Baltimore (EST).
    const search = async (extra: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/search?lat=39.29&lon=-76.62&radius_mi=5&open_at=2026-11-28T01:30:00-05:00${extra}` })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json().results as { name: string; open_now: boolean | null }[]).map((r) => [r.name, r.open_now]).sort()
    }
    expect(await search('')).toEqual([
      ['Always open', true],
      ['Night outreach', true],
    ])
    // Hours not listed: shown only when asked for, as unknown.
    expect(await search('&include_unknown_hours=true')).toEqual([
      ['Always open', true],
      ['Appointment only', null],
      ['Broken days', null],
      ['Night outreach', true],
    ])
  })

  it('finds the office clinic open at 10:00 on a Tuesday and the night program closed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.62&radius_mi=5&open_at=2026-11-24T10:00:00-05:00' })
    const names = (res.json().results as { name: string }[]).map((r) => r.name).sort()
    expect(names).toEqual(['Always open', 'Office clinic', 'Weekday pantry'])
  })

  it('lists the same dates for a recurring rule in SQL (the search) as in the site page code', async () => {
    const rules: HoursRule[] = [
      { byday: '2TU,4TU', opens: '10:00', closes: '14:00', valid_from: null, valid_to: null, freq: 'MONTHLY' },
      { byday: '-1FR', opens: '22:00', closes: '02:00', valid_from: null, valid_to: null, freq: 'MONTHLY' },
      { byday: 'SA,SU', opens: '10:00', closes: '13:00', valid_from: null, valid_to: null, interval: 2, dtstart: '2026-11-04' },
      { byday: '', opens: '09:00', closes: '12:00', valid_from: '2026-03-01', valid_to: '2027-02-15', freq: 'MONTHLY', bymonthday: '1,15,-1' },
      { byday: '1MO', opens: '09:00', closes: '12:00', valid_from: null, valid_to: null, freq: 'MONTHLY', interval: 3, dtstart: '2026-02-02' },
      { byday: 'TH', opens: '09:00', closes: '12:00', valid_from: null, valid_to: null, interval: 3, dtstart: '2026-01-01' },
    ]
    for (const r of rules) {
      const { rows } = await sql<{ d: string }>`
        SELECT to_char(d, 'YYYY-MM-DD') AS d
          FROM hrl_recurring_dates(${r.freq ?? 'WEEKLY'}, ${r.interval ?? 1}::int, ${r.byday}, ${r.bymonthday ?? null}, ${r.dtstart ?? null}::date,
                                   ${r.valid_from}::date, ${r.valid_to}::date, '2026-01-01'::date, '2027-12-31'::date) AS d`.execute(database.db)
      const js: string[] = []
      for (let d = '2026-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
        if ((r.valid_from === null || r.valid_from <= d) && (r.valid_to === null || d <= r.valid_to) && occursOn(r, d)) js.push(d)
      }
      expect(
        rows.map((x) => x.d),
        JSON.stringify(r),
      ).toEqual(js)
      expect(js.length).toBeGreaterThan(3)
    }
  })
})
