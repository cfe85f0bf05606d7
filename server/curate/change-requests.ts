/**
 * Change requests (issue 16): through an update link a provider proposes changes to its
 * listing. Proposed values are validated and normalised exactly as a curator's edit is
 * (fields.ts); only the fields that differ from the listing become the request, one row per
 * request and one per field with the value it had and the value proposed. A curator decides
 * each field: an approved one is applied through the curator edit path (held, audited with
 * the curator, in search at once), a rejected one is audited and left alone; the request
 * closes when every field is decided. A site marked as a trusted provider has its proposals
 * applied at once, still recorded as a request (auto-applied) and audited with no account.
 */
import { randomUUID } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { Kysely } from 'kysely'
import type { Database, Db } from '../db/schema.js'
import type { HeldField } from '../directory/held-fields.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'
import { writeAudit } from '../directory/location-sources.js'
import { invalidField } from '../errors.js'
import { isSafeText } from '../validation/text.js'
import { holdFieldsIn } from './edits.js'
import { normalizeChanges, siteChangesSchema } from './fields.js'
import { PROVIDER_SOURCE, type ResolvedLink } from './provider-links.js'
import type { Actor } from './scope.js'

/** The fields a provider may propose, in the order the form and the queue show them. */
export const PROPOSABLE_FIELDS = [
  'name',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'phones',
  'website',
  'description',
  'hours',
  'services',
  'payment',
  'languages',
] as const satisfies readonly HeldField[]
export type ProposableField = (typeof PROPOSABLE_FIELDS)[number]

export const DECISIONS = ['approve', 'reject'] as const
export type Decision = (typeof DECISIONS)[number]

const proposalSchema = Type.Partial(Type.Pick(siteChangesSchema, [...PROPOSABLE_FIELDS]), { additionalProperties: false })

/** Why a decision cannot be made (the route turns it into a 4xx naming the field). */
export class ChangeRequestError extends Error {
  constructor(
    readonly kind: 'closed' | 'unknown_field' | 'already_decided',
    readonly field: string | null,
    message: string,
  ) {
    super(message)
  }
}

export interface ChangeRequestField {
  field: string
  current: unknown
  proposed: unknown
  decision: 'approved' | 'rejected' | null
  decided_by: string | null
  decided_at: string | null
}

export interface ChangeRequestView {
  id: string
  site_id: string
  link_id: string | null
  created_at: string
  status: 'open' | 'decided'
  auto_applied: boolean
  decided_at: string | null
  fields: ChangeRequestField[]
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

const hasUnsafeText = (value: unknown): boolean =>
  typeof value === 'string'
    ? !isSafeText(value)
    : Array.isArray(value)
      ? value.some(hasUnsafeText)
      : value !== null && typeof value === 'object'
        ? Object.values(value).some(hasUnsafeText)
        : false

/**
 * Checks proposed values with the curator's schema and normalises them as a curator's edit
 * is; throws a 400 naming `changes.<field>` for the first bad one. Example:
 * `validateProposal({ postal_code: '2120' })` throws "changes.postal_code must match …".
 */
export function validateProposal(raw: Partial<Record<ProposableField, unknown>>): Map<HeldField, unknown> {
  for (const field of Object.keys(raw)) {
    if (!(PROPOSABLE_FIELDS as readonly string[]).includes(field)) throw invalidField(`changes.${field}`, 'is not a field a provider may change')
  }
  const error = Value.Errors(proposalSchema, raw).First()
  if (error) {
    const path = error.path.replace(/^\//, '').split('/')
    throw invalidField(
      `changes.${path[0]}${path
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
        .join('')}`,
      error.message.toLowerCase(),
    )
  }
  for (const [field, value] of Object.entries(raw)) if (hasUnsafeText(value)) throw invalidField(`changes.${field}`, 'must not contain NUL characters')
  return normalizeChanges(raw as Parameters<typeof normalizeChanges>[0])
}

/** A value in the form normalizeChanges gives it (the listing's own value when it would not pass). */
function comparable(field: HeldField, value: unknown): string {
  let normal: unknown = value
  try {
    normal = normalizeChanges({ [field]: value } as Parameters<typeof normalizeChanges>[0]).get(field)
  } catch {
    // An imported value a curator could not enter (e.g. a website without http): compare it as it is.
  }
  if (field === 'hours' && Array.isArray(normal)) return JSON.stringify(normal.map((r) => JSON.stringify(r)).sort())
  return JSON.stringify(normal ?? null)
}

/** The proposed values that differ from the listing's current ones. */
export function changedValues(current: Record<string, unknown>, proposed: ReadonlyMap<HeldField, unknown>): Map<HeldField, unknown> {
  const out = new Map<HeldField, unknown>()
  for (const [field, value] of proposed) if (comparable(field, value) !== comparable(field, current[field] ?? null)) out.set(field, value)
  return out
}

/** Whether a site's provider is trusted (its proposals apply without review). */
export async function isTrusted(db: Db, siteId: string): Promise<boolean> {
  return !!(await db.selectFrom('trusted_providers').select('location_id').where('location_id', '=', siteId).executeTakeFirst())
}

/** Marks a site's provider as trusted or not (audited with the curator); false when nothing changed. */
export async function setTrusted(db: Kysely<Database>, siteId: string, trusted: boolean, curator: Actor, reason: string | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changed = trusted
      ? (
          await trx
            .insertInto('trusted_providers')
            .values({ location_id: siteId, set_by: curator.id })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst()
        ).numInsertedOrUpdatedRows
      : (await trx.deleteFrom('trusted_providers').where('location_id', '=', siteId).executeTakeFirst()).numDeletedRows
    if (!changed) return false
    const action = trusted ? 'provider_trust_set' : 'provider_trust_removed'
    await writeAudit(
      trx,
      [{ entity_type: 'location', entity_id: siteId, action, field_name: 'provider_trusted', previous_value: !trusted, new_value: trusted }],
      { source: CURATOR_SOURCE, batchId: null, action, accountId: curator.id, reason },
    )
    return true
  })
}

/**
 * Stores a provider's proposal (the fields that changed, with their current values) and, for
 * a trusted provider, applies it at once. Returns the request's id and whether it was applied.
 */
export async function proposeChanges(
  db: Kysely<Database>,
  link: ResolvedLink,
  current: Record<string, unknown>,
  changes: ReadonlyMap<HeldField, unknown>,
  now = new Date(),
): Promise<{ id: string; applied: boolean }> {
  const id = randomUUID()
  const fields = PROPOSABLE_FIELDS.filter((f) => changes.has(f))
  if (fields.length === 0) throw new RangeError('a change request needs at least one changed field')
  return db.transaction().execute(async (trx) => {
    const trusted = await isTrusted(trx, link.siteId)
    await trx
      .insertInto('change_requests')
      .values({
        id,
        location_id: link.siteId,
        link_id: link.id,
        created_at: now,
        status: trusted ? 'decided' : 'open',
        auto_applied: trusted,
        decided_at: trusted ? now : null,
      })
      .execute()
    await trx
      .insertInto('change_request_fields')
      .values(
        fields.map((field, ordinal) => ({
          request_id: id,
          field,
          ordinal,
          current_value: JSON.stringify(current[field] ?? null),
          proposed_value: JSON.stringify(changes.get(field) ?? null),
          decision: trusted ? ('approved' as const) : null,
          decided_at: trusted ? now : null,
        })),
      )
      .execute()
    await writeAudit(
      trx,
      [
        {
          entity_type: 'location',
          entity_id: link.siteId,
          action: 'provider_change_proposed',
          field_name: 'change_request',
          previous_value: null,
          new_value: { request_id: id, link_id: link.id, fields, trusted },
        },
      ],
      { source: PROVIDER_SOURCE, batchId: null, action: 'provider_change_proposed', accountId: null, reason: null },
    )
    if (trusted) {
      const values = new Map(fields.map((f) => [f, changes.get(f)] as const))
      await holdFieldsIn(trx, link.siteId, values, { actor: null, action: 'provider_change_trusted', reason: `provider link ${link.id}, change request ${id}` })
    }
    return { id, applied: trusted }
  })
}

async function loadRequest(db: Db, id: string, lock = false): Promise<ChangeRequestView | undefined> {
  const row = await db
    .selectFrom('change_requests')
    .selectAll()
    .where('id', '=', id)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()
  if (!row) return undefined
  const fields = await db.selectFrom('change_request_fields').selectAll().where('request_id', '=', id).orderBy('ordinal').execute()
  return {
    id: row.id,
    site_id: row.location_id,
    link_id: row.link_id,
    created_at: iso(row.created_at) as string,
    status: row.status,
    auto_applied: row.auto_applied,
    decided_at: iso(row.decided_at),
    fields: fields.map((f) => ({
      field: f.field,
      current: f.current_value,
      proposed: f.proposed_value,
      decision: f.decision,
      decided_by: f.decided_by,
      decided_at: iso(f.decided_at),
    })),
  }
}

/** One change request with its fields, or undefined. */
export async function findChangeRequest(db: Db, id: string): Promise<ChangeRequestView | undefined> {
  return loadRequest(db, id)
}

/** A site's change requests, newest first (at most `limit`). */
export async function siteChangeRequests(db: Db, siteId: string, limit = 20): Promise<ChangeRequestView[]> {
  const ids = await db
    .selectFrom('change_requests')
    .select('id')
    .where('location_id', '=', siteId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  return (await Promise.all(ids.map((r) => loadRequest(db, r.id)))).filter((r): r is ChangeRequestView => !!r)
}

/**
 * A curator's decision on some fields of an open request: approved fields are held and
 * applied (audited 'provider_change_approved' with the curator), rejected ones audited
 * 'provider_change_rejected'; the request closes when no field is left undecided. Throws
 * ChangeRequestError for a closed request, a field it does not hold, or one already decided.
 */
export async function decideChangeRequest(
  db: Kysely<Database>,
  id: string,
  decisions: Readonly<Record<string, Decision>>,
  curator: Actor,
  reason: string | null,
  now = new Date(),
): Promise<ChangeRequestView> {
  return db.transaction().execute(async (trx) => {
    const request = await loadRequest(trx, id, true)
    if (!request) throw new RangeError(`no change request ${id}`)
    if (request.status !== 'open') throw new ChangeRequestError('closed', null, 'this change request was already decided')
    const byField = new Map(request.fields.map((f) => [f.field, f]))
    for (const field of Object.keys(decisions)) {
      const f = byField.get(field)
      if (!f)
        throw new ChangeRequestError('unknown_field', field, `decisions.${field} is not a field of this change request (${[...byField.keys()].join(', ')})`)
      if (f.decision) throw new ChangeRequestError('already_decided', field, `decisions.${field} was already ${f.decision}`)
    }
    const approved = new Map<HeldField, unknown>()
    const rejected: ChangeRequestField[] = []
    for (const [field, decision] of Object.entries(decisions)) {
      const f = byField.get(field) as ChangeRequestField
      if (decision === 'approve') approved.set(field as HeldField, f.proposed)
      else rejected.push(f)
      await trx
        .updateTable('change_request_fields')
        .set({ decision: decision === 'approve' ? 'approved' : 'rejected', decided_by: curator.id, decided_at: now })
        .where('request_id', '=', id)
        .where('field', '=', field)
        .execute()
    }
    const why = [`provider change request ${id}${request.link_id ? ` (link ${request.link_id})` : ''}`, reason].filter(Boolean).join(': ')
    if (approved.size) await holdFieldsIn(trx, request.site_id, approved, { actor: curator, action: 'provider_change_approved', reason: why })
    await writeAudit(
      trx,
      rejected.map((f) => ({
        entity_type: 'location',
        entity_id: request.site_id,
        action: 'provider_change_rejected',
        field_name: f.field,
        previous_value: f.current,
        new_value: { proposed: f.proposed, request_id: id },
      })),
      { source: CURATOR_SOURCE, batchId: null, action: 'provider_change_rejected', accountId: curator.id, reason: why },
    )
    const undecided = request.fields.filter((f) => !f.decision && !(f.field in decisions)).length
    if (undecided === 0) await trx.updateTable('change_requests').set({ status: 'decided', decided_at: now }).where('id', '=', id).execute()
    return (await loadRequest(trx, id)) as ChangeRequestView
  })
}
