/**
 * npm run import -- <samhsa|findtreatment|hsds|csv|socrata> <path...> [--mapping FILE] [--source NAME] [--dry-run]
 *                   [--skip-invalid] [--rejects FILE] [--full [--allow-deactivate N%|N]] [--no-merge] [--timings]
 * npm run import -- merges [--source NAME] [--batch ID] [--uncertain] [--reason TEXT] [--min-score N] [--max-score N] [--sort time|score|similarity]
 * npm run import -- unmerge <location_id> <source>:<source_id>
 * npm run import -- timezones
 */
import { parseArgs } from 'node:util'
import { loadConfigOrExit } from '../config.js'
import { openDatabase } from './open-database.js'
import { prepareDatabase } from '../startup/prepare.js'
import { remoteGeocoderFor } from '../geocode/select.js'
import { listMerges, MERGE_SORTS, unmergeRecord, UnmergeError, type MergeFilter, type MergeSort } from '../directory/merge.js'
import { deactivationRefusal, parseDeactivationLimit } from '../importers/deactivation-guard.js'
import { IMPORT_FORMATS, runImport, type ImportFormat } from '../importers/pipeline.js'
import { progressFor } from './progress.js'
import { timezonesCommand } from './timezones.js'
import { formatProblems, formatSummary, type ImportReport } from '../importers/report.js'

const USAGE = `usage: npm run import -- <${IMPORT_FORMATS.join('|')}> <path...> [--mapping FILE] [--source NAME] [--dry-run] [--skip-invalid] [--rejects FILE] [--full [--allow-deactivate N%|N]] [--no-merge] [--timings]
       npm run import -- merges [--source NAME] [--batch ID] [--uncertain] [--reason TEXT] [--min-score N] [--max-score N] [--sort time|score|similarity]
                                (every merge with its reason and score, and the unmerge command that undoes it)
       npm run import -- unmerge <location_id> <source>:<source_id>
       npm run import -- timezones   (every site's timezone again from its point, unless a source or curator set it)`

/** Why an import wrote (or, in a dry run, would write) nothing, or null when it went through. */
function refusalOf(report: ImportReport, skipInvalid: boolean): string | null {
  if (report.refused === 'file') return 'a file or its mapping has a problem (above) that no row can get past'
  if (report.refused === 'rows') {
    return skipInvalid
      ? `every row is invalid (${report.rejected})`
      : `${report.rejected} invalid row(s). Fix them, or use --skip-invalid to import the valid rows`
  }
  if (report.refused === 'deactivation' && report.deactivation) return deactivationRefusal(report.deactivation)
  return null
}

/** The merges command's filter from its options, or a message naming the bad value. */
function mergeFilter(values: Record<string, string | boolean | undefined>): MergeFilter | string {
  const filter: MergeFilter = {}
  if (typeof values.source === 'string') filter.source = values.source
  if (typeof values.batch === 'string') filter.batchId = values.batch
  if (values.uncertain) filter.uncertain = true
  if (typeof values.reason === 'string') filter.reason = values.reason
  for (const [option, key] of [
    ['min-score', 'minScore'],
    ['max-score', 'maxScore'],
  ] as const) {
    const text = values[option]
    if (typeof text !== 'string') continue
    const n = Number(text)
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) return `--${option} must be a score from 0 to 1, got "${text}"`
    filter[key] = n
  }
  if (typeof values.sort === 'string') {
    if (!(MERGE_SORTS as readonly string[]).includes(values.sort)) return `--sort must be one of ${MERGE_SORTS.join(', ')}, got "${values.sort}"`
    filter.sort = values.sort as MergeSort
  }
  return filter
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      rejects: { type: 'string' },
      batch: { type: 'string' },
      uncertain: { type: 'boolean' },
      reason: { type: 'string' },
      'min-score': { type: 'string' },
      'max-score': { type: 'string' },
      sort: { type: 'string' },
      full: { type: 'boolean' },
      'allow-deactivate': { type: 'string' },
      'no-merge': { type: 'boolean' },
      timings: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || !command) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  const allowDeactivate = values['allow-deactivate'] === undefined ? undefined : parseDeactivationLimit(values['allow-deactivate'])
  if (allowDeactivate === null || (allowDeactivate && !values.full)) {
    console.error(
      `${
        allowDeactivate === null
          ? `--allow-deactivate must be a share such as 50% or a number of sites, got "${values['allow-deactivate']}"`
          : '--allow-deactivate only applies with --full'
      }\n${USAGE}`,
    )
    return 2
  }
  const config = loadConfigOrExit()
  const { db } = await openDatabase(config)
  try {
    await prepareDatabase(db, { demoSeedCount: 0 })
    if (command === 'merges') {
      const filter = mergeFilter(values)
      if (typeof filter === 'string') {
        console.error(`${filter}\n${USAGE}`)
        return 2
      }
      const merges = await listMerges(db, filter)
      for (const m of merges) {
        const review = m.review ? ` review ${m.review}: ${(m.doubts ?? []).join(', ')}` : ''
        console.log(
          `${m.merged_at} ${m.source}:${m.source_id} "${m.name ?? ''}" is merged into ${m.location_id} "${m.location_name}" (batch ${m.batch_id ?? '-'})`,
        )
        console.log(`  score ${m.score === null ? '-' : m.score.toFixed(3)}, ${m.reason ?? 'reason not recorded'}${review}`)
        console.log(`  undo: npm run import -- unmerge ${m.location_id} ${m.source}:${m.source_id}`)
      }
      console.error(`${merges.length} merge(s)`)
      return 0
    }
    if (command === 'timezones') {
      console.log(await timezonesCommand(db))
      return 0
    }
    if (command === 'unmerge') {
      const [locationId, ref] = rest
      const split = ref?.indexOf(':') ?? -1
      if (!locationId || !ref || split < 1) {
        console.error(USAGE)
        return 2
      }
      const created = await db
        .transaction()
        .execute((trx) => unmergeRecord(trx, locationId, ref.slice(0, split), ref.slice(split + 1), `unmerge_${Date.now()}`))
      console.log(`unmerged ${ref} from ${locationId}: it is now location ${created}`)
      return 0
    }
    if (!(IMPORT_FORMATS as readonly string[]).includes(command)) {
      console.error(`unknown format "${command}"\n${USAGE}`)
      return 2
    }
    const progress = progressFor(process.stderr)
    const geocoder = remoteGeocoderFor(config)
    const report = await runImport(db, {
      format: command as ImportFormat,
      paths: rest,
      ...(values.mapping ? { mappingPath: values.mapping } : {}),
      ...(values.source ? { source: values.source } : {}),
      dryRun: !!values['dry-run'],
      skipInvalid: !!values['skip-invalid'],
      full: !!values.full,
      ...(allowDeactivate ? { allowDeactivate } : {}),
      dedup: !values['no-merge'],
      rejectsPath:
        values.rejects ?? (values['skip-invalid'] ? `rejects-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.csv` : undefined),
      placer: { geocoder, cache: new Map() },
      onProgress: (done, total, phase) => progress.update(done, total, phase),
    } as Parameters<typeof runImport>[1])
    progress.done()
    for (const line of formatProblems(report.problems)) console.error(line)
    console.log(formatSummary(report, { timings: !!values.timings }))
    const refusal = refusalOf(report, !!values['skip-invalid'])
    if (refusal) {
      console.error(report.dryRun ? `dry run: this import would be refused: ${refusal}` : `refused: ${refusal}; nothing was written.`)
      return 1
    }
    return 0
  } catch (err) {
    if (err instanceof UnmergeError) {
      console.error(err.message)
      return 1
    }
    throw err
  } finally {
    await db.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
