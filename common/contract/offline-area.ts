/**
 * GET /api/v1/offline-area: the listings of a map area for a phone to keep and search with no
 * signal — every active site in the box, with what offline search filters and shows (codes,
 * hours, timezone, live status as of download). The same box always gives the same answer
 * for everyone, so it is cacheable; it carries nothing about who asked.
 */
import { Type, type Static } from '@sinclair/typebox'
import { searchResultSchema } from './search.js'
import { HOURS_RULE } from './site.js'

/** Widest box one download may cover, in degrees of latitude and of longitude (about 200 miles). */
export const MAX_AREA_SPAN_DEG = 3
/** Most sites one download may hold (a phone's storage and a slow line's patience). */
export const MAX_AREA_SITES = 20_000
/** Bump when the stored shape changes: the page then asks for areas to be saved again. */
export const OFFLINE_AREA_FORMAT = 1

export const offlineAreaQuerySchema = Type.Object(
  {
    bbox: Type.String({
      maxLength: 100,
      description: `west,south,east,north in degrees (WGS 84); at most ${MAX_AREA_SPAN_DEG}° each way`,
      examples: ['-76.95,39.05,-76.3,39.55'],
    }),
  },
  { additionalProperties: false },
)

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const str = () => Type.String()

/** A fixed-length list of numbers (written as an array schema: OpenAPI has no tuples). */
const numbers = <T extends number[]>(n: number, description: string) => Type.Unsafe<T>(Type.Array(Type.Number(), { minItems: n, maxItems: n, description }))
const rangeSchema = Type.Union([numbers<[number, number]>(2, '[start, end) in epoch ms'), Type.Null()])

/** A search result's fields that do not depend on the query (no distance, open state or age): what a phone keeps of a site. */
const {
  distance_m: _distanceM,
  distance_mi: _distanceMi,
  open_now: _openNow,
  next_change: _nextChange,
  verification: _verification,
  ...stored
} = searchResultSchema.properties

export const offlineSiteSchema = Type.Object({
  ...stored,
  website: nullable(str()),
  hours: Type.Array(HOURS_RULE),
  /** The verification date, or for a never-verified listing the site-local day it was last imported: what "stale" is judged on. */
  freshness_date: str(),
  /** A "today" post's ranges (epoch ms [start, end)): closed during, open during. */
  today: Type.Union([Type.Object({ closed: rangeSchema, open: rangeSchema }), Type.Null()]),
})
export type OfflineSite = Static<typeof offlineSiteSchema>

export const offlineAreaSchema = Type.Object({
  format: Type.Literal(OFFLINE_AREA_FORMAT),
  /** When the listings were read (ISO 8601): the "saved" date the page shows. */
  generated_at: str(),
  bbox: numbers<[number, number, number, number]>(4, 'west, south, east, north'),
  /** Whether the directory holds real (non-demo) sites: search then leaves demo sites out unless asked. */
  real_sites_exist: Type.Boolean(),
  /** STALE_HIDE_AFTER_DAYS as the server applies it (null: nothing hidden). */
  stale_hide_after_days: Type.Union([Type.Integer(), Type.Null()]),
  sites: Type.Array(offlineSiteSchema),
})
export type OfflineArea = Static<typeof offlineAreaSchema>

export const offlineAreaSizeSchema = Type.Object({
  bbox: numbers<[number, number, number, number]>(4, 'west, south, east, north'),
  sites: Type.Integer(),
  /** About how many bytes the download is before compression (what the phone stores). */
  bytes: Type.Integer(),
  max_sites: Type.Integer(),
})
export type OfflineAreaSize = Static<typeof offlineAreaSizeSchema>
