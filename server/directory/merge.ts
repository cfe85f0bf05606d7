/**
 * De-duplication in the directory: candidate sites near a new record (PostGIS, through the
 * locations' spatial index, so sites written earlier in the same import count), the verdict
 * against every record a site holds, one list's duplicates within a batch, attaching a record
 * to a site with the reason and score of the merge, listing merges, and undoing one.
 */
import { sql } from 'kysely'
import { arrayLiteral } from '../db/sql.js'
import { insertSites } from './bulk-insert.js'
import { addressRadiusM, sameFacility, type FacilityKey, type MatchVerdict } from './facility-match.js'
import type { MergeDoubt } from './merge-doubts.js'
import { importIds, toSiteRecord } from './import-ids.js'
import { canonicalRecord, type ImportRecord } from './import-record.js'
import { CURATOR_SOURCE, recomputeLocations } from './location-recompute.js'
import { insertLinks, linkFromRow, writeAudit, type Db } from './location-sources.js'
import { hashOf } from './record-hash.js'
import { refreshSearchTables } from './search-tables.js'

export interface MergeNote {
  locationId: string
  locationName: string
  source: string
  sourceId: string
  name: string
  reason: string
  /** The matcher's confidence (0–1). */
  score: number
}

/** One record of a candidate site, as the spatial query returns it. */
interface CandidateRow {
  i: number
  location_id: string
  location_name: string
  site_precision: string
  distance: number
  source: string
  name: string | null
  name2: string | null
  address_1: string | null
  address_2: string | null
  city: string | null
  postal_code: string | null
  phones: string[] | null
  types: string[] | null
  services: string[] | null
}

/** How far the spatial query looks: the widest radius the matcher accepts (interpolated street points). */
const SPATIAL_RADIUS_M = addressRadiusM('street', 'street')

/** A site a new record is merged into, and what makes the merge uncertain. */
export interface Match {
  locationId: string
  name: string
  reason: string
  doubts: MergeDoubt[]
  similarity: number
  score: number
}

/** A fresh record's matcher key. */
export function recordKey(source: string, r: ImportRecord): FacilityKey {
  // The second name: its own field, or (records stored before it had one) the name2 attribute.
  const name2 = r.alternateName ?? (typeof r.attributes.name2 === 'string' ? r.attributes.name2 : null)
  return {
    name: r.name,
    name2,
    address1: r.address1,
    address2: r.address2,
    city: r.city,
    postalCode: r.postalCode,
    approximate: isApproximate(r.geocodePrecision),
    precision: r.geocodePrecision,
    phones: r.phones,
    types: r.types,
    services: r.services,
    source,
  }
}

const isApproximate = (precision: string) => precision !== 'exact' && precision !== 'street'

/**
 * True when some active site could take a merge (else de-dup can be skipped). Demo sites never
 * take one: replacing or removing the demo data (seed:demo) deletes them, and would take a real
 * record merged into one of them along. A source's own sites count: one list may hold one
 * facility twice (the MOUD list's SAMHSA and vivitrol.com rows).
 */
export async function hasMergeCandidates(db: Db, _source: string): Promise<boolean> {
  return !!(await db.selectFrom('locations').select('id').where('status', '=', 'active').where('demo', '=', false).limit(1).executeTakeFirst())
}

/**
 * The verdict on merging a record into a site, against every record the site holds: any hard
 * conflict (a pharmacy, another suite) keeps them apart, a record of the same source must agree
 * strongly, and the best of the other verdicts decides.
 */
export function siteVerdict(key: FacilityKey, site: readonly FacilityKey[], distanceM: number): MatchVerdict | null {
  let best: MatchVerdict | null = null
  for (const held of site) {
    const v = sameFacility(key, held, distanceM)
    if (v.conflict) return null
    if (held.source === key.source && !v.same) return null
    if (v.same && (!best || v.score > best.score)) best = v
  }
  return best
}

/**
 * For each record, the best matching active site (of any source), or none; and for records
 * that match no site, an earlier record of the same batch that is the same facility (`twins`:
 * the later one joins the earlier one's new site).
 */
export async function findMatches(
  db: Db,
  source: string,
  records: readonly ImportRecord[],
): Promise<{ matches: Map<number, Match>; twins: Map<number, { target: number; verdict: MatchVerdict }> }> {
  const matches = new Map<number, Match>()
  if (records.length === 0) return { matches, twins: new Map() }
  const idx = records.map((_, i) => i)
  const approx = records.map((r) => isApproximate(r.geocodePrecision))
  const columns = sql`l.id AS location_id, l.name AS location_name, l.geocode_precision AS site_precision, ls.source,
    ls.record->>'name' AS name, coalesce(ls.record->>'alternateName', ls.record->'attributes'->>'name2') AS name2, ls.record->>'address1' AS address_1,
    ls.record->>'address2' AS address_2, ls.record->>'city' AS city, ls.record->>'postalCode' AS postal_code, ls.record->'phones' AS phones,
    ls.record->'types' AS types, ls.record->'services' AS services`
  const near = await sql<CandidateRow>`
    SELECT t.i, ST_Distance(l.geog, t.g) AS distance, ${columns}
      FROM (SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS g
              FROM unnest(${idx}::int[], ${records.map((r) => r.latitude)}::float8[], ${records.map((r) => r.longitude)}::float8[], ${approx}::boolean[])
                AS u(i, lat, lon, approx) WHERE NOT approx) t
      JOIN locations l ON l.status = 'active' AND NOT l.demo AND ST_DWithin(l.geog, t.g, ${SPATIAL_RADIUS_M})
      JOIN location_sources ls ON ls.location_id = l.id`.execute(db)
  // Same ZIP: every site when either point is a ZIP centroid; else the sites with the same house
  // number beyond the spatial radius (one list's geocode of an address can be a kilometre off).
  const house = records.map((r) => /^\s*(\d+)/.exec(r.address1 ?? '')?.[1] ?? null)
  const sameZip = await sql<CandidateRow>`
    SELECT t.i, CASE WHEN t.approx OR l.geocode_precision NOT IN ('exact', 'street') THEN 0::float8
                     ELSE ST_Distance(l.geog, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography) END AS distance, ${columns}
      FROM unnest(${idx}::int[], ${records.map((r) => r.postalCode)}::text[], ${approx}::boolean[], ${house}::text[],
                  ${records.map((r) => r.latitude)}::float8[], ${records.map((r) => r.longitude)}::float8[]) AS t(i, zip, approx, house, lat, lon)
      JOIN locations l ON l.postal_code = t.zip AND l.status = 'active' AND NOT l.demo
      JOIN location_sources ls ON ls.location_id = l.id
     WHERE t.approx OR l.geocode_precision NOT IN ('exact', 'street')
        OR (t.house IS NOT NULL AND substring(l.address_1 from '^ *([0-9]+)') = t.house
            AND NOT ST_DWithin(l.geog, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography, ${SPATIAL_RADIUS_M}))`.execute(db)
  // Each candidate site with its records, per new record.
  const sites = new Map<string, { i: number; locationId: string; locationName: string; distance: number; keys: FacilityKey[] }>()
  for (const c of [...near.rows, ...sameZip.rows]) {
    const id = `${c.i}|${c.location_id}`
    let site = sites.get(id)
    if (!site) sites.set(id, (site = { i: c.i, locationId: c.location_id, locationName: c.location_name, distance: Number(c.distance), keys: [] }))
    site.keys.push({
      name: c.name ?? c.location_name,
      name2: c.name2,
      address1: c.address_1,
      address2: c.address_2,
      city: c.city,
      postalCode: c.postal_code,
      approximate: isApproximate(c.site_precision),
      precision: c.site_precision,
      phones: c.phones ?? [],
      types: c.types ?? [],
      services: c.services ?? [],
      source: c.source,
    })
  }
  const best = new Map<number, { locationId: string; locationName: string; verdict: MatchVerdict; distance: number }>()
  for (const site of sites.values()) {
    const names = [site.locationName, ...site.keys.map((k) => k.name), ...site.keys.flatMap((k) => (k.name2 ? [k.name2] : []))]
    const keys = site.keys.map((k) => ({ ...k, otherNames: names.filter((n) => n !== k.name) }))
    const verdict = siteVerdict(recordKey(source, records[site.i] as ImportRecord), keys, site.distance)
    if (!verdict) continue
    const prev = best.get(site.i)
    if (!prev || verdict.score > prev.verdict.score || (verdict.score === prev.verdict.score && site.distance < prev.distance))
      best.set(site.i, { locationId: site.locationId, locationName: site.locationName, verdict, distance: site.distance })
  }
  // Two records of this batch taking one site must be the same facility themselves.
  const taken = new Map<string, number[]>()
  for (const i of idx) {
    const b = best.get(i)
    if (!b) continue
    const others = taken.get(b.locationId) ?? []
    const key = recordKey(source, records[i] as ImportRecord)
    if (
      others.some((j) => !sameFacility(key, recordKey(source, records[j] as ImportRecord), metres(records[i] as ImportRecord, records[j] as ImportRecord)).same)
    )
      continue
    taken.set(b.locationId, [...others, i])
    matches.set(i, {
      locationId: b.locationId,
      name: b.locationName,
      reason: b.verdict.reason,
      doubts: b.verdict.doubts,
      similarity: b.verdict.nameSimilarity,
      score: b.verdict.score,
    })
  }
  return { matches, twins: findTwins(source, records, matches) }
}

/**
 * Records of one batch that match no stored site but an earlier record of the batch (one list
 * naming one facility twice): the later one joins the earlier one's site. Pure.
 */
export function findTwins(
  source: string,
  records: readonly ImportRecord[],
  matched: ReadonlyMap<number, unknown> = new Map(),
): Map<number, { target: number; verdict: MatchVerdict }> {
  const twins = new Map<number, { target: number; verdict: MatchVerdict }>()
  const grid = new Map<string, number[]>()
  const cell = (lat: number, lon: number) => `${lat}:${lon}`
  records.forEach((r, i) => {
    if (matched.has(i) || r.latitude === null || r.longitude === null) return
    const la = Math.floor(r.latitude * 100)
    const lo = Math.floor(r.longitude * 100)
    const key = recordKey(source, r)
    let found: { target: number; verdict: MatchVerdict } | null = null
    for (let x = -1; x <= 1 && !found; x++)
      for (let y = -1; y <= 1 && !found; y++)
        for (const j of grid.get(cell(la + x, lo + y)) ?? []) {
          const other = records[j] as ImportRecord
          const verdict = sameFacility(key, recordKey(source, other), metres(r, other))
          if (verdict.same) {
            found = { target: twins.get(j)?.target ?? j, verdict }
            break
          }
        }
    if (found) twins.set(i, found)
    grid.set(cell(la, lo), [...(grid.get(cell(la, lo)) ?? []), i])
  })
  return twins
}

/** Metres between two placed records. */
function metres(a: ImportRecord, b: ImportRecord): number {
  const rad = Math.PI / 180
  const [la1, lo1, la2, lo2] = [a.latitude as number, a.longitude as number, b.latitude as number, b.longitude as number]
  const h = Math.sin(((la2 - la1) * rad) / 2) ** 2 + Math.cos(la1 * rad) * Math.cos(la2 * rad) * Math.sin(((lo2 - lo1) * rad) / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

/** Attaches records to existing sites: a service row, its service_at_location and the link. */
export async function attachRecords(
  db: Db,
  source: string,
  batchId: string,
  attach: readonly { record: ImportRecord; hash: string; locationId: string; reason: string; score: number }[],
): Promise<void> {
  if (attach.length === 0) return
  const orgs = await db
    .selectFrom('locations')
    .select(['id', 'organization_id'])
    .where('id', '=', sql<string>`ANY(${attach.map((a) => a.locationId)}::text[])`)
    .execute()
  const orgOf = new Map(orgs.map((o) => [o.id, o.organization_id]))
  await db
    .insertInto('services')
    .values(
      attach.map((a) => {
        const svc = importIds(source, a.record.sourceId).serviceId
        return {
          id: svc,
          organization_id: orgOf.get(a.locationId) as string,
          name: a.record.serviceName,
          codes: a.record.services,
          status: a.record.status === 'active' ? 'active' : 'inactive',
          source,
          source_id: svc,
          assured_date: a.record.assuredDate,
          source_attributes: JSON.stringify(a.record.attributes),
        }
      }),
    )
    .execute()
  await db
    .insertInto('service_at_location')
    .values(
      attach.map((a) => {
        const svc = importIds(source, a.record.sourceId).serviceId
        return { id: `${svc}@${a.locationId}`, service_id: svc, location_id: a.locationId }
      }),
    )
    .execute()
  await insertLinks(
    db,
    attach.map((a) => ({
      source,
      source_id: a.record.sourceId,
      location_id: a.locationId,
      service_id: importIds(source, a.record.sourceId).serviceId,
      record: a.record,
      record_hash: a.hash,
      merged: true,
    })),
    batchId,
  )
  // Why each record was merged, and how sure the matcher was: `import merges` filters and sorts by them.
  await sql`
    UPDATE location_sources ls SET merge_reason = t.reason, merge_score = t.score
      FROM unnest(${attach.map((a) => a.record.sourceId)}::text[], ${attach.map((a) => a.reason)}::text[], ${attach.map((a) => a.score)}::float8[])
        AS t(sid, reason, score)
     WHERE ls.source = ${source} AND ls.source_id = t.sid`.execute(db)
  await writeAudit(
    db,
    attach.map((a) => ({
      entity_type: 'location' as const,
      entity_id: a.locationId,
      action: 'merge',
      field_name: 'sources',
      previous_value: null,
      new_value: `${source}:${a.record.sourceId}`,
    })),
    { source, batchId, action: 'merge' },
  )
  await recomputeLocations(
    db,
    attach.map((a) => a.locationId),
    { source, batchId, action: 'merge' },
  )
}

/** Puts uncertain merges in the review queue (a merge already reviewed is asked about again only if re-made). */
export async function recordMergeReviews(
  db: Db,
  source: string,
  batchId: string,
  reviews: readonly { sourceId: string; locationId: string; doubts: readonly MergeDoubt[]; similarity: number }[],
): Promise<void> {
  if (reviews.length === 0) return
  await sql`
    INSERT INTO merge_reviews (source, source_id, location_id, doubts, name_similarity, batch_id)
    SELECT ${source}, sid, loc, doubts::text[], sim, ${batchId}
      FROM unnest(${reviews.map((r) => r.sourceId)}::text[], ${reviews.map((r) => r.locationId)}::text[],
        ${reviews.map((r) => arrayLiteral(r.doubts))}::text[], ${reviews.map((r) => r.similarity)}::float8[]) AS t(sid, loc, doubts, sim)
    ON CONFLICT (source, source_id) DO UPDATE SET location_id = excluded.location_id, doubts = excluded.doubts,
      name_similarity = excluded.name_similarity, batch_id = excluded.batch_id, status = 'open', created_at = now(),
      decided_by = NULL, decided_at = NULL`.execute(db)
}

/** A record merged into a site: what `unmerge` takes to undo it, and why it was merged. */
export interface StoredMerge {
  location_id: string
  location_name: string
  source: string
  source_id: string
  name: string | null
  batch_id: string | null
  merged_at: string
  /** Why the matcher merged it and how sure it was (null for merges made before reasons were kept). */
  reason: string | null
  score: number | null
  /** The review queue's item: its doubts and status (open, confirmed), or null when the merge was certain. */
  doubts: string[] | null
  review: string | null
}

export const MERGE_SORTS = ['time', 'score', 'similarity'] as const
export type MergeSort = (typeof MERGE_SORTS)[number]

export interface MergeFilter {
  source?: string
  batchId?: string
  /** Only merges with an open review item. */
  uncertain?: boolean
  /** Only merges whose reason contains this text (any case). */
  reason?: string
  minScore?: number
  maxScore?: number
  /** time: oldest first (default); score: least sure first; similarity: least similar names first. */
  sort?: MergeSort
}

/**
 * The merges in the directory, filtered (by source, import, reason, score, open review) and
 * sorted: a summary prints only the first 50 of an import's merges, this lists them all.
 */
export async function listMerges(db: Db, filter: MergeFilter = {}): Promise<StoredMerge[]> {
  let query = db
    .selectFrom('location_sources as ls')
    .innerJoin('locations as l', 'l.id', 'ls.location_id')
    .leftJoin('merge_reviews as m', (j) => j.onRef('m.source', '=', 'ls.source').onRef('m.source_id', '=', 'ls.source_id'))
    .select([
      'ls.location_id',
      'l.name as location_name',
      'ls.source',
      'ls.source_id',
      sql<string | null>`ls.record->>'name'`.as('name'),
      'ls.batch_id',
      sql<string>`to_char(ls.merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('merged_at'),
      'ls.merge_reason as reason',
      'ls.merge_score as score',
      'm.doubts',
      'm.status as review',
    ])
    .where('ls.merged_at', 'is not', null)
  if (filter.source) query = query.where('ls.source', '=', filter.source)
  if (filter.batchId) query = query.where('ls.batch_id', '=', filter.batchId)
  if (filter.uncertain) query = query.where('m.status', '=', 'open')
  if (filter.reason) query = query.where(sql<boolean>`strpos(lower(coalesce(ls.merge_reason, '')), ${filter.reason.toLowerCase()}) > 0`)
  if (filter.minScore !== undefined) query = query.where('ls.merge_score', '>=', filter.minScore)
  if (filter.maxScore !== undefined) query = query.where('ls.merge_score', '<=', filter.maxScore)
  if (filter.sort === 'score') query = query.orderBy(sql`ls.merge_score ASC NULLS FIRST`)
  else if (filter.sort === 'similarity') query = query.orderBy(sql`m.name_similarity ASC NULLS LAST`)
  return query.orderBy('ls.merged_at').orderBy('ls.location_id').orderBy('ls.source').orderBy('ls.source_id').execute()
}

export class UnmergeError extends Error {}

/**
 * Undoes a merge: the record leaves the site and becomes a site of its own (same ids it would
 * have had), both sites are re-derived and searchable at once. Returns the new location id.
 */
export async function unmergeRecord(
  db: Db,
  locationId: string,
  source: string,
  sourceId: string,
  batchId: string,
  /** The curator undoing the merge (null from the CLI). */
  accountId: string | null = null,
): Promise<string> {
  const location = await db.selectFrom('locations').select(['id', 'source', 'source_id']).where('id', '=', locationId).executeTakeFirst()
  if (!location) throw new UnmergeError(`no location ${locationId}`)
  const link = await db
    .selectFrom('location_sources')
    .select(['record', 'service_id', 'location_id'])
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst()
  if (!link || link.location_id !== locationId) throw new UnmergeError(`${source}:${sourceId} is not merged into ${locationId}`)
  if (location.source === source && location.source_id === sourceId) {
    throw new UnmergeError(`${source}:${sourceId} is the primary record of ${locationId}; unmerge the other records instead`)
  }
  const record = canonicalRecord(
    linkFromRow({ source, source_id: sourceId, location_id: link.location_id, service_id: link.service_id, record: link.record, record_hash: '' }).record,
  )
  if (link.service_id) await db.deleteFrom('services').where('id', '=', link.service_id).execute()
  await db.deleteFrom('location_sources').where('source', '=', source).where('source_id', '=', sourceId).execute()
  await db
    .updateTable('merge_reviews')
    .set({ status: 'unmerged', decided_at: new Date() })
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .execute()
  const site = toSiteRecord(source, record)
  await insertSites(db, [site])
  await insertLinks(
    db,
    [
      {
        source,
        source_id: sourceId,
        location_id: site.location.id,
        service_id: importIds(source, sourceId).serviceId,
        record,
        record_hash: hashOf(record),
        merged: false,
      },
    ],
    batchId,
  )
  await writeAudit(
    db,
    [
      {
        entity_type: 'location',
        entity_id: locationId,
        action: 'unmerge',
        field_name: 'sources',
        previous_value: `${source}:${sourceId}`,
        new_value: site.location.id,
      },
    ],
    { source: accountId ? CURATOR_SOURCE : source, batchId, action: 'unmerge', accountId },
  )
  await recomputeLocations(db, [locationId], { source: accountId ? CURATOR_SOURCE : source, batchId, action: 'unmerge', accountId })
  await refreshSearchTables(db, [locationId, site.location.id])
  return site.location.id
}
