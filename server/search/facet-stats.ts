/**
 * How many active sites carry each filter term, cached briefly: the search planner uses it
 * to pick the rarest filter to walk the facet index by.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface FacetStats {
  /** Sites per facet term id. */
  counts: Map<number, number>
  /** Active sites in all. */
  total: number
}

export interface FacetStatsCache {
  get(): Promise<FacetStats>
  invalidate(): void
}

/** A cache of facet counts that reloads at most once per `ttlMs`. */
export function facetStatsCache(db: Kysely<Database>, ttlMs = 30_000): FacetStatsCache {
  let cached: { stats: Promise<FacetStats>; at: number } | null = null
  const load = async (): Promise<FacetStats> => {
    const [rows, total] = await Promise.all([
      db.selectFrom('site_facet_counts').select(['term', 'sites']).execute(),
      db.selectFrom('site_search').where('status', '=', 'active').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { counts: new Map(rows.map((r) => [Number(r.term), Number(r.sites)])), total: Number(total.n) }
  }
  return {
    get() {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const stats = load()
        cached = { stats, at: Date.now() }
        stats.catch(() => (cached = null))
      }
      return cached.stats
    },
    invalidate() {
      cached = null
    },
  }
}
