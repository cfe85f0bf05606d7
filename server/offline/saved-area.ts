/**
 * The offline-area use case: a box's listings as the page stores them for searching with no
 * signal, and the size of that download before the person commits to it.
 */
import {
  MAX_AREA_SITES,
  MAX_AREA_SPAN_DEG,
  OFFLINE_AREA_FORMAT,
  type OfflineArea,
  type OfflineAreaSize,
  type OfflineSite,
} from '../../common/contract/offline-area.js'
import { invalidField } from '../errors.js'
import type { Db } from '../db/schema.js'
import { liveStatusOf, NO_LIVE_STATUS } from '../sites/live-status.js'
import { codesFromMask } from '../vocabulary.js'
import { realSitesExist, sitesInBox, sizeOfBox, type AreaRow, type Bbox } from './repository.js'

/** Bytes a stored record takes beyond its variable text (ids, codes, keys, numbers), measured on demo and SAMHSA rows. */
const FIXED_BYTES_PER_SITE = 620

/** 'west,south,east,north' → a checked box; the error names what is wrong with it. */
export function parseBbox(text: string): Bbox {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length !== 4 || parts.some((p) => p === '' || !Number.isFinite(Number(p)))) {
    throw invalidField('bbox', 'must be four numbers: west,south,east,north')
  }
  const [w, s, e, n] = parts.map(Number) as Bbox
  if (w < -180 || e > 180 || s < -90 || n > 90) throw invalidField('bbox', 'must lie within longitudes -180..180 and latitudes -90..90')
  if (w >= e || s >= n) throw invalidField('bbox', 'must have west < east and south < north')
  if (e - w > MAX_AREA_SPAN_DEG || n - s > MAX_AREA_SPAN_DEG) {
    throw invalidField('bbox', `may span at most ${MAX_AREA_SPAN_DEG} degrees each way (about 200 miles); save a smaller area`)
  }
  return [w, s, e, n]
}

function siteOfRow(row: AreaRow, live: typeof NO_LIVE_STATUS): OfflineSite {
  return {
    id: row.location_id,
    name: row.name,
    organization_name: row.organization_name,
    types: codesFromMask('types', row.types),
    services: codesFromMask('services', row.services),
    payment: codesFromMask('payment', row.payment),
    populations: codesFromMask('populations', row.populations),
    access: codesFromMask('access', row.access),
    languages: row.languages,
    address_1: row.address_1,
    address_2: row.address_2,
    city: row.city,
    region: row.region,
    postal_code: row.postal_code,
    phone: row.phone,
    website: row.website,
    lat: row.latitude,
    lon: row.longitude,
    location_precision: row.geocode_precision,
    timezone: row.timezone,
    hours: row.hours,
    assured_date: row.assured_date,
    freshness_date: row.freshness_date,
    public_note: row.public_note,
    status: row.status,
    status_until: row.status_until,
    status_reason: row.status_reason,
    source: row.source,
    demo: row.demo,
    live_status: live.items,
    today: live.today,
  }
}

/** Every active site in the box with what offline search needs; refuses a box of more than MAX_AREA_SITES. */
export async function offlineArea(db: Db, box: Bbox, options: { staleHideAfterDays: number | null; now: Date }): Promise<OfflineArea> {
  const rows = await sitesInBox(db, box, MAX_AREA_SITES + 1)
  if (rows.length > MAX_AREA_SITES) {
    throw invalidField('bbox', `holds more than ${MAX_AREA_SITES.toLocaleString('en-US')} sites; save a smaller area`)
  }
  const live = await liveStatusOf(
    db,
    rows.map((r) => r.location_id),
    options.now,
  )
  return {
    format: OFFLINE_AREA_FORMAT,
    generated_at: options.now.toISOString(),
    bbox: box,
    real_sites_exist: await realSitesExist(db),
    stale_hide_after_days: options.staleHideAfterDays,
    sites: rows.map((row) => siteOfRow(row, live.get(row.location_id) ?? NO_LIVE_STATUS)),
  }
}

/** How many sites and about how many bytes saving the box would store. */
export async function offlineAreaSize(db: Db, box: Bbox): Promise<OfflineAreaSize> {
  const { sites, bytes } = await sizeOfBox(db, box)
  return { bbox: box, sites, bytes: Math.round(bytes + sites * FIXED_BYTES_PER_SITE), max_sites: MAX_AREA_SITES }
}
