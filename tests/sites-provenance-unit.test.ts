/**
 * Where each field of a site comes from, worked out without a database: the cases an import
 * rarely shows — the point from a more precise merged record, a record that closed and no
 * longer adds its codes, a website from the first active record that has one, hours from a
 * service — each checked against the fields deriveLocation really derives.
 */
import { describe, expect, it } from 'vitest'
import { emptyRecord, type ImportRecord } from '../server/directory/import-record.js'
import { deriveLocation } from '../server/directory/location-derive.js'
import { fieldSources, sourceRecords } from '../server/sites/provenance.js'
import type { SiteDetailRow, SiteSourceLink } from '../server/sites/repository.js'

const record = (sourceId: string, extra: Partial<ImportRecord>): ImportRecord => ({
  ...emptyRecord(sourceId, 'Harbor Recovery Center'),
  latitude: 42.65,
  longitude: -73.75,
  ...extra,
})
const link = (source: string, r: ImportRecord, mergedAt: string | null, serviceId: string | null = null): SiteSourceLink => ({
  source,
  source_id: r.sourceId,
  location_id: 'loc',
  service_id: serviceId,
  record: r,
  record_hash: 'h',
  imported_at: new Date('2026-11-01T12:00:00Z'),
  merged_at: mergedAt === null ? null : new Date(mergedAt),
})

/** The site as the directory stores it after recomputeLocations: its fields derived from the links. */
function siteOf(links: SiteSourceLink[], extra: Partial<SiteDetailRow> = {}): SiteDetailRow {
  const [primary, ...merged] = [links.find((l) => l.merged_at === null)!, ...links.filter((l) => l.merged_at !== null)]
  const d = deriveLocation(
    primary!.record,
    merged.map((l) => l.record),
  )
  return {
    location: {
      ...d,
      id: 'loc',
      mobile: false,
      source: primary!.source,
      source_id: primary!.source_id,
      assured_date: null,
      imported_at: new Date(),
      demo: false,
      source_attributes: {},
    },
    organization: { id: 'org', name: primary!.record.organizationName, website: null, email: null, description: null },
    services: [],
    hours: [],
    phones: [...new Set([primary!, ...merged].flatMap((l) => l.record.phones))].map((number) => ({
      number,
      extension: null,
      type: 'voice',
      description: null,
    })),
    links,
    heldFields: new Set(),
    hoursFromServices: [],
    ...extra,
  }
}

const ref = (source: string, source_id: string) => ({ source, source_id })

describe('where each field of a site comes from', () => {
  it('takes the point from the most precise record, even a merged one', () => {
    const samhsa = link('samhsa', record('s1', { geocodePrecision: 'zip_centroid', latitude: 42.6, longitude: -73.7 }), null)
    const city = link('city', record('c1', { geocodePrecision: 'exact' }), '2026-11-02T00:00:00Z')
    const site = siteOf([city, samhsa])
    expect(site.location.latitude).toBe(42.65)
    const s = fieldSources(site, [])
    expect(s.point).toEqual({ from: 'source', records: [ref('city', 'c1')] })
    expect(s.name).toEqual({ from: 'source', records: [ref('samhsa', 's1')] })
    // Listed primary first, whatever order the rows come in.
    expect(sourceRecords(site).map((r) => [r.source, r.primary])).toEqual([
      ['samhsa', true],
      ['city', false],
    ])
  })

  it('leaves out the codes and website of a record its source no longer lists, and says the status is the active records’', () => {
    const samhsa = link('samhsa', record('s1', { types: ['treatment'], services: ['methadone'] }), null, 'svc-s1')
    const closed = link('old_list', record('o1', { status: 'inactive', types: ['pharmacy'], website: 'old.example.org' }), '2026-11-02T00:00:00Z')
    const city = link('city', record('c1', { types: ['harm_reduction'], services: ['naloxone'], website: 'harbor.example.org' }), '2026-11-03T00:00:00Z')
    const site = siteOf([samhsa, closed, city])
    expect(site.location.types).toEqual(['harm_reduction', 'treatment'])
    expect(site.location.website).toBe('harbor.example.org')
    const s = fieldSources(site, ['methadone', 'naloxone'])
    expect(s.types).toEqual({
      from: 'source',
      records: [ref('samhsa', 's1'), ref('city', 'c1')],
      values: { harm_reduction: [ref('city', 'c1')], treatment: [ref('samhsa', 's1')] },
    })
    expect(s.services.values).toEqual({ methadone: [ref('samhsa', 's1')], naloxone: [ref('city', 'c1')] })
    expect(s.website).toEqual({ from: 'source', records: [ref('city', 'c1')] })
    expect(s.status).toEqual({ from: 'source', records: [ref('samhsa', 's1'), ref('city', 'c1')] })
  })

  it('says a site every source stopped listing has the status its own record gives', () => {
    const samhsa = link('samhsa', record('s1', { status: 'inactive' }), null)
    const city = link('city', record('c1', { status: 'defunct' }), '2026-11-03T00:00:00Z')
    const site = siteOf([samhsa, city])
    expect(site.location.status).toBe('inactive')
    expect(fieldSources(site, []).status).toEqual({ from: 'source', records: [ref('samhsa', 's1')] })
  })

  it('gives hours listed on a service to the record of that service, and a held field to the curator', () => {
    const samhsa = link('samhsa', record('s1', { phones: ['(518) 555-0100'] }), null, 'svc-s1')
    const city = link('city', record('c1', { phones: ['518.555.0199'] }), '2026-11-03T00:00:00Z', 'svc-c1')
    const hours = [{ byday: 'MO', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null }]
    const site = siteOf([samhsa, city], { hours, hoursFromServices: ['svc-c1'], heldFields: new Set(['website', 'point']) })
    const s = fieldSources(site, [])
    expect(s.hours).toEqual({ from: 'source', records: [ref('city', 'c1')] })
    expect(s.website).toEqual({ from: 'curator', records: [] })
    expect(s.point).toEqual({ from: 'curator', records: [] })
    expect(s.phones.values).toEqual({ '(518) 555-0100': [ref('samhsa', 's1')], '518.555.0199': [ref('city', 'c1')] })
  })
})
