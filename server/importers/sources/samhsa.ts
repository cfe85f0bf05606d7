/**
 * The SAMHSA formats: the locator download CSV with one flag column per service code, and the
 * plain geocoded lists (substance use, mental health, MOUD providers, OTPs), the layout
 * recognised from the header; FindTreatment.gov JSON is handed to findtreatment.ts.
 */
import { basename } from 'node:path'
import { loadMapping } from '../mapping.js'
import type { LoadedMapping } from '../mapping-spec.js'
import type { MappedRow } from '../record.js'
import { csvHeader, FileProblem } from './files.js'
import { FINDTREATMENT_API, openFindTreatment } from './findtreatment.js'
import { mappedCsvRows } from './mapped-csv.js'
import type { PhaseTimer } from '../timings.js'
import { MAPPINGS_DIR } from '../../paths.js'

export { MAPPINGS_DIR }
export { flattenFindTreatmentRow } from './findtreatment.js'

/** The built-in mapping for a SAMHSA CSV header, or null when the layout is not one we know. */
export function samhsaLayout(header: readonly string[]): string | null {
  const has = (...names: string[]) => names.every((n) => header.includes(n))
  if (has('ID', 'ADDRESS', 'POSTAL', 'Latitude')) return 'samhsa-otp.json'
  if (has('name1', 'category', 'Latitude', 'Longitude')) return 'samhsa-moud-providers.json'
  if (has('name1', 'type_facility') && header.length > header.indexOf('type_facility') + 5) return 'samhsa-locator-download.json'
  if (has('name1', 'type_facility', 'phone')) return 'samhsa-mh-facilities.json'
  if (has('name1', 'street1', 'zip', 'latitude', 'longitude')) return 'samhsa-sud-facilities.json'
  return null
}

export interface SamhsaInput {
  mapping: LoadedMapping
  rows: (timer?: PhaseTimer) => AsyncGenerator<MappedRow>
}

/** The mapping file of one SAMHSA file's layout; an unknown CSV layout is a FileProblem. */
async function layoutOf(path: string): Promise<string> {
  if (/\.json$/i.test(path)) return FINDTREATMENT_API
  const layout = samhsaLayout(await csvHeader(path))
  if (!layout) {
    throw new FileProblem({
      file: basename(path),
      line: 1,
      field: 'header',
      message: 'is not a SAMHSA layout this importer knows (use the csv format with a mapping)',
    })
  }
  return layout
}

/**
 * Opens SAMHSA files. Each file's layout is recognised on its own, and all must share one:
 * an import has one source, and a mental-health list read with the substance-use mapping
 * would land as the wrong source with the wrong types.
 */
export async function openSamhsa(paths: readonly string[]): Promise<SamhsaInput> {
  const layouts: string[] = []
  for (const path of paths) layouts.push(await layoutOf(path))
  const layout = layouts[0] as string
  const other = layouts.findIndex((l) => l !== layout)
  if (other >= 0) {
    const describe = (i: number) => `${basename(paths[i] as string)} is ${loadMapping(MAPPINGS_DIR + layouts[i]).spec.source} (${layouts[i]})`
    throw new FileProblem({
      file: basename(paths[other] as string),
      line: 1,
      field: 'header',
      message: `has another SAMHSA layout than the first file: ${describe(other)}, ${describe(0)}. Import them separately, one source per import`,
    })
  }
  // FindTreatment.gov JSON (a v2 page or an export) is the findtreatment format's to read.
  if (layout === FINDTREATMENT_API) return openFindTreatment(paths)
  const mapping = loadMapping(MAPPINGS_DIR + layout)
  return { mapping, rows: (timer) => mappedCsvRows(paths, mapping, timer) }
}
