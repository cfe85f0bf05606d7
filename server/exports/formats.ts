/**
 * The export formats: what each streams, its media type and its file name.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SiteFilter } from '../sites/site-filter.js'
import { csvChunks } from './csv.js'
import { geojsonChunks } from './geojson.js'
import { hsdsChunks } from './hsds.js'

export const EXPORT_FORMATS = ['geojson', 'csv', 'hsds'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8; header=present',
  hsds: 'application/json; charset=utf-8',
}

const EXTENSIONS: Record<ExportFormat, string> = { geojson: 'geojson', csv: 'csv', hsds: 'hsds.json' }

/** "harm-reduction-locator-2026-11-24.geojson". */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `harm-reduction-locator-${now.toISOString().slice(0, 10)}.${EXTENSIONS[format]}`
}

/**
 * The export as text chunks; `onRecords` counts records written (sites, or services for hsds).
 * Example: for await (const chunk of exportChunks(db, 'csv', DEFAULT_SITE_FILTER)) out.write(chunk)
 */
export function exportChunks(db: Kysely<Database>, format: ExportFormat, filter: SiteFilter, onRecords?: (n: number) => void): AsyncGenerator<string> {
  if (format === 'geojson') return geojsonChunks(db, filter, onRecords)
  if (format === 'csv') return csvChunks(db, filter, onRecords)
  return hsdsChunks(db, filter, onRecords)
}
