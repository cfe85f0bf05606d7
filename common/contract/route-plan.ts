/**
 * POST /api/v1/routes: an outreach day to plan (or a hand-made order to check), and the plan:
 * per van the stops in order with arrival times and "open until", the stops left out and why,
 * and the plan as GeoJSON ([lon, lat]). Plans are computed and returned, never stored.
 */
import { liveStatusSchema } from './live-status.js'
import { Type, type Static, type TSchema } from '@sinclair/typebox'

export const MAX_STOPS = 150
export const MAX_VEHICLES = 10
/** The largest budget_ms a request may give the solver. */
export const MAX_BUDGET_MS = 2000
export const TRAVEL_MODES = ['driving', 'walking', 'cycling'] as const
export type TravelMode = (typeof TRAVEL_MODES)[number]

const lat = Type.Number({ minimum: -90, maximum: 90 })
const lon = Type.Number({ minimum: -180, maximum: 180 })
const clock = Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5, description: 'HH:MM' })
const placeFields = {
  site_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  lat: Type.Optional(lat),
  lon: Type.Optional(lon),
  label: Type.Optional(Type.String({ maxLength: 200 })),
}

/** A start or end: a directory site (site_id), or a point (lat, lon, label). */
export const routePlaceSchema = Type.Object(placeFields, { additionalProperties: false })
export type RoutePlace = Static<typeof routePlaceSchema>

/** A stop: a site (its hours come from the directory) or a point with optional opening times. */
export const routeStopSchema = Type.Object(
  {
    ...placeFields,
    /** For a typed stop: 'HH:MM' local times of the plan's day. */
    opens: Type.Optional(clock),
    closes: Type.Optional(clock),
    service_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 480 })),
  },
  { additionalProperties: false },
)
export type RouteStopRequest = Static<typeof routeStopSchema>

export const routeRequestSchema = Type.Object(
  {
    stops: Type.Array(routeStopSchema, { maxItems: 1000, description: `Sites or points to visit (at most ${MAX_STOPS})` }),
    start: routePlaceSchema,
    end: Type.Optional(routePlaceSchema),
    /** The day, the earliest departure and the plan's clock. */
    departure: Type.String({
      maxLength: 40,
      format: 'offset-date-time',
      description: 'ISO 8601 with offset: the day and earliest departure (years 1900–2200)',
    }),
    /** On the plan's day (or the next morning if earlier than departure). Default: midnight ending the day. */
    return_by: Type.Optional(clock),
    service_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 480, description: 'Default time at each stop (15)' })),
    vehicles: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_VEHICLES })),
    mode: Type.Optional(Type.Union(TRAVEL_MODES.map((mode) => Type.Literal(mode)))),
    speed_kmh: Type.Optional(Type.Number({ minimum: 1, maximum: 130 })),
    detour_factor: Type.Optional(Type.Number({ minimum: 1, maximum: 3 })),
    budget_ms: Type.Optional(Type.Integer({ minimum: 10, maximum: MAX_BUDGET_MS })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
    order: Type.Optional(
      Type.Array(Type.Array(Type.Integer({ minimum: 0, maximum: MAX_STOPS - 1 }), { maxItems: MAX_STOPS }), {
        maxItems: MAX_VEHICLES,
        description: 'Check this order (stop indices per vehicle) instead of optimising',
      }),
    ),
  },
  {
    additionalProperties: false,
    // Points rather than site ids, so the example works on any deployment's /docs.
    examples: [
      {
        stops: [
          { lat: 39.2904, lon: -76.6122, label: 'Lexington Market', opens: '10:00', closes: '14:00' },
          { lat: 39.3075, lon: -76.5895, label: 'East Baltimore camp' },
          { lat: 39.2847, lon: -76.6205, label: 'Hollins Market', opens: '12:00', closes: '16:00', service_minutes: 30 },
        ],
        start: { lat: 39.2976, lon: -76.6144, label: 'Outreach office' },
        departure: '2027-01-05T09:00:00-05:00',
        return_by: '17:00',
        budget_ms: 200,
      },
    ],
  },
)
export type RouteRequest = Static<typeof routeRequestSchema>

const nullableString = Type.Union([Type.String(), Type.Null()])
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const plannedStopSchema = Type.Object({
  order: Type.Integer(),
  stop_index: Type.Integer(),
  site_id: nullableString,
  name: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  address: nullableString,
  phone: nullableString,
  arrival: Type.String(),
  wait_minutes: Type.Number(),
  service_start: Type.String(),
  departure: Type.String(),
  open_until: nullableString,
  hours_known: Type.Boolean(),
  /** A made-up listing (a demo directory), not a real place. Always false for a point. */
  demo: Type.Boolean(),
  /** How well the site's point is known ('exact', 'street', 'zip_centroid', 'city', 'unknown'); null for a point. */
  location_precision: nullableString,
  /** The site's unexpired live status when the plan was made (empty for a point). */
  live_status: liveStatusSchema,
})
export type PlannedStop = Static<typeof plannedStopSchema>

export const plannedVehicleSchema = Type.Object({
  vehicle: Type.Integer(),
  departure: Type.String(),
  return: Type.String(),
  travel_minutes: Type.Number(),
  wait_minutes: Type.Number(),
  service_minutes: Type.Number(),
  distance_km: Type.Number(),
  stops: Type.Array(plannedStopSchema),
})
export type PlannedVehicle = Static<typeof plannedVehicleSchema>

const position = () => Type.Array(Type.Number(), { description: '[lon, lat]' })

/** One Feature of the plan's GeoJSON: the start, the end, a numbered stop, or a van's route line. */
export const planFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  geometry: Type.Union([
    Type.Object({ type: Type.Literal('Point'), coordinates: position() }),
    Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(position()) }),
  ]),
  properties: Type.Object({
    role: Type.Union([Type.Literal('start'), Type.Literal('end'), Type.Literal('stop'), Type.Literal('route')]),
    vehicle: Type.Optional(Type.Integer()),
    order: Type.Optional(Type.Integer()),
    name: Type.Optional(Type.String()),
    site_id: Type.Optional(nullableString),
    arrival: Type.Optional(Type.String()),
    open_until: Type.Optional(nullableString),
    geometry: Type.Optional(
      Type.Union([Type.Literal('road'), Type.Literal('straight')], { description: 'A route line: road geometry (OSRM) or straight lines between stops' }),
    ),
  }),
})
export type PlanFeature = Static<typeof planFeatureSchema>

export const routePlanSchema = Type.Object({
  vehicles: Type.Array(plannedVehicleSchema),
  unassigned: Type.Array(
    Type.Object({
      stop_index: Type.Integer(),
      site_id: nullableString,
      name: Type.String(),
      code: Type.String({ description: 'closed | unreachable | capacity | shift | no-room | invalid | by_hand' }),
      reason: Type.String(),
      closes_at: nullableString,
      earliest_arrival: nullableString,
    }),
  ),
  violations: Type.Array(
    Type.Object({
      stop_index: nullable(Type.Integer()),
      kind: Type.String({ description: 'late | closed | shift | capacity | duplicate | invalid' }),
      message: Type.String(),
      arrival: nullableString,
      closes_at: nullableString,
    }),
  ),
  hours_unknown: Type.Array(Type.Object({ stop_index: Type.Integer(), name: Type.String() })),
  totals: Type.Object({ travel_minutes: Type.Number(), wait_minutes: Type.Number(), distance_km: Type.Number(), vehicles_used: Type.Integer() }),
  travel: Type.Object({
    source: Type.String({ description: "'osrm' (road times) or 'great_circle' (straight-line distance × detour factor at a speed)" }),
    mode: Type.String(),
    note: nullableString,
    /** With source great_circle: the speed and detour factor the times were estimated with; null for road times. */
    speed_kmh: nullable(Type.Number()),
    detour_factor: nullable(Type.Number()),
    /** Driving estimates: past this much road a leg goes at highway_speed_kmh; null when one speed is used throughout. */
    highway_after_km: nullable(Type.Number()),
    highway_speed_kmh: nullable(Type.Number()),
  }),
  solver: Type.Union([Type.Object({ elapsedMs: Type.Number(), iterations: Type.Number() }), Type.Null()]),
  geojson: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(planFeatureSchema) }),
})
export type RoutePlan = Static<typeof routePlanSchema>
