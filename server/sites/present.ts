/**
 * Turns a site's stored record into the API's site detail: services as the site offers them,
 * open state at `now` in the site's own timezone, verification age, the source records merged
 * into it and where each field comes from; and the detail as a GeoJSON Feature.
 */
import type { SiteDetail, SiteFeature } from '../../common/contract/site.js'
import { pointGeometry } from '../../common/geojson.js'
import { siteToday, verificationAge } from '../../common/verification.js'
import { noAvailabilityReports } from '../reports/availability.js'
import { openState } from '../../common/schedule/hours.js'
import { withToday } from '../../common/schedule/live-today.js'
import { nextOpening } from '../../common/schedule/next-opening.js'
import { presentMobileUnit } from './mobile-stops.js'
import { fieldSources, sourceRecords } from './provenance.js'
import type { SiteDetailRow } from './repository.js'

/** The site as GET /api/v1/sites/{id} answers, judged open or closed at `now`. */
export function presentSite(site: SiteDetailRow, now: Date): SiteDetail {
  const { location: l } = site
  const state = withToday(openState(site.hours, l.timezone, now), site.hours, l.timezone, now, site.live?.today ?? null)
  // A curator's codes for the whole site win, as in search (server/directory/search-tables.ts).
  const services = [...new Set(l.services_override ?? site.services.filter((s) => s.status === 'active').flatMap((s) => s.codes))].sort()
  return {
    id: l.id,
    name: l.name,
    alternate_name: l.alternate_name,
    description: l.description,
    organization: site.organization,
    types: l.types,
    services,
    service_details: site.services,
    payment: l.payment,
    populations: l.populations,
    access: l.access,
    languages: l.languages,
    mobile: l.mobile,
    address_1: l.address_1,
    address_2: l.address_2,
    mailing_address: l.mailing_address,
    city: l.city,
    region: l.region,
    postal_code: l.postal_code,
    lat: l.latitude,
    lon: l.longitude,
    location_precision: l.geocode_precision,
    timezone: l.timezone,
    hours: site.hours,
    open_now: state.open,
    next_change: state.nextChange,
    phones: site.phones,
    website: l.website,
    status: l.status,
    status_until: l.status_until,
    status_reason: l.status_reason,
    public_note: l.public_note,
    source: l.source,
    source_id: l.source_id,
    assured_date: l.assured_date,
    verification: { assured_date: l.assured_date, age: verificationAge(l.assured_date, siteToday(now, l.timezone)) },
    imported_at: new Date(l.imported_at).toISOString(),
    demo: l.demo,
    source_attributes: l.source_attributes,
    records: sourceRecords(site),
    field_sources: fieldSources(site, services),
    availability_reports: site.availability ?? noAvailabilityReports(),
    live_status: site.live?.items ?? [],
    next_open: nextOpening(site.hours, l.timezone, now),
    mobile_unit: site.mobileUnit ? presentMobileUnit(site.mobileUnit, now) : null,
  }
}

/** The detail as a GeoJSON Feature (RFC 7946): the point as geometry, the rest as properties. */
export function siteFeature(detail: SiteDetail): SiteFeature {
  const { lat, lon, id, ...properties } = detail
  return { type: 'Feature', id, geometry: lat === null || lon === null ? null : pointGeometry(lat, lon), properties }
}
