import { copyRows, pointEwkb } from '../db/copy.js'
import type { Db } from '../db/schema.js'
import type { SiteRecord } from './site-record.js'
import { recurrenceColumns } from '../schedule/rows.js'

/** Inserts sites that do not exist yet (ids and (source, source_id) must be new), one COPY per table. */
export async function insertSites(db: Db, sites: readonly SiteRecord[]): Promise<void> {
  await copyRows(
    db,
    'organizations',
    ['id', 'name', 'description', 'website', 'email', 'source', 'source_id', 'assured_date', 'demo', 'source_attributes'],
    sites.map((x) => [
      x.organization.id,
      x.organization.name,
      x.organization.description,
      x.organization.website,
      x.organization.email,
      x.source,
      x.sourceId,
      x.assuredDate,
      x.demo,
      x.sourceAttributes ?? {},
    ]),
  )
  await copyRows(
    db,
    'locations',
    [
      'id',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'mobile',
      'address_1',
      'address_2',
      'mailing_address',
      'city',
      'region',
      'postal_code',
      'latitude',
      'longitude',
      'geog',
      'geocode_precision',
      'timezone',
      'status',
      'website',
      'types',
      'payment',
      'populations',
      'access',
      'languages',
      'source',
      'source_id',
      'assured_date',
      'demo',
      'source_attributes',
    ],
    sites.map(({ location: l, ...x }) => [
      l.id,
      x.organization.id,
      l.name,
      l.alternateName ?? null,
      l.description,
      l.mobile ?? false,
      l.address1,
      l.address2,
      l.mailingAddress ?? null,
      l.city,
      l.region,
      l.postalCode,
      l.latitude,
      l.longitude,
      pointEwkb(l.longitude, l.latitude),
      l.geocodePrecision,
      l.timezone,
      l.status,
      l.website,
      l.types,
      l.payment,
      l.populations,
      l.access,
      l.languages,
      x.source,
      x.sourceId,
      x.assuredDate,
      x.demo,
      x.sourceAttributes ?? {},
    ]),
  )
  const services = sites.flatMap((site) => site.services.map((svc) => ({ svc, site })))
  await copyRows(
    db,
    'services',
    ['id', 'organization_id', 'name', 'codes', 'source', 'source_id', 'assured_date', 'demo'],
    services.map(({ svc, site }) => [svc.id, site.organization.id, svc.name, svc.codes, site.source, svc.id, site.assuredDate, site.demo]),
  )
  await copyRows(
    db,
    'service_at_location',
    ['id', 'service_id', 'location_id'],
    services.map(({ svc, site }) => [`${svc.id}@${site.location.id}`, svc.id, site.location.id]),
  )
  await copyRows(
    db,
    'schedules',
    ['id', 'location_id', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'freq', 'interval', 'bymonthday', 'dtstart'],
    sites.flatMap((site) =>
      site.hours.map((rule, i) => {
        const r = recurrenceColumns(rule)
        return [
          `${site.location.id}-h${i}`,
          site.location.id,
          rule.byday,
          rule.opens,
          rule.closes,
          rule.valid_from,
          rule.valid_to,
          r.freq,
          r.interval,
          r.bymonthday,
          r.dtstart,
        ]
      }),
    ),
  )
  await copyRows(
    db,
    'phones',
    ['id', 'location_id', 'number', 'extension', 'type', 'ordinal'],
    sites.flatMap((site) =>
      site.phones.map((phone, i) => [`${site.location.id}-p${i}`, site.location.id, phone.number, phone.extension ?? null, phone.type ?? 'voice', i]),
    ),
  )
}
