/**
 * Re-deriving locations from their source records: what changed is written to the directory
 * tables and to audit_log with its previous and new value. Set-based: a handful of statements
 * per call whatever the number of locations, and no per-location scans of the loaded rows.
 */
import { createHash, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { arrayLiteral } from '../db/sql.js'
import { applyHeld, comparable, type Disagreement, type LocationView } from './held-fields.js'
import { phoneOfRow, phoneParts } from './import-record.js'
import { deriveLocation, derivedServices, diffFields, LOCATION_FIELDS, type DerivedLocation } from './location-derive.js'
import { linkFromRow, writeAudit, type AuditEntry, type ChangeContext, type Db, type SourceLink } from './location-sources.js'
import type { HoursRule } from '../db/schema.js'
import { recurrenceColumns, RULE_COLUMNS, ruleOfRow } from '../schedule/rows.js'

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

/** The audit source of changes made by curators (and the jobs that act for them), as opposed to imports. */
export const CURATOR_SOURCE = 'curator'

export interface RecomputeResult {
  /** Locations with any change. */
  changed: number
  /** New "source disagrees" items (a held field the import would have set otherwise). */
  disagreements: number
}

const sortedLists = <T extends Record<string, unknown>>(row: T): T => {
  const out: Record<string, unknown> = { ...row }
  for (const f of ['types', 'payment', 'populations', 'access', 'languages'] as const) out[f] = [...(row[f] as string[])].sort()
  return out as T
}

/**
 * Re-derives locations from their source records, with the fields curators hold on top;
 * every change is audited with `context.action` (and the curator, when there is one). An
 * import (any source but 'curator') records where the source disagrees with a held field.
 * A location without source records (demo data, hand-made sites) keeps its stored values
 * under the held ones.
 */
export async function recomputeLocations(db: Db, locationIds: readonly string[], context: ChangeContext): Promise<RecomputeResult> {
  const ids = [...new Set(locationIds)]
  if (ids.length === 0) return { changed: 0, disagreements: 0 }
  const inIds = sql<string>`ANY(${ids}::text[])`
  const [locations, linkRows, heldRows] = await Promise.all([
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
    db.selectFrom('curator_overrides').select(['location_id', 'field', 'value']).where('location_id', '=', inIds).execute(),
  ])
  const links = linkRows.map(linkFromRow)
  const orgIds = [...new Set(locations.map((l) => l.organization_id))]
  const serviceIds = links.map((l) => l.service_id).filter((s): s is string => !!s)
  const [orgRows, serviceRows, phoneRows, hourRows, siteServiceRows] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'website', 'email']).where('id', '=', sql<string>`ANY(${orgIds}::text[])`).execute(),
    db.selectFrom('services').select(['id', 'name', 'codes', 'status']).where('id', '=', sql<string>`ANY(${serviceIds}::text[])`).execute(),
    db
      .selectFrom('phones')
      .select(['location_id', 'number', 'extension'])
      .where('location_id', '=', inIds)
      .orderBy('location_id')
      .orderBy('ordinal')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('schedules')
      .select(['location_id', ...RULE_COLUMNS])
      .where('location_id', '=', inIds)
      .orderBy('location_id')
      .orderBy('id')
      .execute(),
    // The site's service codes where no source record describes it.
    heldRows.length
      ? db
          .selectFrom('service_at_location as sal')
          .innerJoin('services as s', 's.id', 'sal.service_id')
          .select(['sal.location_id', 's.codes'])
          .where('sal.location_id', '=', inIds)
          .where('s.status', '=', 'active')
          .execute()
      : Promise.resolve([]),
  ])
  const orgById = new Map(orgRows.map((o) => [o.id, o]))
  const serviceById = new Map(serviceRows.map((s) => [s.id, s]))
  const linksOf = groupBy<SourceLink>(links, (l) => l.location_id)
  const phonesOf = groupBy(phoneRows, (p) => p.location_id as string)
  const hoursOf = groupBy(hourRows, (h) => h.location_id as string)
  const siteServicesOf = groupBy(siteServiceRows, (r) => r.location_id)
  const heldOf = new Map<string, Map<string, unknown>>()
  for (const h of heldRows) {
    const m = heldOf.get(h.location_id) ?? new Map<string, unknown>()
    m.set(h.field, h.value)
    heldOf.set(h.location_id, m)
  }
  const audit: AuditEntry[] = []
  const disagreements: NewDisagreement[] = []
  const changes: Changes = { locations: [], organizations: [], services: [], phones: new Map(), hours: new Map() }
  const record = (e: { field: string; previous: unknown; next: unknown }, type: AuditEntry['entity_type'], id: string) =>
    audit.push({ entity_type: type, entity_id: id, action: context.action ?? 'update', field_name: e.field, previous_value: e.previous, new_value: e.next })
  let changed = 0
  for (const loc of locations) {
    const own = linksOf.get(loc.id) ?? []
    const primary = own.find((l) => l.source === loc.source && l.source_id === loc.source_id)
    const held = heldOf.get(loc.id)
    if (!primary && !held) continue
    const merged = own.filter((l) => l !== primary)
    const org = orgById.get(loc.organization_id)
    const before = sortedLists(loc)
    const currentPhones = (phonesOf.get(loc.id) ?? []).map(phoneOfRow)
    const currentHours = (hoursOf.get(loc.id) ?? []).map(ruleOfRow)
    const base: LocationView = primary
      ? {
          location: deriveLocation(
            primary.record,
            merged.map((l) => l.record),
          ),
          organizationName: primary.record.organizationName,
          // The primary's first (merged_at sorts it last: it has none), then the merged records'.
          phones: [...new Set([primary, ...merged].flatMap((l) => l.record.phones))],
          hours: primary.record.hours,
          services: derivedServices(
            primary.record,
            merged.map((l) => l.record),
          ),
        }
      : {
          // Curator-only fields have no other origin: not held, they are empty (and a closure
          // whose hold was released is over).
          location: {
            ...before,
            public_note: null,
            status_until: null,
            status_reason: null,
            services_override: null,
            status: before.status === 'temporarily_closed' && before.status_until ? 'active' : before.status,
          } as DerivedLocation,
          organizationName: org?.name ?? loc.name,
          phones: currentPhones,
          hours: currentHours,
          services: [...new Set((siteServicesOf.get(loc.id) ?? []).flatMap((r) => r.codes))].sort(),
        }
    const { view, disagreements: found } = held ? applyHeld(base, held) : { view: base, disagreements: [] }
    if (primary && context.source !== CURATOR_SOURCE) {
      for (const d of found) disagreements.push({ locationId: loc.id, source: primary.source, ...d })
    }
    const derived = view.location
    const diffs = diffFields<Record<string, unknown>>(before, { ...derived }, LOCATION_FIELDS)
    const attributes = primary?.record.attributes ?? loc.source_attributes
    const attrsChanged = JSON.stringify(loc.source_attributes) !== JSON.stringify(attributes)
    let any = false
    if (diffs.length || attrsChanged) {
      any = true
      changes.locations.push({ id: loc.id, derived, attributes: attrsChanged ? attributes : null })
      for (const d of diffs) record(d, 'location', loc.id)
      if (attrsChanged) record({ field: 'source_attributes', previous: loc.source_attributes, next: attributes }, 'location', loc.id)
    }
    // Organization: named by the primary record (or a curator).
    if (org) {
      const wanted = { name: view.organizationName, website: primary ? primary.record.website : org.website, email: primary ? primary.record.email : org.email }
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
    // Phones: the primary's first, then any other record's (or a curator's list).
    if (!sameList(currentPhones, view.phones)) {
      any = true
      changes.phones.set(loc.id, view.phones)
      record({ field: 'phones', previous: currentPhones, next: view.phones }, 'location', loc.id)
    }
    // Hours: the primary record's (or a curator's).
    if (!sameList(currentHours, view.hours)) {
      any = true
      changes.hours.set(loc.id, view.hours)
      record({ field: 'hours', previous: currentHours, next: view.hours }, 'location', loc.id)
    }
    if (any) changed++
  }
  await writeChanges(db, changes, context.source !== CURATOR_SOURCE)
  await writeAudit(db, audit, context)
  const added = await recordDisagreements(db, disagreements, context.batchId)
  return { changed, disagreements: added }
}

interface NewDisagreement extends Disagreement {
  locationId: string
  source: string
}

/** Stores "source disagrees" items; a value already asked about (open or decided) is not asked again. */
async function recordDisagreements(db: Db, items: readonly NewDisagreement[], batchId: string | null): Promise<number> {
  if (items.length === 0) return 0
  const hash = (d: NewDisagreement) => createHash('sha256').update(comparable(d.field, d.sourceValue)).digest('hex').slice(0, 32)
  const result = await sql`
    INSERT INTO source_disagreements (id, location_id, field, source, source_value, curator_value, value_hash, batch_id)
    SELECT * FROM unnest(${items.map(() => randomUUID())}::text[], ${items.map((d) => d.locationId)}::text[], ${items.map((d) => d.field)}::text[],
      ${items.map((d) => d.source)}::text[], ${items.map((d) => JSON.stringify(d.sourceValue ?? null))}::jsonb[],
      ${items.map((d) => JSON.stringify(d.curatorValue ?? null))}::jsonb[], ${items.map(hash)}::text[], ${items.map(() => batchId)}::text[])
    ON CONFLICT (location_id, field, value_hash) DO NOTHING RETURNING id`.execute(db)
  return result.rows.length
}

/** Writes the derived values: one statement per table. */
async function writeChanges(db: Db, c: Changes, imported: boolean): Promise<void> {
  const locs = c.locations
  if (locs.length) {
    const col = <T>(pick: (d: DerivedLocation) => T) => locs.map((l) => pick(l.derived))
    await sql`
      UPDATE locations l SET name = t.name, alternate_name = t.alt, description = t.descr, address_1 = t.a1, address_2 = t.a2, mailing_address = t.mail, city = t.city, region = t.region,
             postal_code = t.zip, latitude = t.lat, longitude = t.lon, geog = ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography,
             geocode_precision = t.prec, timezone = t.tz, status = t.status, website = t.web, types = t.types::text[],
             payment = t.payment::text[], populations = t.populations::text[], access = t.access::text[], languages = t.languages::text[],
             public_note = t.note, status_until = t.until, status_reason = t.why, services_override = t.held_services::text[],
             source_attributes = coalesce(t.attrs, l.source_attributes), updated_at = now(),
             imported_at = CASE WHEN ${imported} THEN now() ELSE l.imported_at END
        FROM unnest(${locs.map((l) => l.id)}::text[], ${col((d) => d.name)}::text[], ${col((d) => d.alternate_name)}::text[], ${col((d) => d.description)}::text[],
          ${col((d) => d.address_1)}::text[], ${col((d) => d.address_2)}::text[], ${col((d) => d.mailing_address)}::text[], ${col((d) => d.city)}::text[], ${col((d) => d.region)}::text[],
          ${col((d) => d.postal_code)}::text[], ${col((d) => d.latitude)}::float8[], ${col((d) => d.longitude)}::float8[],
          ${col((d) => d.geocode_precision)}::text[], ${col((d) => d.timezone)}::text[], ${col((d) => d.status)}::text[], ${col((d) => d.website)}::text[],
          ${col((d) => arrayLiteral(d.types))}::text[], ${col((d) => arrayLiteral(d.payment))}::text[], ${col((d) => arrayLiteral(d.populations))}::text[],
          ${col((d) => arrayLiteral(d.access))}::text[], ${col((d) => arrayLiteral(d.languages))}::text[],
          ${col((d) => d.public_note)}::text[], ${col((d) => d.status_until)}::date[], ${col((d) => d.status_reason)}::text[],
          ${col((d) => (d.services_override ? arrayLiteral(d.services_override) : null))}::text[],
          ${locs.map((l) => (l.attributes ? JSON.stringify(l.attributes) : null))}::jsonb[])
          AS t(id, name, alt, descr, a1, a2, mail, city, region, zip, lat, lon, prec, tz, status, web, types, payment, populations, access, languages,
               note, until, why, held_services, attrs)
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
    const rows = [...c.phones].flatMap(([loc, numbers]) => numbers.map((phone, i) => ({ loc, ...phoneParts(phone), i })))
    if (rows.length) {
      await sql`
        INSERT INTO phones (id, location_id, number, extension, ordinal)
        SELECT * FROM unnest(${rows.map((r) => `${r.loc}-p${r.i}`)}::text[], ${rows.map((r) => r.loc)}::text[],
          ${rows.map((r) => r.number)}::text[], ${rows.map((r) => r.extension)}::text[], ${rows.map((r) => r.i)}::int[])`.execute(db)
    }
  }
  if (c.hours.size) {
    await sql`DELETE FROM schedules WHERE location_id = ANY(${[...c.hours.keys()]}::text[])`.execute(db)
    const rows = [...c.hours].flatMap(([loc, rules]) => rules.map((h, i) => ({ loc, h, i })))
    if (rows.length) {
      await sql`
        INSERT INTO schedules (id, location_id, byday, opens_at, closes_at, valid_from, valid_to, freq, "interval", bymonthday, dtstart)
        SELECT * FROM unnest(${rows.map((r) => `${r.loc}-h${r.i}`)}::text[], ${rows.map((r) => r.loc)}::text[],
          ${rows.map((r) => r.h.byday)}::text[], ${rows.map((r) => r.h.opens)}::time[], ${rows.map((r) => r.h.closes)}::time[],
          ${rows.map((r) => r.h.valid_from)}::date[], ${rows.map((r) => r.h.valid_to)}::date[],
          ${rows.map((r) => recurrenceColumns(r.h).freq)}::text[], ${rows.map((r) => recurrenceColumns(r.h).interval)}::int[],
          ${rows.map((r) => recurrenceColumns(r.h).bymonthday)}::text[], ${rows.map((r) => recurrenceColumns(r.h).dtstart)}::date[])`.execute(db)
    }
  }
}
