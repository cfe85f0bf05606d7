/**
 * CSV files read through a column mapping (the `csv` format, and the SAMHSA list layouts).
 */
import { basename } from 'node:path'
import { mapRow } from '../mapping.js'
import type { LoadedMapping } from '../mapping-spec.js'
import { checkHeader } from '../mapping-check.js'
import type { MappedRow } from '../record.js'
import { csvHeader, readCsv } from './files.js'
import type { PhaseTimer } from '../timings.js'

/**
 * Every row of the files, mapped (mapping time goes to the timer's "map" phase). Every file's
 * header is checked against the mapping before any row is read.
 */
export async function* mappedCsvRows(paths: readonly string[], mapping: LoadedMapping, timer?: PhaseTimer): AsyncGenerator<MappedRow> {
  for (const path of paths) checkHeader(mapping, await csvHeader(path, mapping.spec.encoding), basename(path))
  for (const path of paths) {
    const file = basename(path)
    for await (const { line, row } of readCsv(path, mapping.spec.encoding, mapping.spec.quirks)) {
      const start = timer ? performance.now() : 0
      const mapped = mapRow(row, { file, line }, mapping)
      timer?.add('map', performance.now() - start)
      yield mapped
    }
  }
}
