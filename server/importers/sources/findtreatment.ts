/**
 * The findtreatment format: FindTreatment.gov's JSON and CSV. Three layouts, each with its
 * shipped mapping: an exportsAsJson/v2 page ({ rows: [...] }, service names in services[].f3)
 * through samhsa-findtreatment-api.json; the locator's export, a JSON array of flat rows (name,
 * city, …, all_services) or the same export as CSV (Name, City, …, All Services), through
 * findtreatment-export.json. Service names go through the SAMHSA code table.
 */
import { basename, extname } from 'node:path'
import { loadMapping, mapRow } from '../mapping.js'
import { mappingColumns } from '../mapping-check.js'
import type { LoadedMapping } from '../mapping-spec.js'
import type { MappedRow } from '../record.js'
import { FileProblem, readJson } from './files.js'
import { mappedCsvRows } from './mapped-csv.js'
import type { PhaseTimer } from '../timings.js'
import { MAPPINGS_DIR } from '../../paths.js'

export const FINDTREATMENT_API = 'samhsa-findtreatment-api.json'
export const FINDTREATMENT_EXPORT = 'findtreatment-export.json'

interface ApiRow {
  [key: string]: unknown
  services?: { f1?: string; f2?: string; f3?: string }[]
}

/** Flattens an exportsAsJson/v2 row into the columns of samhsa-findtreatment-api.json. */
export function flattenFindTreatmentRow(row: ApiRow): Record<string, string> {
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

const simple = (name: string) => name.toLowerCase().replace(/[\s_.-]+/g, '')

/**
 * Puts a flat export row's values under the mapping's CSV columns (all_services → "All
 * Services": the JSON and CSV exports name the same fields two ways). A key the mapping does
 * not read, or a value that is not text, refuses the file: it would otherwise be dropped unseen.
 */
export function exportRowColumns(row: object, columns: readonly string[], where: { file: string; line: number }): Record<string, string> {
  const fail = (field: string, message: string): never => {
    throw new FileProblem({ ...where, field, message })
  }
  const bySimple = new Map(columns.map((c) => [simple(c), c]))
  const flat: Record<string, string> = Object.fromEntries(columns.map((c) => [c, '']))
  for (const [key, value] of Object.entries(row)) {
    const column = bySimple.get(simple(key))
    if (!column) fail(key, `is not a field of the FindTreatment.gov export (${FINDTREATMENT_EXPORT} reads ${columns.map((c) => `"${c}"`).join(', ')})`)
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') fail(key, `holds ${JSON.stringify(value).slice(0, 60)}, not text`)
    flat[column as string] = value === null ? '' : String(value)
  }
  return flat
}

type Layout = typeof FINDTREATMENT_API | typeof FINDTREATMENT_EXPORT

interface Opened {
  layout: Layout
  rows: unknown[] | null
}

/** A file's layout, and a JSON file's rows (read once). */
async function openFile(path: string): Promise<Opened> {
  if (extname(path).toLowerCase() !== '.json') return { layout: FINDTREATMENT_EXPORT, rows: null }
  const body = await readJson(path)
  const file = basename(path)
  const rows = Array.isArray(body) ? body : (body as { rows?: unknown } | null)?.rows
  if (!Array.isArray(rows)) {
    throw new FileProblem({
      file,
      line: 1,
      field: 'rows',
      message: 'is missing: not a FindTreatment.gov export (a list of rows) or exportsAsJson/v2 page ({ "rows": [...] })',
    })
  }
  if (rows.length === 0) throw new FileProblem({ file, line: 1, field: 'rows', message: 'is empty' })
  return { layout: Array.isArray(body) ? FINDTREATMENT_EXPORT : FINDTREATMENT_API, rows }
}

export interface FindTreatmentInput {
  mapping: LoadedMapping
  rows: (timer?: PhaseTimer) => AsyncGenerator<MappedRow>
}

/**
 * Opens FindTreatment.gov files. All must share one layout: an import has one source, and
 * the v2 pages (street addresses) and the exports (none) derive their ids differently.
 */
export async function openFindTreatment(paths: readonly string[]): Promise<FindTreatmentInput> {
  const opened: Opened[] = []
  for (const path of paths) opened.push(await openFile(path))
  const layout = (opened[0] as Opened).layout
  const other = opened.findIndex((o) => o.layout !== layout)
  if (other >= 0) {
    throw new FileProblem({
      file: basename(paths[other] as string),
      line: 1,
      field: 'rows',
      message: `is read with ${(opened[other] as Opened).layout}, the first file with ${layout}: import them separately, one source per import`,
    })
  }
  const mapping = loadMapping(MAPPINGS_DIR + layout)
  const columns = [...new Set(mappingColumns(mapping.spec).map((c) => c.column))]
  return {
    mapping,
    rows: async function* (timer) {
      for (const [i, path] of paths.entries()) {
        const rows = opened[i]?.rows
        if (!rows) {
          yield* mappedCsvRows([path], mapping, timer)
          continue
        }
        const file = basename(path)
        for (const [index, row] of rows.entries()) {
          const where = { file, line: index + 1 }
          if (typeof row !== 'object' || row === null || Array.isArray(row)) {
            throw new FileProblem({ ...where, field: 'row', message: 'is not an object (a FindTreatment.gov row)' })
          }
          const flat = layout === FINDTREATMENT_API ? flattenFindTreatmentRow(row as ApiRow) : exportRowColumns(row, columns, where)
          yield mapRow(flat, where, mapping)
        }
      }
    },
  }
}
