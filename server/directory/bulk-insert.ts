/**
 * Fast bulk insert of new sites: one INSERT … SELECT FROM json_to_recordset(...) per table and
 * batch, so each batch costs a handful of round trips whatever its size.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SiteRecord } from './site-record.js'

type Db = Kysely<Database> | Transaction<Database>

/** Postgres array literal for text[] elements passed through a text[] parameter (arrays of arrays). */
export function arrayLiteral(values: readonly string[]): string {
  return '{' + values.map((v) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}'
}

/**
 * One table's rows as a single JSON parameter, expanded by json_to_recordset on the server.
 * One native JSON.stringify per table and batch is several times cheaper in Node than `pg`
 * escaping every element of two dozen parameter arrays (most of an import's client CPU).
 */
const rowsJson = (rows: readonly object[]) => JSON.stringify(rows)

/** Inserts sites that do not exist yet (ids and (source, source_id) must be new). */
export async function insertSites(db: Db, sites: readonly SiteRecord[]): Promise<void> {
  if (sites.length === 0) return
  const organizations = sites.map((x) => ({
    id: x.organization.id, name: x.organization.name, description: x.organization.description, website: x.organization.website,
    email: x.organization.email, source: x.source, source_id: x.sourceId, assured_date: x.assuredDate, demo: x.demo, attrs: x.sourceAttributes ?? {},
  }))
  await sql`
    INSERT INTO organizations (id, name, description, website, email, source, source_id, assured_date, demo, source_attributes)
    SELECT id, name, description, website, email, source, source_id, assured_date, demo, attrs
      FROM json_to_recordset(${rowsJson(organizations)}::json) AS t(id text, name text, description text, website text, email text,
        source text, source_id text, assured_date date, demo boolean, attrs jsonb)`.execute(db)

  const locations = sites.map(({ location: l, ...x }) => ({
    id: l.id, org: x.organization.id, name: l.name, description: l.description, mobile: l.mobile ?? false, a1: l.address1, a2: l.address2,
    city: l.city, region: l.region, zip: l.postalCode, lat: l.latitude, lon: l.longitude, prec: l.geocodePrecision, tz: l.timezone,
    status: l.status, web: l.website, types: l.types, payment: l.payment, populations: l.populations, access: l.access,
    languages: l.languages, source: x.source, source_id: x.sourceId, assured_date: x.assuredDate, demo: x.demo, attrs: x.sourceAttributes ?? {},
  }))
  await sql`
    INSERT INTO locations (id, organization_id, name, description, mobile, address_1, address_2, city, region, postal_code,
      latitude, longitude, geog, geocode_precision, timezone, status, website, types, payment, populations, access, languages,
      source, source_id, assured_date, demo, source_attributes)
    SELECT id, org, name, description, mobile, a1, a2, city, region, zip, lat, lon,
           ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, prec, tz, status, web,
           types, payment, populations, access, languages, source, source_id, assured_date, demo, attrs
      FROM json_to_recordset(${rowsJson(locations)}::json) AS t(id text, org text, name text, description text, mobile boolean,
        a1 text, a2 text, city text, region text, zip text, lat float8, lon float8, prec text, tz text, status text, web text,
        types text[], payment text[], populations text[], access text[], languages text[], source text, source_id text,
        assured_date date, demo boolean, attrs jsonb)`.execute(db)

  const services = sites.flatMap((site) => site.services.map((svc) => ({
    id: svc.id, org: site.organization.id, loc: site.location.id, name: svc.name, codes: svc.codes, source: site.source,
    assured_date: site.assuredDate, demo: site.demo,
  })))
  if (services.length > 0) {
    const json = rowsJson(services)
    await sql`
      INSERT INTO services (id, organization_id, name, codes, source, source_id, assured_date, demo)
      SELECT id, org, name, codes, source, id, assured_date, demo
        FROM json_to_recordset(${json}::json) AS t(id text, org text, name text, codes text[], source text, assured_date date, demo boolean)`.execute(db)
    await sql`
      INSERT INTO service_at_location (id, service_id, location_id)
      SELECT id || '@' || loc, id, loc FROM json_to_recordset(${json}::json) AS t(id text, loc text)`.execute(db)
  }

  const hours = sites.flatMap((site) => site.hours.map((rule, i) => ({
    id: `${site.location.id}-h${i}`, loc: site.location.id, byday: rule.byday, opens: rule.opens, closes: rule.closes,
    valid_from: rule.valid_from, valid_to: rule.valid_to,
  })))
  if (hours.length > 0) {
    await sql`
      INSERT INTO schedules (id, location_id, byday, opens_at, closes_at, valid_from, valid_to)
      SELECT id, loc, byday, opens, closes, valid_from, valid_to
        FROM json_to_recordset(${rowsJson(hours)}::json) AS t(id text, loc text, byday text, opens time, closes time, valid_from date, valid_to date)`.execute(db)
  }

  const phones = sites.flatMap((site) => site.phones.map((phone, i) => ({
    id: `${site.location.id}-p${i}`, loc: site.location.id, number: phone.number, type: phone.type ?? 'voice', ordinal: i,
  })))
  if (phones.length > 0) {
    await sql`
      INSERT INTO phones (id, location_id, number, type, ordinal)
      SELECT id, loc, number, type, ordinal
        FROM json_to_recordset(${rowsJson(phones)}::json) AS t(id text, loc text, number text, type text, ordinal int)`.execute(db)
  }
}
