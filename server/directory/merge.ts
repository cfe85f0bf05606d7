/**
 * Cross-source de-duplication in the directory: candidate sites near a new record (PostGIS,
 * through the search table's spatial index), attaching a record to a site, and undoing that.
 */
import { sql } from 'kysely'
import { arrayLiteral } from '../db/sql.js'
import { insertSites } from './bulk-insert.js'
import { sameFacility } from './facility-match.js'
import { mergeDoubts, type MergeDoubt } from './merge-doubts.js'
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
}

interface Candidate {
  i: number
  location_id: string
  name: string
  address_1: string | null
  address_2: string | null
  phone: string | null
  postal_code: string | null
  geocode_precision: string
  distance: number
}

const SPATIAL_RADIUS_M = 150

/** A site a new record is merged into, and what makes the merge uncertain. */
export interface Match {
  locationId: string
  name: string
  reason: string
  doubts: MergeDoubt[]
  similarity: number
}

/**
 * True when some active site of another source could take a merge (else de-dup can be skipped).
 * Demo sites never take one: replacing or removing the demo data (seed:demo) deletes them, and
 * would take a real record merged into one of them along.
 */
export async function hasMergeCandidates(db: Db, source: string): Promise<boolean> {
  return !!(await db
    .selectFrom('site_search')
    .select('location_id')
    .where('status', '=', 'active')
    .where('source', '<>', source)
    .where('demo', '=', false)
    .limit(1)
    .executeTakeFirst())
}

/**
 * For each record, the best matching active site of another source (or none). A site that
 * already holds a record of this source is not a candidate: one source never merges with itself;
 * nor is a demo site (see hasMergeCandidates).
 */
export async function findMatches(db: Db, source: string, records: readonly ImportRecord[], claimed: Set<string>): Promise<Map<number, Match>> {
  const matches = new Map<number, Match>()
  if (records.length === 0) return matches
  const idx = records.map((_, i) => i)
  const approx = records.map((r) => r.geocodePrecision !== 'exact' && r.geocodePrecision !== 'street')
  const notOwn = sql`NOT EXISTS (SELECT 1 FROM location_sources ls WHERE ls.location_id = s.location_id AND ls.source = ${source})`
  const near = await sql<Candidate>`
    SELECT t.i, s.location_id, s.name, s.address_1, s.address_2, s.phone, s.postal_code, s.geocode_precision, ST_Distance(s.geog, t.g) AS distance
      FROM (SELECT i, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography AS g
              FROM unnest(${idx}::int[], ${records.map((r) => r.latitude)}::float8[], ${records.map((r) => r.longitude)}::float8[], ${approx}::boolean[])
                AS u(i, lat, lon, approx) WHERE NOT approx) t
      JOIN site_search s ON s.status = 'active' AND ST_DWithin(s.geog, t.g, ${SPATIAL_RADIUS_M})
     WHERE s.source <> ${source} AND NOT s.demo AND ${notOwn}`.execute(db)
  const sameZip = await sql<Candidate>`
    SELECT t.i, s.location_id, s.name, s.address_1, s.address_2, s.phone, s.postal_code, s.geocode_precision, 0::float8 AS distance
      FROM unnest(${idx}::int[], ${records.map((r) => r.postalCode)}::text[], ${approx}::boolean[]) AS t(i, zip, approx)
      JOIN site_search s ON s.postal_code = t.zip AND s.status = 'active'
     WHERE (t.approx OR s.geocode_precision NOT IN ('exact', 'street')) AND s.source <> ${source} AND NOT s.demo AND ${notOwn}`.execute(db)
  const best = new Map<number, { c: Candidate; score: number; reason: string; similarity: number }>()
  for (const c of [...near.rows, ...sameZip.rows]) {
    if (claimed.has(c.location_id)) continue
    const r = records[c.i] as ImportRecord
    const cApprox = c.geocode_precision !== 'exact' && c.geocode_precision !== 'street'
    const verdict = sameFacility(
      { name: r.name, address1: r.address1, postalCode: r.postalCode, approximate: approx[c.i] as boolean },
      { name: c.name, address1: c.address_1, postalCode: c.postal_code, approximate: cApprox },
      c.distance,
    )
    if (!verdict.same) continue
    const score = verdict.nameSimilarity - c.distance / 1000
    const prev = best.get(c.i)
    if (!prev || score > prev.score) best.set(c.i, { c, score, reason: verdict.reason, similarity: verdict.nameSimilarity })
  }
  for (const [i, { c, reason, similarity }] of best) {
    if (claimed.has(c.location_id)) continue
    claimed.add(c.location_id)
    const r = records[i] as ImportRecord
    const doubts = mergeDoubts(
      { address1: r.address1, address2: r.address2, phones: r.phones },
      { address1: c.address_1, address2: c.address_2, phones: c.phone ? [c.phone] : [] },
      similarity,
    )
    matches.set(i, { locationId: c.location_id, name: c.name, reason, doubts, similarity })
  }
  return matches
}

/** Attaches records to existing sites: a service row, its service_at_location and the link. */
export async function attachRecords(
  db: Db,
  source: string,
  batchId: string,
  attach: readonly { record: ImportRecord; hash: string; locationId: string }[],
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

/** A record merged into a site of another source: what `unmerge` takes to undo it. */
export interface StoredMerge {
  location_id: string
  location_name: string
  source: string
  source_id: string
  name: string | null
  batch_id: string | null
  merged_at: string
}

/**
 * The merges in the directory (of one source, and/or written or last updated by one import),
 * oldest first: a summary prints only the first 50 of an import's merges, this lists them all.
 */
export async function listMerges(db: Db, filter: { source?: string; batchId?: string } = {}): Promise<StoredMerge[]> {
  let query = db
    .selectFrom('location_sources as ls')
    .innerJoin('locations as l', 'l.id', 'ls.location_id')
    .select([
      'ls.location_id',
      'l.name as location_name',
      'ls.source',
      'ls.source_id',
      sql<string | null>`ls.record->>'name'`.as('name'),
      'ls.batch_id',
      sql<string>`to_char(ls.merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('merged_at'),
    ])
    .where('ls.merged_at', 'is not', null)
  if (filter.source) query = query.where('ls.source', '=', filter.source)
  if (filter.batchId) query = query.where('ls.batch_id', '=', filter.batchId)
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
