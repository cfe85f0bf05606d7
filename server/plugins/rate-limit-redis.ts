/**
 * The Redis behind shared rate limits (REDIS_URL): one client per process, which every rate
 * limit of the app (the global one and each route's own) counts through, under
 * `<REDIS_KEY_PREFIX>rl:`, so N processes on M machines allow what one would. Redis being
 * down must not take the API down: commands fail fast (no offline queue, one retry), the rate
 * limit then lets the request through (`skipOnError`), and the log says once that limits are
 * off until Redis is back, and once when it is. Keys hold the client address only, expiring
 * with their window (PRODUCT.md privacy rule 4).
 */
import { Redis } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config.js'

export interface RateLimitRedis {
  client: Redis
  /** The key namespace for @fastify/rate-limit's `nameSpace`. */
  nameSpace: string
  close(): Promise<void>
}

/** Connects (lazily, in the background) to REDIS_URL for the rate limits; null when it is not set. */
export function rateLimitRedis(redis: Config['redis'], log: FastifyBaseLogger): RateLimitRedis | null {
  if (!redis) return null
  const client = new Redis(redis.url, {
    connectTimeout: 500,
    maxRetriesPerRequest: 1,
    // Queued commands would hold requests while Redis is away; failing at once lets skipOnError answer.
    enableOfflineQueue: false,
    // Reconnect every 0.1 s doubling up to 5 s, for as long as the process runs.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
  })
  let down = false
  client.on('error', (err: Error & { code?: string }) => {
    if (down) return
    down = true
    // The error's code only: an address or a password in a message would not belong in the log.
    log.warn({ code: err.code ?? 'no code' }, 'Redis for shared rate limits is not reachable: requests are not rate limited until it is back')
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    log.info('Redis for shared rate limits is back: rate limits apply again')
  })
  return {
    client,
    nameSpace: `${redis.keyPrefix}rl:`,
    async close() {
      client.disconnect()
    },
  }
}
