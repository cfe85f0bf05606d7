/**
 * Text-only pages to render, as the /lite route builds them: a fixed clock, a search answer
 * with a demo site, a stale one and one without a phone, in both languages, and the error
 * and empty states. tests/fixtures/lite/<name>.html holds each page as it must render.
 */
import type { LiteForm, LitePage } from '../../server/routes/lite/render.js'
import type { SearchResponse } from '../../server/search/search-sites.js'
import type { SearchResult } from '../../server/search/present.js'

export const NOW = new Date('2026-05-12T14:30:00Z')

const form = (extra: Partial<LiteForm> = {}): LiteForm => ({ near: '21201', services: [], openNow: false, radiusMi: 10, lang: 'en', ...extra })

export function result(extra: Partial<SearchResult>): SearchResult {
  return {
    id: 'ssp',
    name: 'Charm City Syringe Program',
    organization_name: 'Charm City HR',
    types: ['harm_reduction'],
    services: ['syringe_services', 'naloxone'],
    payment: [],
    populations: [],
    access: [],
    languages: ['en'],
    address_1: '1 Test St',
    address_2: null,
    city: 'Baltimore',
    region: 'MD',
    postal_code: '21201',
    phone: '(410) 555-0100',
    lat: 39.29,
    lon: -76.61,
    location_precision: 'rooftop',
    distance_m: 640,
    distance_mi: 0.4,
    open_now: true,
    next_change: '2026-05-12T17:00:00-04:00',
    timezone: 'America/New_York',
    assured_date: '2026-03-01',
    status: 'active',
    source: 'test',
    demo: false,
    ...extra,
  }
}

export function response(results: SearchResult[], label: string | null = 'Baltimore, MD 21201'): SearchResponse {
  return {
    results,
    count: results.length,
    next_cursor: null,
    origin: { lat: 39.29, lon: -76.61, label, approximate: false },
    radius_m: 16093,
    at: NOW.toISOString(),
  }
}

const RESULTS = [
  result({}),
  result({
    id: 'otp',
    name: 'Eastside Methadone Clinic',
    services: ['methadone'],
    address_2: 'Suite 2',
    phone: null,
    open_now: false,
    next_change: '2026-05-13T06:00:00-04:00',
    assured_date: '2024-01-15',
    distance_mi: 2.35,
  }),
  result({ id: 'van', name: 'Westside Outreach Van', demo: true, open_now: null, next_change: null, assured_date: null, address_1: null, distance_mi: 12.6 }),
]

export const PAGES: Record<string, LitePage> = {
  'empty-form-en': { form: form({ near: '' }), now: NOW },
  'results-en': { form: form({ services: ['naloxone', 'methadone'], openNow: true, radiusMi: 25 }), response: response(RESULTS), now: NOW },
  'results-es': { form: form({ lang: 'es', services: ['methadone'] }), response: response(RESULTS, null), now: NOW },
  'none-found-en': { form: form({ radiusMi: 1 }), response: response([]), now: NOW },
  'error-es': { form: form({ lang: 'es', near: 'Zzyzxville' }), error: 'ningún código postal o ciudad de EE. UU. coincide con "Zzyzxville".', now: NOW },
}
