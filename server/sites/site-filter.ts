/**
 * Which sites an export (or an HSDS listing) includes: active ones unless asked for every
 * status, demo ones unless left out, and optionally only one source's. It lives under sites/,
 * below both exports/ and hsds/, so neither has to import the other for it.
 */
import { sql, type RawBuilder } from 'kysely'

export interface SiteFilter {
  /** Include inactive, defunct and temporarily closed sites (default: active only). */
  includeInactive: boolean
  /** Include demo records (they carry `demo` in every format). */
  includeDemo: boolean
  /** Only sites with a record from this source (its own, or one merged into it). */
  source: string | null
}

export const DEFAULT_SITE_FILTER: SiteFilter = { includeInactive: false, includeDemo: true, source: null }

/** Every site, whatever its status (the HSDS API shows statuses so a client can see closures). */
export const ALL_SITES: SiteFilter = { includeInactive: true, includeDemo: true, source: null }

/** SQL condition on the locations row aliased `alias` (a fixed name from the caller, never input). */
export function siteFilterSql(filter: SiteFilter, alias: 'l' = 'l'): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  const parts: RawBuilder<unknown>[] = [sql`true`]
  if (!filter.includeInactive) parts.push(sql`${col('status')} = 'active'`)
  if (!filter.includeDemo) parts.push(sql`${col('demo')} = false`)
  if (filter.source !== null) {
    parts.push(sql`(${col('source')} = ${filter.source}
      OR EXISTS (SELECT 1 FROM location_sources ls WHERE ls.location_id = ${col('id')} AND ls.source = ${filter.source}))`)
  }
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`
}
