/**
 * Where an import spends its time, phase by phase (`--timings`): reading and parsing the
 * files, mapping and checking rows, and each step of writing them. Writing a batch overlaps
 * reading the next, so the write phases include time spent waiting for the reader and the
 * phases can add up to more than the elapsed time. "keys" is bulk-load mode re-creating the
 * directory's indexes and keys.
 */

/** The phases, in the order a curator reads them. */
export const IMPORT_PHASES = ['read', 'map', 'lookup', 'dedup', 'stage', 'upsert', 'keys', 'audit', 'search', 'commit'] as const
export type ImportPhase = (typeof IMPORT_PHASES)[number]

/** Accumulates wall-clock milliseconds per phase. */
export class PhaseTimer {
  readonly ms: Record<ImportPhase, number> = Object.fromEntries(IMPORT_PHASES.map((p) => [p, 0])) as Record<ImportPhase, number>

  /** Runs `work`, adding its duration to `phase`. */
  async time<T>(phase: ImportPhase, work: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await work()
    } finally {
      this.ms[phase] += performance.now() - start
    }
  }

  /** Adds a duration measured elsewhere. */
  add(phase: ImportPhase, ms: number): void {
    this.ms[phase] += ms
  }

  /** Whole milliseconds per phase. */
  rounded(): Record<ImportPhase, number> {
    return Object.fromEntries(IMPORT_PHASES.map((p) => [p, Math.round(this.ms[p])])) as Record<ImportPhase, number>
  }
}

/** "read 1.2 s, map 0.8 s, …" */
export function formatTimings(ms: Partial<Record<ImportPhase, number>>): string {
  return IMPORT_PHASES.filter((p) => ms[p] !== undefined)
    .map((p) => `${p} ${((ms[p] ?? 0) / 1000).toFixed(2)} s`)
    .join(', ')
}
