/**
 * The source records behind each location (location_sources) and the audit trail. Records
 * are stored in a compact form (see recordToStore) and always read back as full records.
 */
import { sql } from 'kysely'
import { copyRows } from '../db/copy.js'
import type { Db } from '../db/schema.js'

export type { Db }
import { recordFromStore, recordToStore, type ImportRecord } from './import-record.js'

export interface SourceLink {
  source: string
  source_id: string
  location_id: string
  service_id: string | null
  record: ImportRecord
  record_hash: string
}

export interface AuditEntry {
  entity_type: 'location' | 'organization' | 'service'
  entity_id: string
  action: string
  field_name: string | null
  previous_value: unknown
  new_value: unknown
}

export interface ChangeContext {
  source: string
  batchId: string | null
  /** Written as audit_log.action; null writes no audit rows (rows of one file combined). */
  action: string | null
  /** The curator behind the change (absent for imports), and why. */
  accountId?: string | null
  reason?: string | null
}

/** A stored link row with its record expanded. */
export function linkFromRow(row: {
  source: string
  source_id: string
  location_id: string
  service_id: string | null
  record: unknown
  record_hash: string
}): SourceLink {
  return { ...row, record: recordFromStore(row.record as Record<string, unknown>, row.source_id) }
}

/** The links of some source ids of one source. */
export async function findLinks(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, SourceLink>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('location_sources')
    .select(['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash'])
    .where('source', '=', source)
    .where('source_id', '=', sql<string>`ANY(${[...sourceIds]}::text[])`)
    .execute()
  return new Map(rows.map((r) => [r.source_id, linkFromRow(r)]))
}

/** Location and record hash of some source ids of one source: enough to tell new, changed and unchanged apart. */
export async function findLinkHashes(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, { location_id: string; record_hash: string }>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('location_sources')
    .select(['source_id', 'location_id', 'record_hash'])
    .where('source', '=', source)
    .where('source_id', '=', sql<string>`ANY(${[...sourceIds]}::text[])`)
    .execute()
  return new Map(rows.map((r) => [r.source_id, r]))
}

/** How many locations the directory holds (to choose between refreshing and rebuilding search rows). */
export async function countLocations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('locations')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** True when the source has no record in the directory yet (its first import). */
export async function isNewSource(db: Db, source: string): Promise<boolean> {
  return !(await db.selectFrom('location_sources').select('source_id').where('source', '=', source).limit(1).executeTakeFirst())
}

/** Inserts links (one COPY; a merged link is stamped with the transaction's time, as now() would). */
export async function insertLinks(db: Db, links: readonly (SourceLink & { merged: boolean })[], batchId: string): Promise<void> {
  if (links.length === 0) return
  const mergedAt = links.some((l) => l.merged) ? ((await sql<{ now: string }>`SELECT now()::text AS now`.execute(db)).rows[0]?.now ?? null) : null
  await copyRows(
    db,
    'location_sources',
    ['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash', 'batch_id', 'merged_at'],
    links.map((l) => [l.source, l.source_id, l.location_id, l.service_id, recordToStore(l.record), l.record_hash, batchId, l.merged ? mergedAt : null]),
  )
}

/** Stores new records of one source's links (one statement). */
export async function updateLinkRecords(
  db: Db,
  source: string,
  updates: readonly { sourceId: string; record: ImportRecord; hash: string }[],
  batchId: string,
): Promise<void> {
  if (updates.length === 0) return
  await sql`
    UPDATE location_sources ls SET record = t.rec, record_hash = t.h, batch_id = ${batchId}, imported_at = now()
      FROM unnest(${updates.map((u) => u.sourceId)}::text[], ${updates.map((u) => JSON.stringify(recordToStore(u.record)))}::jsonb[],
        ${updates.map((u) => u.hash)}::text[]) AS t(sid, rec, h)
     WHERE ls.source = ${source} AND ls.source_id = t.sid`.execute(db)
}

/** Appends audit rows (one statement per 20,000). */
export async function writeAudit(db: Db, entries: readonly AuditEntry[], context: ChangeContext): Promise<void> {
  if (entries.length === 0 || context.action === null) return
  for (let i = 0; i < entries.length; i += 20_000) {
    const part = entries.slice(i, i + 20_000)
    const col = <T>(pick: (e: AuditEntry) => T) => part.map(pick)
    await sql`
      INSERT INTO audit_log (entity_type, entity_id, action, field_name, previous_value, new_value, source, batch_id, account_id, reason)
      SELECT et, eid, act, fname, prev, next, ${context.source}, ${context.batchId}, ${context.accountId ?? null}, ${context.reason ?? null}
        FROM unnest(${col((e) => e.entity_type)}::text[], ${col((e) => e.entity_id)}::text[], ${col((e) => e.action)}::text[],
          ${col((e) => e.field_name)}::text[], ${col((e) => JSON.stringify(e.previous_value ?? null))}::jsonb[],
          ${col((e) => JSON.stringify(e.new_value ?? null))}::jsonb[]) AS t(et, eid, act, fname, prev, next)`.execute(db)
  }
}
