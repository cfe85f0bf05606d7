/**
 * Overload is answered, not suffered: past the configured event-loop delay, heap or RSS
 * thresholds (PRESSURE_* settings; 0 turns a check off) every request but /health gets a
 * 503 OVERLOADED with Retry-After at once, instead of queueing behind the ones in progress.
 * /health keeps answering: the process is alive, only busy (a load balancer reads /ready).
 */
import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { Config } from '../config.js'
import { ErrorCode, RETRY_AFTER_S, errorBody } from '../errors.js'

const MB = 1024 * 1024

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const { maxEventLoopDelayMs, maxHeapUsedMb, maxRssMb } = config.pressure
    if (!maxEventLoopDelayMs && !maxHeapUsedMb && !maxRssMb) return
    let lastLog = 0
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxHeapUsedBytes: maxHeapUsedMb * MB,
      maxRssBytes: maxRssMb * MB,
      sampleInterval: 250,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type) => {
        if (request.routeOptions.url === '/health') return
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now()
          request.log.warn({ pressure: type, memory: app.memoryUsage() }, 'overloaded: shedding requests with 503')
        }
        // Sent here; Fastify runs nothing more for a request whose reply is sent.
        void reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_S.overloaded))
          .type('application/json')
          .send(errorBody(503, ErrorCode.OVERLOADED, 'the server is overloaded; try again shortly'))
      },
    })
  },
  { name: 'pressure' },
)
