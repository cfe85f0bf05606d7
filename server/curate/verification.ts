/**
 * "Confirm as correct": a curator (or, later, a provider) confirms a whole site or some of its
 * critical fields, saying how. Confirming the whole site sets its assured_date ("Verified
 * <date>" on every public page) and counts for each critical field too.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { writeAudit } from '../directory/location-sources.js'
import { refreshSearchTables } from '../directory/search-tables.js'
import type { Actor } from './scope.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'

export const CRITICAL_FIELDS = ['phone', 'address', 'hours', 'services'] as const
export type CriticalField = (typeof CRITICAL_FIELDS)[number]
export const VERIFICATION_METHODS = ['called', 'visited', 'provider_confirmed', 'website'] as const
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number]

export interface Verification {
  /** Absent or empty: the whole site. */
  fields?: readonly CriticalField[]
  how: VerificationMethod
  note?: string | null
}

/** Who confirmed: a curator's account, or (provider links) no account, with its own audit source, action and detail. */
export interface Confirmer {
  accountId: string | null
  source: string
  action: string
  reason: string | null
  /** Added to the audit entry's new value (e.g. the provider link's id). */
  detail?: Record<string, unknown>
  /** More work in the same transaction (e.g. counting the link's use). */
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>
}

/** Records a verification (today, in UTC); returns the date written. */
export async function verifySite(db: Kysely<Database>, siteId: string, v: Verification, actor: Actor, today = new Date()): Promise<string> {
  return recordVerification(db, siteId, v, { accountId: actor.id, source: CURATOR_SOURCE, action: 'verify', reason: v.note?.trim() || null }, today)
}

/** Records a verification by any confirmer, audited under its source and action; returns the date written. */
export async function recordVerification(db: Kysely<Database>, siteId: string, v: Verification, who: Confirmer, today = new Date()): Promise<string> {
  const date = today.toISOString().slice(0, 10)
  const whole = !v.fields || v.fields.length === 0
  const fields: string[] = whole ? ['site', ...CRITICAL_FIELDS] : [...new Set(v.fields)]
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('site_verifications')
      .values(fields.map((field) => ({ location_id: siteId, field, verified_on: date, how: v.how, account_id: who.accountId })))
      .onConflict((oc) =>
        oc.columns(['location_id', 'field']).doUpdateSet((eb) => ({
          verified_on: eb.ref('excluded.verified_on'),
          how: eb.ref('excluded.how'),
          account_id: eb.ref('excluded.account_id'),
          verified_at: new Date(),
        })),
      )
      .execute()
    const before = await trx.selectFrom('locations').select('assured_date').where('id', '=', siteId).executeTakeFirstOrThrow()
    if (whole) await trx.updateTable('locations').set({ assured_date: date }).where('id', '=', siteId).execute()
    await writeAudit(
      trx,
      [
        {
          entity_type: 'location',
          entity_id: siteId,
          action: who.action,
          field_name: whole ? 'assured_date' : `verified:${fields.join(',')}`,
          previous_value: whole ? before.assured_date : null,
          new_value: { date, how: v.how, fields, ...who.detail },
        },
      ],
      { source: who.source, batchId: null, action: who.action, accountId: who.accountId, reason: who.reason },
    )
    if (whole) await refreshSearchTables(trx, [siteId])
    await who.alsoInTransaction?.(trx)
  })
  return date
}
