/**
 * Text-only pages to render, as the /lite route builds them: a fixed clock, a search answer
 * with a demo site, a stale one and one without a phone, in both languages; one with curators'
 * notes, a temporary closure and every verification age; and the error and empty states. tests/fixtures/lite/<name>.html holds each page as it must render.
 */
import type { LiteForm, LitePage } from '../../server/routes/lite/render.js'
import type { SearchResponse, SearchResult } from '../../common/contract/search.js'
import { verificationAge } from '../../common/verification.js'
import { LITE_STRINGS } from '../../server/routes/lite/strings.js'

export const NOW = new Date('2026-05-12T14:30:00Z')

const form = (extra: Partial<LiteForm> = {}): LiteForm => ({
  near: '21201',
  services: [],
  openNow: false,
  radiusMi: 25,
  verifiedWithinDays: null,
  lang: 'en',
  from: 1,
  ...extra,
})

export function result(extra: Partial<SearchResult>): SearchResult {
  const r: Omit<SearchResult, 'verification'> = {
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
    location_precision: 'exact',
    distance_m: 640,
    distance_mi: 0.4,
    open_now: true,
    next_change: '2026-05-12T17:00:00-04:00',
    timezone: 'America/New_York',
    assured_date: '2026-03-01',
    status: 'active',
    source: 'test',
    demo: false,
    public_note: null,
    status_until: null,
    status_reason: null,
    live_status: [],
    ...extra,
  }
  return { ...r, verification: { assured_date: r.assured_date, age: verificationAge(r.assured_date, NOW.toISOString().slice(0, 10)) } }
}

export function response(results: SearchResult[], label: string | null = 'Baltimore, MD 21201'): SearchResponse {
  return {
    results,
    count: results.length,
    next_cursor: null,
    origin: { lat: 39.29, lon: -76.61, label, approximate: false },
    radius_m: 16093,
    at: NOW.toISOString(),
    demo_excluded: false,
    hours_unknown: null,
  }
}

const RESULTS = [
  result({}),
  result({
    id: 'otp',
    name: 'Eastside Methadone Clinic',
    types: ['treatment'],
    services: ['methadone'],
    address_2: 'Suite 2',
    phone: null,
    open_now: false,
    next_change: '2026-05-13T06:00:00-04:00',
    assured_date: '2024-01-15',
    distance_mi: 2.35,
  }),
  result({ id: 'van', name: 'Westside Outreach Van', demo: true, open_now: null, next_change: null, assured_date: null, address_1: null, distance_mi: 12.6 }),
  // Only its ZIP's centre is known: "about 1 mi", never "0.3 mi".
  result({ id: 'zip-only', name: 'Harbor Health Center', types: ['clinic', 'pharmacy'], location_precision: 'zip_centroid', distance_mi: 0.3 }),
]

const NOTED = [
  result({
    id: 'today',
    name: 'Harbor Naloxone Pharmacy',
    assured_date: '2026-05-12',
    public_note: 'Ask at the counter; no ID needed.',
    // Live status: one line each, with its age; the expired one is not shown.
    live_status: [
      { topic: 'today', value: 'closing_early', time: '14:00', posted_at: '2026-05-12T12:30:00Z', expires_at: '2026-05-13T04:00:00Z', posted_by: 'provider' },
      { topic: 'naloxone', value: 'out', time: null, posted_at: '2026-05-12T14:10:00Z', expires_at: '2026-05-19T14:10:00Z', posted_by: 'provider' },
      { topic: 'beds_available', value: 1, time: null, posted_at: '2026-05-10T14:00:00Z', expires_at: '2026-05-12T14:00:00Z', posted_by: 'curator' },
    ],
  }),
  result({ id: 'aging', name: 'Northside Recovery Center', assured_date: '2025-09-20', open_now: null, next_change: null, distance_mi: 3.1 }),
  result({
    id: 'shut',
    name: 'Southside Wound Care',
    status: 'temporarily_closed',
    status_until: '2026-06-01',
    status_reason: 'Moving to a new building <soon>',
    public_note: 'Call first & ask for "Dee".',
    open_now: false,
    next_change: null,
    assured_date: '2025-05-12',
    distance_mi: 4.8,
  }),
  result({
    id: 'past',
    name: 'Eastside Outreach',
    status: 'temporarily_closed',
    status_until: '2026-05-01',
    status_reason: null,
    assured_date: null,
    distance_mi: 6,
  }),
]

export const PAGES: Record<string, LitePage> = {
  'empty-form-en': { form: form({ near: '' }), now: NOW },
  'results-en': { form: form({ services: ['naloxone', 'methadone'], openNow: true, radiusMi: 25 }), response: response(RESULTS), now: NOW },
  'results-es': { form: form({ lang: 'es', services: ['methadone'] }), response: response(RESULTS, null), now: NOW },
  'notes-en': { form: form({ verifiedWithinDays: 365 }), response: response(NOTED), now: NOW },
  'notes-es': { form: form({ lang: 'es', verifiedWithinDays: 180 }), response: response(NOTED), now: NOW },
  'none-found-en': { form: form({ radiusMi: 1 }), response: response([]), now: NOW },
  'one-found-es': { form: form({ lang: 'es', radiusMi: 1 }), response: response([result({})], 'ZIP 21201, Baltimore, MD'), now: NOW },
  'more-en': { form: form({ services: ['naloxone'] }), response: { ...response(RESULTS.slice(0, 1)), next_cursor: 'eyJkIjo2NDB9' }, now: NOW },
  'page-two-es': { form: form({ lang: 'es', from: 21 }), response: response(RESULTS.slice(1, 2)), now: NOW },
  'moved-es': { form: form({ lang: 'es', near: '' }), notice: LITE_STRINGS.es.moved, now: NOW },
  'error-es': { form: form({ lang: 'es', near: 'Zzyzxville' }), error: 'ningún código postal o ciudad de EE. UU. coincide con "Zzyzxville".', now: NOW },
}
