/**
 * Security headers (CSP fit for a Leaflet page with an offline basemap, no referrer) and
 * in-memory rate limiting keyed on the client address (PRODUCT.md privacy rule 4: IPs are
 * held only in memory, only for this).
 */
import fp from 'fastify-plugin'
import type { FastifyServerOptions } from 'fastify'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { Config } from '../config.js'
import { ErrorCode, errorBody } from '../errors.js'

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

export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(helmet, {
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
    })
    await app.register(rateLimit, {
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
