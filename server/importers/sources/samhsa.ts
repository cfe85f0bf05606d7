/**
 * The SAMHSA formats: FindTreatment.gov exportsAsJson/v2 JSON, the locator download CSV with
 * one flag column per service code, and the plain geocoded lists (substance use, mental
 * health, MOUD providers, OTPs). The layout is recognised from the header.
 */
import { basename } from 'node:path'
import { loadMapping, mapRow } from '../mapping.js'
import type { LoadedMapping } from '../mapping-spec.js'
import type { MappedRow } from '../record.js'
import { csvHeader, readJson, FileProblem } from './files.js'
import { mappedCsvRows } from './mapped-csv.js'
import type { PhaseTimer } from '../timings.js'
import { MAPPINGS_DIR } from '../../paths.js'

export { MAPPINGS_DIR }

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

interface FindTreatmentRow {
  [key: string]: unknown
  services?: { f1?: string; f2?: string; f3?: string }[]
}

/** Flattens a FindTreatment.gov row into the columns of samhsa-findtreatment-api.json. */
export function flattenFindTreatmentRow(row: FindTreatmentRow): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key !== 'services' && (typeof value === 'string' || typeof value === 'number')) flat[key] = String(value)
  }
  const names = (row.services ?? []).flatMap((s) =>
    (s.f3 ?? '')
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  flat._services = names.join(';')
  return flat
}

const FINDTREATMENT = 'samhsa-findtreatment-api.json'

/** The mapping file of one SAMHSA file's layout; an unknown CSV layout is a FileProblem. */
async function layoutOf(path: string): Promise<string> {
  if (/\.json$/i.test(path)) return FINDTREATMENT
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
  const mapping = loadMapping(MAPPINGS_DIR + layout)
  if (layout === FINDTREATMENT) {
    return {
      mapping,
      rows: async function* () {
        for (const path of paths) {
          const body = (await readJson(path)) as { rows?: FindTreatmentRow[] }
          if (!body || !Array.isArray(body.rows)) {
            throw new FileProblem({ file: basename(path), line: 1, field: 'rows', message: 'is missing: not a FindTreatment.gov exportsAsJson/v2 file' })
          }
          if (body.rows.length === 0) throw new FileProblem({ file: basename(path), line: 1, field: 'rows', message: 'is empty' })
          let index = 0
          for (const row of body.rows) yield mapRow(flattenFindTreatmentRow(row), { file: basename(path), line: ++index }, mapping)
        }
      },
    }
  }
  return { mapping, rows: (timer) => mappedCsvRows(paths, mapping, timer) }
}
