/**
 * A site as a curator edits it: every editable field's current value, which fields curators
 * hold, when each critical field was last confirmed, and the site's open queue items; and the
 * site's history (its audit trail, with the curator who made each change).
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'

export interface Listing {
  id: string
  values: Record<string, unknown>
  held: { field: string; set_at: string; by: string | null }[]
  verifications: Record<string, { verified_on: string; how: string; by: string | null }>
  assured_date: string | null
  source: string
  sources: { source: string; source_id: string; primary: boolean; merged_at: string | null }[]
  demo: boolean
  mobile: boolean
  geocode_precision: string
  updated_at: string
  open: { reports: number; disagreements: number; merges: number }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/** The editable listing of a site, or null when there is none. */
export async function loadListing(db: Kysely<Database>, id: string): Promise<Listing | null> {
  const loc = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!loc) return null
  const [org, phones, hours, services, held, verifications, sources, open] = await Promise.all([
    db.selectFrom('organizations').select('name').where('id', '=', loc.organization_id).executeTakeFirst(),
    db.selectFrom('phones').select(['number', 'extension']).where('location_id', '=', id).orderBy('ordinal').orderBy('id').execute(),
    db.selectFrom('schedules').select(['byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to']).where('location_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('services as s', 's.id', 'sal.service_id')
      .select('s.codes')
      .where('sal.location_id', '=', id)
      .where('s.status', '=', 'active')
      .execute(),
    db
      .selectFrom('curator_overrides as o')
      .leftJoin('accounts as a', 'a.id', 'o.account_id')
      .select(['o.field', 'o.set_at', 'a.name as by'])
      .where('o.location_id', '=', id)
      .orderBy('o.field')
      .execute(),
    db
      .selectFrom('site_verifications as v')
      .leftJoin('accounts as a', 'a.id', 'v.account_id')
      .select(['v.field', 'v.verified_on', 'v.how', 'a.name as by'])
      .where('v.location_id', '=', id)
      .execute(),
    db
      .selectFrom('location_sources')
      .select(['source', 'source_id', 'merged_at'])
      .where('location_id', '=', id)
      .orderBy('merged_at', 'asc')
      .orderBy('source')
      .execute(),
    sql<{ reports: number; disagreements: number; merges: number }>`
      SELECT (SELECT count(*)::int FROM problem_reports WHERE location_id = ${id} AND status = 'open') AS reports,
             (SELECT count(*)::int FROM source_disagreements WHERE location_id = ${id} AND status = 'open') AS disagreements,
             (SELECT count(*)::int FROM merge_reviews WHERE location_id = ${id} AND status = 'open') AS merges`.execute(db),
  ])
  const siteServices = loc.services_override ?? [...new Set(services.flatMap((s) => s.codes))].sort()
  return {
    id,
    values: {
      name: loc.name,
      organization_name: org?.name ?? null,
      description: loc.description,
      address_1: loc.address_1,
      address_2: loc.address_2,
      city: loc.city,
      region: loc.region,
      postal_code: loc.postal_code,
      point: loc.latitude !== null && loc.longitude !== null ? { lat: loc.latitude, lon: loc.longitude } : null,
      // " x12": the form the editor's phone field accepts (fields.ts stores it as " ext. 12").
      phones: phones.map((p) => (p.extension ? `${p.number} x${p.extension}` : p.number)),
      website: loc.website,
      types: [...loc.types].sort(),
      services: siteServices,
      payment: [...loc.payment].sort(),
      populations: [...loc.populations].sort(),
      access: [...loc.access].sort(),
      languages: [...loc.languages].sort(),
      hours: hours.map((h) => ({
        byday: h.byday,
        opens: h.opens_at.slice(0, 5),
        closes: h.closes_at.slice(0, 5),
        valid_from: h.valid_from,
        valid_to: h.valid_to,
      })),
      timezone: loc.timezone,
      status: loc.status,
      status_until: loc.status_until,
      status_reason: loc.status_reason,
      public_note: loc.public_note,
    },
    held: held.map((h) => ({ field: h.field, set_at: iso(h.set_at) as string, by: h.by })),
    verifications: Object.fromEntries(verifications.map((v) => [v.field, { verified_on: v.verified_on, how: v.how, by: v.by }])),
    assured_date: loc.assured_date,
    source: loc.source,
    sources: sources.map((s) => ({
      source: s.source,
      source_id: s.source_id,
      primary: s.source === loc.source && s.source_id === loc.source_id,
      merged_at: iso(s.merged_at),
    })),
    demo: loc.demo,
    mobile: loc.mobile,
    geocode_precision: loc.geocode_precision,
    updated_at: iso(loc.updated_at) as string,
    open: open.rows[0] ?? { reports: 0, disagreements: 0, merges: 0 },
  }
}

export interface HistoryEntry {
  id: number
  entity_type: string
  field: string | null
  action: string
  previous_value: unknown
  new_value: unknown
  /** 'curator' (with the account), 'provider' (through an update link, named in new_value.link_id), or the source whose import made the change. */
  by:
    | { kind: 'curator'; account_id: string | null; name: string | null }
    | { kind: 'provider' }
    | { kind: 'import'; source: string | null; batch_id: string | null }
  reason: string | null
  changed_at: string
}

/** A site's audit trail (the location, its organization and its services), newest first. */
export async function siteHistory(db: Kysely<Database>, id: string, options: { limit: number; before?: number }): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('audit_log as h')
    .leftJoin('accounts as a', 'a.id', 'h.account_id')
    .select([
      'h.id',
      'h.entity_type',
      'h.field_name',
      'h.action',
      'h.previous_value',
      'h.new_value',
      'h.source',
      'h.batch_id',
      'h.account_id',
      'a.name',
      'h.reason',
      'h.changed_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('h.entity_type', '=', 'location'), eb('h.entity_id', '=', id)]),
        eb.and([eb('h.entity_type', '=', 'organization'), eb('h.entity_id', '=', eb.selectFrom('locations').select('organization_id').where('id', '=', id))]),
        eb.and([
          eb('h.entity_type', '=', 'service'),
          eb('h.entity_id', 'in', eb.selectFrom('service_at_location').select('service_id').where('location_id', '=', id)),
        ]),
      ]),
    )
    .$if(options.before !== undefined, (q) => q.where('h.id', '<', options.before as number))
    .orderBy('h.id', 'desc')
    .limit(options.limit)
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    entity_type: r.entity_type,
    field: r.field_name,
    action: r.action,
    previous_value: r.previous_value,
    new_value: r.new_value,
    by:
      // A trusted provider's change goes through the curator edit path, with no account.
      r.source === CURATOR_SOURCE && r.action !== 'provider_change_trusted'
        ? { kind: 'curator', account_id: r.account_id, name: r.name }
        : r.source === 'provider' || r.action === 'provider_change_trusted'
          ? { kind: 'provider' }
          : { kind: 'import', source: r.source, batch_id: r.batch_id },
    reason: r.reason,
    changed_at: iso(r.changed_at) as string,
  }))
}

/** One audit entry with the site it belongs to (for revert), or undefined. */
export async function findAuditEntry(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('audit_log')
    .select(['id', 'entity_type', 'entity_id', 'field_name', 'previous_value', 'changed_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  let siteId: string | undefined
  if (row.entity_type === 'location') siteId = row.entity_id
  else if (row.entity_type === 'organization') {
    siteId = (await db.selectFrom('locations').select('id').where('organization_id', '=', row.entity_id).orderBy('id').executeTakeFirst())?.id
  } else if (row.entity_type === 'service') {
    siteId = (await db.selectFrom('service_at_location').select('location_id').where('service_id', '=', row.entity_id).executeTakeFirst())?.location_id
  }
  return siteId ? { entry: { ...row, id: Number(row.id) }, siteId } : undefined
}
