/**
 * Fast bulk insert of new sites: one INSERT … SELECT FROM unnest(...) per table and batch,
 * so each batch costs a handful of round trips whatever its size.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SiteRecord } from './site-record.js'

type Db = Kysely<Database> | Transaction<Database>

/** Postgres array literal for text[] elements passed through a text[] parameter (arrays of arrays). */
export function arrayLiteral(values: readonly string[]): string {
  return '{' + values.map((v) => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',') + '}'
}

function column<T>(rows: readonly T[], pick: (row: T) => unknown): unknown[] {
  return rows.map(pick)
}

/** Inserts sites that do not exist yet (ids and (source, source_id) must be new). */
export async function insertSites(db: Db, sites: readonly SiteRecord[]): Promise<void> {
  if (sites.length === 0) return
  const s = sites
  await sql`
    INSERT INTO organizations (id, name, description, website, email, source, source_id, assured_date, demo, source_attributes)
    SELECT * FROM unnest(${column(s, (x) => x.organization.id)}::text[], ${column(s, (x) => x.organization.name)}::text[],
      ${column(s, (x) => x.organization.description ?? null)}::text[], ${column(s, (x) => x.organization.website ?? null)}::text[],
      ${column(s, (x) => x.organization.email ?? null)}::text[], ${column(s, (x) => x.source)}::text[],
      ${column(s, (x) => x.sourceId)}::text[], ${column(s, (x) => x.assuredDate)}::date[], ${column(s, (x) => x.demo)}::boolean[],
      ${column(s, (x) => JSON.stringify(x.sourceAttributes ?? {}))}::jsonb[])`.execute(db)
  await sql`
    INSERT INTO locations (id, organization_id, name, description, mobile, address_1, address_2, city, region, postal_code,
      latitude, longitude, geog, geocode_precision, timezone, status, website, types, payment, populations, access, languages,
      source, source_id, assured_date, demo, source_attributes)
    SELECT id, org, name, descr, mobile, a1, a2, city, region, zip, lat, lon,
           ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, prec, tz, status, web,
           types::text[], payment::text[], populations::text[], access::text[], languages::text[], src, src_id, assured, demo, attrs
      FROM unnest(${column(s, (x) => x.location.id)}::text[], ${column(s, (x) => x.organization.id)}::text[],
        ${column(s, (x) => x.location.name)}::text[], ${column(s, (x) => x.location.description ?? null)}::text[],
        ${column(s, (x) => x.location.mobile ?? false)}::boolean[], ${column(s, (x) => x.location.address1)}::text[],
        ${column(s, (x) => x.location.address2 ?? null)}::text[], ${column(s, (x) => x.location.city)}::text[],
        ${column(s, (x) => x.location.region)}::text[], ${column(s, (x) => x.location.postalCode)}::text[],
        ${column(s, (x) => x.location.latitude)}::float8[], ${column(s, (x) => x.location.longitude)}::float8[],
        ${column(s, (x) => x.location.geocodePrecision)}::text[], ${column(s, (x) => x.location.timezone)}::text[],
        ${column(s, (x) => x.location.status)}::text[], ${column(s, (x) => x.location.website ?? null)}::text[],
        ${column(s, (x) => arrayLiteral(x.location.types))}::text[], ${column(s, (x) => arrayLiteral(x.location.payment))}::text[],
        ${column(s, (x) => arrayLiteral(x.location.populations))}::text[], ${column(s, (x) => arrayLiteral(x.location.access))}::text[],
        ${column(s, (x) => arrayLiteral(x.location.languages))}::text[], ${column(s, (x) => x.source)}::text[],
        ${column(s, (x) => x.sourceId)}::text[], ${column(s, (x) => x.assuredDate)}::date[], ${column(s, (x) => x.demo)}::boolean[],
        ${column(s, (x) => JSON.stringify(x.sourceAttributes ?? {}))}::jsonb[])
        AS t(id, org, name, descr, mobile, a1, a2, city, region, zip, lat, lon, prec, tz, status, web,
             types, payment, populations, access, languages, src, src_id, assured, demo, attrs)`.execute(db)

  const services = s.flatMap((site) => site.services.map((svc) => ({ site, svc })))
  if (services.length > 0) {
    await sql`
      INSERT INTO services (id, organization_id, name, codes, source, source_id, assured_date, demo)
      SELECT id, org, name, codes::text[], src, src_id, assured, demo
        FROM unnest(${column(services, (x) => x.svc.id)}::text[], ${column(services, (x) => x.site.organization.id)}::text[],
          ${column(services, (x) => x.svc.name)}::text[], ${column(services, (x) => arrayLiteral(x.svc.codes))}::text[],
          ${column(services, (x) => x.site.source)}::text[], ${column(services, (x) => x.svc.id)}::text[],
          ${column(services, (x) => x.site.assuredDate)}::date[], ${column(services, (x) => x.site.demo)}::boolean[])
          AS t(id, org, name, codes, src, src_id, assured, demo)`.execute(db)
    await sql`
      INSERT INTO service_at_location (id, service_id, location_id)
      SELECT * FROM unnest(${column(services, (x) => x.svc.id + '@' + x.site.location.id)}::text[],
        ${column(services, (x) => x.svc.id)}::text[], ${column(services, (x) => x.site.location.id)}::text[])`.execute(db)
  }

  const hours = s.flatMap((site) => site.hours.map((rule, i) => ({ site, rule, i })))
  if (hours.length > 0) {
    await sql`
      INSERT INTO schedules (id, location_id, byday, opens_at, closes_at, valid_from, valid_to)
      SELECT * FROM unnest(${column(hours, (x) => `${x.site.location.id}-h${x.i}`)}::text[],
        ${column(hours, (x) => x.site.location.id)}::text[], ${column(hours, (x) => x.rule.byday)}::text[],
        ${column(hours, (x) => x.rule.opens)}::time[], ${column(hours, (x) => x.rule.closes)}::time[],
        ${column(hours, (x) => x.rule.valid_from)}::date[], ${column(hours, (x) => x.rule.valid_to)}::date[])`.execute(db)
  }

  const phones = s.flatMap((site) => site.phones.map((phone, i) => ({ site, phone, i })))
  if (phones.length > 0) {
    await sql`
      INSERT INTO phones (id, location_id, number, type, ordinal)
      SELECT * FROM unnest(${column(phones, (x) => `${x.site.location.id}-p${x.i}`)}::text[],
        ${column(phones, (x) => x.site.location.id)}::text[], ${column(phones, (x) => x.phone.number)}::text[],
        ${column(phones, (x) => x.phone.type ?? 'voice')}::text[], ${column(phones, (x) => x.i)}::int[])`.execute(db)
  }
}
