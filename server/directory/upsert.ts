/**
 * Writes one batch of imported records: unchanged records cost a hash comparison; changed
 * ones are re-derived and audited; new ones merge into a matching site of another source or
 * are inserted with insertSites. `deactivateMissing` is the --full pass.
 */
import { sql } from 'kysely'
import { insertSites } from './bulk-insert.js'
import { toSiteRecord } from './import-ids.js'
import { canonicalRecord, combineRecords, type ImportRecord } from './import-record.js'
import { recomputeLocations } from './location-recompute.js'
import { findLinkHashes, findLinks, insertLinks, updateLinkRecords, type Db } from './location-sources.js'
import type { SiteRecord } from './site-record.js'
import type { MatchVerdict } from './facility-match.js'
import { attachRecords, findMatches, findTwins, recordMergeReviews, type Match, type MergeNote } from './merge.js'
import { isUncertain } from './merge-doubts.js'
import { hashOf } from './record-hash.js'

/** The steps of writing a batch that are timed (each is one of an import's --timings phases). */
export type WritePhase = 'lookup' | 'dedup' | 'stage' | 'upsert' | 'audit'

/** What writing needs of a timer: the importer passes its PhaseTimer. */
export interface WriteTimer {
  time<T>(phase: WritePhase, work: () => Promise<T>): Promise<T>
  add(phase: WritePhase, ms: number): void
}

export interface UpsertState {
  source: string
  batchId: string
  /** Merge new records into matching sites (of any source). */
  dedup: boolean
  /** Merge records of one batch that are one facility (true unless --no-merge, even with no stored site to match). */
  twins: boolean
  /** Source ids this import has written or refused (the --full pass deactivates the others). */
  seen: Set<string>
  /** Locations whose search rows must be refreshed. */
  touched: Set<string>
  counts: {
    inserted: number
    updated: number
    unchanged: number
    merged: number
    combined: number
    deactivated: number
    /** Held fields whose source value differs from the curator's (new queue items). */
    disagreements: number
  }
  merges: MergeNote[]
  /** Where the time goes (--timings). */
  timer: WriteTimer
  /** The source has no records yet: every record is new, no need to look for stored ones. */
  firstLoad: boolean
}

export function newUpsertState(source: string, batchId: string, dedup: boolean, timer: WriteTimer): UpsertState {
  return {
    source,
    batchId,
    dedup,
    twins: dedup,
    timer,
    firstLoad: false,
    seen: new Set(),
    touched: new Set(),
    merges: [],
    counts: { inserted: 0, updated: 0, unchanged: 0, merged: 0, combined: 0, deactivated: 0, disagreements: 0 },
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
 * Known records are compared by hash in one query; changed ones are stored and re-derived in a
 * few set-based statements; new ones are de-duplicated in one spatial query and bulk-inserted.
 */
export async function upsertBatch(db: Db, batch: readonly ImportRecord[], state: UpsertState): Promise<void> {
  const { source, batchId, timer } = state
  let t0 = performance.now()
  const records = combineBatch(batch, state)
  const hashes = records.map(hashOf)
  timer.add('stage', performance.now() - t0)
  const links = state.firstLoad
    ? new Map<string, { location_id: string; record_hash: string }>()
    : await timer.time('lookup', () =>
        findLinkHashes(
          db,
          source,
          records.map((r) => r.sourceId),
        ),
      )
  const fresh: { record: ImportRecord; hash: string }[] = []
  const changed: { sourceId: string; record: ImportRecord; hash: string }[] = []
  const changedLocations: string[] = []
  const unchangedLocations: string[] = []
  records.forEach((record, i) => {
    const link = links.get(record.sourceId)
    const hash = hashes[i] as string
    state.seen.add(record.sourceId)
    if (!link) fresh.push({ record, hash })
    else if (link.record_hash === hash) {
      state.counts.unchanged++
      unchangedLocations.push(link.location_id)
    } else {
      changed.push({ sourceId: record.sourceId, record, hash })
      changedLocations.push(link.location_id)
    }
  })
  if (changed.length) {
    await timer.time('upsert', () => updateLinkRecords(db, source, changed, batchId))
    const result = await timer.time('audit', () => recomputeLocations(db, changedLocations, { source, batchId, action: 'update' }))
    state.counts.disagreements += result.disagreements
    state.counts.updated += changed.length
    for (const id of changedLocations) state.touched.add(id)
  }
  // An unchanged record still disagrees with a field a curator holds: the queue should say so once.
  const held = await timer.time('lookup', () => locationsWithHeldFields(db, unchangedLocations))
  if (held.length) {
    const result = await timer.time('audit', () => recomputeLocations(db, held, { source, batchId, action: 'update' }))
    state.counts.disagreements += result.disagreements
    for (const id of held) state.touched.add(id)
  }

  const { matches, twins } =
    state.dedup && fresh.length
      ? await timer.time('dedup', () =>
          findMatches(
            db,
            source,
            fresh.map((f) => f.record),
          ),
        )
      : {
          matches: new Map<number, Match>(),
          twins: state.twins
            ? findTwins(
                source,
                fresh.map((f) => f.record),
              )
            : new Map<number, { target: number; verdict: MatchVerdict }>(),
        }
  const attach: { record: ImportRecord; hash: string; locationId: string; doubts: Match['doubts']; similarity: number; reason: string; score: number }[] = []
  const insert: { record: ImportRecord; hash: string }[] = []
  fresh.forEach((f, i) => {
    const match = matches.get(i)
    const twin = twins.get(i)
    // A twin joins the site its earlier record of this batch is about to become.
    const target = match
      ? { locationId: match.locationId, name: match.name, reason: match.reason, doubts: match.doubts, similarity: match.similarity, score: match.score }
      : twin
        ? {
            locationId: toSiteRecord(source, (fresh[twin.target] as { record: ImportRecord }).record).location.id,
            name: (fresh[twin.target] as { record: ImportRecord }).record.name,
            reason: twin.verdict.reason,
            doubts: twin.verdict.doubts,
            similarity: twin.verdict.nameSimilarity,
            score: twin.verdict.score,
          }
        : null
    if (!target) return insert.push(f)
    attach.push({ ...f, ...target })
    state.merges.push({
      locationId: target.locationId,
      locationName: target.name,
      source,
      sourceId: f.record.sourceId,
      name: f.record.name,
      reason: target.reason,
      score: target.score,
    })
  })
  t0 = performance.now()
  const sites = insert.map((f) => toSiteRecord(source, f.record))
  timer.add('stage', performance.now() - t0)
  await timer.time('upsert', async () => {
    await insertSites(db, sites)
    await insertLinks(
      db,
      insert.map((f, i) => {
        const site = sites[i] as SiteRecord
        return {
          source,
          source_id: f.record.sourceId,
          location_id: site.location.id,
          service_id: site.services[0]?.id ?? null,
          record: f.record,
          record_hash: f.hash,
          merged: false,
        }
      }),
      batchId,
    )
  })
  if (attach.length) {
    await timer.time('audit', async () => {
      await attachRecords(db, source, batchId, attach)
      const uncertain = attach.filter((a) => isUncertain(a.doubts))
      await recordMergeReviews(
        db,
        source,
        batchId,
        uncertain.map((a) => ({ sourceId: a.record.sourceId, locationId: a.locationId, doubts: a.doubts, similarity: a.similarity })),
      )
    })
  }
  state.counts.inserted += insert.length
  state.counts.merged += attach.length
  for (const site of sites) state.touched.add(site.location.id)
  for (const a of attach) state.touched.add(a.locationId)
}

/** Which of these locations have fields a curator holds. */
async function locationsWithHeldFields(db: Db, locationIds: readonly string[]): Promise<string[]> {
  if (locationIds.length === 0) return []
  const rows = await db
    .selectFrom('curator_overrides')
    .select('location_id')
    .distinct()
    .where('location_id', '=', sql<string>`ANY(${[...locationIds]}::text[])`)
    .execute()
  return rows.map((r) => r.location_id)
}

/** The source ids of a source's active records (what a --full import may deactivate). */
export async function activeSourceIds(db: Db, source: string): Promise<string[]> {
  const rows = await db
    .selectFrom('location_sources')
    .select('source_id')
    .where('source', '=', source)
    .where(sql<string>`record->>'status'`, '=', 'active')
    .execute()
  return rows.map((r) => r.source_id)
}

/** --full: records of this source that the new file no longer lists become inactive (never deleted). */
export async function deactivateMissing(db: Db, state: UpsertState): Promise<void> {
  const { source, batchId } = state
  const missing = (await activeSourceIds(db, source)).filter((id) => !state.seen.has(id))
  for (let i = 0; i < missing.length; i += 10_000) {
    const links = [...(await findLinks(db, source, missing.slice(i, i + 10_000))).values()]
    const updates = links.map((link) => {
      const record = { ...link.record, status: 'inactive' as const }
      return { sourceId: link.source_id, record, hash: hashOf(record) }
    })
    await updateLinkRecords(db, source, updates, batchId)
    const result = await recomputeLocations(
      db,
      links.map((l) => l.location_id),
      { source, batchId, action: 'deactivate' },
    )
    state.counts.disagreements += result.disagreements
    for (const link of links) state.touched.add(link.location_id)
    state.counts.deactivated += links.length
  }
}
