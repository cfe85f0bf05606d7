/**
 * Re-deriving locations from their source records: what changed is written to the directory
 * tables and to audit_log with its previous and new value. Set-based: a handful of statements
 * per call whatever the number of locations, and no per-location scans of the loaded rows.
 */
import { sql } from 'kysely'
import { arrayLiteral } from '../db/sql.js'
import { deriveLocation, diffFields, LOCATION_FIELDS, type DerivedLocation } from './location-derive.js'
import { linkFromRow, writeAudit, type AuditEntry, type ChangeContext, type Db, type SourceLink } from './location-sources.js'
import type { HoursRule } from '../db/schema.js'

const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b)

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = out.get(k)
    if (list) list.push(row)
    else out.set(k, [row])
  }
  return out
}

interface Changes {
  locations: { id: string; derived: DerivedLocation; attributes: Record<string, unknown> | null }[]
  organizations: { id: string; name: string; website: string | null; email: string | null }[]
  services: { id: string; name: string; codes: string[]; status: string }[]
  phones: Map<string, string[]>
  hours: Map<string, HoursRule[]>
}

/**
 * Re-derives locations from their source records; returns how many had any change.
 * Every change is audited with `context.action`.
 */
export async function recomputeLocations(db: Db, locationIds: readonly string[], context: ChangeContext): Promise<number> {
  const ids = [...new Set(locationIds)]
  if (ids.length === 0) return 0
  const inIds = sql<string>`ANY(${ids}::text[])`
  const [locations, linkRows] = await Promise.all([
    db
      .selectFrom('locations')
      .select(['id', 'organization_id', 'source', 'source_id', 'source_attributes', ...LOCATION_FIELDS])
      .where('id', '=', inIds)
      .execute(),
    db
      .selectFrom('location_sources')
      .select(['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash'])
      .where('location_id', '=', inIds)
      .orderBy('merged_at', 'asc')
      .orderBy('source')
      .orderBy('source_id')
      .execute(),
  ])
  const links = linkRows.map(linkFromRow)
  const orgIds = [...new Set(locations.map((l) => l.organization_id))]
  const serviceIds = links.map((l) => l.service_id).filter((s): s is string => !!s)
  const [orgRows, serviceRows, phoneRows, hourRows] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'website', 'email']).where('id', '=', sql<string>`ANY(${orgIds}::text[])`).execute(),
    db.selectFrom('services').select(['id', 'name', 'codes', 'status']).where('id', '=', sql<string>`ANY(${serviceIds}::text[])`).execute(),
    db
      .selectFrom('phones')
      .select(['location_id', 'number'])
      .where('location_id', '=', inIds)
      .orderBy('location_id')
      .orderBy('ordinal')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('schedules')
      .select(['location_id', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to'])
      .where('location_id', '=', inIds)
      .orderBy('location_id')
      .orderBy('id')
      .execute(),
  ])
  const orgById = new Map(orgRows.map((o) => [o.id, o]))
  const serviceById = new Map(serviceRows.map((s) => [s.id, s]))
  const linksOf = groupBy<SourceLink>(links, (l) => l.location_id)
  const phonesOf = groupBy(phoneRows, (p) => p.location_id as string)
  const hoursOf = groupBy(hourRows, (h) => h.location_id as string)
  const audit: AuditEntry[] = []
  const changes: Changes = { locations: [], organizations: [], services: [], phones: new Map(), hours: new Map() }
  const record = (e: { field: string; previous: unknown; next: unknown }, type: AuditEntry['entity_type'], id: string) =>
    audit.push({ entity_type: type, entity_id: id, action: context.action ?? 'update', field_name: e.field, previous_value: e.previous, new_value: e.next })
  let changed = 0
  for (const loc of locations) {
    const own = linksOf.get(loc.id) ?? []
    const primary = own.find((l) => l.source === loc.source && l.source_id === loc.source_id)
    if (!primary) continue
    const merged = own.filter((l) => l !== primary)
    const derived = deriveLocation(
      primary.record,
      merged.map((l) => l.record),
    )
    const before = {
      ...loc,
      types: [...loc.types].sort(),
      payment: [...loc.payment].sort(),
      populations: [...loc.populations].sort(),
      access: [...loc.access].sort(),
      languages: [...loc.languages].sort(),
    }
    const diffs = diffFields<Record<string, unknown>>(before, { ...derived }, LOCATION_FIELDS)
    const attrsChanged = JSON.stringify(loc.source_attributes) !== JSON.stringify(primary.record.attributes)
    let any = false
    if (diffs.length || attrsChanged) {
      any = true
      changes.locations.push({ id: loc.id, derived, attributes: attrsChanged ? primary.record.attributes : null })
      for (const d of diffs) record(d, 'location', loc.id)
      if (attrsChanged) record({ field: 'source_attributes', previous: loc.source_attributes, next: primary.record.attributes }, 'location', loc.id)
    }
    // Organization: named by the primary record.
    const org = orgById.get(loc.organization_id)
    if (org) {
      const wanted = { name: primary.record.organizationName, website: primary.record.website, email: primary.record.email }
      const orgDiffs = diffFields<Record<string, unknown>>({ name: org.name, website: org.website, email: org.email }, wanted, ['name', 'website', 'email'])
      if (orgDiffs.length) {
        any = true
        changes.organizations.push({ id: org.id, ...wanted })
        for (const d of orgDiffs) record(d, 'organization', loc.organization_id)
      }
    }
    // Each record's own service row.
    for (const l of own) {
      const current = l.service_id ? serviceById.get(l.service_id) : undefined
      if (!current) continue
      const wanted = { name: l.record.serviceName, codes: [...l.record.services].sort(), status: l.record.status === 'active' ? 'active' : 'inactive' }
      const svcDiffs = diffFields<Record<string, unknown>>({ ...current, codes: [...current.codes].sort() }, wanted, ['name', 'codes', 'status'])
      if (svcDiffs.length) {
        any = true
        changes.services.push({ id: current.id, ...wanted })
        for (const d of svcDiffs) record(d, 'service', current.id)
      }
    }
    // Phones: the primary's first, then any other record's.
    const wantedPhones = [...new Set(own.flatMap((l) => l.record.phones))]
    const phones = phonesOf.get(loc.id) ?? []
    if (
      !sameList(
        phones.map((p) => p.number),
        wantedPhones,
      )
    ) {
      any = true
      changes.phones.set(loc.id, wantedPhones)
      record({ field: 'phones', previous: phones.map((p) => p.number), next: wantedPhones }, 'location', loc.id)
    }
    // Hours: the primary record's.
    const currentHours = (hoursOf.get(loc.id) ?? []).map((h) => ({
      byday: h.byday,
      opens: h.opens_at.slice(0, 5),
      closes: h.closes_at.slice(0, 5),
      valid_from: h.valid_from,
      valid_to: h.valid_to,
    }))
    if (!sameList(currentHours, primary.record.hours)) {
      any = true
      changes.hours.set(loc.id, primary.record.hours)
      record({ field: 'hours', previous: currentHours, next: primary.record.hours }, 'location', loc.id)
    }
    if (any) changed++
  }
  await writeChanges(db, changes)
  await writeAudit(db, audit, context)
  return changed
}

/** Writes the derived values: one statement per table. */
async function writeChanges(db: Db, c: Changes): Promise<void> {
  const locs = c.locations
  if (locs.length) {
    const col = <T>(pick: (d: DerivedLocation) => T) => locs.map((l) => pick(l.derived))
    await sql`
      UPDATE locations l SET name = t.name, description = t.descr, address_1 = t.a1, address_2 = t.a2, city = t.city, region = t.region,
             postal_code = t.zip, latitude = t.lat, longitude = t.lon, geog = ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography,
             geocode_precision = t.prec, timezone = t.tz, status = t.status, website = t.web, types = t.types::text[],
             payment = t.payment::text[], populations = t.populations::text[], access = t.access::text[], languages = t.languages::text[],
             source_attributes = coalesce(t.attrs, l.source_attributes), updated_at = now(), imported_at = now()
        FROM unnest(${locs.map((l) => l.id)}::text[], ${col((d) => d.name)}::text[], ${col((d) => d.description)}::text[],
          ${col((d) => d.address_1)}::text[], ${col((d) => d.address_2)}::text[], ${col((d) => d.city)}::text[], ${col((d) => d.region)}::text[],
          ${col((d) => d.postal_code)}::text[], ${col((d) => d.latitude)}::float8[], ${col((d) => d.longitude)}::float8[],
          ${col((d) => d.geocode_precision)}::text[], ${col((d) => d.timezone)}::text[], ${col((d) => d.status)}::text[], ${col((d) => d.website)}::text[],
          ${col((d) => arrayLiteral(d.types))}::text[], ${col((d) => arrayLiteral(d.payment))}::text[], ${col((d) => arrayLiteral(d.populations))}::text[],
          ${col((d) => arrayLiteral(d.access))}::text[], ${col((d) => arrayLiteral(d.languages))}::text[],
          ${locs.map((l) => (l.attributes ? JSON.stringify(l.attributes) : null))}::jsonb[])
          AS t(id, name, descr, a1, a2, city, region, zip, lat, lon, prec, tz, status, web, types, payment, populations, access, languages, attrs)
       WHERE l.id = t.id`.execute(db)
  }
  const orgs = c.organizations
  if (orgs.length) {
    await sql`
      UPDATE organizations o SET name = t.name, website = t.web, email = t.email, updated_at = now()
        FROM unnest(${orgs.map((o) => o.id)}::text[], ${orgs.map((o) => o.name)}::text[], ${orgs.map((o) => o.website)}::text[],
          ${orgs.map((o) => o.email)}::text[]) AS t(id, name, web, email)
       WHERE o.id = t.id`.execute(db)
  }
  const svcs = c.services
  if (svcs.length) {
    await sql`
      UPDATE services s SET name = t.name, codes = t.codes::text[], status = t.status, updated_at = now()
        FROM unnest(${svcs.map((s) => s.id)}::text[], ${svcs.map((s) => s.name)}::text[], ${svcs.map((s) => arrayLiteral(s.codes))}::text[],
          ${svcs.map((s) => s.status)}::text[]) AS t(id, name, codes, status)
       WHERE s.id = t.id`.execute(db)
  }
  if (c.phones.size) {
    await sql`DELETE FROM phones WHERE location_id = ANY(${[...c.phones.keys()]}::text[])`.execute(db)
    const rows = [...c.phones].flatMap(([loc, numbers]) => numbers.map((number, i) => ({ loc, number, i })))
    if (rows.length) {
      await sql`
        INSERT INTO phones (id, location_id, number, ordinal)
        SELECT * FROM unnest(${rows.map((r) => `${r.loc}-p${r.i}`)}::text[], ${rows.map((r) => r.loc)}::text[],
          ${rows.map((r) => r.number)}::text[], ${rows.map((r) => r.i)}::int[])`.execute(db)
    }
  }
  if (c.hours.size) {
    await sql`DELETE FROM schedules WHERE location_id = ANY(${[...c.hours.keys()]}::text[])`.execute(db)
    const rows = [...c.hours].flatMap(([loc, rules]) => rules.map((h, i) => ({ loc, h, i })))
    if (rows.length) {
      await sql`
        INSERT INTO schedules (id, location_id, byday, opens_at, closes_at, valid_from, valid_to)
        SELECT * FROM unnest(${rows.map((r) => `${r.loc}-h${r.i}`)}::text[], ${rows.map((r) => r.loc)}::text[],
          ${rows.map((r) => r.h.byday)}::text[], ${rows.map((r) => r.h.opens)}::time[], ${rows.map((r) => r.h.closes)}::time[],
          ${rows.map((r) => r.h.valid_from)}::date[], ${rows.map((r) => r.h.valid_to)}::date[])`.execute(db)
    }
  }
}
