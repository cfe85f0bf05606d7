/**
 * Reading input files: bytes → text (encoding detected) → CSV records with their line
 * numbers, or parsed JSON. Parse failures become problems that name the file and line.
 */
import { open, readFile } from 'node:fs/promises'
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
  return decodeFile(path, await readFile(path), forced)
}

/** Decodes a file's bytes (or its first bytes); an encoding problem names the line of the byte that decided. */
function decodeFile(path: string, bytes: Buffer, forced?: Encoding): { text: string; encoding: Encoding } {
  if (bytes.length === 0 || (/^\s*$/.test(bytes.subarray(0, 4096).toString('latin1')) && bytes.length < 4096)) {
    fail(path, 1, 'file', 'is empty')
  }
  try {
    return decodeText(bytes, forced)
  } catch (err) {
    if (!(err instanceof EncodingError)) throw err
    const line = err.byte === undefined ? 1 : bytes.subarray(0, err.byte).filter((b) => b === 10).length + 1
    return fail(path, line, 'encoding', err.message)
  }
}

export interface CsvRow {
  line: number
  row: Record<string, string>
}

/** Known breakage in real files that a reader can repair. */
export const CSV_QUIRKS = ['r-vector-cells'] as const
export type CsvQuirk = (typeof CSV_QUIRKS)[number]

/** The key of a header cell, trimmed; an unnamed first column (R's row names) is "_row". */
const columnName = (h: string, i: number) => h.trim() || (i === 0 ? '_row' : `_column${i + 1}`)

/** R's write.csv leaves vector cells such as c(-95.6, 37.0) unquoted; their comma splits the row. */
function quoteRVectors(text: string): string {
  return text.replace(/(^|,)(c\([-\d.eE]+(?:, ?[-\d.eE]+)*\))(?=,|\r?$)/gm, '$1"$2"')
}

/** Streams a CSV file's records (header row → keys, trimmed; an unnamed first column is "_row"). */
export async function* readCsv(path: string, forced?: Encoding, quirks: readonly CsvQuirk[] = []): AsyncGenerator<CsvRow> {
  const decoded = (await readText(path, forced)).text
  const text = quirks.includes('r-vector-cells') ? quoteRVectors(decoded) : decoded
  const parser = parse({
    columns: (header: string[]) => header.map(columnName),
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
      const reason =
        err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'has a quoted field that never closes (truncated file?)'
          : err.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
            ? 'has a different number of fields than the header (truncated or shifted row)'
            : err.message.replace(/\s+/g, ' ').slice(0, 160)
      fail(path, line, 'row', reason)
    }
    throw err
  }
  if (count === 0) fail(path, 2, 'file', 'has a header but no rows')
}

/** Parses a JSON file; a syntax error names the line. */
export async function readJson(path: string): Promise<unknown> {
  return parseJson((await readText(path)).text, path)
}

/** Parses JSON text read from `path`; a syntax error names the file, line and column. */
export function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    const message = String((err as Error).message)
    const offset = jsonErrorOffset(text, message)
    const before = text.slice(0, offset).split('\n')
    const at = offset < text.length ? `line ${before.length}, column ${(before.at(-1) as string).length + 1}` : 'the end'
    return fail(path, before.length, 'json', `is not valid JSON at ${at} (${message.slice(0, 100)})`)
  }
}

/**
 * Where JSON.parse stopped: its "position N", or, for V8's "Unexpected token 'x', ..."context"..."
 * (no position), the context found in the text: the token is its 11th character.
 */
function jsonErrorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message)
  if (position) return Number(position[1])
  const context = /^Unexpected token '.+', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON/.exec(message)
  if (context) {
    const found = text.indexOf(context[2] as string)
    if (found >= 0) return found + (context[1] ? 10 : 0)
  }
  return text.length
}

/** The first bytes of a file, enough for its header row: format detection and mapping checks read no more. */
const HEADER_BYTES = 1 << 20

/** The header row of a CSV file, named as readCsv names its columns. */
export async function csvHeader(path: string, forced?: Encoding): Promise<string[]> {
  const file = await open(path)
  let bytes: Buffer
  try {
    const { size } = await file.stat()
    const { buffer, bytesRead } = await file.read(Buffer.alloc(Math.min(size, HEADER_BYTES)), 0, Math.min(size, HEADER_BYTES), 0)
    bytes = buffer.subarray(0, bytesRead)
    // A cut file ends at its last line break, so no character is split in two.
    if (bytesRead < size && bytes.lastIndexOf(10) > 0) bytes = bytes.subarray(0, bytes.lastIndexOf(10) + 1)
  } finally {
    await file.close()
  }
  const { text } = decodeFile(path, bytes, forced)
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const [header] = parseSync(firstLine, { relax_quotes: true, bom: true }) as string[][]
  return (header ?? []).map(columnName)
}
