/**
 * The offline shell's build pieces (web/build-sw.ts, web/build-icons.ts): which URLs the worker
 * precaches, when its version changes, which paths it never answers, and that the icons are
 * real PNGs of the right size in the brand colour.
 */
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { BasemapAssets } from '../../web/build-basemap.js'
import { ICON_BACKGROUND, pngIcon } from '../../web/build-icons.js'
import { NETWORK_ONLY, precacheList, serviceWorkerSource, shellVersion, webManifest } from '../../web/build-sw.js'

const BASEMAP: BasemapAssets = {
  placesMajor: 'basemap-places-major-1.json',
  places: 'basemap-places-2.json',
  counties: 'basemap-counties-3.json',
  lakesLow: 'basemap-lakes-low-4.json',
  lakes: 'basemap-lakes-5.json',
  rivers: 'basemap-rivers-6.json',
}

describe('precacheList', () => {
  it('lists the page, the manifest, the page assets, the icons and the low-zoom basemap, sorted, once each', () => {
    const urls = precacheList({
      pageAssets: ['styles-B.css', 'app-A.js', 'chunk-C.js', 'app-A.js.map', 'marker-icon-D.png', 'chunk-C.js'],
      basemap: BASEMAP,
      icons: ['icon-192-e.png'],
    })
    expect(urls).toEqual([
      '/',
      '/assets/app-A.js',
      '/assets/basemap-lakes-low-4.json',
      '/assets/basemap-places-major-1.json',
      '/assets/chunk-C.js',
      '/assets/icon-192-e.png',
      '/assets/marker-icon-D.png',
      '/assets/styles-B.css',
      '/manifest.webmanifest',
    ])
  })
})

describe('shellVersion', () => {
  const urls = ['/', '/assets/app-A.js']
  it('is stable for the same build and changes with an asset name or an unhashed file', () => {
    const v = shellVersion(urls, ['<html>', '{}'])
    expect(v).toMatch(/^[0-9a-f]{16}$/)
    expect(shellVersion([...urls], ['<html>', '{}'])).toBe(v)
    expect(shellVersion(['/', '/assets/app-B.js'], ['<html>', '{}'])).not.toBe(v)
    expect(shellVersion(urls, ['<html lang="es">', '{}'])).not.toBe(v)
  })
})

describe('the service worker', () => {
  it('leaves the API, /lite, /update, /curate and the docs to the network', () => {
    for (const path of ['/api/v1/search', '/api/v1/taxonomy', '/lite', '/lite/search', '/update/abc', '/curate', '/curate/x', '/docs'])
      expect(NETWORK_ONLY.test(path), path).toBe(true)
    for (const path of ['/', '/assets/app-A.js', '/manifest.webmanifest', '/sw.js']) expect(NETWORK_ONLY.test(path), path).toBe(false)
  })

  it('is a script with the version and list it was given, and parses', () => {
    const source = serviceWorkerSource('0123456789abcdef', ['/', '/assets/app-A.js'])
    expect(source).toContain('const CACHE = "hrl-shell-0123456789abcdef"')
    expect(source).toContain('const PRECACHE = ["/","/assets/app-A.js"]')
    expect(() => new Function(source)).not.toThrow()
  })

  it('names the manifest icons it is given', () => {
    const manifest = JSON.parse(webManifest({ any192: 'a.png', any512: 'b.png', maskable512: 'c.png' }))
    expect(manifest.icons.map((i: { src: string; purpose: string }) => `${i.src} ${i.purpose}`)).toEqual([
      '/assets/a.png any',
      '/assets/b.png any',
      '/assets/c.png maskable',
    ])
  })
})

/** The RGB rows of an unfiltered 8-bit RGB PNG from encodePng. */
function pixels(png: Buffer): { size: number; at: (x: number, y: number) => number[] } {
  const size = png.readUInt32BE(16)
  const idat = png.indexOf('IDAT')
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)))
  return { size, at: (x, y) => [...raw.subarray(y * (size * 3 + 1) + 1 + x * 3, y * (size * 3 + 1) + 4 + x * 3)] }
}

describe('pngIcon', () => {
  it.each([
    [192, false],
    [512, true],
  ])('draws a %i px PNG (maskable: %s): brand blue corners, a white pin, centred', (size, maskable) => {
    const png = pngIcon(size, maskable)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const { size: side, at } = pixels(png)
    expect(side).toBe(size)
    expect(at(0, 0)).toEqual(ICON_BACKGROUND)
    expect(at(size - 1, size - 1)).toEqual(ICON_BACKGROUND)
    // The pin's body just below the head's hole is white.
    expect(at(size / 2, Math.round(size * 0.6))).toEqual([255, 255, 255])
  })

  it('keeps the maskable pin inside the central safe circle (radius 40 %)', () => {
    const { size, at } = pixels(pngIcon(512, true))
    for (let y = 0; y < size; y += 4)
      for (let x = 0; x < size; x += 4) {
        if (Math.hypot(x - size / 2, y - size / 2) <= size * 0.4) continue
        expect(at(x, y)).toEqual(ICON_BACKGROUND)
      }
  })
})
