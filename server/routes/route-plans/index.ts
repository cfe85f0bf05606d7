/**
 * POST /api/v1/routes: plan an outreach day (or check a hand-made order). Plans are computed
 * and returned, never stored (PRODUCT.md privacy rule 5).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { routePlanSchema, routeRequestSchema } from '../../../common/contract/route-plan.js'
import type { Config } from '../../config.js'
import { planRoute } from '../../planner/plan-route.js'
import type { SolveTask } from '../../planner/solve-task.js'
import { SolverPool } from '../../planner/solver-pool.js'

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
        response: { 200: routePlanSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      return planRoute(app.db, request.body, options)
    },
  )
}

export default routePlanRoutes
