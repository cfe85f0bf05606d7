/**
 * Deciding queue items: resolving a site's reports of one kind, confirming or undoing an
 * uncertain merge, taking or refusing a source's value for a held field, and assigning an
 * item to a curator. Each decision is audited under the curator's account.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { HeldField } from '../directory/held-fields.js'
import { writeAudit } from '../directory/location-sources.js'
import { unmergeRecord } from '../directory/merge.js'
import { releaseField, type EditContext } from './edits.js'
import type { Actor } from './scope.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'

export const RESOLUTIONS = ['fixed', 'no_change', 'duplicate'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

const audit = (actor: Actor, action: string, reason: string | null) => ({ source: CURATOR_SOURCE, batchId: null, action, accountId: actor.id, reason })

/** Resolves every open report of one kind about a site; returns how many. */
export async function resolveReports(
  db: Kysely<Database>,
  siteId: string,
  kind: string,
  resolution: Resolution,
  note: string | null,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('problem_reports')
      .set({ status: 'resolved', resolution, resolution_note: note, resolved_at: new Date(), resolved_by: actor.id })
      .where('location_id', '=', siteId)
      .where('kind', '=', kind)
      .where('status', '=', 'open')
      .returning('id')
      .execute()
    if (rows.length) {
      await writeAudit(
        trx,
        [
          {
            entity_type: 'location',
            entity_id: siteId,
            action: 'resolve_reports',
            field_name: `reports:${kind}`,
            previous_value: null,
            new_value: { resolution, count: rows.length },
          },
        ],
        audit(actor, 'resolve_reports', note),
      )
      await trx.deleteFrom('queue_assignments').where('item_key', '=', `report:${siteId}:${kind}`).execute()
    }
    return rows.length
  })
}

export interface MergeReviewRow {
  source: string
  source_id: string
  location_id: string
  status: string
}

export async function findMergeReview(db: Kysely<Database>, source: string, sourceId: string): Promise<MergeReviewRow | undefined> {
  return db
    .selectFrom('merge_reviews')
    .select(['source', 'source_id', 'location_id', 'status'])
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst()
}

/** The merge was right: the item leaves the queue. */
export async function confirmMerge(db: Kysely<Database>, review: MergeReviewRow, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('merge_reviews')
      .set({ status: 'confirmed', decided_by: actor.id, decided_at: new Date() })
      .where('source', '=', review.source)
      .where('source_id', '=', review.source_id)
      .execute()
    await writeAudit(
      trx,
      [
        {
          entity_type: 'location',
          entity_id: review.location_id,
          action: 'confirm_merge',
          field_name: 'sources',
          previous_value: null,
          new_value: `${review.source}:${review.source_id}`,
        },
      ],
      audit(actor, 'confirm_merge', null),
    )
    await trx.deleteFrom('queue_assignments').where('item_key', '=', `merge:${review.source}:${review.source_id}`).execute()
  })
}

/** The merge was wrong: the record becomes a site of its own. Returns the new site's id. */
export async function undoMerge(db: Kysely<Database>, review: MergeReviewRow, actor: Actor): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const siteId = await unmergeRecord(trx, review.location_id, review.source, review.source_id, 'curator', actor.id)
    await trx
      .updateTable('merge_reviews')
      .set({ decided_by: actor.id, decided_at: new Date() })
      .where('source', '=', review.source)
      .where('source_id', '=', review.source_id)
      .execute()
    await trx.deleteFrom('queue_assignments').where('item_key', '=', `merge:${review.source}:${review.source_id}`).execute()
    return siteId
  })
}

export interface DisagreementRow {
  id: string
  location_id: string
  field: string
  status: string
}

export async function findDisagreement(db: Kysely<Database>, id: string): Promise<DisagreementRow | undefined> {
  return db.selectFrom('source_disagreements').select(['id', 'location_id', 'field', 'status']).where('id', '=', id).executeTakeFirst()
}

/** Takes the source's value: the field is no longer held, and any other open item on it closes too. */
export async function acceptSource(db: Kysely<Database>, item: DisagreementRow, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const context: EditContext = { actor, action: 'accept_source', reason: null }
    await releaseField(trx, item.location_id, item.field as HeldField, context)
    await trx
      .updateTable('source_disagreements')
      .set({ status: 'accepted', decided_by: actor.id, decided_at: new Date() })
      .where('location_id', '=', item.location_id)
      .where('field', '=', item.field)
      .where((eb) => eb.or([eb('id', '=', item.id), eb('status', '=', 'open')]))
      .execute()
    await trx.deleteFrom('queue_assignments').where('item_key', '=', `disagreement:${item.id}`).execute()
  })
}

/** Keeps the curator's value: this source value is not asked about again. */
export async function keepOurs(db: Kysely<Database>, item: DisagreementRow, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('source_disagreements').set({ status: 'kept', decided_by: actor.id, decided_at: new Date() }).where('id', '=', item.id).execute()
    await writeAudit(
      trx,
      [{ entity_type: 'location', entity_id: item.location_id, action: 'keep_curator_value', field_name: item.field, previous_value: null, new_value: null }],
      audit(actor, 'keep_curator_value', null),
    )
    await trx.deleteFrom('queue_assignments').where('item_key', '=', `disagreement:${item.id}`).execute()
  })
}

/** Assigns a queue item to an account (null: unassigns). */
export async function assignItem(db: Kysely<Database>, itemKey: string, accountId: string | null): Promise<void> {
  if (accountId === null) {
    await db.deleteFrom('queue_assignments').where('item_key', '=', itemKey).execute()
    return
  }
  await db
    .insertInto('queue_assignments')
    .values({ item_key: itemKey, account_id: accountId })
    .onConflict((oc) => oc.column('item_key').doUpdateSet({ account_id: accountId, assigned_at: new Date() }))
    .execute()
}
