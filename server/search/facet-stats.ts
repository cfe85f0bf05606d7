/**
 * How many active sites carry each filter term, cached briefly: the search planner uses it
 * to pick the rarest filter to walk the facet index by.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ACTIVE_SITES_TERM } from '../directory/search-tables.js'

export interface FacetStats {
  /** Sites per facet term id. */
  counts: Map<number, number>
  /** Active sites in all. */
  total: number
  /** Terms with facet rows (only these can drive a facet walk). */
  indexed: Set<number>
}

export interface FacetStatsCache {
  get(): Promise<FacetStats>
  invalidate(): void
}

/** A cache of facet counts that reloads at most once per `ttlMs`. */
export function facetStatsCache(db: Kysely<Database>, ttlMs = 30_000): FacetStatsCache {
  let cached: { stats: Promise<FacetStats>; at: number } | null = null
  // One small read: the counts (and the active total, term 0) are kept by the search-table refresh.
  const load = async (): Promise<FacetStats> => {
    const rows = await db.selectFrom('site_facet_counts').select(['term', 'sites', 'indexed']).execute()
    const counts = new Map(rows.map((r) => [Number(r.term), Number(r.sites)]))
    const indexed = new Set(rows.filter((r) => r.indexed).map((r) => Number(r.term)))
    const kept = counts.get(ACTIVE_SITES_TERM)
    if (kept !== undefined) return { counts, total: kept, indexed }
    // Search tables derived before the total was kept: count once (a full scan at 1M sites).
    const row = await db
      .selectFrom('site_search')
      .where('status', '=', 'active')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return { counts, total: Number(row.n), indexed }
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
