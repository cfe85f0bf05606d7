/**
 * One import, all or nothing. Pass 1 reads, maps, places and validates every row without
 * touching the database; a file with invalid rows stops there (unless --skip-invalid).
 * Pass 2 reads again and writes everything in ONE transaction, and refreshes the derived
 * search tables in it (or, after a very large import, rebuilds them in it).
 * A dry run does pass 2 too and rolls it back, so its counts are exact.
 */
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { basename } from 'node:path'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { analyzeSearchTables, rebuildSearchTablesIn, refreshSearchTables } from '../directory/search-tables.js'
import { countLocations, isNewSource } from '../directory/location-sources.js'
import { hasMergeCandidates } from '../directory/merge.js'
import { combineRecords, emptyRecord, type ImportRecord } from '../directory/import-record.js'
import { activeSourceIds, deactivateMissing, newUpsertState, upsertBatch } from '../directory/upsert.js'
import { recordImportBatch } from '../directory/import-batches.js'
import { restoreKeys, suspendKeys, type SuspendedKeys } from '../directory/bulk-load.js'
import { checkDeactivation, type DeactivationLimit } from './deactivation-guard.js'
import { loadMapping } from './mapping.js'
import { placeRow, offlinePlacer, type Placer } from './place.js'
import type { MappedRow, RowProblem } from './record.js'
import { MAX_REJECTS_WRITTEN, MAX_WARNINGS_KEPT, type ImportReport } from './report.js'
import { writeRejects, type RejectedRow } from './rejects.js'
import { FileProblem } from './sources/files.js'
import { hsdsJsonRows, hsdsTabularRows } from './sources/hsds.js'
import { mappedCsvRows } from './sources/mapped-csv.js'
import { openSamhsa } from './sources/samhsa.js'
import { openFindTreatment } from './sources/findtreatment.js'
import { socrataRows } from './sources/socrata.js'
import { PhaseTimer } from './timings.js'

export const IMPORT_FORMATS = ['samhsa', 'findtreatment', 'hsds', 'csv', 'socrata'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export interface ImportOptions {
  format: ImportFormat
  paths: string[]
  /** The csv format's mapping file. */
  mappingPath?: string
  /** Overrides the source name the format or mapping gives. */
  source?: string
  dryRun?: boolean
  skipInvalid?: boolean
  /** Rows of this source missing from the files become inactive. */
  full?: boolean
  /**
   * With `full`, the most it may deactivate (default 20% of the source's active sites): past
   * it the import is refused before anything is written (a dry run reports it).
   */
  allowDeactivate?: DeactivationLimit
  /** Merge new records into matching sites of other sources (default true). */
  dedup?: boolean
  placer?: Placer
  batchSize?: number
  rejectsPath?: string
  /**
   * Above this many touched sites (default 50,000), or a fifth of it when that is more than
   * half the directory, the search tables are rebuilt instead of refreshed.
   */
  rebuildAbove?: number
  /**
   * A source's first load of more than this many rows (default 100,000), into a directory no
   * larger than the load and with no other source's sites to merge with, runs in bulk-load
   * mode (directory/bulk-load.ts): keys and indexes are dropped and rebuilt around the inserts.
   */
  bulkLoadAbove?: number
  /** Pass 1 keeps records for pass 2 up to this much JSON text (default 512 MB or a tenth of the heap). */
  keepChars?: number
  onProgress?: (done: number, total: number, phase: string) => void
}

interface Input {
  source: string
  rows: (timer?: PhaseTimer) => AsyncGenerator<MappedRow>
}

class RollBack extends Error {}

/**
 * Pass 1 keeps the placed records for pass 2 (saving a second read, map and geocode: about
 * 18 s of a million-row load) as JSON text, KEEP_CHUNK records per string: a million live
 * record objects cost more in garbage collection than reading the file twice (37 s of 175 s,
 * measured), a few hundred strings cost nothing. Past KEEP_CHARS of text (or a tenth of the
 * heap limit), pass 2 reads the files again instead.
 */
const KEEP_CHUNK = 5_000
const RECORD_KEYS = Object.keys(emptyRecord('', '')) as (keyof ImportRecord)[]
const KEEP_CHARS = Math.min(512 * 2 ** 20, getHeapStatistics().heap_size_limit / 10)

class KeptRecords {
  readonly chunks: string[] = []
  #open: ImportRecord[] = []
  #chars = 0

  constructor(readonly limit = KEEP_CHARS) {}

  /** Adds a record; false once the kept text passes the limit (the caller then drops it all). */
  add(record: ImportRecord): boolean {
    this.#open.push(record)
    if (this.#open.length >= KEEP_CHUNK) this.#close()
    return this.limit > 0 && this.#chars <= this.limit
  }

  #close(): void {
    if (this.#open.length === 0) return
    // Values only, in RECORD_KEYS order: the key names would be half of the text.
    const text = JSON.stringify(this.#open.map((r) => RECORD_KEYS.map((k) => r[k] ?? null)))
    this.#chars += text.length
    this.chunks.push(text)
    this.#open = []
  }

  /** The records in order, each chunk parsed when reached and then let go. */
  async *records(): AsyncGenerator<ImportRecord> {
    this.#close()
    for (let i = 0; i < this.chunks.length; i++) {
      const rows = JSON.parse(this.chunks[i] as string) as unknown[][]
      this.chunks[i] = ''
      for (const values of rows) {
        // Keys added in one fixed order share V8's hidden classes: 4x cheaper than Object.fromEntries (5 s at a million).
        const record: Record<string, unknown> = {}
        for (let j = 0; j < RECORD_KEYS.length; j++) record[RECORD_KEYS[j] as string] = values[j]
        yield record as unknown as ImportRecord
      }
    }
  }
}

async function openInput(options: ImportOptions): Promise<Input> {
  const { format, paths } = options
  if (paths.length === 0) throw new FileProblem({ file: '(none)', line: 0, field: 'path', message: 'is required' })
  if (format === 'samhsa') {
    const { mapping, rows } = await openSamhsa(paths)
    return { source: mapping.spec.source, rows }
  }
  if (format === 'findtreatment') {
    const { mapping, rows } = await openFindTreatment(paths)
    return { source: mapping.spec.source, rows }
  }
  if (format === 'csv' || format === 'socrata') {
    if (!options.mappingPath)
      throw new FileProblem({ file: basename(paths[0] as string), line: 0, field: '--mapping', message: `is required for the ${format} format` })
    const mapping = loadMapping(options.mappingPath)
    return { source: mapping.spec.source, rows: (timer) => (format === 'csv' ? mappedCsvRows(paths, mapping, timer) : socrataRows(paths, mapping)) }
  }
  if (options.full && !options.source) {
    // Every HSDS feed is source "hsds" unless named: --full would deactivate the other feeds' sites.
    throw new FileProblem({
      file: basename(paths[0] as string),
      line: 0,
      field: '--source',
      message: 'is required with --full for HSDS feeds (each feed needs a source name of its own; unnamed feeds all share "hsds")',
    })
  }
  return {
    source: 'hsds',
    rows: async function* () {
      for (const path of paths) yield* statSync(path).isDirectory() ? await hsdsTabularRows(path) : await hsdsJsonRows(path)
    },
  }
}

/** The input's rows, with parse time under "read" (mapping time is added by the reader itself). */
async function* timedRows(input: Input, timer: PhaseTimer): AsyncGenerator<MappedRow> {
  const rows = input.rows(timer)
  for (;;) {
    const mapBefore = timer.ms.map
    const start = performance.now()
    const next = await rows.next()
    timer.add('read', performance.now() - start - (timer.ms.map - mapBefore))
    if (next.done) return
    yield next.value
  }
}

/** The valid records, read and placed again (when pass 1 could not keep them). */
async function* placedRecords(input: Input, timer: PhaseTimer, placer: Placer): AsyncGenerator<ImportRecord> {
  for await (const row of timedRows(input, timer)) {
    await timer.time('map', () => placeRow(row, placer))
    if (row.record) yield row.record
  }
}

/** Runs an import and reports what it did (or, for a refused file, why nothing was written). */
export async function runImport(db: Kysely<Database>, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now()
  const batchId = `imp_${new Date(started)
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}_${randomUUID().slice(0, 8)}`
  const placer = options.placer ?? offlinePlacer()
  const batchSize = options.batchSize ?? 5000
  const timer = new PhaseTimer()
  const report: ImportReport = {
    source: options.source ?? '',
    format: options.format,
    files: options.paths.map((p) => basename(p)),
    batchId,
    dryRun: !!options.dryRun,
    written: false,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    combined: 0,
    rejected: 0,
    deactivated: 0,
    disagreements: 0,
    geocodedApproximately: 0,
    unmappedCodes: {},
    merges: [],
    problems: [],
    warnings: [],
    warned: 0,
    rejectsPath: null,
    elapsedMs: 0,
  }
  const finish = () => ({ ...report, elapsedMs: Date.now() - started, timings: timer.rounded() })
  let input: Input
  const rejected: RejectedRow[] = []
  const idCount = new Map<string, number>()
  const refusedIds = new Set<string>()
  let kept: KeptRecords | null = new KeptRecords(options.keepChars)
  try {
    input = await openInput(options)
    report.source = options.source ?? input.source
    // Pass 1: validate everything.
    for await (const row of timedRows(input, timer)) {
      report.read++
      if (report.read % 1000 === 0) options.onProgress?.(report.read, 0, 'checking')
      if (await timer.time('map', () => placeRow(row, placer))) report.geocodedApproximately++
      for (const code of row.unmapped) report.unmappedCodes[code] = (report.unmappedCodes[code] ?? 0) + 1
      if (!row.record) {
        report.rejected++
        if (report.problems.length < 10_000) report.problems.push(...row.problems)
        if (rejected.length < MAX_REJECTS_WRITTEN) rejected.push({ problems: row.problems, raw: row.raw })
        if (row.sourceId) refusedIds.add(row.sourceId)
        continue
      }
      if (row.warnings) {
        report.warned += row.warnings.length
        for (const w of row.warnings) if (report.warnings.length < MAX_WARNINGS_KEPT) report.warnings.push(w)
      }
      idCount.set(row.record.sourceId, (idCount.get(row.record.sourceId) ?? 0) + 1)
      if (kept && !kept.add(row.record)) kept = null
    }
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err
    report.problems.push(err.problem)
    report.rejected = Math.max(report.rejected, 1)
    report.refused = 'file'
    return finish()
  }
  if (options.rejectsPath && rejected.length) {
    await writeRejects(options.rejectsPath, rejected)
    report.rejectsPath = options.rejectsPath
  }
  const valid = report.read - report.rejected
  if (report.rejected > 0 && (!options.skipInvalid || valid === 0)) {
    report.refused = 'rows'
    return finish()
  }
  if (valid === 0) return finish()

  // Pass 2: write, in one transaction. The next batch is read and mapped while the database
  // writes the previous one.
  const state = newUpsertState(report.source, batchId, options.dedup ?? true, timer)
  // A refused row (--skip-invalid) is still in the file: --full leaves its site as it was.
  for (const id of refusedIds) state.seen.add(id)
  let rebuilt = false
  let commitStart = 0
  try {
    await db.transaction().execute(async (trx) => {
      if (options.full) {
        // Checked before the first write: a refused reload writes nothing at all.
        for (const id of idCount.keys()) state.seen.add(id)
        const active = await activeSourceIds(trx, report.source)
        report.deactivation = checkDeactivation(active.length, active.filter((id) => !state.seen.has(id)).length, options.allowDeactivate)
        if (report.deactivation.refused) {
          report.refused = 'deactivation'
          // A dry run goes on, so that its other counts are exact too.
          if (!options.dryRun) throw new RollBack()
        }
      }
      state.firstLoad = await isNewSource(trx, report.source)
      // The search rows do not change until the end of the import, so neither do merge candidates.
      state.dedup = state.dedup && (await hasMergeCandidates(trx, report.source))
      let suspended: SuspendedKeys | null = null
      if (state.firstLoad && !state.dedup && valid > (options.bulkLoadAbove ?? 100_000) && valid >= (await countLocations(trx))) {
        suspended = await timer.time('upsert', () => suspendKeys(trx))
        report.bulkLoad = true
      }
      let batch: ImportRecord[] = []
      const pending = new Map<string, { record: ImportRecord; left: number }>()
      let written = 0
      let writing: Promise<void> = Promise.resolve()
      const flush = async () => {
        const records = batch
        batch = []
        await writing
        writing = upsertBatch(trx, records, state).then(() => {
          written += records.length
          options.onProgress?.(written, valid, 'writing')
        })
        writing.catch(() => undefined) // awaited below; this only keeps an early failure from going unhandled meanwhile
      }
      try {
        for await (const r of kept ? kept.records() : placedRecords(input, timer, placer)) {
          const count = idCount.get(r.sourceId) ?? 1
          if (count > 1) {
            // Rows sharing a source id go to the directory together, as one record.
            const held = pending.get(r.sourceId)
            const merged = held ? { record: combineRecords(held.record, r), left: held.left - 1 } : { record: r, left: count - 1 }
            if (merged.left > 0) {
              pending.set(r.sourceId, merged)
              continue
            }
            pending.delete(r.sourceId)
            report.combined += count - 1
            batch.push(merged.record)
            written += count - 1
          } else batch.push(r)
          if (batch.length >= batchSize) await flush()
        }
        if (batch.length) await flush()
        await writing
      } catch (err) {
        // Never let an in-flight batch run on after the transaction has been rolled back.
        await writing.catch(() => undefined)
        throw err
      }
      if (suspended) await timer.time('keys', () => restoreKeys(trx, suspended))
      if (options.full) await timer.time('audit', () => deactivateMissing(trx, state))
      rebuilt = await timer.time('search', () => updateSearchTables(trx, state.touched, options.rebuildAbove ?? 50_000))
      Object.assign(report, { ...state.counts, combined: report.combined + state.counts.combined, merges: state.merges })
      await recordImportBatch(trx, {
        id: batchId,
        source: report.source,
        format: options.format,
        files: report.files,
        full: !!options.full,
        startedAt: new Date(started),
        summary: summaryCounts(report),
      })
      if (options.dryRun) throw new RollBack()
      commitStart = performance.now()
    })
    timer.add('commit', performance.now() - commitStart)
  } catch (err) {
    if (!(err instanceof RollBack)) throw err
    return finish()
  }
  if (rebuilt) await timer.time('search', () => analyzeSearchTables(db))
  report.written = true
  return finish()
}

/**
 * Refreshes the search rows of the touched sites, in the import's transaction — or, when the
 * import touched very many sites (more than `rebuildAbove`, or at least a fifth of that and
 * more than half of the directory, as on a source's first load), rebuilds them all with the
 * indexes dropped, which is faster than row-by-row index upkeep. Returns true when it rebuilt.
 */
async function updateSearchTables(trx: Transaction<Database>, touched: Set<string>, rebuildAbove: number): Promise<boolean> {
  if (touched.size === 0) return false
  const sites = touched.size > rebuildAbove / 5 ? await countLocations(trx) : Infinity
  if (touched.size > rebuildAbove || (touched.size >= rebuildAbove / 5 && touched.size * 2 > sites)) {
    await rebuildSearchTablesIn(trx)
    return true
  }
  await refreshSearchTables(trx, [...touched])
  return false
}

function summaryCounts(r: ImportReport): Record<string, number> {
  const { read, inserted, updated, unchanged, merged, combined, rejected, deactivated, geocodedApproximately, warned } = r
  return { read, inserted, updated, unchanged, merged, combined, rejected, deactivated, geocodedApproximately, warned }
}

export type { RowProblem }
