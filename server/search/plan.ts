/**
 * Chooses how to walk the index for a search: the main spatial index when the filters are
 * common (most nearby sites match), or the facet index of the rarest required filter, so a
 * rare service never means scanning thousands of nearby non-matching sites.
 */
import { languageTermId, termId, type FilterField } from '../vocabulary.js'
import type { FacetStats } from './facet-stats.js'
import type { SearchFilters } from './query.js'

export type SearchPlan = { kind: 'nearest' } | { kind: 'facets'; terms: number[] }

/** Above this share of all sites, walking the main index and filtering is cheaper. */
const COMMON_SHARE = 0.2

/** Groups of facet terms a matching site must hit at least one of. */
function requiredGroups(f: SearchFilters): (number[] | null)[] {
  const any = (field: FilterField, codes: string[]) => (codes.length ? [codes.map((c) => termId(field, c))] : [])
  const each = (field: FilterField, codes: string[]) => codes.map((c) => [termId(field, c)])
  const languageIds = f.languages.map(languageTermId)
  return [
    ...any('types', f.types),
    ...(f.match === 'all' ? each('services', f.services) : any('services', f.services)),
    ...any('payment', f.payment),
    ...any('populations', f.populations),
    ...each('access', f.access),
    // A language outside the taxonomy has no facet rows, so that group cannot drive the walk.
    ...(f.languages.length ? [languageIds.includes(null) ? null : (languageIds as number[])] : []),
  ]
}

/** The cheapest plan for these filters given how common each term is. */
export function planSearch(filters: SearchFilters, stats: FacetStats): SearchPlan {
  let best: { terms: number[]; sites: number } | null = null
  for (const group of requiredGroups(filters)) {
    // A group drives the walk only if every term has facet rows (see search-tables.ts).
    if (!group?.every((term) => stats.indexed.has(term))) continue
    const sites = group.reduce((sum, term) => sum + (stats.counts.get(term) ?? 0), 0)
    if (!best || sites < best.sites) best = { terms: group, sites }
  }
  if (!best || best.sites > stats.total * COMMON_SHARE) return { kind: 'nearest' }
  return { kind: 'facets', terms: best.terms }
}
