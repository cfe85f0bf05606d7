/**
 * The search filters as SQL text with numbered parameters (see repository.ts for why the
 * text is assembled directly): every value is bound, never written into the text, and each
 * value is bound once however often the text uses it.
 */
import { maskOf } from '../vocabulary.js'
import type { Cursor } from './cursor.js'
import type { SearchQuery } from './query.js'

/**
 * Whether the directory holds any active site that is not demo data: one probe of a partial
 * index, evaluated once per statement. The predicate is written out, not bound: a prepared
 * statement's generic plan cannot match bound parameters to the partial index's WHERE.
 */
export const REAL_SITES_EXIST = `EXISTS (SELECT 1 FROM site_search r WHERE r.status = 'active' AND NOT r.demo)`

/** Parameters of one statement, in order; `bind` returns the placeholder, cast to `type`. */
export class Statement {
  readonly values: unknown[] = []

  /** Binds a value; the placeholder it returns may be used any number of times. */
  bind(value: unknown, type: string): string {
    this.values.push(value)
    return `$${this.values.length}::${type}`
  }

  /** Another statement's text as part of this one: its values bound here, its placeholders renumbered. */
  embed(text: string, values: readonly unknown[]): string {
    const offset = this.values.length
    this.values.push(...values)
    return text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`)
  }
}

/**
 * The filters as one boolean expression on the walked row: `s` (a site_search row, of any
 * status) or `f` (a site_facets row: active sites only, carrying the same filter columns and
 * the site's undated weekly hours). "Open" is a scalar sub-select, not EXISTS, so Postgres
 * cannot turn it into a join over all of site_hours; on a facet row only sites with dated
 * hours need it. `point` is the search centre's expression.
 */
export function siteFilter(st: Statement, q: SearchQuery, point: string, after: Cursor | null, on: 's' | 'f'): string {
  const col = (column: string) => `${on}.${column}`
  const parts: string[] = on === 's' ? [`s.status = 'active'`] : []
  const anyOf = (column: string, mask: number) => `(${col(column)} & ${st.bind(mask, 'int')}) <> 0`
  const allOf = (column: string, mask: number) => {
    const m = st.bind(mask, 'int')
    return `(${col(column)} & ${m}) = ${m}`
  }
  if (q.types.length) parts.push(anyOf('types', maskOf('types', q.types)))
  if (q.services.length) {
    const mask = maskOf('services', q.services)
    parts.push(q.match === 'all' ? allOf('services', mask) : anyOf('services', mask))
  }
  if (q.payment.length) parts.push(anyOf('payment', maskOf('payment', q.payment)))
  if (q.populations.length) parts.push(anyOf('populations', maskOf('populations', q.populations)))
  if (q.access.length) parts.push(allOf('access', maskOf('access', q.access)))
  if (q.languages.length) parts.push(`${col('languages')} && ${st.bind(q.languages, 'text[]')}`)
  if (q.excludeDemo === true) parts.push(`NOT ${col('demo')}`)
  else if (q.excludeDemo === 'if-real-sites') parts.push(`(NOT ${col('demo')} OR NOT ${REAL_SITES_EXIST})`)
  let now: string | null = null
  const nowParam = () => (now ??= st.bind((q.now ?? q.at).toISOString(), 'timestamptz'))
  if (q.openFilter) parts.push(openFilter(st, q, on))
  parts.push(...liveFilters(st, q, col('location_id'), nowParam))
  if (q.verifiedWithinDays !== null) {
    // "Today" is the site's own date, as the age class shown beside each result takes it.
    const since = `((${nowParam()} AT TIME ZONE ${col('timezone')})::date - ${st.bind(q.verifiedWithinDays, 'int')})`
    // A facet row carries no assured_date: one primary-key probe per walked row, as "open" does.
    parts.push(
      on === 's' ? `s.assured_date >= ${since}` : `coalesce((SELECT v.assured_date >= ${since} FROM site_search v WHERE v.location_id = f.location_id), false)`,
    )
  }
  if (q.hideStaleAfterDays) {
    // The verification date, or for a never-verified listing the day it was last imported, on the site's calendar.
    const since = `((${nowParam()} AT TIME ZONE ${col('timezone')})::date - ${st.bind(q.hideStaleAfterDays, 'int')})`
    const imported = (row: string) => `(SELECT (l.imported_at AT TIME ZONE ${col('timezone')})::date FROM locations l WHERE l.id = ${row}.location_id)`
    parts.push(
      on === 's'
        ? `coalesce(s.assured_date, ${imported('s')}) >= ${since}`
        : `coalesce((SELECT coalesce(v.assured_date, ${imported('v')}) >= ${since} FROM site_search v WHERE v.location_id = f.location_id), false)`,
    )
  }
  if (after) {
    // Ids compare in byte order, as the results are ordered.
    const cursor = `(${st.bind(after.distanceM, 'float8')}, ${st.bind(after.id, 'text')} COLLATE "C")`
    parts.push(`(ST_Distance(${col('geog')}, ${point}, true), ${col('location_id')} COLLATE "C") > ${cursor}`)
  }
  return parts.length ? parts.join(' AND ') : 'true'
}

/** Open at q.at: a "today" post wins over the hours; with includeUnknownHours, sites listing no hours pass too. */
function openFilter(st: Statement, q: SearchQuery, on: 's' | 'f'): string {
  const col = (column: string) => `${on}.${column}`
  const at = st.bind(q.at.toISOString(), 'timestamptz')
  const local = `(${at} AT TIME ZONE ${col('timezone')})`
  const minute = `hrl_minute_of_week(${local})`
  const probe = (valid: string) => `coalesce((SELECT true FROM site_hours h WHERE h.location_id = ${col('location_id')}
      AND ${valid} AND h.open_week @> ${minute} LIMIT 1), false)`
  const open =
    on === 's'
      ? probe(`(h.valid IS NULL OR h.valid @> ${local}::date)`)
      : `(coalesce(f.open_week @> ${minute}, false) OR (f.dated_hours AND ${probe(`h.valid @> ${local}::date`)}))`
  // No hours listed: a search row's hours are empty; a facet row has neither weekly nor dated hours.
  const unknown = on === 's' ? `jsonb_array_length(s.hours) = 0` : `(f.open_week IS NULL AND NOT f.dated_hours)`
  // A "today" post (live status) wins over the hours: -1 closed (not running, closing early), 1 open (open late).
  const today = `coalesce((SELECT CASE WHEN t.closed_during @> ${at} THEN -1 WHEN t.open_during @> ${at} THEN 1 ELSE 0 END
      FROM site_status t WHERE t.location_id = ${col('location_id')} AND t.topic = 'today'), 0)`
  return `(CASE ${today} WHEN -1 THEN false WHEN 1 THEN true ELSE ${q.includeUnknownHours ? `(${open} OR ${unknown})` : open} END)`
}

/**
 * Live-status filters: the site has an unexpired post saying so. Such posts are few, so each
 * is a hashed set of site ids the walk probes, not a probe per walked row.
 */
function liveFilters(st: Statement, q: SearchQuery, siteId: string, now: () => string): string[] {
  const posted = (topic: string, test: string) =>
    `${siteId} IN (SELECT t.location_id FROM site_status t WHERE t.topic = ${st.bind(topic, 'text')} AND t.expires_at > ${now()} AND ${test})`
  const parts: string[] = []
  for (const supply of q.inStock ?? []) parts.push(posted(supply, `t.value IN ('"in_stock"'::jsonb, '"low"'::jsonb)`))
  if (q.acceptingNewPatients) parts.push(posted('accepting_new_patients', `t.value = '"yes"'::jsonb`))
  if (q.sameDayStart) parts.push(posted('same_day_start', `t.value = 'true'::jsonb`))
  if (q.bedsAvailable !== null && q.bedsAvailable !== undefined) {
    parts.push(posted('beds_available', `jsonb_typeof(t.value) = 'number' AND (t.value #>> '{}')::int >= ${st.bind(q.bedsAvailable, 'int')}`))
  }
  return parts
}
