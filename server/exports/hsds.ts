/**
 * The directory as HSDS 3.0 JSON: an array of fully nested services (organization,
 * service_at_locations → location with address, phones, schedules, languages,
 * accessibility, attributes), which `npm run import -- hsds` reads back. Only the sites the
 * filter lets through are nested; a service with none of them is left out.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { serviceObject } from '../hsds/build-service.js'
import { loadServiceGraph } from '../hsds/graph-repository.js'
import type { SiteFilter } from '../sites/site-filter.js'
import { EXPORT_PAGE_SIZE } from './geojson.js'
import { findExportServiceIds } from './repository.js'

/** The JSON array as text chunks, one service per line; `onServices` counts what was written. */
export async function* hsdsChunks(db: Kysely<Database>, filter: SiteFilter, onServices?: (n: number) => void): AsyncGenerator<string> {
  yield '[\n'
  let after = ''
  let first = true
  for (;;) {
    const ids = await findExportServiceIds(db, filter, after, EXPORT_PAGE_SIZE)
    if (ids.length === 0) break
    const graph = await loadServiceGraph(db, ids, { sites: filter })
    yield (first ? '' : ',\n') + graph.services.map((s) => JSON.stringify(serviceObject(s, graph))).join(',\n')
    first = false
    onServices?.(ids.length)
    after = ids[ids.length - 1] as string
  }
  yield '\n]\n'
}
