/**
 * What an import did, and its summary as a curator reads it.
 */
import type { MergeNote } from '../directory/merge.js'
import { formatDeactivation, type DeactivationCheck } from './deactivation-guard.js'
import type { RowProblem } from './record.js'
import { formatTimings, type ImportPhase } from './timings.js'

export interface ImportReport {
  source: string
  format: string
  files: string[]
  batchId: string
  dryRun: boolean
  /** True when the directory was changed (false for dry runs and refused files). */
  written: boolean
  /**
   * Set when the import was refused before writing: 'file' when a file could not be read as a
   * whole (encoding, layout, mapping), 'rows' for invalid rows without --skip-invalid, or when
   * no row is valid, 'deactivation' when --full would deactivate more of the source than
   * allowed. A dry run reports the refusal a real run would meet.
   */
  refused?: 'file' | 'rows' | 'deactivation'
  /** With --full: how many of the source's active sites the file leaves out, against the limit. */
  deactivation?: DeactivationCheck
  read: number
  inserted: number
  updated: number
  unchanged: number
  merged: number
  /** Rows folded into another row of the same file with the same source id. */
  combined: number
  rejected: number
  deactivated: number
  /** Fields curators hold whose value in this import differs (each a "source disagrees" queue item). */
  disagreements: number
  geocodedApproximately: number
  unmappedCodes: Record<string, number>
  merges: MergeNote[]
  problems: RowProblem[]
  /**
   * Values left out of rows that were imported (a phone that cannot be dialled, a website that
   * is not a web address, a ZIP read with a lost digit), each quoting the file; the first
   * MAX_WARNINGS_KEPT are kept, `warned` counts them all.
   */
  warnings: RowProblem[]
  warned: number
  rejectsPath: string | null
  elapsedMs: number
  /** True when the rows went in with the directory's keys and indexes suspended (bulk-load mode). */
  bulkLoad?: boolean
  /** Milliseconds per phase (printed with --timings). */
  timings?: Partial<Record<ImportPhase, number>>
}

const MAX_PRINTED_PROBLEMS = 200
const MAX_PRINTED_WARNINGS = 50
/** The report keeps at most this many warnings (a file with a bad phone on every row has a million). */
export const MAX_WARNINGS_KEPT = 10_000
/** The rejects file holds at most this many rows (the pipeline keeps no more in memory). */
export const MAX_REJECTS_WRITTEN = 100_000

/** Problems, one per line: "file:line field message". */
export function formatProblems(problems: readonly RowProblem[], limit = MAX_PRINTED_PROBLEMS): string[] {
  const lines = problems.slice(0, limit).map((p) => `${p.file}:${p.line} ${p.field} ${p.message}`)
  if (problems.length > limit) lines.push(`… and ${problems.length - limit} more problems`)
  return lines
}

/** The final summary block; with `timings`, where the time went. */
export function formatSummary(r: ImportReport, options: { timings?: boolean } = {}): string {
  const unmapped = Object.entries(r.unmappedCodes).sort((a, b) => b[1] - a[1])
  const lines = [
    `${r.dryRun ? 'DRY RUN (nothing written): ' : r.written ? '' : 'NOTHING WRITTEN: '}${r.format} import of ${r.files.join(', ')} as source "${r.source}"`,
    `  read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, merged ${r.merged}, rejected ${r.rejected}` +
      `${r.combined ? `, combined duplicates ${r.combined}` : ''}${r.deactivated ? `, deactivated ${r.deactivated}` : ''}` +
      `${r.disagreements ? `, source disagrees with curators on ${r.disagreements} field${r.disagreements === 1 ? '' : 's'} (review queue)` : ''}`,
    `  geocoded approximately (ZIP centroid) ${r.geocodedApproximately}; elapsed ${(r.elapsedMs / 1000).toFixed(1)} s; batch ${r.batchId}${r.bulkLoad ? '; bulk load' : ''}`,
  ]
  if (r.deactivation) lines.push(`  ${formatDeactivation(r.deactivation)}`)
  if (r.warned) {
    lines.push(`  values left out of imported rows ${r.warned} (the rows are in, without these values):`)
    lines.push(...formatProblems(r.warnings, MAX_PRINTED_WARNINGS).map((l) => `    ${l}`))
    if (r.warned > r.warnings.length && r.warnings.length >= MAX_PRINTED_WARNINGS) lines.push(`    (${r.warned} in all)`)
  }
  if (options.timings && r.timings) lines.push(`  timings: ${formatTimings(r.timings)}`)
  if (unmapped.length) {
    lines.push(
      `  unmapped source codes (kept in source_attributes): ${unmapped
        .slice(0, 30)
        .map(([c, n]) => `${c}×${n}`)
        .join(', ')}${unmapped.length > 30 ? ', …' : ''}`,
    )
  }
  for (const m of r.merges.slice(0, 50)) lines.push(`  merged ${m.source}:${m.sourceId} "${m.name}" into ${m.locationId} "${m.locationName}" (${m.reason})`)
  if (r.merges.length > 50) lines.push(`  … and ${r.merges.length - 50} more merges`)
  if (r.merges.length && r.written) lines.push(`  every merge, with the command that undoes it: npm run import -- merges --batch ${r.batchId}`)
  if (r.rejectsPath) {
    const capped =
      r.rejected > MAX_REJECTS_WRITTEN ? ` (the first ${MAX_REJECTS_WRITTEN.toLocaleString('en-US')} of ${r.rejected.toLocaleString('en-US')})` : ''
    lines.push(`  rejected rows written to ${r.rejectsPath}${capped}`)
  }
  return lines.join('\n')
}
