/**
 * Re-derives every imported site's timezone from its point, for rows stored before the zone
 * came from the point (the state-and-longitude guess put Gary IN and El Paso TX an hour off).
 * Source records are corrected first (their stored timezone and hash, so a re-import neither
 * reverts the fix nor counts it as a change), then the locations are re-derived through the
 * directory's own path, which audits each change, and their search rows are refreshed: all in
 * the caller's transaction. A zone the source gave explicitly, or a curator set, is kept. Demo
 * sites keep the zone the demo generator gave them.
 */
import { sql } from 'kysely'
import type { Db } from '../db/schema.js'
import { canonicalRecord, recordToStore } from '../directory/import-record.js'
import { CURATOR_SOURCE, recomputeLocations } from '../directory/location-recompute.js'
import { linkFromRow, writeAudit, type AuditEntry } from '../directory/location-sources.js'
import { hashOf } from '../directory/record-hash.js'
import { refreshSearchTables } from '../directory/search-tables.js'
import { siteTimezone, SOURCE_TIMEZONE_ATTRIBUTE, timezoneAt } from '../geo/timezones.js'

export interface TimezoneRederivation {
  /** Sites looked at (every site but demo ones). */
  sites: number
  /** Sites whose timezone changed. */
  changed: number
  /** Source records whose stored timezone was corrected. */
  records: number
}

/** The audit action of the changes. */
export const REDERIVE_ACTION = 'timezone_from_point'
const REASON = 'timezone re-derived from the point'

/** Re-derives the timezones of every non-demo site in `db` (run it in a transaction). Example: { sites: 14, changed: 9, records: 9 }. */
export async function rederiveTimezones(db: Db, options: { batchSize?: number } = {}): Promise<TimezoneRederivation> {
  const batchSize = options.batchSize ?? 5000
  const records = await correctRecords(db, batchSize)
  let sites = 0
  let changed = 0
  let after: string | null = null
  for (;;) {
    const from: string | null = after
    const rows = await db
      .selectFrom('locations as l')
      .leftJoin('location_sources as ls', (j) => j.onRef('ls.source', '=', 'l.source').onRef('ls.source_id', '=', 'l.source_id'))
      .select([
        'l.id',
        'l.latitude',
        'l.longitude',
        'l.timezone',
        sql<string | null>`ls.record->>'timezone'`.as('primary_zone'),
        sql<boolean>`EXISTS (SELECT 1 FROM location_sources o WHERE o.location_id = l.id)`.as('has_sources'),
        sql<string[]>`ARRAY(SELECT c.field FROM curator_overrides c WHERE c.location_id = l.id AND c.field IN ('point', 'timezone'))`.as('held'),
      ])
      .where('l.demo', '=', false)
      .$if(from !== null, (q) => q.where('l.id', '>', from as string))
      .orderBy('l.id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) break
    after = (rows.at(-1) as { id: string }).id
    sites += rows.length
    const rederive: string[] = []
    const direct: AuditEntry[] = []
    for (const row of rows) {
      if (row.held.includes('timezone') || row.latitude === null || row.longitude === null) continue
      // A moved site follows its held point; otherwise the primary record's (now corrected) zone decides.
      const wanted = row.held.includes('point') || !row.primary_zone ? timezoneAt(row.latitude, row.longitude) : row.primary_zone
      if (wanted === row.timezone) continue
      if (row.has_sources || row.held.includes('point')) rederive.push(row.id)
      else
        direct.push({
          entity_type: 'location',
          entity_id: row.id,
          action: REDERIVE_ACTION,
          field_name: 'timezone',
          previous_value: row.timezone,
          new_value: wanted,
        })
    }
    const context = { source: CURATOR_SOURCE, batchId: null, action: REDERIVE_ACTION, reason: REASON }
    if (rederive.length) await recomputeLocations(db, rederive, context)
    // A hand-made site has no record to re-derive from: its own point decides.
    if (direct.length) {
      await sql`
        UPDATE locations l SET timezone = t.tz, updated_at = now()
          FROM unnest(${direct.map((d) => d.entity_id)}::text[], ${direct.map((d) => d.new_value as string)}::text[]) AS t(id, tz)
         WHERE l.id = t.id`.execute(db)
      await writeAudit(db, direct, context)
    }
    const touched = [...rederive, ...direct.map((d) => d.entity_id)]
    if (touched.length === 0) continue
    await refreshSearchTables(db, touched)
    const zones = await db.selectFrom('locations').select(['id', 'timezone']).where('id', '=', sql<string>`ANY(${touched}::text[])`).execute()
    const before = new Map(rows.map((r) => [r.id, r.timezone]))
    changed += zones.filter((z) => before.get(z.id) !== z.timezone).length
  }
  return { sites, changed, records }
}

/** Stores each source record's zone from its point (or its source's explicit zone); returns how many changed. */
async function correctRecords(db: Db, batchSize: number): Promise<number> {
  let corrected = 0
  let after: { source: string; sourceId: string } | null = null
  for (;;) {
    const from: { source: string; sourceId: string } | null = after
    const rows = await db
      .selectFrom('location_sources as ls')
      .innerJoin('locations as l', 'l.id', 'ls.location_id')
      .select(['ls.source', 'ls.source_id', 'ls.location_id', 'ls.service_id', 'ls.record', 'ls.record_hash'])
      .where('l.demo', '=', false)
      .$if(from !== null, (q) => q.where(sql<boolean>`(ls.source, ls.source_id) > (${from?.source}, ${from?.sourceId})`))
      .orderBy('ls.source')
      .orderBy('ls.source_id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return corrected
    const last = rows.at(-1) as { source: string; source_id: string }
    after = { source: last.source, sourceId: last.source_id }
    const updates: { source: string; sourceId: string; record: string; hash: string }[] = []
    for (const row of rows) {
      const { record } = linkFromRow(row)
      const given = record.attributes[SOURCE_TIMEZONE_ATTRIBUTE]
      const zone = siteTimezone(typeof given === 'string' ? given : null, record.latitude, record.longitude)
      if (zone === null || zone === record.timezone) continue
      // Canonical, as an import hashes it: the same file imported again is "unchanged".
      const fixed = canonicalRecord({ ...record, timezone: zone })
      updates.push({ source: row.source, sourceId: row.source_id, record: JSON.stringify(recordToStore(fixed)), hash: hashOf(fixed) })
    }
    if (updates.length === 0) continue
    await sql`
      UPDATE location_sources ls SET record = t.rec, record_hash = t.h
        FROM unnest(${updates.map((u) => u.source)}::text[], ${updates.map((u) => u.sourceId)}::text[], ${updates.map((u) => u.record)}::jsonb[],
          ${updates.map((u) => u.hash)}::text[]) AS t(src, sid, rec, h)
       WHERE ls.source = t.src AND ls.source_id = t.sid`.execute(db)
    corrected += updates.length
  }
}
