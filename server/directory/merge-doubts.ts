/**
 * What makes a cross-source merge uncertain enough for a curator to look at: names that share
 * few words, two different suite or unit numbers, no phone number in common. Pure: merge.ts
 * calls it for every merge it makes, and the merges with doubts enter the review queue.
 */
import { normalizeStreet } from './comparable-text.js'

export type MergeDoubt = 'low_name_similarity' | 'different_unit' | 'different_phone'

/** Below this share of distinctive name words, a merge is worth a look (e.g. a pharmacy merged into a clinic). */
export const LOW_NAME_SIMILARITY = 0.5

const UNIT = /\b(?:suite|ste|unit|apt|apartment|room|rm|floor|fl|bldg|building|#)\s*#?\s*([a-z0-9-]+)\b/i

/** The unit of an address ("Suite 102" → "102"), from the second line or the first. */
export function unitOf(address1: string | null, address2: string | null): string | null {
  for (const line of [address2, address1]) {
    const m = line ? UNIT.exec(line.toLowerCase().replace(/#(\w)/, '# $1')) : null
    if (m?.[1]) return m[1].replace(/^0+(?=\d)/, '')
  }
  const bare = address2 ? normalizeStreet(address2) : ''
  return /^\d+[a-z]?$/.test(bare) ? bare : null
}

const digits = (phone: string) => phone.replace(/\D/g, '').slice(-10)

export interface MergeSide {
  address1: string | null
  address2: string | null
  phones: readonly string[]
}

/** The doubts about merging record `a` into site `b`, given their name similarity (0–1). */
export function mergeDoubts(a: MergeSide, b: MergeSide, nameSimilarity: number): MergeDoubt[] {
  const doubts: MergeDoubt[] = []
  if (nameSimilarity < LOW_NAME_SIMILARITY) doubts.push('low_name_similarity')
  const ua = unitOf(a.address1, a.address2)
  const ub = unitOf(b.address1, b.address2)
  if (ua && ub && ua !== ub) doubts.push('different_unit')
  const pa = new Set(a.phones.map(digits).filter((p) => p.length === 10))
  const pb = b.phones.map(digits).filter((p) => p.length === 10)
  if (pa.size && pb.length && !pb.some((p) => pa.has(p))) doubts.push('different_phone')
  return doubts
}
