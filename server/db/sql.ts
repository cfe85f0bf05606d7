/**
 * Small typed SQL helpers for PostGIS, so spatial expressions are written once; and the rule
 * both backends use to run a query as a prepared statement.
 */
import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'

/**
 * The prepared-statement name for a query with parameters: SELECTs (and WITH queries) are
 * prepared once per connection and run with their cached generic plan; other statements
 * (null) run as they are. Also a valid SQL identifier, for PGlite's SQL-level PREPARE.
 */
export function preparedName(text: string): string | null {
  // The same few texts come by thousands of times a second: hash each once.
  let name = names.get(text)
  if (name === undefined) {
    name = /^\s*(select|with)\b/i.test(text) ? 'k' + createHash('sha1').update(text).digest('hex').slice(0, 24) : null
    // Texts with values written in (never a search's) would grow it without end: start over.
    if (names.size >= 5_000) names.clear()
    names.set(text, name)
  }
  return name
}
const names = new Map<string, string | null>()

/**
 * A Postgres array literal ('{"a","b"}'), for array values that travel as text: elements in
 * their text form (`element`, String by default) quoted and escaped, nested arrays as nested
 * literals, null as NULL.
 */
export function arrayLiteral(values: readonly unknown[], element: (value: unknown) => string = String): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i > 0) out += ','
    if (v === null || v === undefined) out += 'NULL'
    else if (Array.isArray(v)) out += arrayLiteral(v, element)
    else out += '"' + element(v).replace(/[\\"]/g, (c) => '\\' + c) + '"'
  }
  return out + '}'
}

/** A geography point from longitude and latitude (bound parameters). */
export function makePoint(lon: number, lat: number): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography`
}

/** Ellipsoidal (WGS 84) distance in metres between two geographies. */
export function stDistance(a: RawBuilder<unknown> | string, b: RawBuilder<unknown>): RawBuilder<number> {
  const left = typeof a === 'string' ? sql.ref(a) : a
  return sql<number>`ST_Distance(${left}, ${b}, true)`
}
