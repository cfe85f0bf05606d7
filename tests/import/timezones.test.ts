/**
 * Every site keeps the clock of the place it is in: imported sites take the timezone of their
 * point (or the zone their source states), a site a curator moves takes the zone of its new
 * place, and a directory imported while zones were guessed from the state is put right by the
 * migration and by `npm run import -- timezones`. Zones are compared by their UTC offsets on a
 * summer and a winter day, so a wrong name with the right clock would pass and a right-looking
 * name with the wrong clock would not.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timezonesCommand } from '../../server/cli/timezones.js'
import { createAccount } from '../../server/curate/accounts.js'
import { holdFields } from '../../server/curate/edits.js'
import type { Account } from '../../server/db/schema.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import type { HeldField } from '../../server/directory/held-fields.js'
import { refreshSearchTables } from '../../server/directory/search-tables.js'
import { runImport } from '../../server/importers/pipeline.js'
import { up as migrateTimezones } from '../../migrations/2026-12-03-01-timezones.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'
import { simpleCsvMapping, tempFile } from './helpers.js'

const SUMMER = new Date('2026-07-15T17:00:00Z')
const WINTER = new Date('2026-01-15T17:00:00Z')
/** Minutes from UTC in summer and in winter. */
const EASTERN = [-240, -300]
const CENTRAL = [-300, -360]
const MOUNTAIN = [-360, -420]
const ARIZONA = [-420, -420]
const PACIFIC = [-420, -480]

/** The zone's offset from UTC at an instant, in minutes (from Intl's "GMT-05:00"). */
function offsetAt(zone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '')
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}
const clockOf = (zone: string) => [offsetAt(zone, SUMMER), offsetAt(zone, WINTER)]

interface City {
  id: string
  city: string
  state: string
  zip: string
  lat: number
  lon: number
  clock: number[]
  /** What the state-and-longitude guess stored before zones came from the point. */
  guessed: string
}

const CITIES: City[] = [
  { id: 'gary', city: 'Gary', state: 'IN', zip: '46402', lat: 41.5934, lon: -87.3464, clock: CENTRAL, guessed: 'America/Indiana/Indianapolis' },
  { id: 'evansville', city: 'Evansville', state: 'IN', zip: '47708', lat: 37.9716, lon: -87.5711, clock: CENTRAL, guessed: 'America/Indiana/Indianapolis' },
  { id: 'louisville', city: 'Louisville', state: 'KY', zip: '40202', lat: 38.2527, lon: -85.7585, clock: EASTERN, guessed: 'America/New_York' },
  { id: 'nashville', city: 'Nashville', state: 'TN', zip: '37203', lat: 36.1627, lon: -86.7816, clock: CENTRAL, guessed: 'America/Chicago' },
  { id: 'knoxville', city: 'Knoxville', state: 'TN', zip: '37902', lat: 35.9606, lon: -83.9207, clock: EASTERN, guessed: 'America/New_York' },
  { id: 'pensacola', city: 'Pensacola', state: 'FL', zip: '32502', lat: 30.4213, lon: -87.2169, clock: CENTRAL, guessed: 'America/Chicago' },
  { id: 'el-paso', city: 'El Paso', state: 'TX', zip: '79901', lat: 31.7619, lon: -106.485, clock: MOUNTAIN, guessed: 'America/Denver' },
  { id: 'boise', city: 'Boise', state: 'ID', zip: '83702', lat: 43.615, lon: -116.2023, clock: MOUNTAIN, guessed: 'America/Boise' },
  { id: 'coeur-d-alene', city: "Coeur d'Alene", state: 'ID', zip: '83814', lat: 47.6777, lon: -116.7805, clock: PACIFIC, guessed: 'America/Boise' },
  { id: 'ontario', city: 'Ontario', state: 'OR', zip: '97914', lat: 44.0266, lon: -116.9629, clock: MOUNTAIN, guessed: 'America/Boise' },
  { id: 'phoenix', city: 'Phoenix', state: 'AZ', zip: '85004', lat: 33.4484, lon: -112.074, clock: ARIZONA, guessed: 'America/Phoenix' },
  { id: 'tuba-city', city: 'Tuba City', state: 'AZ', zip: '86045', lat: 36.135, lon: -111.2399, clock: MOUNTAIN, guessed: 'America/Phoenix' },
  { id: 'bismarck', city: 'Bismarck', state: 'ND', zip: '58501', lat: 46.8083, lon: -100.7837, clock: CENTRAL, guessed: 'America/Chicago' },
  { id: 'dickinson', city: 'Dickinson', state: 'ND', zip: '58601', lat: 46.8792, lon: -102.7896, clock: MOUNTAIN, guessed: 'America/Denver' },
]
/** The cities the guess got wrong by name (Louisville had the right clock under another name). */
const GUESSED_WRONG = ['coeur-d-alene', 'evansville', 'gary', 'louisville', 'tuba-city']

const HEADER = 'id,name,street,city,state,zip,lat,lon,tz\n'
const cityRow = (c: City, tz = '', point = true) =>
  `${c.id},"Harm Reduction ${c.city.replace(/"/g, '')}","1 Main St","${c.city}",${c.state},${c.zip},${point ? c.lat : ''},${point ? c.lon : ''},${tz}`
const citiesCsv = (rows: string[]) => tempFile('cities.csv', HEADER + rows.join('\n'))
const mapping = (source: string, extra: Record<string, unknown> = {}) => simpleCsvMapping(source, { id: 'id', ...extra })

describe.each(backends)('every site keeps the clock of its place (%s)', (backend) => {
  let database: TestDatabase
  let curator: Account
  const db = () => database.db
  /** Zones by source id: the location's, its search row's and its facet rows'. */
  async function zonesOf(source: string): Promise<Map<string, { location: string; search: string | null; facets: string[] }>> {
    const rows = await sql<{ source_id: string; location: string; search: string | null; facets: string[] }>`
      SELECT l.source_id, l.timezone AS location, s.timezone AS search,
             ARRAY(SELECT DISTINCT f.timezone FROM site_facets f WHERE f.location_id = l.id) AS facets
        FROM locations l LEFT JOIN site_search s ON s.location_id = l.id WHERE l.source = ${source}`.execute(db())
    return new Map(rows.rows.map((r) => [r.source_id, r]))
  }
  const locationId = async (source: string, sourceId: string) =>
    (await db().selectFrom('locations').select('id').where('source', '=', source).where('source_id', '=', sourceId).executeTakeFirstOrThrow()).id

  beforeAll(async () => {
    database = await freshDatabase(backend)
    curator = await createAccount(database.db, { email: 'tz@example.org', name: 'Tess Zone', role: 'admin' })
  })
  afterAll(async () => database?.close())

  it('imports sites in split states with the clock of their county, and the search rows carry it', async () => {
    const report = await runImport(db(), { format: 'csv', paths: [citiesCsv(CITIES.map((c) => cityRow(c)))], mappingPath: mapping('cities') })
    expect(report).toMatchObject({ inserted: CITIES.length, rejected: 0, written: true })
    const zones = await zonesOf('cities')
    for (const c of CITIES) {
      const z = zones.get(c.id)
      expect({ city: c.city, clock: clockOf(z?.location ?? 'UTC') }).toEqual({ city: c.city, clock: c.clock })
      expect(z?.search).toBe(z?.location)
      expect(z?.facets).toEqual([z?.location])
    }
    // Tuba City keeps daylight time (Navajo Nation); Phoenix, 120 miles south, does not.
    expect(zones.get('tuba-city')?.location).not.toBe(zones.get('phoenix')?.location)
  })

  it('places a site without coordinates by its ZIP and gives it the zone of that point', async () => {
    const rows = CITIES.filter((c) => ['el-paso', 'gary', 'coeur-d-alene'].includes(c.id)).map((c) => cityRow(c, '', false))
    const report = await runImport(db(), { format: 'csv', paths: [citiesCsv(rows)], mappingPath: mapping('zip-only'), dedup: false })
    expect(report).toMatchObject({ inserted: 3, geocodedApproximately: 3, rejected: 0 })
    const zones = await zonesOf('zip-only')
    const clock = Object.fromEntries([...zones].map(([id, z]) => [id, clockOf(z.location)]))
    expect(clock).toEqual({ 'el-paso': MOUNTAIN, gary: CENTRAL, 'coeur-d-alene': PACIFIC })
    expect([...zones.values()].every((z) => z.search === z.location)).toBe(true)
  })

  it("takes a CSV's explicit timezone column over the point, and the point where the cell is empty", async () => {
    const gary = CITIES[0] as City
    const knoxville = CITIES[4] as City
    const rows = [
      cityRow({ ...gary, id: 'gary-eastern' }, 'America/New_York'),
      cityRow({ ...knoxville, id: 'knox-lower' }, ' america/new_york '),
      cityRow({ ...gary, id: 'gary-blank' }),
    ]
    const report = await runImport(db(), { format: 'csv', paths: [citiesCsv(rows)], mappingPath: mapping('explicit', { timezone: 'tz' }), dedup: false })
    expect(report).toMatchObject({ inserted: 3, rejected: 0 })
    const zones = await zonesOf('explicit')
    expect(zones.get('gary-eastern')?.location).toBe('America/New_York')
    expect(zones.get('knox-lower')?.location).toBe('America/New_York')
    expect(clockOf(zones.get('gary-blank')?.location ?? 'UTC')).toEqual(CENTRAL)
    const attrs = await db().selectFrom('locations').select(['source_id', 'source_attributes']).where('source', '=', 'explicit').orderBy('source_id').execute()
    // The cell as the file has it (trimmed), next to the zone it stands for.
    expect(attrs.map((a) => a.source_attributes.source_timezone ?? null)).toEqual([null, 'America/New_York', 'america/new_york'])
  })

  it('refuses a row whose explicit timezone is not an IANA name, quoting the cell, and writes nothing', async () => {
    const before = await db()
      .selectFrom('locations')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const rows = [
      cityRow({ ...(CITIES[0] as City), id: 'gary-eastern-word' }, 'Eastern'),
      cityRow({ ...(CITIES[3] as City), id: 'nash-cst' }, 'CST'),
      cityRow(CITIES[6] as City, ''),
    ]
    const report = await runImport(db(), { format: 'csv', paths: [citiesCsv(rows)], mappingPath: mapping('bad-zones', { timezone: 'tz' }) })
    expect(report).toMatchObject({ refused: 'rows', rejected: 2, written: false })
    expect(report.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, 'tz', '"Eastern" is not an IANA timezone name (e.g. America/Chicago, America/Denver, America/Phoenix)'],
      [3, 'tz', '"CST" is not an IANA timezone name (e.g. America/Chicago, America/Denver, America/Phoenix)'],
    ])
    const after = await db()
      .selectFrom('locations')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    // A constant zone is checked once, when the mapping loads.
    const constant = await runImport(db(), {
      format: 'csv',
      paths: [citiesCsv(rows.slice(2))],
      mappingPath: mapping('bad-const', { timezone: { const: 'Central' } }),
    })
    expect(constant.refused).toBe('file')
    expect(constant.problems[0]).toMatchObject({ field: 'timezone.const', message: '"Central" is not an IANA timezone name (e.g. America/Chicago)' })
  })

  it("takes an HSDS schedule's IANA timezone, keeps a UTC offset but follows the point, and refuses a clock name", async () => {
    const service = (id: string, city: City, timezone: unknown) => ({
      id: `svc-${id}`,
      name: 'Syringe services',
      organization: { name: `Org ${id}` },
      service_at_locations: [
        {
          id: `sal-${id}`,
          location: {
            id: `loc-${id}`,
            name: `Outreach ${id}`,
            latitude: city.lat,
            longitude: city.lon,
            addresses: [{ address_1: '2 Main St', city: city.city, state_province: city.state, postal_code: city.zip }],
            schedules: [{ freq: 'WEEKLY', byday: 'MO,TU', opens_at: '09:00', closes_at: '17:00', timezone }],
          },
        },
      ],
    })
    const gary = CITIES[0] as City
    const file = (services: unknown[]) => tempFile('feed.json', JSON.stringify({ contents: services }))
    const ok = await runImport(db(), {
      format: 'hsds',
      source: 'feed',
      dedup: false,
      paths: [file([service('indy-clock', gary, 'America/Indiana/Indianapolis'), service('offset', gary, -6), service('none', CITIES[7] as City, null)])],
    })
    expect(ok).toMatchObject({ inserted: 3, rejected: 0 })
    const zones = await zonesOf('feed')
    expect(zones.get('loc-indy-clock')?.location).toBe('America/Indiana/Indianapolis')
    expect(clockOf(zones.get('loc-indy-clock')?.location ?? 'UTC')).toEqual(EASTERN)
    expect(clockOf(zones.get('loc-offset')?.location ?? 'UTC')).toEqual(CENTRAL)
    expect(clockOf(zones.get('loc-none')?.location ?? 'UTC')).toEqual(MOUNTAIN)
    const offsetSite = await db()
      .selectFrom('locations')
      .select('source_attributes')
      .where('source', '=', 'feed')
      .where('source_id', '=', 'loc-offset')
      .executeTakeFirstOrThrow()
    expect(offsetSite.source_attributes.source_timezone).toBe('-6')

    const bad = await runImport(db(), { format: 'hsds', source: 'feed-bad', paths: [file([service('word', gary, 'Central Time')])] })
    expect(bad).toMatchObject({ refused: 'rows', rejected: 1 })
    expect(bad.problems[0]).toMatchObject({
      line: 1,
      field: 'contents[0].service_at_locations[0].location.schedules[0].timezone',
      message: '"Central Time" is not an IANA timezone name (e.g. America/Chicago, America/Denver, America/Phoenix), nor a UTC offset',
    })
  })

  it('moves the clock with a site a curator moves, unless the curator set the clock, and a re-import keeps it', async () => {
    const id = await locationId('cities', 'gary')
    const context = { actor: curator, action: 'edit', reason: 'the program moved to Indianapolis' }
    await holdFields(db(), id, new Map<HeldField, unknown>([['point', { lat: 39.7684, lon: -86.1581 }]]), context)
    let z = (await zonesOf('cities')).get('gary')
    expect(clockOf(z?.location ?? 'UTC')).toEqual(EASTERN)
    expect(z?.search).toBe(z?.location)
    const audit = await db()
      .selectFrom('audit_log')
      .select(['previous_value', 'new_value'])
      .where('entity_id', '=', id)
      .where('field_name', '=', 'timezone')
      .execute()
    expect(audit.map((a) => [a.previous_value, a.new_value])).toEqual([['America/Chicago', 'America/Indiana/Indianapolis']])

    // The source still says Gary: its record keeps Chicago, the site keeps the curator's place and its clock.
    const renamed = cityRow(CITIES[0] as City).replace('Harm Reduction Gary', 'Harm Reduction Gary North')
    const reimport = await runImport(db(), { format: 'csv', paths: [citiesCsv([renamed])], mappingPath: mapping('cities') })
    expect(reimport).toMatchObject({ updated: 1 })
    expect(clockOf((await zonesOf('cities')).get('gary')?.location ?? 'UTC')).toEqual(EASTERN)

    // A clock the curator sets stays when the site moves again.
    await holdFields(db(), id, new Map<HeldField, unknown>([['timezone', 'America/Chicago']]), context)
    await holdFields(db(), id, new Map<HeldField, unknown>([['point', { lat: 39.77, lon: -86.16 }]]), context)
    z = (await zonesOf('cities')).get('gary')
    expect(z?.location).toBe('America/Chicago')
    expect(z?.search).toBe('America/Chicago')
  })
})

describe.each(backends)('a directory imported while zones were guessed is put right (%s)', (backend) => {
  let database: TestDatabase
  let curator: Account
  const db = () => database.db

  /** The rows as the state-and-longitude guess wrote them: records, locations and search rows. */
  async function guessZones(): Promise<void> {
    for (const c of CITIES) {
      // A record stored with a guessed zone was hashed with it: any other hash than today's import's.
      await sql`
        UPDATE location_sources SET record = jsonb_set(record, '{timezone}', to_jsonb(${c.guessed}::text)),
               record_hash = CASE WHEN record->>'timezone' = ${c.guessed} THEN record_hash ELSE 'hash-of-the-guess' END
         WHERE source = 'old' AND source_id = ${c.id}`.execute(db())
      await sql`UPDATE locations SET timezone = ${c.guessed} WHERE source = 'old' AND source_id = ${c.id}`.execute(db())
    }
    await sql`UPDATE locations SET timezone = 'America/New_York' WHERE id IN ('hand-made', 'held-clock', 'demo-gary')`.execute(db())
    for (const table of ['site_search', 'site_facets']) {
      await sql`UPDATE ${sql.table(table)} s SET timezone = l.timezone FROM locations l WHERE l.id = s.location_id`.execute(db())
    }
  }
  /** Sites whose location, search row or facet rows disagree with the zone of the point (by clock). */
  async function offClock(): Promise<string[]> {
    const rows = await sql<{ id: string; source_id: string; zones: string[] }>`
      SELECT l.id, l.source_id, ARRAY[l.timezone, s.timezone] || ARRAY(SELECT f.timezone FROM site_facets f WHERE f.location_id = l.id) AS zones
        FROM locations l JOIN site_search s ON s.location_id = l.id WHERE l.source = 'old'`.execute(db())
    return rows.rows
      .filter((r) => {
        const want = (CITIES.find((c) => c.id === r.source_id) as City).clock
        return r.zones.some((z) => JSON.stringify(clockOf(z)) !== JSON.stringify(want))
      })
      .map((r) => r.source_id)
      .sort()
  }
  const zoneOf = async (id: string) => (await db().selectFrom('locations').select('timezone').where('id', '=', id).executeTakeFirstOrThrow()).timezone

  beforeAll(async () => {
    database = await freshDatabase(backend)
    curator = await createAccount(database.db, { email: 'tz@example.org', name: 'Tess Zone', role: 'admin' })
    await runImport(db(), { format: 'csv', paths: [citiesCsv(CITIES.map((c) => cityRow(c)))], mappingPath: mapping('old') })
    // Gary's hand-made twin, one whose clock a curator set, and a demo site: none has a source record.
    await insertSites(db(), [
      site({ id: 'hand-made', lat: 41.6, lon: -87.35 }),
      site({ id: 'held-clock', lat: 41.61, lon: -87.36 }),
      site({ id: 'demo-gary', lat: 41.62, lon: -87.37, demo: true }),
    ])
    await refreshSearchTables(db(), ['hand-made', 'held-clock', 'demo-gary'])
    await holdFields(db(), 'held-clock', new Map<HeldField, unknown>([['timezone', 'America/New_York']]), {
      actor: curator,
      action: 'edit',
      reason: 'keeps Eastern hours',
    })
  })
  afterAll(async () => database?.close())

  it('the migration re-derives every wrongly zoned site, its record and its search rows, in one pass', async () => {
    await guessZones()
    expect(await offClock()).toEqual(['coeur-d-alene', 'evansville', 'gary', 'tuba-city'])
    await database.db.transaction().execute((trx) => migrateTimezones(trx))
    expect(await offClock()).toEqual([])
    expect(clockOf(await zoneOf('hand-made'))).toEqual(CENTRAL)
    expect(await zoneOf('held-clock')).toBe('America/New_York')
    expect(await zoneOf('demo-gary')).toBe('America/New_York')
    const audited = await db().selectFrom('audit_log').select('entity_id').where('action', '=', 'timezone_from_point').execute()
    expect(audited).toHaveLength(GUESSED_WRONG.length + 1)
    // The next import of the file stores the corrected records' hashes once, and changes no site.
    const again = await runImport(db(), { format: 'csv', paths: [citiesCsv(CITIES.map((c) => cityRow(c)))], mappingPath: mapping('old') })
    expect(again).toMatchObject({ unchanged: CITIES.length - GUESSED_WRONG.length, updated: GUESSED_WRONG.length })
    expect(await offClock()).toEqual([])
    const changedAgain = await db().selectFrom('audit_log').select('id').where('batch_id', '=', again.batchId).where('entity_type', '=', 'location').execute()
    expect(changedAgain).toEqual([])
  })

  it('`npm run import -- timezones` does the same on demand and says how many sites changed', async () => {
    await guessZones()
    // 14 imported sites and 2 hand-made ones (the demo site is left as the generator made it).
    expect(await timezonesCommand(db())).toBe(`${GUESSED_WRONG.length + 1} of ${CITIES.length + 2} sites changed timezone (5 source records corrected)`)
    expect(await offClock()).toEqual([])
    expect(clockOf(await zoneOf('hand-made'))).toEqual(CENTRAL)
    expect(await zoneOf('held-clock')).toBe('America/New_York')
    expect(await zoneOf('demo-gary')).toBe('America/New_York')
    expect(await timezonesCommand(db())).toBe(`0 of ${CITIES.length + 2} sites changed timezone (0 source records corrected)`)
    const again = await runImport(db(), { format: 'csv', paths: [citiesCsv(CITIES.map((c) => cityRow(c)))], mappingPath: mapping('old') })
    expect(again).toMatchObject({ unchanged: CITIES.length, updated: 0 })
  })
})
