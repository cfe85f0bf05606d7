/**
 * A curator imports an HSDS feed whose schedules are not plain weekly ones — a pop-up clinic
 * on the 2nd and 4th Tuesday, a van every other Saturday, a pantry on the 1st and last day of
 * the month. A person searching for what is open then finds them exactly on those days, the
 * site page lists the rules, and the HSDS export gives the same RRULEs back (import → export →
 * import keeps them). What our rules cannot hold is a warning in the report, never dropped.
 */
import { createWriteStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { exportChunks } from '../server/exports/formats.js'
import { runImport } from '../server/importers/pipeline.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { tempPath } from './export/helpers.js'
import { tempFile } from './import/helpers.js'
import { errorsOf, objectValidator } from './hsds/spec.js'

type Obj = Record<string, unknown>

const location = (id: string, name: string, lat: number, lon: number, schedules: Obj[]) => ({
  id: `sal-${id}`,
  schedules,
  location: { id, name, latitude: lat, longitude: lon, addresses: [{ address_1: '1 Main St', city: 'Baltimore', state_province: 'MD', postal_code: '21201' }] },
})

const SCHEDULES = {
  popup: { freq: 'MONTHLY', byday: '2TU,4TU', opens_at: '10:00', closes_at: '14:00' },
  van: { freq: 'WEEKLY', interval: 2, byday: 'SA', dtstart: '2026-11-07', opens_at: '10:00', closes_at: '13:00' },
  pantry: { freq: 'MONTHLY', bymonthday: '1,-1', opens_at: '09:00', closes_at: '12:00' },
  weekly: { freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '17:00' },
}

const FEED = [
  {
    id: 'svc-1',
    name: 'Syringe services',
    organization: { id: 'org-1', name: 'Charm City Outreach' },
    attributes: [{ taxonomy_term: { code: 'syringe_services', taxonomy: 'harm-reduction-locator:services' } }],
    service_at_locations: [
      location('loc-popup', 'Pop-up clinic', 39.29, -76.62, [SCHEDULES.popup, SCHEDULES.weekly]),
      location('loc-van', 'Van stop', 39.3, -76.6, [SCHEDULES.van]),
      location('loc-pantry', 'Supply pantry', 39.31, -76.61, [SCHEDULES.pantry]),
      location('loc-odd', 'Odd schedules', 39.32, -76.63, [
        { freq: 'WEEKLY', byday: 'WE', count: 10, opens_at: '10:00', closes_at: '12:00' },
        { description: 'Mon-Fri 9am-5pm' },
      ]),
    ],
  },
]

/** Next month's dates, so the search's year of recurring dates (from today) holds them. */
function nextMonthTuesdays(): string[] {
  const now = new Date()
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
  const offset = (2 - first.getUTCDay() + 7) % 7 // Tuesday = 2
  return [0, 1, 2, 3].map((k) => new Date(first.getTime() + (offset + 7 * k) * 86_400_000).toISOString().slice(0, 10))
}

describe.each(backends)('recurring HSDS schedules (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let warnings: { field: string; message: string }[]

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const report = await runImport(database.db, { format: 'hsds', paths: [tempFile('recurring.json', JSON.stringify(FEED))], dedup: false })
    expect(report).toMatchObject({ written: true, inserted: 4, rejected: 0 })
    warnings = report.warnings
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const siteId = async (name: string) => (await database.db.selectFrom('locations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

  it('keeps each rule with its RRULE meaning on the site page', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/sites/${await siteId('Pop-up clinic')}` })
    expect(res.statusCode).toBe(200)
    expect(res.json().hours).toEqual(
      expect.arrayContaining([
        { byday: '2TU,4TU', opens: '10:00', closes: '14:00', valid_from: null, valid_to: null, freq: 'MONTHLY' },
        { byday: 'MO', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null },
      ]),
    )
    const van = await app.inject({ method: 'GET', url: `/api/v1/sites/${await siteId('Van stop')}` })
    expect(van.json().hours).toEqual([{ byday: 'SA', opens: '10:00', closes: '13:00', valid_from: null, valid_to: null, interval: 2, dtstart: '2026-11-07' }])
    const pantry = await app.inject({ method: 'GET', url: `/api/v1/sites/${await siteId('Supply pantry')}` })
    expect(pantry.json().hours).toEqual([{ byday: '', opens: '09:00', closes: '12:00', valid_from: null, valid_to: null, freq: 'MONTHLY', bymonthday: '1,-1' }])
  })

  it('reports the schedule it cannot hold (count) at its JSON path, and reads a description-only schedule', async () => {
    expect(warnings).toEqual([
      expect.objectContaining({
        field: '[0].service_at_locations[3].schedules[0].count',
        message: expect.stringMatching(/^"10" cannot be kept: .*; this schedule is not kept as hours$/),
      }),
    ])
    const odd = await app.inject({ method: 'GET', url: `/api/v1/sites/${await siteId('Odd schedules')}` })
    expect(odd.json().hours).toEqual([{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null }])
  })

  it('finds the pop-up clinic open on the 2nd and 4th Tuesday at 11:00 and not on the 1st or 3rd', async () => {
    const tuesdays = nextMonthTuesdays()
    const openAt = async (date: string) => {
      // 11:00 in Baltimore is 16:00 UTC in winter and 15:00 in summer: ask with the local offset.
      const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' })
        .formatToParts(new Date(`${date}T16:00:00Z`))
        .find((p) => p.type === 'timeZoneName')
        ?.value.replace('GMT', '')
      const url = `/api/v1/search?lat=39.29&lon=-76.62&radius_mi=5&open_at=${encodeURIComponent(`${date}T11:00:00${offset}`)}`
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json().results as { name: string; open_now: boolean }[]).filter((r) => r.name === 'Pop-up clinic')
    }
    const expectSecondAndFourth = async () => {
      expect(await openAt(tuesdays[1] as string)).toMatchObject([{ open_now: true }])
      expect(await openAt(tuesdays[3] as string)).toMatchObject([{ open_now: true }])
      expect(await openAt(tuesdays[0] as string)).toEqual([])
      expect(await openAt(tuesdays[2] as string)).toEqual([])
    }
    // As the import's refresh of its sites wrote the search rows, then as a full rebuild does.
    await expectSecondAndFourth()
    await rebuildSearchTables(database.db)
    await expectSecondAndFourth()
  })

  it('exports the same freq, interval, byday, bymonthday and dtstart, and an import of the export keeps them', async () => {
    const path = tempPath('recurring.hsds.json')
    await pipeline(Readable.from(exportChunks(database.db, 'hsds', { includeInactive: true, includeDemo: false, source: null })), createWriteStream(path))
    const services = JSON.parse(readFileSync(path, 'utf8')) as Obj[]
    const validate = objectValidator('compiled/service.json')
    for (const service of services) expect(validate(service), errorsOf(validate)).toBe(true)
    const schedules = services
      .flatMap((s) => s.service_at_locations as Obj[])
      .flatMap((sal) => [...((sal.schedules as Obj[]) ?? []), ...(((sal.location as Obj).schedules as Obj[]) ?? [])])
      .map(({ freq, interval, byday, bymonthday, dtstart, opens_at, closes_at }) => ({ freq, interval, byday, bymonthday, dtstart, opens_at, closes_at }))
    const strip = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
    expect(schedules.map(strip)).toEqual(expect.arrayContaining(Object.values(SCHEDULES).map((s) => strip({ interval: undefined, ...s }))))

    const target = await freshDatabase(backend)
    try {
      const report = await runImport(target.db, { format: 'hsds', paths: [path], dedup: false })
      expect(report).toMatchObject({ written: true, inserted: 4, rejected: 0, warnings: [] })
      const rules = async (db: TestDatabase['db']) =>
        (
          await db
            .selectFrom('schedules as h')
            .innerJoin('locations as l', 'l.id', 'h.location_id')
            .select(['l.name', 'h.freq', 'h.interval', 'h.byday', 'h.bymonthday', 'h.dtstart', 'h.opens_at', 'h.closes_at'])
            .orderBy('l.name')
            .orderBy('h.byday')
            .execute()
        ).map((r) => ({ ...r, dtstart: r.dtstart === null ? null : String(r.dtstart).slice(0, 10) }))
      expect(await rules(target.db)).toEqual(await rules(database.db))
    } finally {
      await target.close()
    }
  })
})
