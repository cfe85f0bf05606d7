/**
 * The rejects file of --skip-invalid: each refused row as read, with why. Written by the
 * project's one CSV writer, so a cell like "=HYPERLINK(…)" from a hostile source file is
 * defused before a curator opens the file in a spreadsheet.
 */
import { writeFile } from 'node:fs/promises'
import { csvLines, type CsvValue } from '../csv/write.js'
import type { RowProblem } from './record.js'

export interface RejectedRow {
  problems: RowProblem[]
  raw: Record<string, string>
}

/** The rejects CSV: file,line,field,problem plus the rows' own columns (the union, in first-seen order). */
export function rejectsCsv(rows: readonly RejectedRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.raw)))]
  const records: CsvValue[][] = [['file', 'line', 'field', 'problem', ...columns]]
  for (const r of rows) {
    const first = r.problems[0]
    records.push([
      first?.file,
      first?.line,
      r.problems.map((p) => p.field).join('; '),
      r.problems.map((p) => `${p.field} ${p.message}`).join('; '),
      ...columns.map((c) => r.raw[c]),
    ])
  }
  return csvLines(records)
}

/** Writes the rejects CSV to `path`. */
export async function writeRejects(path: string, rows: readonly RejectedRow[]): Promise<void> {
  await writeFile(path, rejectsCsv(rows), 'utf8')
}
