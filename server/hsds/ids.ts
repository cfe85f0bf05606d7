/**
 * Stable HSDS 3.0 ids. The schema wants UUIDs; ours are text. Every HSDS id is a version-5
 * (SHA-1, name-based) UUID of kind || ':' || our id in our own namespace — the same value as
 * the SQL function hrl_hsds_uuid5(kind, id) of migration 2026-12-03-02 (uuid-ossp's
 * uuid_generate_v5), so a lookup by HSDS id runs in the database on an expression index.
 * Before that migration the ids were md5(kind || ':' || id) written as a UUID without version
 * bits (hrl_hsds_uuid, migration 04); lookups accept those too, so old links keep working.
 */
import { createHash } from 'node:crypto'
import { sql, type Expression, type SqlBool } from 'kysely'

/** What an HSDS id names; part of the hashed name, so the same text id gives different ids per kind. */
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

/** Our namespace for version-5 ids (a random UUID, fixed forever: changing it changes every id). */
export const HSDS_NAMESPACE = '1602c4cf-da4e-4886-9af3-a5284b7de2e5'
const NAMESPACE_BYTES = Buffer.from(HSDS_NAMESPACE.replace(/-/g, ''), 'hex')

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const format = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`

/** The HSDS id of one of our records (RFC 9562 version 5), e.g. hsdsId('service', 'svc_3f2a…') → '…-5…-[89ab]…'. */
export function hsdsId(kind: HsdsKind, id: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${kind}:${id}`, 'utf8').digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  return format(hash.toString('hex'))
}

/** The id the same record had before version-5 ids: md5 as a UUID (what old links hold). */
export function legacyHsdsId(kind: HsdsKind, id: string): string {
  return format(createHash('md5').update(`${kind}:${id}`, 'utf8').digest('hex'))
}

/** True when `value` is the record's HSDS id, current or legacy. */
export function isHsdsIdOf(value: string, kind: HsdsKind, id: string): boolean {
  const v = value.toLowerCase()
  return v === hsdsId(kind, id) || v === legacyHsdsId(kind, id)
}

/** True for a UUID in its canonical 8-4-4-4-12 hex form. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/**
 * SQL: the row whose HSDS id, current or legacy, is `uuid`. Index-backed for services,
 * organizations and service_at_location (both forms: migrations 04, 05 and 2026-12-03-02).
 */
export function hsdsIdMatches(kind: HsdsKind, column: string, uuid: string): Expression<SqlBool> {
  // The kind is a literal (from the fixed HsdsKind union), not a parameter, so the planner
  // matches the expression indexes, which were built with a constant kind.
  const k = sql.lit(kind)
  const c = sql.ref(column)
  return sql<SqlBool>`(hrl_hsds_uuid5(${k}, ${c}) = ${uuid}::uuid OR hrl_hsds_uuid(${k}, ${c}) = ${uuid}::uuid)`
}
