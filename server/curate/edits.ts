/**
 * A curator's edits: held values are stored, the location is re-derived with them on top
 * (location-recompute.ts writes one audit entry per changed field) and its search rows are
 * refreshed, all in one transaction, so the next search shows the edit. A revert is an edit
 * back to an audit entry's previous value; accepting a source's value drops the hold.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { HELD_FIELDS, type HeldField } from '../directory/held-fields.js'
import { CURATOR_SOURCE, recomputeLocations } from '../directory/location-recompute.js'
import { refreshSearchTables } from '../directory/search-tables.js'
import type { Actor } from './scope.js'

type Trx = Transaction<Database>

export interface EditContext {
  /** The curator; null for a change no account made (a trusted provider's, through its update link). */
  actor: Actor | null
  action: string
  reason: string | null
}

/** Locks the location row for the rest of the transaction (two curators' edits of one site go one after the other). */
async function lockSite(trx: Trx, siteId: string): Promise<boolean> {
  return !!(await trx.selectFrom('locations').select('id').where('id', '=', siteId).forUpdate().executeTakeFirst())
}

async function rederive(trx: Trx, siteId: string, context: EditContext): Promise<number> {
  const result = await recomputeLocations(trx, [siteId], {
    source: CURATOR_SOURCE,
    batchId: null,
    action: context.action,
    accountId: context.actor?.id ?? null,
    reason: context.reason,
  })
  await refreshSearchTables(trx, [siteId])
  return result.changed
}

/** Holds these values for a site and applies them; false when there is no such site. */
export async function holdFields(db: Kysely<Database>, siteId: string, values: ReadonlyMap<HeldField, unknown>, context: EditContext): Promise<boolean> {
  return db.transaction().execute((trx) => holdFieldsIn(trx, siteId, values, context))
}

/** holdFields inside the caller's transaction (e.g. with the decision that approved the values). */
export async function holdFieldsIn(trx: Trx, siteId: string, values: ReadonlyMap<HeldField, unknown>, context: EditContext): Promise<boolean> {
  if (!(await lockSite(trx, siteId))) return false
  await setHolds(trx, siteId, values, context.actor?.id ?? null)
  await rederive(trx, siteId, context)
  return true
}

async function setHolds(trx: Trx, siteId: string, values: ReadonlyMap<HeldField, unknown>, accountId: string | null): Promise<void> {
  if (values.size === 0) return
  const rows = [...values].map(([field, value]) => ({ location_id: siteId, field, value: JSON.stringify(value ?? null), account_id: accountId }))
  await trx
    .insertInto('curator_overrides')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['location_id', 'field']).doUpdateSet({
        value: sql`excluded.value`,
        account_id: sql`excluded.account_id`,
        set_at: sql`now()`,
      }),
    )
    .execute()
}

/** Stops holding a field: it follows the site's sources again. */
export async function releaseField(trx: Trx, siteId: string, field: HeldField, context: EditContext): Promise<void> {
  await lockSite(trx, siteId)
  await trx.deleteFrom('curator_overrides').where('location_id', '=', siteId).where('field', '=', field).execute()
  await rederive(trx, siteId, context)
}

export class NotRevertibleError extends Error {}

export interface AuditRow {
  id: number
  entity_type: string
  entity_id: string
  field_name: string | null
  previous_value: unknown
  changed_at: Date | string
}

/**
 * The held field and value that undo an audit entry of a site. A point is two entries
 * (latitude, longitude) written together: the other one is read from its sibling.
 */
export async function undoOf(trx: Trx, siteId: string, entry: AuditRow): Promise<{ field: HeldField; value: unknown; release: boolean }> {
  const f = entry.field_name ?? ''
  if (entry.entity_type === 'organization' && f === 'name') return { field: 'organization_name', value: entry.previous_value, release: false }
  if (entry.entity_type !== 'location') throw new NotRevertibleError('only changes to the listing itself can be reverted (this one is of a source record)')
  if (f === 'services_override') {
    return entry.previous_value === null
      ? { field: 'services', value: null, release: true }
      : { field: 'services', value: entry.previous_value, release: false }
  }
  if (f === 'latitude' || f === 'longitude' || f === 'geocode_precision') {
    const siblings = await trx
      .selectFrom('audit_log')
      .select(['field_name', 'previous_value'])
      .where('entity_type', '=', 'location')
      .where('entity_id', '=', entry.entity_id)
      .where('changed_at', '=', new Date(entry.changed_at))
      .where('field_name', 'in', ['latitude', 'longitude'])
      .execute()
    const current = await trx.selectFrom('locations').select(['latitude', 'longitude']).where('id', '=', siteId).executeTakeFirstOrThrow()
    const prev = (name: string, fallback: number | null) => (siblings.find((s) => s.field_name === name)?.previous_value as number | undefined) ?? fallback
    const lat = prev('latitude', current.latitude)
    const lon = prev('longitude', current.longitude)
    if (lat === null || lon === null) throw new NotRevertibleError('the site had no point before this change')
    return { field: 'point', value: { lat, lon }, release: false }
  }
  if ((HELD_FIELDS as readonly string[]).includes(f)) return { field: f as HeldField, value: entry.previous_value, release: false }
  throw new NotRevertibleError(`a change of ${f || 'the site as a whole'} cannot be reverted field by field`)
}

/** Puts the field an audit entry changed back to its previous value (a new, audited edit). */
export async function revertEntry(db: Kysely<Database>, siteId: string, entry: AuditRow, context: EditContext): Promise<HeldField> {
  return db.transaction().execute(async (trx) => {
    await lockSite(trx, siteId)
    const undo = await undoOf(trx, siteId, entry)
    if (undo.release) await trx.deleteFrom('curator_overrides').where('location_id', '=', siteId).where('field', '=', undo.field).execute()
    else await setHolds(trx, siteId, new Map([[undo.field, undo.value]]), context.actor?.id ?? null)
    await rederive(trx, siteId, context)
    return undo.field
  })
}
