/**
 * Public caching for directory data, so a CDN or a reverse proxy can absorb it. A route whose
 * answer is the same for everyone (taxonomy, a site page, HSDS without a place, an export)
 * marks its reply with `reply.cachePublicly('directory' | 'site')`; on a 200 this plugin then
 * sends `Cache-Control: public, max-age=<CACHE_MAX_AGE_S or SITE_CACHE_MAX_AGE_S>` and a
 * strong ETag — the SHA-1 of the body as serialized, or the one the route set itself for a
 * stream — and answers a matching If-None-Match with 304 and no body. A marked reply that is
 * not a 200 or 304 (an error, a 503) goes out `no-store`. Unmarked replies are left alone:
 * search, /lite results, curator and provider routes keep their own `no-store` (routes/no-store.ts).
 *
 * The ETag names the uncompressed body: @fastify/compress runs after this hook (it is a
 * route-level hook) and adds `Vary: Accept-Encoding`, so a cache keeps the encodings apart.
 */
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'

/** 'site': a site page, which carries live status and availability counts, so a shorter max-age. */
export type CacheKind = 'directory' | 'site'

declare module 'fastify' {
  interface FastifyReply {
    /** Marks this answer as the same for everyone: public Cache-Control and an ETag on a 200 (plugins/http-cache.ts). */
    cachePublicly(kind: CacheKind): FastifyReply
  }
}

const kinds = new WeakMap<FastifyReply, CacheKind>()

/** Whether the reply was marked public by its route. */
export function markedPublic(reply: FastifyReply): boolean {
  return kinds.has(reply)
}

/** A strong ETag for a serialized body: `"<base64url SHA-1>"`. */
export function bodyEtag(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`
}

/** If-None-Match against our ETag, with the weak comparison RFC 9110 prescribes for it (W/ ignored; `*` matches). */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (!header) return false
  if (header.trim() === '*') return true
  const ours = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === ours)
}

const isStream = (payload: unknown): payload is Readable => typeof (payload as { pipe?: unknown } | null)?.pipe === 'function'

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const maxAge: Record<CacheKind, number> = { directory: config.httpCache.maxAgeS, site: config.httpCache.siteMaxAgeS }
    app.decorateReply('cachePublicly', function (this: FastifyReply, kind: CacheKind) {
      kinds.set(this, kind)
      return this
    })
    app.addHook('onSend', async (request, reply, payload) => {
      const kind = kinds.get(reply)
      if (kind === undefined) return payload
      if (reply.statusCode !== 200 && reply.statusCode !== 304) {
        reply.header('cache-control', 'no-store').removeHeader('etag')
        return payload
      }
      reply.header('cache-control', `public, max-age=${maxAge[kind]}`)
      if (reply.statusCode === 304) return payload
      let etag = reply.getHeader('etag')
      if (typeof etag !== 'string') {
        // A stream without a version of its own has no validator: it is still cacheable for max-age.
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
        etag = bodyEtag(payload)
        reply.header('etag', etag)
      }
      if (!notModified(request, etag)) return payload
      if (isStream(payload)) payload.destroy()
      reply.code(304).removeHeader('content-type').removeHeader('content-length')
      return null
    })
  },
  { name: 'http-cache' },
)
