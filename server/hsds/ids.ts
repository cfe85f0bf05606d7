/**
 * Stable HSDS 3.0 ids. The schema wants UUIDs; ours are text. Every HSDS id is
 * md5(kind || ':' || our id) written as a UUID — the same value as migration 04's SQL
 * function hrl_hsds_uuid(kind, id), so a lookup by HSDS id can run in the database.
 */
import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'

/** What an HSDS id names; part of the hash, so the same text id gives different ids per kind. */
export type HsdsKind =
  | 'service'
  | 'organization'
  | 'location'
  | 'service_at_location'
  | 'schedule'
  | 'phone'
  | 'address'
  | 'language'
  | 'accessibility'
  | 'attribute'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'metadata'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The HSDS id of one of our records, e.g. hsdsId('service', 'svc_3f2a…') → '1b4e28ba-…'. */
export function hsdsId(kind: HsdsKind, id: string): string {
  const h = createHash('md5').update(`${kind}:${id}`, 'utf8').digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** True for a UUID in its canonical 8-4-4-4-12 hex form. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** SQL: hrl_hsds_uuid(kind, column) — index-backed for services (migration 04), organizations and service_at_location (05). */
export function hsdsIdOf(kind: HsdsKind, column: string): RawBuilder<string> {
  // The kind is a literal (from the fixed HsdsKind union), not a parameter, so the planner
  // matches the expression indexes, which were built with a constant kind.
  return sql<string>`hrl_hsds_uuid(${sql.lit(kind)}, ${sql.ref(column)})`
}
