/**
 * The source records behind each location (location_sources), and re-deriving a location
 * from them: what changed is written to the directory tables and to audit_log with its
 * previous and new value.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { makePoint } from '../db/sql.js'
import type { ImportRecord } from '../importers/record.js'
import { deriveLocation, diffFields, LOCATION_FIELDS } from './location-derive.js'

export type Db = Kysely<Database> | Transaction<Database>

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
  batchId: string
  /** Written as audit_log.action; null writes no audit rows (rows of one file combined). */
  action: string | null
}

/** The links of some source ids of one source. */
export async function findLinks(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, SourceLink>> {
  if (sourceIds.length === 0) return new Map()
  const rows = await db.selectFrom('location_sources')
    .select(['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash'])
    .where('source', '=', source).where('source_id', '=', sql<string>`ANY(${[...sourceIds]}::text[])`).execute()
  return new Map(rows.map((r) => [r.source_id, r as unknown as SourceLink]))
}

/** Inserts links (one statement). */
export async function insertLinks(db: Db, links: readonly (SourceLink & { merged: boolean })[], batchId: string): Promise<void> {
  if (links.length === 0) return
  const col = <T>(pick: (l: SourceLink & { merged: boolean }) => T) => links.map(pick)
  await sql`
    INSERT INTO location_sources (source, source_id, location_id, service_id, record, record_hash, batch_id, merged_at)
    SELECT s, sid, loc, svc, rec, h, ${batchId}, CASE WHEN m THEN now() END
      FROM unnest(${col((l) => l.source)}::text[], ${col((l) => l.source_id)}::text[], ${col((l) => l.location_id)}::text[],
        ${col((l) => l.service_id)}::text[], ${col((l) => JSON.stringify(l.record))}::jsonb[], ${col((l) => l.record_hash)}::text[],
        ${col((l) => l.merged)}::boolean[]) AS t(s, sid, loc, svc, rec, h, m)`.execute(db)
}

/** Stores a link's new record. */
export async function updateLinkRecord(db: Db, link: SourceLink, record: ImportRecord, hash: string, batchId: string): Promise<void> {
  await db.updateTable('location_sources')
    .set({ record: JSON.stringify(record), record_hash: hash, batch_id: batchId, imported_at: sql`now()` })
    .where('source', '=', link.source).where('source_id', '=', link.source_id).execute()
}

/** Appends audit rows. */
export async function writeAudit(db: Db, entries: readonly AuditEntry[], context: ChangeContext): Promise<void> {
  if (entries.length === 0 || context.action === null) return
  for (let i = 0; i < entries.length; i += 2000) {
    await db.insertInto('audit_log').values(entries.slice(i, i + 2000).map((e) => ({
      ...e, previous_value: JSON.stringify(e.previous_value ?? null), new_value: JSON.stringify(e.new_value ?? null),
      source: context.source, batch_id: context.batchId,
    }))).execute()
  }
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Re-derives locations from their source records; returns how many had any change.
 * Every change is audited with `context.action`.
 */
export async function recomputeLocations(db: Db, locationIds: readonly string[], context: ChangeContext): Promise<number> {
  const ids = [...new Set(locationIds)]
  if (ids.length === 0) return 0
  const inIds = sql<string>`ANY(${ids}::text[])`
  const [locations, links] = await Promise.all([
    db.selectFrom('locations').select(['id', 'organization_id', 'source', 'source_id', 'source_attributes', ...LOCATION_FIELDS]).where('id', '=', inIds).execute(),
    db.selectFrom('location_sources').select(['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash'])
      .where('location_id', '=', inIds).orderBy('merged_at', 'asc').orderBy('source').orderBy('source_id').execute(),
  ])
  const orgIds = [...new Set(locations.map((l) => l.organization_id))]
  const serviceIds = links.map((l) => l.service_id).filter((s): s is string => !!s)
  const [orgRows, serviceRows, phoneRows, hourRows] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'website', 'email']).where('id', '=', sql<string>`ANY(${orgIds}::text[])`).execute(),
    db.selectFrom('services').select(['id', 'name', 'codes', 'status']).where('id', '=', sql<string>`ANY(${serviceIds}::text[])`).execute(),
    db.selectFrom('phones').select(['location_id', 'number']).where('location_id', '=', inIds).orderBy('location_id').orderBy('ordinal').orderBy('id').execute(),
    db.selectFrom('schedules').select(['location_id', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to'])
      .where('location_id', '=', inIds).orderBy('location_id').orderBy('id').execute(),
  ])
  const orgById = new Map(orgRows.map((o) => [o.id, o]))
  const audit: AuditEntry[] = []
  let changed = 0
  for (const loc of locations) {
    const own = links.filter((l) => l.location_id === loc.id) as unknown as SourceLink[]
    const primary = own.find((l) => l.source === loc.source && l.source_id === loc.source_id)
    if (!primary) continue
    const merged = own.filter((l) => l !== primary)
    const derived = deriveLocation(primary.record, merged.map((l) => l.record))
    const before = { ...loc, types: [...loc.types].sort(), payment: [...loc.payment].sort(), populations: [...loc.populations].sort(),
      access: [...loc.access].sort(), languages: [...loc.languages].sort() }
    const diffs = diffFields<Record<string, unknown>>(before, { ...derived }, LOCATION_FIELDS)
    const attrsChanged = JSON.stringify(loc.source_attributes) !== JSON.stringify(primary.record.attributes)
    const record = (e: { field: string; previous: unknown; next: unknown }, type: AuditEntry['entity_type'], id: string) =>
      audit.push({ entity_type: type, entity_id: id, action: context.action ?? 'update', field_name: e.field, previous_value: e.previous, new_value: e.next })
    let any = false
    if (diffs.length || attrsChanged) {
      any = true
      const set: Record<string, unknown> = Object.fromEntries(diffs.map((d) => [d.field, d.next]))
      if (set.latitude !== undefined || set.longitude !== undefined) set.geog = makePoint(derived.longitude, derived.latitude)
      if (attrsChanged) set.source_attributes = JSON.stringify(primary.record.attributes)
      await db.updateTable('locations').set({ ...set, updated_at: sql`now()`, imported_at: sql`now()` }).where('id', '=', loc.id).execute()
      for (const d of diffs) record(d, 'location', loc.id)
      if (attrsChanged) record({ field: 'source_attributes', previous: loc.source_attributes, next: primary.record.attributes }, 'location', loc.id)
    }
    // Organization: named by the primary record.
    const org = orgById.get(loc.organization_id)
    if (org) {
      const wanted = { name: primary.record.organizationName, website: primary.record.website, email: primary.record.email }
      const orgDiffs = diffFields<Record<string, unknown>>({ name: org.name, website: org.website, email: org.email }, wanted, ['name', 'website', 'email'])
      if (orgDiffs.length) {
        any = true
        await db.updateTable('organizations').set({ ...Object.fromEntries(orgDiffs.map((d) => [d.field, d.next])), updated_at: sql`now()` })
          .where('id', '=', loc.organization_id).execute()
        for (const d of orgDiffs) record(d, 'organization', loc.organization_id)
      }
    }
    // Each record's own service row.
    for (const l of own) {
      const current = serviceRows.find((s) => s.id === l.service_id)
      if (!current) continue
      const wanted = { name: l.record.serviceName, codes: [...l.record.services].sort(), status: l.record.status === 'active' ? 'active' : 'inactive' }
      const svcDiffs = diffFields<Record<string, unknown>>({ ...current, codes: [...current.codes].sort() }, wanted, ['name', 'codes', 'status'])
      if (svcDiffs.length) {
        any = true
        await db.updateTable('services').set({ name: wanted.name, codes: wanted.codes, status: wanted.status, updated_at: sql`now()` })
          .where('id', '=', current.id).execute()
        for (const d of svcDiffs) record(d, 'service', current.id)
      }
    }
    // Phones: the primary's first, then any other record's.
    const wantedPhones = [...new Set(own.flatMap((l) => l.record.phones))]
    const phones = phoneRows.filter((p) => p.location_id === loc.id)
    if (!sameList(phones.map((p) => p.number), wantedPhones)) {
      any = true
      await db.deleteFrom('phones').where('location_id', '=', loc.id).execute()
      if (wantedPhones.length) {
        await db.insertInto('phones').values(wantedPhones.map((number, i) => ({ id: `${loc.id}-p${i}`, location_id: loc.id, number, ordinal: i }))).execute()
      }
      record({ field: 'phones', previous: phones.map((p) => p.number), next: wantedPhones }, 'location', loc.id)
    }
    // Hours: the primary record's.
    const hours = hourRows.filter((h) => h.location_id === loc.id)
    const currentHours = hours.map((h) => ({ byday: h.byday, opens: h.opens_at.slice(0, 5), closes: h.closes_at.slice(0, 5), valid_from: h.valid_from, valid_to: h.valid_to }))
    if (!sameList(currentHours, primary.record.hours)) {
      any = true
      await db.deleteFrom('schedules').where('location_id', '=', loc.id).execute()
      if (primary.record.hours.length) {
        await db.insertInto('schedules').values(primary.record.hours.map((h, i) => ({
          id: `${loc.id}-h${i}`, location_id: loc.id, byday: h.byday, opens_at: h.opens, closes_at: h.closes, valid_from: h.valid_from, valid_to: h.valid_to,
        }))).execute()
      }
      record({ field: 'hours', previous: currentHours, next: primary.record.hours }, 'location', loc.id)
    }
    if (any) changed++
  }
  await writeAudit(db, audit, context)
  return changed
}
