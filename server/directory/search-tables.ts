/**
 * Rebuilds the derived search tables (site_search, site_facets, site_hours, site_facet_counts)
 * from the directory tables — for everything, or for the locations an import touched.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { Database, Db } from '../db/schema.js'
import { allowIndexBuildMemory, keysOf, plainIndexesOf } from '../db/catalog.js'
import { siteCard } from './search-card.js'
import { codesOf, FIELD_BASE, LANGUAGE_BASE, LANGUAGES, type FilterField } from '../vocabulary.js'

const LANGUAGE_CODES = LANGUAGES.map((l) => l.code)

/**
 * One search row per location. Services, hours and first phone are aggregated once per
 * table (hash aggregates), not looked up per location: a full rebuild of a million sites is
 * several times faster this way.
 */
function siteSearchSelect(ids: readonly string[] | null) {
  const only = (column: string) => (ids ? sql`AND ${sql.ref(column)} = ANY(${ids as string[]}::text[])` : sql``)
  // A recurring rule's fields (freq, interval, bymonthday, dtstart) only where they are not a weekly rule's.
  const rules = sql`jsonb_agg(jsonb_build_object('byday', h.byday, 'opens', to_char(h.opens_at, 'HH24:MI'),
      'closes', to_char(h.closes_at, 'HH24:MI'), 'valid_from', h.valid_from, 'valid_to', h.valid_to)
      || jsonb_strip_nulls(jsonb_build_object('freq', nullif(h.freq, 'WEEKLY'), 'interval', nullif(h."interval", 1),
           'bymonthday', h.bymonthday, 'dtstart', h.dtstart)) ORDER BY h.byday, h.opens_at)`
  return sql`
    WITH svc AS (
      SELECT sal.location_id, bit_or(m.mask) AS mask
        FROM service_at_location sal
        JOIN services s ON s.id = sal.service_id AND s.status = 'active'
       CROSS JOIN LATERAL ${codesMask('services', sql`s.codes`)} AS m
       WHERE true ${only('sal.location_id')}
       GROUP BY sal.location_id
    ), loc_hours AS (
      SELECT h.location_id, ${rules} AS rules FROM schedules h
       WHERE h.location_id IS NOT NULL ${only('h.location_id')}
       GROUP BY h.location_id
    ), sal_hours AS (
      SELECT sal.location_id, ${rules} AS rules
        FROM schedules h JOIN service_at_location sal ON sal.id = h.service_at_location_id
       WHERE true ${only('sal.location_id')}
       GROUP BY sal.location_id
    ), first_phone AS (
      SELECT DISTINCT ON (p.location_id) p.location_id, p.number FROM phones p
       WHERE p.location_id IS NOT NULL ${only('p.location_id')}
       ORDER BY p.location_id, p.ordinal, p.id
    )
    SELECT l.id, l.organization_id, l.name, o.name, l.address_1, l.address_2, l.city, l.region, l.postal_code,
           first_phone.number, l.latitude, l.longitude, l.geog, l.geocode_precision,
           types.mask, coalesce(held.mask, svc.mask, 0), payment.mask, populations.mask, access.mask,
           l.languages, l.timezone, coalesce(loc_hours.rules, sal_hours.rules, '[]'::jsonb),
           l.status, l.source, l.assured_date, l.demo, l.public_note, l.status_until, l.status_reason
      FROM locations l
      JOIN organizations o ON o.id = l.organization_id
      LEFT JOIN svc ON svc.location_id = l.id
      LEFT JOIN loc_hours ON loc_hours.location_id = l.id
      LEFT JOIN sal_hours ON sal_hours.location_id = l.id
      LEFT JOIN first_phone ON first_phone.location_id = l.id
     CROSS JOIN LATERAL ${codesMask('types', sql`l.types`)} AS types
     CROSS JOIN LATERAL ${codesMask('payment', sql`l.payment`)} AS payment
     CROSS JOIN LATERAL ${codesMask('populations', sql`l.populations`)} AS populations
     CROSS JOIN LATERAL ${codesMask('access', sql`l.access`)} AS access
     -- A curator's service codes for the site replace those of its services.
      LEFT JOIN LATERAL (SELECT m.mask FROM ${codesMask('services', sql`l.services_override`)} AS m WHERE l.services_override IS NOT NULL) AS held ON true
     WHERE l.geog IS NOT NULL ${only('l.id')}
     ${ids ? sql`` : sql`ORDER BY ${SPATIAL_ORDER('l.geog')}`}`
}

/**
 * The order a full rebuild writes rows in: nearby sites on nearby pages (a Z-order curve by
 * geohash). A nearest-first walk then reads a few pages instead of one per candidate; at a
 * million sites, where the tables outgrow shared buffers, searches ran about 3x faster
 * (no filter 0.88 -> 0.33 ms, four filters 4.3 -> 1.3 ms). Rows a refresh adds go at the end.
 */
const SPATIAL_ORDER = (geog: string) => sql`ST_GeoHash(${sql.ref(geog)}::geometry, 8)`

/**
 * The bitmask of a code array, as hrl_mask() computes it (bit i set when the vocabulary's
 * i-th code is present; unknown codes ignored), as a lateral subquery of one array: the
 * planner memoizes it by the array's value, and a directory has few distinct arrays per field,
 * so a million-site rebuild computes a few thousand masks, not five million (calling the SQL
 * function per row, which cannot be inlined, took most of such a rebuild).
 */
function codesMask(field: FilterField, codes: RawBuilder<unknown>) {
  return sql`(SELECT coalesce(bit_or(1 << (array_position(${codesOf(field)}::text[], c) - 1)), 0) AS mask FROM unnest(${codes}) AS c)`
}

/** The search tables a statement reads: the live ones, or a rebuild's shadow copies. */
interface SearchTables {
  search: string
  facets: string
  hours: string
  counts: string
}
const LIVE: SearchTables = { search: 'site_search', facets: 'site_facets', hours: 'site_hours', counts: 'site_facet_counts' }
const SHADOW: SearchTables = { search: 'site_search_next', facets: 'site_facets_next', hours: 'site_hours_next', counts: 'site_facet_counts_next' }

/** The bitmask fields, each with the facet id of its first code (vocabulary.ts). */
const MASK_FIELDS = Object.entries(FIELD_BASE) as [FilterField, number][]

/** Every filter term of row `on` (a site_search row or a group of them; and term 0 when `withTotal`), one row each: the facet terms. */
function termsOf(withTotal: boolean, on = 's') {
  const bits = (column: string, base: number) =>
    sql`SELECT ${sql.lit(base)} + b FROM generate_series(0, 30) AS b WHERE (${sql.ref(on + '.' + column)} >> b) & 1 = 1`
  return sql`(
       ${sql.join(
         MASK_FIELDS.map(([column, base]) => bits(column, base)),
         sql` UNION ALL `,
       )}
       UNION ALL SELECT ${sql.lit(LANGUAGE_BASE)} + array_position(${LANGUAGE_CODES}::text[], x) - 1
                   FROM unnest(${sql.ref(on + '.languages')}) AS x WHERE array_position(${LANGUAGE_CODES}::text[], x) IS NOT NULL
       ${withTotal ? sql`UNION ALL SELECT ${sql.lit(ACTIVE_SITES_TERM)}` : sql``}
     ) AS t(term)`
}

/**
 * Whether site `s` carries any indexed term: most sites of a large directory carry none of the
 * rare terms, and this test (five masks and a language list, worked out once per statement)
 * spares them expanding every bit of their masks into rows.
 */
function hasIndexedTerm(on: SearchTables) {
  const indexed = (base: number) => sql`(SELECT coalesce(bit_or(1 << (term - ${sql.lit(base)})), 0) FROM ${sql.table(on.counts)}
      WHERE indexed AND term BETWEEN ${sql.lit(base)} AND ${sql.lit(base + 30)})`
  return sql`(${sql.join(
    MASK_FIELDS.map(([column, base]) => sql`(${sql.ref('s.' + column)} & ${indexed(base)}) <> 0`),
    sql` OR `,
  )}
      OR s.languages && (SELECT coalesce(array_agg((${LANGUAGE_CODES}::text[])[term - ${sql.lit(LANGUAGE_BASE - 1)}]), '{}') FROM ${sql.table(on.counts)}
                          WHERE indexed AND term >= ${sql.lit(LANGUAGE_BASE)}))`
}

const onlyIds = (ids: readonly string[] | null) => (ids ? sql`AND s.location_id = ANY(${ids as string[]}::text[])` : sql``)

/**
 * Facet rows of the active sites (of `ids`, or all), for the indexed terms only, with the
 * columns the search filters test (site_hours must already hold these sites' hours). A full
 * rebuild writes them term by term, each term's rows in the spatial order of the freshly
 * written site_search (its physical order, see SPATIAL_ORDER), so a facet walk reads the
 * pages of one term's nearby sites rather than pages shared with every other term.
 */
function facetSelect(ids: readonly string[] | null, on: SearchTables = LIVE) {
  return sql`
    SELECT t.term, s.location_id, s.geog, s.types, s.services, s.payment, s.populations, s.access, s.languages, s.timezone,
           undated.open_week, dated.location_id IS NOT NULL, s.demo
      FROM ${sql.table(on.search)} s
     CROSS JOIN LATERAL ${termsOf(false)}
      LEFT JOIN ${sql.table(on.hours)} undated ON undated.location_id = s.location_id AND undated.valid IS NULL
      LEFT JOIN (SELECT DISTINCT location_id FROM ${sql.table(on.hours)} WHERE valid IS NOT NULL) dated ON dated.location_id = s.location_id
     WHERE s.status = 'active' ${onlyIds(ids)} AND ${hasIndexedTerm(on)}
       AND t.term IN (SELECT term FROM ${sql.table(on.counts)} WHERE indexed)
     ${ids ? sql`` : sql`ORDER BY t.term, s.ctid`}`
}

const FACET_COLUMNS = sql.raw('term, location_id, geog, types, services, payment, populations, access, languages, timezone, open_week, dated_hours, demo')

/**
 * Active sites per term (term 0: all of them), over the sites of `ids` or all. Sites are
 * grouped by their filter columns first (a directory has far fewer distinct combinations than
 * sites), so each combination's bits are expanded once rather than each site's.
 */
function termCounts(ids: readonly string[] | null, on: SearchTables = LIVE) {
  return sql`
    SELECT t.term, sum(g.n)::int AS sites
      FROM (SELECT s.types, s.services, s.payment, s.populations, s.access, s.languages, count(*) AS n
              FROM ${sql.table(on.search)} s
             WHERE s.status = 'active' ${onlyIds(ids)}
             GROUP BY 1, 2, 3, 4, 5, 6) g
     CROSS JOIN LATERAL ${termsOf(true, 'g')}
     GROUP BY t.term`
}

/** How far ahead the search's "open" test holds a recurring rule's dates (the site page judges any date). */
const RECURRING_DAYS = 400

function hoursSelect(ids: readonly string[] | null, on: SearchTables = LIVE) {
  // On a full rebuild the rows follow the sites' spatial order too (see SPATIAL_ORDER), so the
  // "open" probe of a walked site lands on a page its neighbours' probes already read.
  return sql`
    SELECT location_id, valid, open_week FROM (
      SELECT s.location_id, ${ids ? sql`NULL` : SPATIAL_ORDER('s.geog')} AS spatial,
             CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL THEN NULL ELSE daterange(r.valid_from, r.valid_to, '[]') END AS valid,
             range_agg(hrl_week_ranges(r.byday, r.opens::time, r.closes::time)) AS open_week
        FROM ${sql.table(on.search)} s
       CROSS JOIN LATERAL jsonb_to_recordset(s.hours) AS r(byday text, opens text, closes text, valid_from date, valid_to date, freq text, "interval" int)
       WHERE r.freq IS NULL AND r."interval" IS NULL ${onlyIds(ids)}
       GROUP BY s.location_id, 2, r.valid_from, r.valid_to
      UNION ALL
      -- A recurring rule (2nd and 4th Tuesday, every 2 weeks): one dated row per date it opens
      -- on, over the year from this rebuild, each covering its weekday's hours and their spill.
      SELECT s.location_id, ${ids ? sql`NULL` : SPATIAL_ORDER('s.geog')}, daterange(d.day, d.day + 1, '[]'),
             range_agg(hrl_week_ranges((ARRAY['MO','TU','WE','TH','FR','SA','SU'])[extract(isodow FROM d.day)::int], r.opens::time, r.closes::time))
        FROM ${sql.table(on.search)} s
       CROSS JOIN LATERAL jsonb_to_recordset(s.hours)
             AS r(byday text, opens text, closes text, valid_from date, valid_to date, freq text, "interval" int, bymonthday text, dtstart date)
       CROSS JOIN LATERAL hrl_recurring_dates(coalesce(r.freq, 'WEEKLY'), coalesce(r."interval", 1), r.byday, r.bymonthday, r.dtstart,
             r.valid_from, r.valid_to, current_date - 1, current_date + ${RECURRING_DAYS}::int) AS d(day)
       WHERE (r.freq IS NOT NULL OR r."interval" IS NOT NULL) ${onlyIds(ids)}
       GROUP BY s.location_id, 2, d.day
    ) h ${ids ? sql`` : sql`ORDER BY spatial`}`
}

const SITE_SEARCH_COLUMNS = sql.raw(`location_id, organization_id, name, organization_name, address_1, address_2, city, region,
  postal_code, phone, latitude, longitude, geog, geocode_precision, types, services, payment, populations, access,
  languages, timezone, hours, status, source, assured_date, demo, public_note, status_until, status_reason`)

/** The rows of a site_search select, each with its card (search-card.ts) after them; their order kept. */
function withCards(rows: RawBuilder<unknown>) {
  const { joins, card } = siteCard('r')
  return sql`SELECT r.*, ${card} FROM (${rows}) AS r(${SITE_SEARCH_COLUMNS}) ${joins}`
}

/** Term 0 in site_facet_counts holds the number of active sites (the planner's denominator). */
export const ACTIVE_SITES_TERM = 0

/**
 * A full rebuild gives facet rows only to terms carried by at most this share of the active
 * sites (or by at most `facetMinSites`, so a small directory indexes every term). The planner
 * walks the main spatial index for any term above 20%, so rows of the common terms were never
 * read, yet they were most of site_facets. A term that grows past the share later stays
 * indexed; one that shrinks below it is indexed at the next full rebuild.
 */
const FACET_SHARE = 0.25
const FACET_MIN_SITES = 5_000

export interface RebuildOptions {
  /** Terms with at most this many sites always get facet rows (default 5,000). */
  facetMinSites?: number
}

/** Re-derives the search rows of some locations (after an import or an edit), in the caller's transaction. */
export async function refreshSearchTables(db: Db, locationIds: readonly string[]): Promise<void> {
  if (locationIds.length === 0) return
  const ids = [...locationIds]
  // The counts move by what these sites carried before and carry after.
  await sql`UPDATE site_facet_counts c SET sites = c.sites - d.sites FROM (${termCounts(ids)}) d WHERE c.term = d.term`.execute(db)
  for (const table of ['site_facets', 'site_hours', 'site_search'] as const) {
    await sql`DELETE FROM ${sql.table(table)} WHERE location_id = ANY(${ids}::text[])`.execute(db)
  }
  await sql`INSERT INTO site_search (${SITE_SEARCH_COLUMNS}, card) ${withCards(siteSearchSelect(ids))}`.execute(db)
  // A term never seen before is rare: it gets facet rows (indexed defaults to true).
  await sql`INSERT INTO site_facet_counts (term, sites) ${termCounts(ids)}
            ON CONFLICT (term) DO UPDATE SET sites = site_facet_counts.sites + excluded.sites`.execute(db)
  await sql`INSERT INTO site_hours (location_id, valid, open_week) ${hoursSelect(ids)}`.execute(db)
  await sql`INSERT INTO site_facets (${FACET_COLUMNS}) ${facetSelect(ids)}`.execute(db)
}

/**
 * Rebuilds every derived table from scratch in the caller's transaction, so an import that
 * rebuilds stays all or nothing. The rows go into shadow tables (no indexes while they fill,
 * then each index and key of the live table re-created from its own definition), and the
 * shadows replace the live tables at the end. Searches keep reading the old rows meanwhile and
 * wait only from the swap until the transaction commits, not for the whole rebuild (about
 * two minutes at a million sites).
 */
export async function rebuildSearchTablesIn(trx: Transaction<Database>, options: RebuildOptions = {}): Promise<void> {
  // Compiling these few big statements costs more than it saves (about 2.4 s of 11 at a million sites).
  await sql`SET LOCAL jit = off`.execute(trx)
  // Its joins, aggregates and the spatial sort run in memory instead of spilling to disk.
  await sql`SET LOCAL work_mem = '256MB'`.execute(trx)
  const tables = ['search', 'counts', 'hours', 'facets'] as const
  for (const t of tables) {
    await sql`DROP TABLE IF EXISTS ${sql.table(SHADOW[t])}`.execute(trx)
    await sql`CREATE TABLE ${sql.table(SHADOW[t])} (LIKE ${sql.table(LIVE[t])} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED)`.execute(trx)
  }
  const next = SHADOW
  await sql`INSERT INTO ${sql.table(next.search)} (${SITE_SEARCH_COLUMNS}, card) ${withCards(siteSearchSelect(null))}`.execute(trx)
  await sql`INSERT INTO ${sql.table(next.counts)} (term, sites) ${termCounts(null, next)}`.execute(trx)
  const minSites = options.facetMinSites ?? FACET_MIN_SITES
  await sql`UPDATE ${sql.table(next.counts)} SET indexed = term <> ${ACTIVE_SITES_TERM} AND sites <= greatest(${minSites}::int,
              ${FACET_SHARE}::float8 * (SELECT sites FROM ${sql.table(next.counts)} WHERE term = ${ACTIVE_SITES_TERM}))`.execute(trx)
  await sql`INSERT INTO ${sql.table(next.hours)} (location_id, valid, open_week) ${hoursSelect(null, next)}`.execute(trx)
  await sql`INSERT INTO ${sql.table(next.facets)} (${FACET_COLUMNS}) ${facetSelect(null, next)}`.execute(trx)
  const renames: [string, string][] = []
  for (const t of tables) renames.push(...(await copyIndexes(trx, LIVE[t], SHADOW[t])))
  for (const t of tables) {
    await sql`DROP TABLE ${sql.table(LIVE[t])}`.execute(trx)
    await sql`ALTER TABLE ${sql.table(SHADOW[t])} RENAME TO ${sql.id(LIVE[t])}`.execute(trx)
  }
  for (const [from, to] of renames) await sql`ALTER INDEX ${sql.id(from)} RENAME TO ${sql.id(to)}`.execute(trx)
}

/**
 * Gives `shadow` every index and key `live` has (from pg_get_indexdef / pg_get_constraintdef),
 * under temporary names; returns the renames that give them the live names after the swap.
 */
async function copyIndexes(trx: Transaction<Database>, live: string, shadow: string): Promise<[string, string][]> {
  const renames: [string, string][] = []
  await allowIndexBuildMemory(trx)
  for (const k of await keysOf(trx, [live])) {
    await sql`ALTER TABLE ${sql.table(shadow)} ADD CONSTRAINT ${sql.id(k.name + '_next')} ${sql.raw(k.definition)}`.execute(trx)
    renames.push([k.name + '_next', k.name])
  }
  for (const i of await plainIndexesOf(trx, [live])) {
    const prefix = /^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /.exec(i.definition)
    if (!prefix) throw new Error(`cannot copy index ${i.name}: ${i.definition}`)
    const definition = `CREATE ${prefix[1] ?? ''}INDEX "${i.name}_next" ON ${shadow} ` + i.definition.slice(prefix[0].length)
    await sql.raw(definition).execute(trx)
    renames.push([i.name + '_next', i.name])
  }
  return renames
}

/**
 * After a rebuild (outside any transaction): planner statistics, and a vacuum that sets the
 * rows' hint bits and the visibility map once, so the first searches after a large rebuild
 * do not each pay for that (at a million sites they were several times slower until then).
 */
export async function analyzeSearchTables(db: Kysely<Database>): Promise<void> {
  await sql`VACUUM (ANALYZE) site_search, site_facets, site_hours, site_facet_counts`.execute(db)
}

/** Rebuilds every derived table in a transaction of its own (searches read the old rows until the swap). */
export async function rebuildSearchTables(db: Kysely<Database>, options: RebuildOptions = {}): Promise<void> {
  await db.transaction().execute((trx) => rebuildSearchTablesIn(trx, options))
  await analyzeSearchTables(db)
}
