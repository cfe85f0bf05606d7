/**
 * Where a shown value comes from, in words: "from samhsa_mh and albany_city", or that the
 * directory's curators set it. Said only where it helps judge a value: when a curator set it,
 * or when the site is made of several source records. Shared by the map page and /lite.
 */
import type { FieldSource, ProvenanceField } from './contract/provenance.js'

/** What a site must carry to say where its values come from (the site detail does). */
export interface SiteOrigins {
  records: readonly { source: string }[]
  field_sources: Record<ProvenanceField, FieldSource>
}

/** The words, in the reader's language. */
export interface OriginWords {
  fromSources: (sources: string) => string
  fromCurator: string
  and: string
}

/** "samhsa_mh, nyc_211 and albany_city": each source once, in the order given. */
export function sourceNames(records: readonly { source: string }[], and: string): string {
  const names = [...new Set(records.map((r) => r.source))]
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}` : (names[0] ?? '')
}

function worthSaying(site: SiteOrigins, origin: FieldSource | undefined): origin is FieldSource {
  if (!origin || origin.from === 'none') return false
  return origin.from === 'curator' || site.records.length > 1
}

/**
 * Where some fields shown together come from (an address's parts), or null where saying it
 * adds nothing. Example: a website from the city's list → "from albany_city".
 */
export function fieldsOrigin(site: SiteOrigins, fields: readonly ProvenanceField[], words: OriginWords): string | null {
  const origins = fields.map((f) => site.field_sources[f]).filter((o) => worthSaying(site, o))
  if (!origins.length) return null
  const records = origins.flatMap((o) => o.records)
  const parts = [
    origins.some((o) => o.from === 'curator') ? words.fromCurator : null,
    records.length ? words.fromSources(sourceNames(records, words.and)) : null,
  ]
  return parts.filter(Boolean).join('; ')
}

/** Where one item of a list (a phone number, a code) comes from, or null. */
export function itemOrigin(site: SiteOrigins, field: ProvenanceField, item: string, words: OriginWords): string | null {
  const origin = site.field_sources[field]
  if (!worthSaying(site, origin)) return null
  if (origin.from === 'curator') return words.fromCurator
  const records = origin.values?.[item] ?? []
  return records.length ? words.fromSources(sourceNames(records, words.and)) : null
}
