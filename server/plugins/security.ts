/**
 * Security headers (CSP fit for a Leaflet page with an offline basemap, no referrer) and
 * rate limiting keyed on the client address (PRODUCT.md privacy rule 4: IPs are held only in
 * memory, only for this) — in this process's memory, or with REDIS_URL in Redis, shared by
 * every process (plugins/rate-limit-redis.ts). This is the one registration of
 * @fastify/rate-limit: routes' own `config.rateLimit` limits count in the same store.
 */
import fp from 'fastify-plugin'
import Fastify, { type FastifyServerOptions } from 'fastify'
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { Config } from '../config.js'
import { ErrorCode, errorBody } from '../errors.js'
import { rateLimitRedis } from './rate-limit-redis.js'

/**
 * TRUST_PROXY as Fastify's trustProxy option. Fastify 5.12 ignores a hop count (it trusts no
 * hop then, because a count cannot tell the proxy from a client that reaches the server
 * directly), so a count becomes the function it used to be: believe the nearest `hops`
 * addresses. The README says to use it only when the proxies are the only way in.
 * Example: `trustProxyOption(1)` takes the client from the last X-Forwarded-For entry.
 */
export function trustProxyOption(trust: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof trust !== 'number') return trust
  return (_address: string, hop: number) => hop < trust
}

/** Origins the page may load map tiles from: none unless TILE_URL names a server. */
export function tileOrigins(tileUrl: string | null): string[] {
  if (!tileUrl) return []
  const origin = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).origin
  // {s} subdomains: allow the wildcard of the host.
  return tileUrl.includes('{s}') ? [origin.replace('//a.', '//*.')] : [origin]
}

/** Helmet's options for this site. */
function helmetOptions(config: Config): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigins(config.tileUrl)],
        connectSrc: ["'self'"],
        // The offline shell's service worker (/sw.js) and the app manifest.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  }
}

/**
 * The headers helmet sets with these options, read once from a throwaway instance: the same
 * for every request (no nonces), while @fastify/helmet rebuilds its middleware per request.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, number | string | string[]][]> {
  const probe = Fastify()
  let headers: [string, number | string | string[]][] = []
  await probe.register(helmet, options)
  probe.get('/', (_request, reply) => {
    // Names as helmet spells them (Content-Security-Policy, …).
    // getRawHeaderNames (Node ≥ 15.13) is missing from @types/node 20's ServerResponse.
    const raw = reply.raw as typeof reply.raw & { getRawHeaderNames(): string[] }
    headers = raw.getRawHeaderNames().flatMap((name) => {
      const value = reply.raw.getHeader(name)
      return value === undefined ? [] : [[name, value] as [string, number | string | string[]]]
    })
    return ''
  })
  await probe.inject('/')
  await probe.close()
  return headers
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const headers = await helmetHeaders(helmetOptions(config))
    // On the raw response, as helmet sets them: every reply has them, errors and 404s included.
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value)
      done()
    })
    const redis = rateLimitRedis(config.redis, app.log)
    if (redis) app.addHook('onClose', () => redis.close())
    await app.register(rateLimit, {
      ...(redis ? { redis: redis.client, nameSpace: redis.nameSpace, skipOnError: true } : {}),
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.ip,
      errorResponseBuilder: (_request, context) => {
        const err = errorBody(429, ErrorCode.RATE_LIMITED, `too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`)
        return Object.assign(new Error(err.message), err)
      },
    })
  },
  { name: 'security' },
)
