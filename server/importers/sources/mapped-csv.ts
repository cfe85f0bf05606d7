/**
 * CSV files read through a column mapping (the `csv` format, and the SAMHSA list layouts).
 */
import { basename } from 'node:path'
import { mapRow, type LoadedMapping } from '../mapping.js'
import type { MappedRow } from '../record.js'
import { readCsv } from './files.js'

/** Every row of the files, mapped. */
export async function* mappedCsvRows(paths: readonly string[], mapping: LoadedMapping): AsyncGenerator<MappedRow> {
  for (const path of paths) {
    const file = basename(path)
    for await (const { line, row } of readCsv(path, mapping.spec.encoding, mapping.spec.quirks)) {
      yield mapRow(row, { file, line }, mapping)
    }
  }
}
