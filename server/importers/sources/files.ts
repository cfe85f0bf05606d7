/**
 * Reading input files: bytes → text (encoding detected) → CSV records with their line
 * numbers, or parsed JSON. Parse failures become problems that name the file and line.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { parse, CsvError } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { decodeText, EncodingError, type Encoding } from '../decode.js'
import type { RowProblem } from '../record.js'

/** A file that cannot be read at all (empty, truncated, wrong encoding, not CSV/JSON). */
export class FileProblem extends Error {
  constructor(readonly problem: RowProblem) {
    super(`${problem.file}:${problem.line} ${problem.field} ${problem.message}`)
  }
}

const fail = (file: string, line: number, field: string, message: string): never => {
  throw new FileProblem({ file: basename(file), line, field, message })
}

/** The decoded text of a file; empty or undecodable files fail. */
export async function readText(path: string, forced?: Encoding): Promise<{ text: string; encoding: Encoding }> {
  const bytes = await readFile(path)
  if (bytes.length === 0 || /^\s*$/.test(bytes.subarray(0, 4096).toString('latin1')) && bytes.length < 4096) {
    fail(path, 1, 'file', 'is empty')
  }
  try {
    return decodeText(bytes, forced)
  } catch (err) {
    if (err instanceof EncodingError) return fail(path, 1, 'encoding', err.message)
    throw err
  }
}

export interface CsvRow {
  line: number
  row: Record<string, string>
}

/** Known breakage in real files that a reader can repair. */
export type CsvQuirk = 'r-vector-cells'

/** R's write.csv leaves vector cells such as c(-95.6, 37.0) unquoted; their comma splits the row. */
function quoteRVectors(text: string): string {
  return text.replace(/(^|,)(c\([-\d.eE]+(?:, ?[-\d.eE]+)*\))(?=,|\r?$)/gm, '$1"$2"')
}

/** Streams a CSV file's records (header row → keys, trimmed; an unnamed first column is "_row"). */
export async function* readCsv(path: string, forced?: Encoding, quirks: readonly CsvQuirk[] = []): AsyncGenerator<CsvRow> {
  const decoded = (await readText(path, forced)).text
  const text = quirks.includes('r-vector-cells') ? quoteRVectors(decoded) : decoded
  const parser = parse({
    columns: (header: string[]) => header.map((h, i) => h.trim() || (i === 0 ? '_row' : `_column${i + 1}`)),
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    bom: true,
  })
  const chunkSize = 1 << 20
  const chunks = function* () {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize)
  }
  Readable.from(chunks()).pipe(parser)
  let previousEnd = 1
  let count = 0
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      count++
      yield { line: previousEnd + 1, row: item.record }
      previousEnd = item.info.lines
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? previousEnd + 1
      const reason = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'has a quoted field that never closes (truncated file?)'
        : err.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? 'has a different number of fields than the header (truncated or shifted row)'
        : err.message.replace(/\s+/g, ' ').slice(0, 160)
      fail(path, line, 'row', reason)
    }
    throw err
  }
  if (count === 0) fail(path, 2, 'file', 'has a header but no rows')
}

/** Parses a JSON file; a syntax error names the line. */
export async function readJson(path: string): Promise<unknown> {
  const { text } = await readText(path)
  try {
    return JSON.parse(text)
  } catch (err) {
    const position = /position (\d+)/.exec(String((err as Error).message))
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : text.split('\n').length
    return fail(path, line, 'json', `is not valid JSON (${String((err as Error).message).slice(0, 100)})`)
  }
}

/** The header row of a CSV file (for format detection). */
export async function csvHeader(path: string): Promise<string[]> {
  const { text } = await readText(path)
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const [header] = parseSync(firstLine, { relax_quotes: true }) as string[][]
  return (header ?? []).map((h) => h.trim())
}
