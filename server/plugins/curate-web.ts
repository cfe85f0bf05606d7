/**
 * Serves the curator console page at `/curate` (and `/curate/`): web/dist/curate/index.html
 * with the client configuration rendered in (as for the map page), `Cache-Control: no-store`,
 * and no cookie — the session cookie belongs to /api/v1/curate alone. Its hashed assets are
 * served by the map page's /assets/ route. The site's CSP (helmet) applies as everywhere.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { escapeHtml } from '../html/template.js'
import { WEB_DIST_DIR } from '../paths.js'
import { clientConfig } from './web.js'

export interface CurateWebOptions {
  config: Config
  /** The build output (default web/dist next to the server). */
  distDir?: string
}

export default fp<CurateWebOptions>(
  async (app, { config, distDir = WEB_DIST_DIR }) => {
    const indexPath = join(distDir, 'curate', 'index.html')
    const built = existsSync(indexPath)
    if (!built) app.log.warn(`curator console not built: ${indexPath} is missing — run "npm run build:web".`)
    // Rendered once (a function, so a "$&" in a tile attribution is not read as a replacement pattern).
    const html = built ? readFileSync(indexPath, 'utf8').replace('__HRL_CONFIG__', () => escapeHtml(JSON.stringify(clientConfig(config)))) : null
    for (const url of ['/curate', '/curate/']) {
      app.get(url, { schema: { hide: true } }, async (_request, reply) => {
        reply.header('cache-control', 'no-store')
        if (!html) return reply.code(503).type('text/plain; charset=utf-8').send('The curator console is not built yet: run "npm run build:web".')
        return reply.type('text/html; charset=utf-8').send(html)
      })
    }
  },
  { name: 'curate-web', dependencies: ['web'] },
)
