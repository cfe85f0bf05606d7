/**
 * What every importer produces from one input row before it reaches the directory: a source
 * record (directory/import-record.ts), or the problems that keep it out, with the line it came from.
 */
import type { ImportRecord } from '../directory/import-record.js'

/** Where a record came from, for problem messages and the rejects file. */
export interface RowOrigin {
  file: string
  /** 1-based physical line of the row's first character (CSV) or the record's index (JSON). */
  line: number
  /** In a JSON file, the record's JSON path (e.g. `services[3].service_at_locations[0].location`), prefixed to later problems' fields. */
  path?: string
}

export interface RowProblem extends RowOrigin {
  field: string
  message: string
}

/** One input row after mapping: a record, or the problems that keep it out. */
export interface MappedRow {
  origin: RowOrigin
  record: ImportRecord | null
  problems: RowProblem[]
  /** Source codes that have no vocabulary entry (kept in attributes, counted in the report). */
  unmapped: string[]
  /**
   * Values left out of an imported row, each naming the value as the file holds it (a phone
   * that cannot be dialled, a website that is not a web address, a ZIP read with a lost digit).
   */
  warnings?: RowProblem[]
  /** The row as read, for the rejects file. */
  raw: Record<string, string>
  /**
   * A refused row's source id, when it could still be read: with --full --skip-invalid its site
   * is not "missing from the file" and must not be deactivated.
   */
  sourceId?: string
}
