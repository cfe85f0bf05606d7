import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { DEFAULT_QUICK_EXIT_URL, loadConfig } from '../server/config.js'
import { html } from '../server/html/template.js'
import web from '../server/plugins/web.js'

describe('HTML the server writes', () => {
  it('escapes every value put into a template and keeps nested templates as markup', () => {
    const name = `Tom & Jerry's <3 "clinic"`
    expect(html`<h3>${name}</h3>`.toString()).toBe('<h3>Tom &#38; Jerry&#39;s &#60;3 &#34;clinic&#34;</h3>')
    expect(html`<ol>${['<a>', html`<li>${'<b>'}</li>`, 3, null, undefined]}</ol>`.toString()).toBe('<ol>&#60;a&#62;<li>&#60;b&#62;</li>3</ol>')
  })

  it('puts a hostile tile attribution into the map page as an attribute value, not markup', async () => {
    const distDir = mkdtempSync(join(tmpdir(), 'hrl-web-'))
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><html lang="en" data-config="__HRL_CONFIG__"><body></body></html>')
    const attribution = `"><script>alert(1)</script> $& © OSM`
    const app = Fastify()
    await app.register(web, { config: loadConfig({ TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png', TILE_ATTRIBUTION: attribution }), distDir })
    try {
      const res = await app.inject({ method: 'GET', url: '/' })
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toContain('<script')
      const value = /data-config="([^"]*)"/.exec(res.body)?.[1] as string
      const decoded = value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
      expect(JSON.parse(decoded)).toEqual({
        tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
        tileAttribution: attribution,
        quickExitUrl: DEFAULT_QUICK_EXIT_URL,
        basemap: null,
      })
    } finally {
      await app.close()
    }
  })
})
