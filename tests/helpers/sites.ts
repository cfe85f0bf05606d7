/**
 * Builders for hand-made test sites, with sensible defaults a test overrides.
 */
import type { HoursRule } from '../../server/db/schema.js'
import type { SiteRecord } from '../../server/directory/site-record.js'

export interface SiteSpec {
  id: string
  lat: number
  lon: number
  name?: string
  types?: string[]
  services?: string[]
  payment?: string[]
  populations?: string[]
  access?: string[]
  languages?: string[]
  hours?: HoursRule[]
  timezone?: string
  status?: SiteRecord['location']['status']
  demo?: boolean
}

/** A weekly rule (`extra` sets validity or a recurrence: `{ freq: 'MONTHLY' }`, `{ valid_to: '2020-01-01' }`). */
export const hours = (byday: string, opens: string, closes: string, extra: Partial<HoursRule> = {}): HoursRule => ({
  byday,
  opens,
  closes,
  valid_from: null,
  valid_to: null,
  ...extra,
})

/** A SiteRecord from a short spec. */
export function site(spec: SiteSpec): SiteRecord {
  return {
    source: 'test',
    sourceId: spec.id,
    demo: spec.demo ?? false,
    assuredDate: '2026-10-01',
    organization: { id: `org-${spec.id}`, name: spec.name ?? `Org ${spec.id}` },
    location: {
      id: spec.id,
      name: spec.name ?? `Site ${spec.id}`,
      address1: '1 Test St',
      city: 'Baltimore',
      region: 'MD',
      postalCode: '21201',
      latitude: spec.lat,
      longitude: spec.lon,
      geocodePrecision: 'exact',
      timezone: spec.timezone ?? 'America/New_York',
      status: spec.status ?? 'active',
      types: spec.types ?? ['harm_reduction'],
      payment: spec.payment ?? ['free'],
      populations: spec.populations ?? ['adults'],
      access: spec.access ?? ['walk_in'],
      languages: spec.languages ?? ['en'],
    },
    services: [{ id: `svc-${spec.id}`, name: 'Services', codes: spec.services ?? ['naloxone'] }],
    hours: spec.hours ?? [],
    phones: [{ number: '(410) 555-0100' }],
  }
}
