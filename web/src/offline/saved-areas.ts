/**
 * The phone's own copy of saved areas, in IndexedDB (through `idb`): each area's listings as
 * downloaded, its box and its "saved on" date; the filter labels as of the last save; and the
 * outbox of reports made with no signal. Nothing here is ever sent anywhere: it is read by the
 * offline search, listed and deleted by the person.
 *
 *   await saveArea({ label: 'Baltimore, MD', area })   // area: GET /api/v1/offline-area's answer
 *   const { sites, areas } = await savedListings()
 */
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { OfflineArea, OfflineSite } from '../../../common/contract/offline-area.js'
import type { Taxonomy } from '../../../common/contract/taxonomy.js'

export const OFFLINE_DB = 'hrl-offline'

/** One saved area as the person sees it in the list. */
export interface SavedArea {
  id: string
  label: string
  bbox: [number, number, number, number]
  /** When the server read the listings (ISO 8601): "saved on". */
  savedAt: string
  sites: number
  bytes: number
  realSitesExist: boolean
  staleHideAfterDays: number | null
}

/** A report made with no signal, waiting to be sent. */
export interface QueuedReport {
  id?: number
  siteId: string
  siteName: string
  /** Which API it goes to: a problem report or an availability report. */
  kind: 'report' | 'availability'
  body: Record<string, unknown>
  queuedAt: string
}

interface OfflineSchema extends DBSchema {
  areas: { key: string; value: SavedArea }
  'area-sites': { key: string; value: { id: string; sites: OfflineSite[] } }
  outbox: { key: number; value: QueuedReport }
  meta: { key: string; value: { key: string; taxonomy: Taxonomy } }
}

let opening: Promise<IDBPDatabase<OfflineSchema>> | null = null
let listings: Promise<{ sites: OfflineSite[]; areas: SavedArea[] }> | null = null

function db(): Promise<IDBPDatabase<OfflineSchema>> {
  opening ??= openDB<OfflineSchema>(OFFLINE_DB, 1, {
    upgrade(database) {
      database.createObjectStore('areas', { keyPath: 'id' })
      database.createObjectStore('area-sites', { keyPath: 'id' })
      database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true })
      database.createObjectStore('meta', { keyPath: 'key' })
    },
    // Another tab deleting everything: let it, and open afresh next time.
    blocking() {
      void opening?.then((d) => d.close())
      opening = null
    },
  })
  return opening
}

/**
 * Whether anything was ever saved: reading must not create the database, so that a person who
 * never saved (or deleted everything) has no offline database at all.
 */
async function databaseExists(): Promise<boolean> {
  if (opening) return true
  if (typeof indexedDB.databases !== 'function') return true
  return (await indexedDB.databases()).some((d) => d.name === OFFLINE_DB)
}

/** Whether the page may keep anything on this phone (IndexedDB exists and is allowed). */
export function canSaveOffline(): boolean {
  return typeof indexedDB !== 'undefined'
}

/** Keeps a downloaded area (replacing one saved for the same box); resolves to what the list shows. */
export async function saveArea(input: { label: string; area: OfflineArea; bytes: number; taxonomy?: Taxonomy | null }): Promise<SavedArea> {
  const { area } = input
  const saved: SavedArea = {
    id: area.bbox.join(','),
    label: input.label,
    bbox: area.bbox,
    savedAt: area.generated_at,
    sites: area.sites.length,
    bytes: input.bytes,
    realSitesExist: area.real_sites_exist,
    staleHideAfterDays: area.stale_hide_after_days,
  }
  const d = await db()
  const tx = d.transaction(['areas', 'area-sites', 'meta'], 'readwrite')
  await Promise.all([
    tx.objectStore('areas').put(saved),
    tx.objectStore('area-sites').put({ id: saved.id, sites: area.sites }),
    input.taxonomy ? tx.objectStore('meta').put({ key: 'taxonomy', taxonomy: input.taxonomy }) : Promise.resolve(),
    tx.done,
  ])
  listings = null
  return saved
}

/** The saved areas, newest first. */
export async function savedAreas(): Promise<SavedArea[]> {
  if (!canSaveOffline() || !(await databaseExists())) return []
  const all = await (await db()).getAll('areas')
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt))
}

/** Every saved site once (where areas overlap, the copy saved last), and the areas. */
export function savedListings(): Promise<{ sites: OfflineSite[]; areas: SavedArea[] }> {
  listings ??= (async () => {
    const areas = await savedAreas()
    if (areas.length === 0) return { sites: [], areas }
    const d = await db()
    const byId = new Map<string, OfflineSite>()
    // Oldest first, so a later save of the same site wins.
    for (const area of [...areas].reverse()) {
      const stored = await d.get('area-sites', area.id)
      for (const site of stored?.sites ?? []) byId.set(site.id, site)
    }
    return { sites: [...byId.values()], areas }
  })()
  return listings
}

/** The filter labels kept with the last save, for a page opened with no signal. */
export async function savedTaxonomy(): Promise<Taxonomy | null> {
  if (!canSaveOffline() || (await savedAreas()).length === 0) return null
  return (await (await db()).get('meta', 'taxonomy'))?.taxonomy ?? null
}

/** Deletes one saved area and its listings. */
export async function deleteArea(id: string): Promise<void> {
  const d = await db()
  const tx = d.transaction(['areas', 'area-sites'], 'readwrite')
  await Promise.all([tx.objectStore('areas').delete(id), tx.objectStore('area-sites').delete(id), tx.done])
  listings = null
}

/** Queues a report made with no signal. */
export async function queueReport(report: Omit<QueuedReport, 'id' | 'queuedAt'>): Promise<void> {
  await (await db()).add('outbox', { ...report, queuedAt: new Date().toISOString() })
}

/** The reports waiting to be sent, oldest first. */
export async function queuedReports(): Promise<QueuedReport[]> {
  if (!canSaveOffline() || !(await databaseExists())) return []
  return (await db()).getAll('outbox')
}

/** Removes a report from the outbox (sent, refused for good, or discarded by the person). */
export async function dropQueuedReport(id: number): Promise<void> {
  await (await db()).delete('outbox', id)
}

/** Deletes the whole offline database: every area, listing, label and queued report. */
export async function deleteOfflineDatabase(): Promise<void> {
  const open = opening
  opening = null
  listings = null
  if (open) (await open).close()
  await deleteDB(OFFLINE_DB)
}
