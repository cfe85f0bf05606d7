/**
 * Writes one batch of imported records: unchanged records cost a hash comparison; changed
 * ones are re-derived and audited; new ones merge into a matching site of another source or
 * are inserted with insertSites. `deactivateMissing` is the --full pass.
 */
import { sql } from 'kysely'
import { hashOf } from '../importers/normalize.js'
import { canonicalRecord, combineRecords, type ImportRecord } from '../importers/record.js'
import { insertSites } from './bulk-insert.js'
import { importIds, toSiteRecord } from './import-ids.js'
import { findLinks, insertLinks, recomputeLocations, updateLinkRecord, type Db } from './location-sources.js'
import { attachRecords, findMatches, type MergeNote } from './merge.js'

export interface UpsertState {
  source: string
  batchId: string
  /** Merge new records into matching sites of other sources. */
  dedup: boolean
  /** Source ids this import has written (the --full pass deactivates the others). */
  seen: Set<string>
  /** Sites that already took a record of this source in this import. */
  claimed: Set<string>
  /** Locations whose search rows must be refreshed. */
  touched: Set<string>
  counts: { inserted: number; updated: number; unchanged: number; merged: number; combined: number; deactivated: number }
  merges: MergeNote[]
}

export function newUpsertState(source: string, batchId: string, dedup: boolean): UpsertState {
  return {
    source, batchId, dedup, seen: new Set(), claimed: new Set(), touched: new Set(), merges: [],
    counts: { inserted: 0, updated: 0, unchanged: 0, merged: 0, combined: 0, deactivated: 0 },
  }
}

/** Records with the same source id in one batch become one. */
function combineBatch(records: readonly ImportRecord[], state: UpsertState): ImportRecord[] {
  const byId = new Map<string, ImportRecord>()
  for (const r of records) {
    const prev = byId.get(r.sourceId)
    if (prev) state.counts.combined++
    byId.set(r.sourceId, prev ? combineRecords(prev, r) : r)
  }
  return [...byId.values()].map(canonicalRecord)
}

/**
 * Upserts a batch of placed records (every record has coordinates). Rows of one file that
 * share a source id must arrive in the same batch (the pipeline holds them back until complete).
 */
export async function upsertBatch(db: Db, batch: readonly ImportRecord[], state: UpsertState): Promise<void> {
  const { source, batchId } = state
  const records = combineBatch(batch, state)
  const links = await findLinks(db, source, records.map((r) => r.sourceId))
  const fresh: { record: ImportRecord; hash: string }[] = []
  const changedLocations: string[] = []
  for (const record of records) {
    const link = links.get(record.sourceId)
    state.seen.add(record.sourceId)
    const hash = hashOf(record)
    if (!link) {
      fresh.push({ record, hash })
      continue
    }
    if (link.record_hash === hash) {
      state.counts.unchanged++
      continue
    }
    await updateLinkRecord(db, link, record, hash, batchId)
    changedLocations.push(link.location_id)
    state.counts.updated++
  }
  if (changedLocations.length) await recomputeLocations(db, changedLocations, { source, batchId, action: 'update' })
  for (const id of changedLocations) state.touched.add(id)

  const matches = state.dedup ? await findMatches(db, source, fresh.map((f) => f.record), state.claimed) : new Map()
  const attach: { record: ImportRecord; hash: string; locationId: string }[] = []
  const insert: { record: ImportRecord; hash: string }[] = []
  fresh.forEach((f, i) => {
    const match = matches.get(i)
    if (!match) return insert.push(f)
    attach.push({ ...f, locationId: match.locationId })
    state.merges.push({ locationId: match.locationId, locationName: match.name, source, sourceId: f.record.sourceId, name: f.record.name, reason: match.reason })
  })
  await insertSites(db, insert.map((f) => toSiteRecord(source, f.record)))
  await insertLinks(db, insert.map((f) => {
    const ids = importIds(source, f.record.sourceId)
    return { source, source_id: f.record.sourceId, location_id: ids.locationId, service_id: ids.serviceId, record: f.record, record_hash: f.hash, merged: false }
  }), batchId)
  await attachRecords(db, source, batchId, attach)
  state.counts.inserted += insert.length
  state.counts.merged += attach.length
  for (const f of insert) state.touched.add(importIds(source, f.record.sourceId).locationId)
  for (const a of attach) state.touched.add(a.locationId)
}

/** --full: records of this source that the new file no longer lists become inactive (never deleted). */
export async function deactivateMissing(db: Db, state: UpsertState): Promise<void> {
  const { source, batchId } = state
  const active = await db.selectFrom('location_sources').select('source_id')
    .where('source', '=', source).where(sql<string>`record->>'status'`, '=', 'active').execute()
  const missing = active.map((r) => r.source_id).filter((id) => !state.seen.has(id))
  for (let i = 0; i < missing.length; i += 1000) {
    const links = await findLinks(db, source, missing.slice(i, i + 1000))
    for (const link of links.values()) {
      const record = { ...link.record, status: 'inactive' as const }
      await updateLinkRecord(db, link, record, hashOf(record), batchId)
      state.touched.add(link.location_id)
    }
    await recomputeLocations(db, [...links.values()].map((l) => l.location_id), { source, batchId, action: 'deactivate' })
    state.counts.deactivated += links.size
  }
}
