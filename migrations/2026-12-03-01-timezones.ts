/**
 * Timezones from the point: re-derives every imported site's timezone from its point, once,
 * for rows stored while the zone was guessed from the state and a longitude cut (Gary IN,
 * Evansville IN, El Paso TX, the Idaho panhandle, Tuba City AZ and others were an hour off).
 * Source records, locations (with an audit entry) and the search rows' copies change
 * together, in the migration's transaction, in batches. A corrected record keeps its stored
 * hash (the directory's hashing is not the migration's to import), so the next import of its
 * file counts it once as updated, changing nothing on the site. A curator's timezone is kept, a
 * curator's point decides over the record's, and demo sites keep the generator's zones.
 * Data only, and written against the schema as of this migration (no directory code, which
 * follows later columns): down leaves the corrected zones, since the old ones were wrong.
 * `npm run import -- timezones` does the same on demand, through the directory's own path.
 */
import { sql, type Kysely } from 'kysely'
import { timezoneAt } from '../server/geo/timezones.js'

const BATCH = 5000

export async function up(db: Kysely<any>): Promise<void> {
  await correctRecords(db)
  let sites = 0
  let changed = 0
  let after = ''
  for (;;) {
    const { rows } = await sql<{ id: string; latitude: number | null; longitude: number | null; timezone: string; primary_zone: string | null; held: string[] }>`
      SELECT l.id, l.latitude, l.longitude, l.timezone, ls.record->>'timezone' AS primary_zone,
             ARRAY(SELECT c.field FROM curator_overrides c WHERE c.location_id = l.id AND c.field IN ('point', 'timezone')) AS held
        FROM locations l LEFT JOIN location_sources ls ON ls.source = l.source AND ls.source_id = l.source_id
       WHERE NOT l.demo AND l.id > ${after}
       ORDER BY l.id LIMIT ${BATCH}`.execute(db)
    if (rows.length === 0) break
    after = (rows.at(-1) as { id: string }).id
    sites += rows.length
    const fixes: { id: string; from: string; to: string }[] = []
    for (const row of rows) {
      if (row.held.includes('timezone') || row.latitude === null || row.longitude === null) continue
      // A site a curator moved, or one without a source record, takes the zone of its own point.
      const to = row.held.includes('point') || !row.primary_zone ? timezoneAt(row.latitude, row.longitude) : row.primary_zone
      if (to !== row.timezone) fixes.push({ id: row.id, from: row.timezone, to })
    }
    if (fixes.length === 0) continue
    changed += fixes.length
    const ids = fixes.map((f) => f.id)
    const zones = fixes.map((f) => f.to)
    await sql`
      UPDATE locations l SET timezone = t.tz, updated_at = now()
        FROM unnest(${ids}::text[], ${zones}::text[]) AS t(id, tz) WHERE l.id = t.id`.execute(db)
    await sql`
      INSERT INTO audit_log (entity_type, entity_id, action, field_name, previous_value, new_value, source, reason)
      SELECT 'location', t.id, 'timezone_from_point', 'timezone', to_jsonb(t.prev), to_jsonb(t.tz), 'curator', 'timezone re-derived from the point'
        FROM unnest(${ids}::text[], ${fixes.map((f) => f.from)}::text[], ${zones}::text[]) AS t(id, prev, tz)`.execute(db)
    for (const table of ['site_search', 'site_facets']) {
      await sql`
        UPDATE ${sql.table(table)} s SET timezone = t.tz
          FROM unnest(${ids}::text[], ${zones}::text[]) AS t(id, tz) WHERE s.location_id = t.id`.execute(db)
    }
  }
  // A fresh database has no sites: nothing worth a line.
  if (sites > 0) console.log(`migration 2026-12-03-01-timezones: ${changed} of ${sites} sites changed timezone`)
}

/** Each non-demo source record's zone from its point (records stored before explicit zones existed). */
async function correctRecords(db: Kysely<any>): Promise<void> {
  let after = { source: '', sourceId: '' }
  for (;;) {
    const { rows } = await sql<{ source: string; source_id: string; record: Record<string, unknown> }>`
      SELECT ls.source, ls.source_id, ls.record FROM location_sources ls JOIN locations l ON l.id = ls.location_id
       WHERE NOT l.demo AND (ls.source, ls.source_id) > (${after.source}, ${after.sourceId})
       ORDER BY ls.source, ls.source_id LIMIT ${BATCH}`.execute(db)
    if (rows.length === 0) return
    const last = rows.at(-1) as { source: string; source_id: string }
    after = { source: last.source, sourceId: last.source_id }
    const fixes = rows.flatMap((row) => {
      const { latitude, longitude, timezone } = row.record
      if (typeof latitude !== 'number' || typeof longitude !== 'number') return []
      const zone = timezoneAt(latitude, longitude)
      return zone === timezone ? [] : [{ ...row, zone }]
    })
    if (fixes.length === 0) continue
    await sql`
      UPDATE location_sources ls SET record = jsonb_set(ls.record, '{timezone}', to_jsonb(t.tz))
        FROM unnest(${fixes.map((f) => f.source)}::text[], ${fixes.map((f) => f.source_id)}::text[], ${fixes.map((f) => f.zone)}::text[]) AS t(src, sid, tz)
       WHERE ls.source = t.src AND ls.source_id = t.sid`.execute(db)
  }
}

export async function down(): Promise<void> {}
