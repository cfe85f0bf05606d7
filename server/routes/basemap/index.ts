/**
 * GET/HEAD /basemap.pmtiles: the deployer's street basemap (BASEMAP_PMTILES, a PMTiles v3
 * file), served from our own origin with HTTP range requests, which is how the page's
 * PMTiles reader fetches the header, directories and each tile it draws.
 *
 * Hand-rolled rather than @fastify/static: its `send` gives a weak ETag (W/"size-mtime"),
 * which the PMTiles reader ignores, and matches If-Range against that weak ETag, which
 * RFC 9110 forbids. Here: one range per request (`bytes=a-b`, `a-`, `-n`) → 206 with
 * Content-Range; a multi-range, malformed or non-bytes Range is ignored → 200 with the whole
 * file (RFC 9110 §14.2 lets a server ignore Range); a range starting past the end → 416 with
 * `Content-Range: bytes *\/size`. A strong ETag (inode, size, mtime) and Last-Modified
 * answer If-None-Match / If-Modified-Since with 304 and decide If-Range. Nothing is compressed:
 * tiles inside the file are already gzipped, and a byte range of a compressed body is meaningless.
 * The file is opened once per request and streamed from that handle, so a replaced file
 * never mixes old and new bytes within one response.
 */
import { open, type FileHandle } from 'node:fs/promises'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { BASEMAP_PATH } from '../../plugins/web.js'

export interface BasemapRouteOptions {
  /** The PMTiles file (config.basemapPmtiles); without it the route is not registered (404). */
  file: string | null
  /** Range requests per client per minute: one map view fetches a few dozen. */
  rateLimitPerMinute: number
}

export const PMTILES_TYPE = 'application/vnd.pmtiles'
/**
 * An hour, then revalidate (cheap: the ETag). A replaced file shows within the hour; the
 * reader notices a changed ETag between its directory and a tile, and reloads.
 */
export const BASEMAP_CACHE_CONTROL = 'public, max-age=3600'

export type ParsedRange = { start: number; end: number } | 'unsatisfiable' | null

/**
 * A Range header against a file of `size` bytes: one satisfiable range (inclusive, clamped to
 * the file), 'unsatisfiable' (416), or null (no usable Range: serve the whole file).
 * Example: `parseRange('bytes=0-16383', 1000)` → `{ start: 0, end: 999 }`.
 */
export function parseRange(header: string | undefined, size: number): ParsedRange {
  if (header === undefined) return null
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!m) return null // several ranges, another unit or bad syntax: ignored
  const [, first = '', last = ''] = m
  if (first === '' && last === '') return null
  if (first === '') {
    // Suffix: the last n bytes.
    const n = Number(last)
    if (n === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return null // invalid: ignored
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

function strongEtag(stat: { ino: number; size: number; mtimeMs: number }): string {
  return `"${stat.ino.toString(16)}-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
}

/** If-None-Match (any listed tag, weak comparison) or else If-Modified-Since: the client's copy is current. */
function notModified(request: FastifyRequest, etag: string, mtime: Date): boolean {
  const inm = request.headers['if-none-match']
  if (inm !== undefined) {
    if (inm.trim() === '*') return true
    return inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  }
  const ims = request.headers['if-modified-since']
  if (ims === undefined) return false
  const since = Date.parse(ims)
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since
}

/** If-Range: the range applies only to the same strong ETag, or to the exact Last-Modified date. */
function rangeStillValid(request: FastifyRequest, etag: string, lastModified: string): boolean {
  const ifRange = request.headers['if-range']
  if (ifRange === undefined) return true
  const value = String(ifRange).trim()
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag
  return value === lastModified
}

async function serve(file: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch {
    request.log.error('basemap: BASEMAP_PMTILES cannot be opened')
    return reply.code(404).type('text/plain; charset=utf-8').send('No basemap file.')
  }
  let streaming = false
  try {
    const stat = await handle.stat()
    const etag = strongEtag(stat)
    const lastModified = stat.mtime.toUTCString()
    reply.header('accept-ranges', 'bytes').header('etag', etag).header('last-modified', lastModified).header('cache-control', BASEMAP_CACHE_CONTROL)
    if (notModified(request, etag, stat.mtime)) return reply.code(304).send()
    let range = parseRange(request.headers.range, stat.size)
    if (range !== null && !rangeStillValid(request, etag, lastModified)) range = null
    if (range === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${stat.size}`).type('text/plain; charset=utf-8').send('Range not satisfiable.')
    }
    const { start, end } = range ?? { start: 0, end: stat.size - 1 }
    reply.type(PMTILES_TYPE).header('content-length', String(end - start + 1))
    if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${stat.size}`)
    if (request.method === 'HEAD' || end < start) return reply.send()
    streaming = true
    return reply.send(handle.createReadStream({ start, end, autoClose: true }))
  } finally {
    if (!streaming) await handle.close()
  }
}

const basemapRoutes: FastifyPluginAsync<BasemapRouteOptions> = async (app, { file, rateLimitPerMinute }) => {
  if (!file) return
  app.route({
    method: ['GET', 'HEAD'],
    url: BASEMAP_PATH,
    schema: { hide: true },
    // Its own allowance: panning the map fetches tiles, and must not use up the search's.
    config: { rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000 } },
    handler: (request, reply) => serve(file, request, reply),
  })
}

export default basemapRoutes
