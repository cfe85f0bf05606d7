/**
 * Sites as CSV (written by csv/write.ts: RFC 4180, CRLF, formulas defused): a header, then one
 * row per site; code lists are joined with ";". The columns are CSV_COLUMNS, documented in docs/data.md.
 */
import type { Kysely } from 'kysely'
import { csvLines, type CsvValue } from '../csv/write.js'
import type { Database, HoursRule } from '../db/schema.js'
import { isRecurring } from '../../common/schedule/recurrence.js'
import { EXPORT_PAGE_SIZE } from './geojson.js'
import { findExportSites, type ExportSite } from './repository.js'
import type { SiteFilter } from '../sites/site-filter.js'

export const CSV_COLUMNS = [
  'id',
  'name',
  'organization_name',
  'types',
  'services',
  'payment',
  'populations',
  'access',
  'languages',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'latitude',
  'longitude',
  'location_precision',
  'phone',
  'website',
  'hours',
  'timezone',
  'status',
  'source',
  'source_id',
  'assured_date',
  'demo',
] as const

/**
 * "MO,TU,WE 09:00-17:00; SA 10:00-14:00 (2026-06-01..2026-08-31)"; a recurring rule carries
 * its RRULE parts: "2TU,4TU 10:00-14:00 [FREQ=MONTHLY]", "SA 10:00-13:00 [FREQ=WEEKLY;INTERVAL=2;DTSTART=2026-11-07]".
 */
export function hoursText(rules: readonly HoursRule[]): string {
  return rules
    .map((r) => {
      const valid = r.valid_from || r.valid_to ? ` (${r.valid_from ?? ''}..${r.valid_to ?? ''})` : ''
      const parts = [
        `FREQ=${r.freq ?? 'WEEKLY'}`,
        r.interval ? `INTERVAL=${r.interval}` : '',
        r.bymonthday ? `BYMONTHDAY=${r.bymonthday}` : '',
        r.dtstart ? `DTSTART=${r.dtstart}` : '',
      ]
      const rrule = isRecurring(r) ? ` [${parts.filter(Boolean).join(';')}]` : ''
      return `${r.byday ? `${r.byday} ` : ''}${r.opens}-${r.closes}${rrule}${valid}`
    })
    .join('; ')
}

/** One site's cells, in CSV_COLUMNS order. */
export function csvRecord(site: ExportSite): CsvValue[] {
  const values: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
    ...site,
    location_precision: site.geocode_precision,
    types: site.types.join(';'),
    services: site.services.join(';'),
    payment: site.payment.join(';'),
    populations: site.populations.join(';'),
    access: site.access.join(';'),
    languages: site.languages.join(';'),
    hours: hoursText(site.hours),
  }
  return CSV_COLUMNS.map((c) => values[c])
}

/** The CSV as text chunks (the header, then one chunk per page). */
export async function* csvChunks(db: Kysely<Database>, filter: SiteFilter, onSites?: (n: number) => void): AsyncGenerator<string> {
  yield csvLines([CSV_COLUMNS])
  let after = ''
  for (;;) {
    const sites = await findExportSites(db, filter, after, EXPORT_PAGE_SIZE)
    if (sites.length === 0) return
    yield csvLines(sites.map(csvRecord))
    onSites?.(sites.length)
    after = sites[sites.length - 1]?.id as string
  }
}
