/**
 * Bulk writes with COPY … FROM STDIN (text format) on both backends: about six times cheaper
 * for the server than INSERT … SELECT FROM json_to_recordset (100,000 locations: 0.33 s
 * against 2.1 s), which made the database's side of a million-row import most of its time.
 *
 * A COPY travels through Kysely as a raw query whose only parameter is a CopyPayload; the pg
 * pool streams it with pg-copy-streams, the PGlite pool hands it over as a blob
 * (connect.ts, pglite-pool.ts). It runs on the caller's connection, so in its transaction.
 */
import { CompiledQuery } from 'kysely'
import type { Db } from './schema.js'
import { arrayLiteral } from './sql.js'

/** The rows of one COPY, already in COPY's text format. */
export class CopyPayload {
  constructor(readonly text: string) {}
}

/** Whether a query's parameters are a COPY's rows (the pool wrappers' test). */
export function copyPayloadOf(parameters: ReadonlyArray<unknown> | undefined): CopyPayload | null {
  return parameters?.length === 1 && parameters[0] instanceof CopyPayload ? parameters[0] : null
}

const SPECIAL = /[\\\n\r\t]/
const escapeText = (s: string) => (SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : s)
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * One value in COPY's text format: \N for NULL, t/f, numbers as JavaScript prints them (the
 * shortest text that reads back as the same double), arrays as array literals, other objects
 * as JSON (jsonb columns), strings with backslash, tab and line breaks escaped.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  switch (typeof value) {
    case 'string':
      return escapeText(value)
    case 'boolean':
      return value ? 't' : 'f'
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`COPY: not a finite number: ${value}`)
      return String(value)
    case 'bigint':
      return String(value)
    default:
      if (value instanceof Date) return value.toISOString()
      if (Array.isArray(value)) return escapeText(arrayLiteral(value))
      return escapeText(JSON.stringify(value))
  }
}

/** A geography point as hex EWKB (SRID 4326): exact coordinates, and cheap for the server to read. */
export function pointEwkb(lon: number, lat: number): string {
  const buf = Buffer.allocUnsafe(25)
  buf.writeUInt8(1, 0) // little-endian
  buf.writeUInt32LE(0x20000001, 1) // Point, with SRID
  buf.writeUInt32LE(4326, 5)
  buf.writeDoubleLE(lon, 9)
  buf.writeDoubleLE(lat, 17)
  return buf.toString('hex')
}

/** Appends rows (values in `columns` order) to `table` with one COPY (nothing when there are no rows). */
export async function copyRows(db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return
  let text = ''
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i > 0 ? '\t' : '') + copyValue(row[i])
    text += '\n'
  }
  const target = `${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`
  await db.executeQuery(CompiledQuery.raw(`COPY ${target} FROM STDIN`, [new CopyPayload(text)]))
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`COPY: not a plain identifier: ${name}`)
  return `"${name}"`
}
