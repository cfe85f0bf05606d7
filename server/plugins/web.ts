/**
 * Serves the map page: index.html at `/` (with the client configuration rendered into a data
 * attribute, so the page needs no inline script and no extra round trip) and the bundled,
 * content-hashed assets under /assets/ (cached for a year, pre-compressed by web/build.ts),
 * and the installable app's /sw.js and /manifest.webmanifest (revalidated every time, so a new
 * build's worker is found on the next visit).
 * When web/dist is missing the API still starts and `/` says how to build the page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import type { Config } from '../config.js'
import { escapeHtml } from '../html/template.js'
import { WEB_DIST_DIR } from '../paths.js'

export interface WebPluginOptions {
  config: Config
  /** The build output (default web/dist next to the server). */
  distDir?: string
}

/** The page's settings, as rendered into <html data-config>: only what the browser needs. */
export function clientConfig(config: Config): {
  tileUrl: string | null
  tileAttribution: string | null
  quickExitUrl: string
  /** The street basemap's URL on our own origin (BASEMAP_PMTILES), or null. */
  basemap: { pmtiles: string } | null
} {
  const tiles =
    config.tileUrl && config.tileAttribution ? { tileUrl: config.tileUrl, tileAttribution: config.tileAttribution } : { tileUrl: null, tileAttribution: null }
  return { ...tiles, quickExitUrl: config.quickExitUrl, basemap: config.basemapPmtiles ? { pmtiles: BASEMAP_PATH } : null }
}

/** Where server/routes/basemap serves BASEMAP_PMTILES. */
export const BASEMAP_PATH = '/basemap.pmtiles'

export const DEFAULT_DIST_DIR = WEB_DIST_DIR

/** A small build file at a fixed URL, read once; `no-cache` so the browser asks for a new build's copy every time. */
function serveAppFile(app: FastifyInstance, path: string, url: string, type: string): void {
  if (!existsSync(path)) return
  const body = readFileSync(path)
  app.get(url, { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').type(type).send(body))
}

export default fp<WebPluginOptions>(
  async (app, { config, distDir = DEFAULT_DIST_DIR }) => {
    const indexPath = join(distDir, 'index.html')
    if (!existsSync(indexPath)) {
      app.log.warn(`web page not built: ${indexPath} is missing — run "npm run build:web" (npm start does it). The API and /lite still work.`)
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply.code(503).type('text/plain; charset=utf-8').send('The map page is not built yet: run "npm run build:web". The text-only page is at /lite.'),
      )
      return
    }
    // Rendered once: the configuration does not change while the process runs. (A function, so a
    // "$&" in a tile attribution is not read as a replacement pattern.)
    const html = readFileSync(indexPath, 'utf8').replace('__HRL_CONFIG__', () => escapeHtml(JSON.stringify(clientConfig(config))))
    const gzipped = gzipSync(html, { level: 9 })
    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      // Revalidate the page every time so a new build's hashed asset names are picked up.
      reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8')
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzipped)
      return reply.send(html)
    })
    serveAppFile(app, join(distDir, 'sw.js'), '/sw.js', 'text/javascript; charset=utf-8')
    serveAppFile(app, join(distDir, 'manifest.webmanifest'), '/manifest.webmanifest', 'application/manifest+json; charset=utf-8')
    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
    })
  },
  { name: 'web' },
)
