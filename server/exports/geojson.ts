/**
 * Sites as an RFC 7946 FeatureCollection: Point geometry [lon, lat], every field a property.
 * Streamed a page at a time.
 */
import type { Kysely } from 'kysely'
import { pointGeometry } from '../../common/geojson.js'
import type { Database } from '../db/schema.js'
import type { SiteFilter } from '../sites/site-filter.js'
import { findExportSites, type ExportSite } from './repository.js'

export const EXPORT_PAGE_SIZE = 2000

/** One site as a GeoJSON Feature (geometry null when the site has no point). */
export function siteFeature(site: ExportSite): object {
  const { latitude, longitude, geocode_precision, ...rest } = site
  return {
    type: 'Feature',
    id: site.id,
    geometry: latitude === null || longitude === null ? null : pointGeometry(latitude, longitude),
    properties: { ...rest, location_precision: geocode_precision },
  }
}

/** The FeatureCollection as text chunks (one per page); `onSites` counts what was written. */
export async function* geojsonChunks(db: Kysely<Database>, filter: SiteFilter, onSites?: (n: number) => void): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[\n'
  let after = ''
  let first = true
  for (;;) {
    const sites = await findExportSites(db, filter, after, EXPORT_PAGE_SIZE)
    if (sites.length === 0) break
    yield (first ? '' : ',\n') + sites.map((s) => JSON.stringify(siteFeature(s))).join(',\n')
    first = false
    onSites?.(sites.length)
    after = sites[sites.length - 1]?.id as string
  }
  yield '\n]}\n'
}
