import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables, refreshSearchTables } from '../server/directory/search-tables.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import { planSearch } from '../server/search/plan.js'
import { parseFilters } from '../server/search/query.js'
import { findNearestSites } from '../server/search/repository.js'
import { LANGUAGES, termId } from '../server/vocabulary.js'
import { isOpenAt } from '../common/schedule/hours.js'
import { generateDemoSites } from '../server/demo/generate.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'

/** Active sites per term, counted from scratch from the search rows' bitmasks. */
async function recount(db: TestDatabase['db']): Promise<Map<number, number>> {
  const { rows } = await sql<{ term: number; n: number }>`
    SELECT f.term, count(*)::int AS n FROM site_search s
     CROSS JOIN LATERAL (
       SELECT 100 + b FROM generate_series(0, 30) b WHERE (s.types >> b) & 1 = 1 UNION ALL
       SELECT 200 + b FROM generate_series(0, 30) b WHERE (s.services >> b) & 1 = 1 UNION ALL
       SELECT 300 + b FROM generate_series(0, 30) b WHERE (s.payment >> b) & 1 = 1 UNION ALL
       SELECT 400 + b FROM generate_series(0, 30) b WHERE (s.populations >> b) & 1 = 1 UNION ALL
       SELECT 500 + b FROM generate_series(0, 30) b WHERE (s.access >> b) & 1 = 1 UNION ALL
       SELECT 999 + array_position(${LANGUAGES.map((l) => l.code)}::text[], x) FROM unnest(s.languages) x
        WHERE x = ANY(${LANGUAGES.map((l) => l.code)}::text[]) UNION ALL SELECT 0) f(term)
     WHERE s.status = 'active' GROUP BY f.term`.execute(db)
  return new Map(rows.map((r) => [Number(r.term), Number(r.n)]))
}

describe.each(backends)('facet rows for the terms a search walks (%s)', (backend) => {
  let database: TestDatabase
  const demo = [...generateDemoSites(2000, 11)]

  // Drug-checking sites with dated, overnight and undated hours in three timezones, near Baltimore.
  const dated = (byday: string, opens: string, closes: string, from: string | null, to: string | null) => ({
    ...hours(byday, opens, closes),
    valid_from: from,
    valid_to: to,
  })
  const checking = [
    site({ id: 'dc-weekday', lat: 39.3, lon: -76.6, services: ['drug_checking'], hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')] }),
    site({
      id: 'dc-winter',
      lat: 39.31,
      lon: -76.6,
      services: ['drug_checking'],
      hours: [dated('MO,TU,WE,TH,FR,SA,SU', '08:00', '20:00', '2026-11-01', '2026-11-30'), hours('SA', '10:00', '12:00')],
    }),
    site({
      id: 'dc-summer',
      lat: 39.32,
      lon: -76.6,
      services: ['drug_checking'],
      hours: [dated('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00', '2026-06-01', '2026-08-31')],
    }),
    site({ id: 'dc-night', lat: 39.33, lon: -76.6, services: ['drug_checking'], hours: [hours('MO,TU', '20:00', '02:00')], timezone: 'America/Chicago' }),
    site({ id: 'dc-west', lat: 39.34, lon: -76.6, services: ['drug_checking'], hours: [hours('TU', '06:00', '11:00')], timezone: 'America/Los_Angeles' }),
    site({ id: 'dc-none', lat: 39.35, lon: -76.6, services: ['drug_checking'] }),
  ]

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [...demo, ...checking])
    // No minimum: only terms on at most a quarter of the sites get facet rows, as at a million sites.
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
  })
  afterAll(async () => database?.close())

  it('rebuilds into shadow tables that end up with the very indexes, keys and names of the live ones', async () => {
    const schema = async () =>
      (
        await sql<{ def: string }>`
      SELECT c.relname || ' ' || pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid IN ('site_search'::regclass, 'site_facets'::regclass, 'site_hours'::regclass, 'site_facet_counts'::regclass)
      UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
       WHERE conrelid IN ('site_search'::regclass, 'site_facets'::regclass, 'site_hours'::regclass, 'site_facet_counts'::regclass)
      UNION ALL SELECT 'table ' || relname FROM pg_class WHERE relname LIKE 'site%next'`.execute(database.db)
      ).rows
        .map((r) => r.def)
        .sort()
    const before = await schema()
    expect(before.some((d) => d.includes('site_search_pkey'))).toBe(true)
    expect(before.some((d) => d.startsWith('site_facets_term_geog_idx'))).toBe(true)
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
    expect(await schema()).toEqual(before)
  })

  it('stores facet rows only for terms on at most a quarter of the active sites, and counts every term', async () => {
    const stats = await facetStatsCache(database.db).get()
    expect(stats.total).toBe(demo.filter((s) => s.location.status === 'active').length + checking.length)
    const naloxone = termId('services', 'naloxone')
    const drugChecking = termId('services', 'drug_checking')
    expect(stats.counts.get(naloxone)! / stats.total).toBeGreaterThan(0.25)
    expect(stats.indexed.has(naloxone)).toBe(false)
    expect(stats.indexed.has(drugChecking)).toBe(true)
    for (const [term, sites] of stats.counts) if (term !== 0) expect(stats.indexed.has(term), `term ${term}`).toBe(sites <= stats.total * 0.25)
    const { rows } = await sql<{ term: number; n: number }>`SELECT term, count(*)::int AS n FROM site_facets GROUP BY term`.execute(database.db)
    for (const r of rows) {
      expect(stats.indexed.has(Number(r.term)), `term ${r.term}`).toBe(true)
      expect(Number(r.n)).toBe(stats.counts.get(Number(r.term)))
    }
    expect(new Map([...stats.counts].filter(([, n]) => n > 0))).toEqual(await recount(database.db))
  })

  it('never plans a walk over a term without facet rows, and finds the same sites either way', async () => {
    const stats = await facetStatsCache(database.db).get()
    const common = parseFilters({ services: ['naloxone'] })
    expect(planSearch(common, stats)).toEqual({ kind: 'nearest' })
    const rare = parseFilters({ services: ['naloxone', 'drug_checking'] })
    const plan = planSearch(rare, stats)
    expect(plan).toEqual({ kind: 'facets', terms: [termId('services', 'drug_checking')] })
    const q = { ...rare, lat: 39.3, lon: -76.6, radiusM: 800 * 1609.344, openFilter: false, at: new Date('2026-11-24T18:00:00Z'), limit: 10 }
    const viaFacets = await findNearestSites(database.db, q, plan, null)
    expect(viaFacets.length).toBeGreaterThan(0)
    expect(viaFacets.map((h) => h.location_id)).toEqual((await findNearestSites(database.db, q, { kind: 'nearest' }, null)).map((h) => h.location_id))
  })

  it('judges "open" on the facet rows exactly as the nearest walk and the hours evaluator do (dated, overnight, other zones)', async () => {
    const stats = await facetStatsCache(database.db).get()
    const filters = parseFilters({ services: ['drug_checking'] })
    const plan = planSearch(filters, stats)
    expect(plan.kind).toBe('facets')
    const start = Date.parse('2026-11-23T00:00:00Z')
    for (let i = 0; i < 60; i++) {
      const at = new Date(start + i * 2.8 * 3_600_000)
      const q = { ...filters, lat: 39.3, lon: -76.6, radiusM: 3 * 1609.344, openFilter: true, at, limit: 20 }
      const viaFacets = (await findNearestSites(database.db, q, plan, null)).map((h) => h.location_id)
      expect(viaFacets, at.toISOString()).toEqual((await findNearestSites(database.db, q, { kind: 'nearest' }, null)).map((h) => h.location_id))
      const expected = checking.filter((c) => isOpenAt(c.hours, c.location.timezone, at)).map((c) => c.location.id)
      expect(
        viaFacets.filter((id) => id.startsWith('dc-')),
        at.toISOString(),
      ).toEqual(expected)
    }
  })

  it('keeps the counts exact through refreshes that add, change and deactivate sites', async () => {
    const [first, second] = demo
    await sql`UPDATE locations SET status = 'inactive' WHERE id = ${first!.location.id}`.execute(database.db)
    await sql`UPDATE services SET codes = array_append(codes, 'drug_checking') WHERE id = ${second!.services[0]!.id}`.execute(database.db)
    const extra = [...generateDemoSites(30, 99)].map((s, i) => ({
      ...s,
      sourceId: `extra-${i}`,
      organization: { ...s.organization, id: `org-extra-${i}` },
      location: { ...s.location, id: `loc-extra-${i}` },
      services: s.services.map((v, j) => ({ ...v, id: `svc-extra-${i}-${j}` })),
    }))
    await insertSites(database.db, extra)
    await database.db.transaction().execute((trx) => refreshSearchTables(trx, [first!.location.id, second!.location.id, ...extra.map((s) => s.location.id)]))
    const stats = await facetStatsCache(database.db).get()
    expect(new Map([...stats.counts].filter(([, n]) => n > 0))).toEqual(await recount(database.db))
    const checking = termId('services', 'drug_checking')
    const facetRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM site_facets WHERE term = ${checking}`.execute(database.db)
    expect(Number(facetRows.rows[0]?.n)).toBe(stats.counts.get(checking))
  })
})
