/**
 * The socrata format: a Socrata open-data view saved as JSON (`rows.json`: `meta.view.columns`
 * and `data` arrays), read through a CSV mapping as if it were the view's CSV export. A
 * location column becomes the columns its CSV export has: its address parts (address, city,
 * state, zip) and latitude, longitude.
 *
 *   npm run import -- socrata sf_health_care_facilities_socrata.json --mapping data/mappings/sf-health-care-facilities.json
 */
import { basename } from 'node:path'
import { mapRow } from '../mapping.js'
import { checkHeader } from '../mapping-check.js'
import type { LoadedMapping } from '../mapping-spec.js'
import type { MappedRow } from '../record.js'
import { FileProblem, readJson } from './files.js'

interface Column {
  fieldName: string
  dataTypeName?: string
  subColumnTypes?: string[]
}

/** A location's human_address, a JSON object in a string; anything else is a FileProblem's message. */
function humanAddress(column: string, text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // reported below
  }
  throw new Error(`${column}: its human_address ${JSON.stringify(text.slice(0, 60))} is not a JSON object`)
}

/** A row's cells under their column names; a location cell is spread into its parts. */
export function socrataRow(columns: readonly Column[], cells: readonly unknown[]): Record<string, string> {
  const row: Record<string, string> = {}
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))
  columns.forEach((column, i) => {
    const cell = cells[i]
    if (column.fieldName.startsWith(':')) return
    if (column.dataTypeName !== 'location' || !Array.isArray(cell)) {
      row[column.fieldName] = text(cell)
      return
    }
    const parts = column.subColumnTypes ?? ['human_address', 'latitude', 'longitude']
    const part = (name: string) => cell[parts.indexOf(name)]
    const address = part('human_address')
    const human = typeof address === 'string' && address.trim() ? humanAddress(column.fieldName, address) : {}
    for (const [key, value] of Object.entries(human)) row[key] = text(value)
    row.latitude = text(part('latitude'))
    row.longitude = text(part('longitude'))
  })
  return row
}

/** Every row of the files, mapped; each file's columns are checked against the mapping first. */
export async function* socrataRows(paths: readonly string[], mapping: LoadedMapping): AsyncGenerator<MappedRow> {
  for (const path of paths) {
    const file = basename(path)
    const body = (await readJson(path)) as { meta?: { view?: { columns?: Column[] } }; data?: unknown }
    const columns = body?.meta?.view?.columns
    if (!Array.isArray(columns) || !Array.isArray(body.data)) {
      throw new FileProblem({ file, line: 1, field: 'meta.view.columns', message: 'is missing: not a Socrata rows.json file (meta.view.columns and data)' })
    }
    const rows = body.data as unknown[]
    if (rows.length === 0) throw new FileProblem({ file, line: 1, field: 'data', message: 'is empty' })
    const first = rows.find(Array.isArray)
    checkHeader(mapping, Object.keys(socrataRow(columns, (first as unknown[]) ?? [])), file)
    for (const [index, cells] of rows.entries()) {
      const where = { file, line: index + 1 }
      if (!Array.isArray(cells)) throw new FileProblem({ ...where, field: 'data', message: 'holds a row that is not a list of cells' })
      let row: Record<string, string>
      try {
        row = socrataRow(columns, cells)
      } catch (err) {
        throw new FileProblem({ ...where, field: 'data', message: (err as Error).message })
      }
      yield mapRow(row, where, mapping)
    }
  }
}
