/**
 * The rejects file of --skip-invalid: each refused row as read, with why.
 */
import { writeFile } from 'node:fs/promises'
import type { RowProblem } from './record.js'

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface RejectedRow {
  problems: RowProblem[]
  raw: Record<string, string>
}

/** Writes file,line,field,problem plus the row's own columns. */
export async function writeRejects(path: string, rows: readonly RejectedRow[]): Promise<void> {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.raw)))]
  const lines = [['file', 'line', 'field', 'problem', ...columns].map(cell).join(',')]
  for (const r of rows) {
    const first = r.problems[0]
    lines.push([first?.file, first?.line, r.problems.map((p) => p.field).join('; '), r.problems.map((p) => `${p.field} ${p.message}`).join('; '),
      ...columns.map((c) => r.raw[c])].map(cell).join(','))
  }
  await writeFile(path, lines.join('\n') + '\n', 'utf8')
}
