/**
 * Sites as CSV (RFC 4180: CRLF line ends, quoted where needed): a header, then one row per
 * site; code lists are joined with ";". The columns are CSV_COLUMNS, documented in docs/data.md.
 */
import type { Kysely } from 'kysely'
import type { Database, HoursRule } from '../db/schema.js'
import { EXPORT_PAGE_SIZE } from './geojson.js'
import { findExportSites, type ExportSite } from './repository.js'
import type { SiteFilter } from './site-filter.js'

export const CSV_COLUMNS = [
  'id', 'name', 'organization_name', 'types', 'services', 'payment', 'populations', 'access', 'languages',
  'address_1', 'address_2', 'city', 'region', 'postal_code', 'latitude', 'longitude', 'location_precision',
  'phone', 'website', 'hours', 'timezone', 'status', 'source', 'source_id', 'assured_date', 'demo',
] as const

/** "MO,TU,WE 09:00-17:00; SA 10:00-14:00 (2026-06-01..2026-08-31)". */
export function hoursText(rules: readonly HoursRule[]): string {
  return rules.map((r) => {
    const valid = r.valid_from || r.valid_to ? ` (${r.valid_from ?? ''}..${r.valid_to ?? ''})` : ''
    return `${r.byday} ${r.opens}-${r.closes}${valid}`
  }).join('; ')
}

// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)") gets a leading apostrophe;
// numbers and phone numbers ("-76.6", "+1 410 …") are left alone.
const FORMULA = /^[=+\-@\t\r]/
const NUMBER_OR_PHONE = /^[+-]?[\d\s().-]+$/

/** One CSV cell. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA.test(text) && !NUMBER_OR_PHONE.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One site's CSV line (with CRLF). */
export function csvRow(site: ExportSite): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
    ...site, location_precision: site.geocode_precision,
    types: site.types.join(';'), services: site.services.join(';'), payment: site.payment.join(';'),
    populations: site.populations.join(';'), access: site.access.join(';'), languages: site.languages.join(';'),
    hours: hoursText(site.hours),
  }
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',') + '\r\n'
}

/** The CSV as text chunks (the header, then one chunk per page). */
export async function* csvChunks(db: Kysely<Database>, filter: SiteFilter, onSites?: (n: number) => void): AsyncGenerator<string> {
  yield CSV_COLUMNS.join(',') + '\r\n'
  let after = ''
  for (;;) {
    const sites = await findExportSites(db, filter, after, EXPORT_PAGE_SIZE)
    if (sites.length === 0) return
    yield sites.map(csvRow).join('')
    onSites?.(sites.length)
    after = sites[sites.length - 1]?.id as string
  }
}
