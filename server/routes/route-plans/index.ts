/**
 * POST /api/v1/routes: plan an outreach day (or check a hand-made order). Plans are computed
 * and returned, never stored (PRODUCT.md privacy rule 5).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { errorBodySchema } from '../../errors.js'
import { MAX_STOPS, MAX_VEHICLES, planRoute } from '../../planner/plan-route.js'
import type { SolveTask } from '../../planner/solve-task.js'
import { SolverPool } from '../../planner/solver-pool.js'

const lat = Type.Number({ minimum: -90, maximum: 90 })
const lon = Type.Number({ minimum: -180, maximum: 180 })
const clock = Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5, description: 'HH:MM' })
const placeSchema = Type.Object(
  {
    site_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    lat: Type.Optional(lat),
    lon: Type.Optional(lon),
    label: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const routeRequestSchema = Type.Object(
  {
    stops: Type.Array(
      Type.Object(
        {
          site_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          lat: Type.Optional(lat),
          lon: Type.Optional(lon),
          label: Type.Optional(Type.String({ maxLength: 200 })),
          opens: Type.Optional(clock),
          closes: Type.Optional(clock),
          service_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 480 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000, description: `Sites or points to visit (at most ${MAX_STOPS})` },
    ),
    start: placeSchema,
    end: Type.Optional(placeSchema),
    departure: Type.String({
      maxLength: 40,
      format: 'offset-date-time',
      description: 'ISO 8601 with offset: the day and earliest departure (years 1900–2200)',
    }),
    return_by: Type.Optional(clock),
    service_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 480, description: 'Default time at each stop (15)' })),
    vehicles: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_VEHICLES })),
    mode: Type.Optional(Type.Union([Type.Literal('driving'), Type.Literal('walking'), Type.Literal('cycling')])),
    speed_kmh: Type.Optional(Type.Number({ minimum: 1, maximum: 130 })),
    detour_factor: Type.Optional(Type.Number({ minimum: 1, maximum: 3 })),
    budget_ms: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
    order: Type.Optional(
      Type.Array(Type.Array(Type.Integer({ minimum: 0, maximum: MAX_STOPS - 1 }), { maxItems: MAX_STOPS }), {
        maxItems: MAX_VEHICLES,
        description: 'Check this order (stop indices per vehicle) instead of optimising',
      }),
    ),
  },
  { additionalProperties: false },
)

const nullableString = Type.Union([Type.String(), Type.Null()])
const planResponseSchema = Type.Object({
  vehicles: Type.Array(
    Type.Object({
      vehicle: Type.Integer(),
      departure: Type.String(),
      return: Type.String(),
      travel_minutes: Type.Number(),
      wait_minutes: Type.Number(),
      service_minutes: Type.Number(),
      distance_km: Type.Number(),
      stops: Type.Array(
        Type.Object({
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
        }),
      ),
    }),
  ),
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
      stop_index: Type.Union([Type.Integer(), Type.Null()]),
      kind: Type.String({ description: 'late | closed | shift | capacity | duplicate | invalid' }),
      message: Type.String(),
      arrival: nullableString,
      closes_at: nullableString,
    }),
  ),
  hours_unknown: Type.Array(Type.Object({ stop_index: Type.Integer(), name: Type.String() })),
  totals: Type.Object({ travel_minutes: Type.Number(), wait_minutes: Type.Number(), distance_km: Type.Number(), vehicles_used: Type.Integer() }),
  travel: Type.Object({ source: Type.String(), mode: Type.String(), note: nullableString }),
  solver: Type.Union([Type.Object({ elapsedMs: Type.Number(), iterations: Type.Number() }), Type.Null()]),
  geojson: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }),
})

const routePlanRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  // The optimisation runs on these threads; data loading and the travel matrix stay here.
  const pool = new SolverPool(config.planner)
  app.addHook('onClose', () => pool.close())
  const options = { osrmUrl: config.osrmUrl, solve: (task: SolveTask) => pool.solve(task) }

  app.post(
    '/routes',
    {
      // Bigger than a search body: up to 150 stops with labels.
      bodyLimit: 256 * 1024,
      // Tighter than the global limit: one plan can keep a solver thread busy for two seconds.
      config: { rateLimit: { max: config.routesRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['routes'],
        summary: 'Plan an outreach route: the best stop order, visiting each site while it is open',
        body: routeRequestSchema,
        response: { 200: planResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return planRoute(app.db, request.body, options)
    },
  )
}

export default routePlanRoutes
