/**
 * The hand-labelled de-dup pairs (tests/fixtures/import/dedup-pairs.json) and the matcher's
 * precision and recall on them. Pure; shared by tests/import/dedup-quality.test.ts and
 * bench/import.ts --real.
 */
import { readFileSync } from 'node:fs'
import { sameFacility, type FacilityKey } from '../../server/directory/facility-match.js'

export interface Side {
  source: string
  name: string
  name2?: string
  address1: string | null
  address2?: string
  city?: string | null
  postalCode: string | null
  lat: number
  lon: number
  geocodePrecision?: string
  phones?: string[]
  types?: string[]
  services?: string[]
}
export interface LabelledPair {
  a: Side
  b: Side
  distance_m: number
  same: boolean
  note: string
  stratum?: string
  /** Labelled after the matcher was tuned on the other pairs, before it was run on these. */
  held_out?: boolean
}

export const labelledPairs = (): LabelledPair[] =>
  (JSON.parse(readFileSync(new URL('../fixtures/import/dedup-pairs.json', import.meta.url), 'utf8')) as { pairs: LabelledPair[] }).pairs

/** A fixture side as the matcher sees a record (older pairs lack precision, phones and types). */
export function keyOf(s: Side): FacilityKey {
  const precision = s.geocodePrecision ?? 'exact'
  return {
    name: s.name,
    name2: s.name2 ?? null,
    address1: s.address1,
    address2: s.address2 ?? null,
    city: s.city ?? null,
    postalCode: s.postalCode,
    approximate: precision !== 'exact' && precision !== 'street',
    precision,
    phones: s.phones ?? [],
    types: s.types ?? (s.source.startsWith('samhsa_') && s.source !== 'samhsa_mh' ? ['treatment'] : []),
    services: s.services ?? (s.source === 'samhsa_otp' ? ['methadone'] : []),
    source: s.source,
  }
}

export interface Quality {
  pairs: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  mistakes: string[]
}

export function measure(pairs: readonly LabelledPair[]): Quality {
  let tp = 0
  let fp = 0
  let fn = 0
  const mistakes: string[] = []
  for (const p of pairs) {
    const verdict = sameFacility(keyOf(p.a), keyOf(p.b), p.distance_m)
    if (verdict.same && p.same) tp++
    else if (verdict.same) {
      fp++
      mistakes.push(`FP ${p.a.name} / ${p.b.name} — ${verdict.reason} (label: ${p.note})`)
    } else if (p.same) {
      fn++
      mistakes.push(`FN ${p.a.name} / ${p.b.name} — ${verdict.reason} (label: ${p.note})`)
    }
  }
  return { pairs: pairs.length, tp, fp, fn, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), mistakes }
}

export const isOtpVsSudMoud = (p: LabelledPair) =>
  [p.a.source, p.b.source].includes('samhsa_otp') && [p.a.source, p.b.source].some((s) => s === 'samhsa_sud' || s === 'samhsa_moud')

export const qualityLine = (label: string, q: Quality) =>
  `${label}: ${q.pairs} pairs, precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)} (tp ${q.tp}, fp ${q.fp}, fn ${q.fn})`
