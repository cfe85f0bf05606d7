/**
 * What bench:search measures: the filter cases, the search centres and the exact SQL the API
 * runs for each (shared by bench/search.ts and its latency child, bench/knn-latency.ts).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../server/db/schema.js'
import { zipCentroids } from '../server/demo/generate.js'
import type { FacetStats } from '../server/search/facet-stats.js'
import { planSearch } from '../server/search/plan.js'
import { parseFilters, type SearchFields, type SearchQuery } from '../server/search/query.js'
import { candidatesQuery, firstCandidateCount } from '../server/search/repository.js'

export const AT = '2026-11-24T19:00:00Z' // a Tuesday, 14:00 on the East Coast

export const CASES: { name: string; fields: SearchFields }[] = [
  { name: 'no filter', fields: {} },
  { name: 'naloxone', fields: { services: ['naloxone'] } },
  { name: 'methadone open', fields: { services: ['methadone'], open_at: AT } },
  { name: 'syringes+strips open', fields: { services: ['syringe_services', 'fentanyl_test_strips'], open_at: AT } },
  { name: 'rare: drug checking', fields: { services: ['drug_checking'] } },
  { name: 'rare: OPS or checking', fields: { services: ['overdose_prevention_site', 'drug_checking'], match: 'any' } },
  { name: 'bup+medicaid+es+walk-in', fields: { services: ['buprenorphine'], payment: ['medicaid'], languages: ['es'], access: ['walk_in'] } },
]

/** 300 search centres near real ZIP centroids (fixed seed), rounded as the page rounds them. */
function origins(): { lat: number; lon: number }[] {
  const zips = zipCentroids()
  let s = 7
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from({ length: 300 }, () => {
    const z = zips[Math.floor(next() * zips.length)]!
    return { lat: Math.round(z.latitude * 1000) / 1000, lon: Math.round(z.longitude * 1000) / 1000 }
  })
}
export const ORIGINS = origins()

/** The SQL and parameters the API runs for a case at an origin (first round, page 1). */
export function compiled(_db: Kysely<Database>, fields: SearchFields, origin: { lat: number; lon: number }, stats: FacetStats) {
  const filters = parseFilters(fields)
  const plan = planSearch(filters, stats)
  const q: SearchQuery = { ...filters, ...origin, radiusM: 50 * 1609.344, openFilter: fields.open_at !== undefined, at: new Date(AT), limit: 20 }
  return { query: candidatesQuery(q, plan, null, firstCandidateCount(20), 21), plan }
}

export interface Stats {
  rps: number
  p50: number
  p99: number
  n: number
}
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
export function summarize(latencies: number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b)
  return { rps: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: latencies.length }
}
