/**
 * Ids of what an import creates, derived from (source, source id) so a re-import, a test
 * or an undone merge always lands on the same rows.
 */
import { createHash } from 'node:crypto'
import { phoneParts, type ImportRecord } from './import-record.js'
import type { SiteRecord } from './site-record.js'

const hashOf = (source: string, sourceId: string) => createHash('sha1').update(`${source}\u0000${sourceId}`).digest('hex').slice(0, 20)

export interface ImportIds {
  locationId: string
  organizationId: string
  serviceId: string
}

/** The ids a source record's site gets when it is inserted. */
export function importIds(source: string, sourceId: string): ImportIds {
  const h = hashOf(source, sourceId)
  return { locationId: `loc_${h}`, organizationId: `org_${h}`, serviceId: `svc_${h}` }
}

/** A SiteRecord for insertSites from an imported record (its point must be set). */
export function toSiteRecord(source: string, r: ImportRecord): SiteRecord {
  const ids = importIds(source, r.sourceId)
  return {
    source,
    sourceId: r.sourceId,
    demo: false,
    assuredDate: r.assuredDate,
    organization: { id: ids.organizationId, name: r.organizationName, website: r.website, email: r.email },
    location: {
      id: ids.locationId,
      name: r.name,
      alternateName: r.alternateName ?? null,
      description: r.description,
      address1: r.address1,
      address2: r.address2,
      mailingAddress: r.mailingAddress ?? null,
      city: r.city,
      region: r.region,
      postalCode: r.postalCode,
      latitude: r.latitude as number,
      longitude: r.longitude as number,
      geocodePrecision: r.geocodePrecision,
      timezone: r.timezone,
      status: r.status,
      website: r.website,
      types: r.types,
      payment: r.payment,
      populations: r.populations,
      access: r.access,
      languages: r.languages,
    },
    services: [{ id: ids.serviceId, name: r.serviceName, codes: r.services }],
    hours: r.hours,
    phones: r.phones.map(phoneParts),
    sourceAttributes: r.attributes,
  }
}
