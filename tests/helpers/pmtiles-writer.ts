/**
 * Writes a small PMTiles v3 archive in the test itself: GeoJSON layers → geojson-vt tiles →
 * Mapbox Vector Tiles (vt-pbf) → gzip → a clustered archive with one root directory
 * (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md). No downloaded extract:
 * TEST_BASEMAP is a few made-up streets, a harbour, a park and a city label around
 * Baltimore's ZIP 21201, in the Protomaps basemap schema (layers earth, water, landuse, roads,
 * places with `kind` and `name`) that protomaps-leaflet's 'light' flavor draws.
 *
 *   writeFileSync(path, buildPmtiles(TEST_BASEMAP))
 */
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import GeoJSONVT from 'geojson-vt'
import { zxyToTileId } from 'pmtiles'

// vt-pbf is CommonJS without types.
const vtpbf = createRequire(import.meta.url)('vt-pbf') as {
  fromGeojsonVt(layers: Record<string, { features: unknown[] }>, options?: { version?: number; extent?: number }): Uint8Array
}

export interface BasemapSource {
  /** [west, south, east, north]: tiles are written for this box at every zoom. */
  bounds: [number, number, number, number]
  minZoom: number
  maxZoom: number
  center: { lon: number; lat: number; zoom: number }
  /** Layer name → its features. */
  layers: Record<string, FeatureCollection>
}

export interface BuiltPmtiles {
  bytes: Buffer
  /** Tiles addressed (z/x/y with any feature), and distinct contents stored. */
  tiles: number
  contents: number
}

const HEADER_BYTES = 127
const COMPRESSION_GZIP = 2
const TILE_TYPE_MVT = 1

function writeVarint(out: number[], value: number): void {
  let v = value
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
}

interface Entry {
  tileId: number
  offset: number
  length: number
  runLength: number
}

/** A directory as the spec lays it out: count, tile id deltas, run lengths, lengths, offsets (0 = right after the previous). */
function serializeDirectory(entries: Entry[]): Buffer {
  const out: number[] = []
  writeVarint(out, entries.length)
  let lastId = 0
  for (const e of entries) {
    writeVarint(out, e.tileId - lastId)
    lastId = e.tileId
  }
  for (const e of entries) writeVarint(out, e.runLength)
  for (const e of entries) writeVarint(out, e.length)
  entries.forEach((e, i) => {
    const prev = entries[i - 1]
    writeVarint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1)
  })
  return Buffer.from(out)
}

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z)
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
}

/** The archive's bytes for `source`. */
export function buildPmtiles(source: BasemapSource): BuiltPmtiles {
  const { bounds, minZoom, maxZoom } = source
  const indexes = Object.entries(source.layers).map(
    ([name, data]) => [name, new GeoJSONVT(data, { maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0, extent: 4096, buffer: 64 })] as const,
  )
  const tiles: { tileId: number; data: Buffer }[] = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const [west, south, east, north] = bounds
    for (let x = lonToX(west, z); x <= lonToX(east, z); x++) {
      for (let y = latToY(north, z); y <= latToY(south, z); y++) {
        const layers: Record<string, { features: unknown[] }> = {}
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y)
          if (tile && tile.features.length > 0) layers[name] = tile
        }
        if (Object.keys(layers).length === 0) continue
        tiles.push({ tileId: zxyToTileId(z, x, y), data: gzipSync(vtpbf.fromGeojsonVt(layers, { version: 2, extent: 4096 })) })
      }
    }
  }
  tiles.sort((a, b) => a.tileId - b.tileId)

  // Identical tiles (open water, bare land) are stored once; consecutive ids with the same content share one entry.
  const offsets = new Map<string, { offset: number; length: number }>()
  const chunks: Buffer[] = []
  let dataLength = 0
  const entries: Entry[] = []
  for (const tile of tiles) {
    const hash = createHash('sha256').update(tile.data).digest('hex')
    let stored = offsets.get(hash)
    if (!stored) {
      stored = { offset: dataLength, length: tile.data.length }
      offsets.set(hash, stored)
      chunks.push(tile.data)
      dataLength += tile.data.length
    }
    const last = entries[entries.length - 1]
    if (last && last.offset === stored.offset && last.tileId + last.runLength === tile.tileId) last.runLength++
    else entries.push({ tileId: tile.tileId, offset: stored.offset, length: stored.length, runLength: 1 })
  }

  const root = gzipSync(serializeDirectory(entries))
  const metadata = gzipSync(
    JSON.stringify({
      name: 'Test basemap (ZIP 21201)',
      attribution: '© OpenStreetMap contributors',
      type: 'baselayer',
      vector_layers: Object.keys(source.layers).map((id) => ({ id, fields: { kind: 'String', name: 'String' } })),
    }),
  )
  if (HEADER_BYTES + root.length > 16384) throw new Error('root directory too large for one 16 KiB first read: add leaf directories')

  const header = Buffer.alloc(HEADER_BYTES)
  header.write('PMTiles', 0, 'latin1')
  header.writeUInt8(3, 7)
  const rootOffset = HEADER_BYTES
  const metadataOffset = rootOffset + root.length
  const tileDataOffset = metadataOffset + metadata.length
  const u64 = (value: number, at: number) => header.writeBigUInt64LE(BigInt(value), at)
  u64(rootOffset, 8)
  u64(root.length, 16)
  u64(metadataOffset, 24)
  u64(metadata.length, 32)
  u64(tileDataOffset, 40) // no leaf directories: an empty section
  u64(0, 48)
  u64(tileDataOffset, 56)
  u64(dataLength, 64)
  u64(tiles.length, 72)
  u64(entries.length, 80)
  u64(chunks.length, 88)
  header.writeUInt8(1, 96) // clustered: contents in tile id order
  header.writeUInt8(COMPRESSION_GZIP, 97)
  header.writeUInt8(COMPRESSION_GZIP, 98)
  header.writeUInt8(TILE_TYPE_MVT, 99)
  header.writeUInt8(minZoom, 100)
  header.writeUInt8(maxZoom, 101)
  const e7 = (deg: number) => Math.round(deg * 1e7)
  header.writeInt32LE(e7(bounds[0]), 102)
  header.writeInt32LE(e7(bounds[1]), 106)
  header.writeInt32LE(e7(bounds[2]), 110)
  header.writeInt32LE(e7(bounds[3]), 114)
  header.writeUInt8(source.center.zoom, 118)
  header.writeInt32LE(e7(source.center.lon), 119)
  header.writeInt32LE(e7(source.center.lat), 123)

  return { bytes: Buffer.concat([header, root, metadata, ...chunks]), tiles: tiles.length, contents: chunks.length }
}

const feature = (geometry: Geometry, properties: Record<string, string | number>): Feature => ({ type: 'Feature', geometry, properties })
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features })
const line = (kind: string, name: string, coordinates: [number, number][]) =>
  feature({ type: 'LineString', coordinates }, { kind, name, 'name:es': name, min_zoom: kind === 'minor_road' ? 12 : 7 })
const box = (w: number, s: number, e: number, n: number): [number, number][][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
]

/** Street names drawn by TEST_BASEMAP: a test looks for them in the tiles it reads back. */
export const TEST_STREETS = {
  major: ['North Charles Street', 'West Baltimore Street', 'Druid Hill Avenue'],
  minor: ['Eutaw Street', 'Paca Street', 'Mulberry Street', 'Franklin Street', 'Madison Street', 'Read Street'],
  highway: 'Jones Falls Expressway',
}
export const TEST_CITY = 'Baltimore'
/** A label with a Spanish name, so the language switch shows on the map. */
export const TEST_HARBOUR = { en: 'Inner Harbor', es: 'Puerto Interior' }

/** Around ZIP 21201 (39.2946, −76.6252): the area the browser tests search. */
export const TEST_BASEMAP: BasemapSource = {
  bounds: [-76.67, 39.26, -76.58, 39.33],
  minZoom: 0,
  maxZoom: 14,
  center: { lon: -76.6252, lat: 39.2946, zoom: 14 },
  layers: {
    earth: collection([feature({ type: 'Polygon', coordinates: box(-76.67, 39.26, -76.58, 39.33) }, { kind: 'earth' })]),
    water: collection([
      feature(
        {
          type: 'Polygon',
          coordinates: [
            [
              [-76.615, 39.2855],
              [-76.6, 39.2845],
              [-76.58, 39.278],
              [-76.58, 39.26],
              [-76.62, 39.26],
              [-76.617, 39.279],
              [-76.615, 39.2855],
            ],
          ],
        },
        { kind: 'water', name: 'Inner Harbor' },
      ),
      feature({ type: 'Point', coordinates: [-76.607, 39.2815] }, { kind: 'water', name: TEST_HARBOUR.en, 'name:es': TEST_HARBOUR.es }),
    ]),
    landuse: collection([feature({ type: 'Polygon', coordinates: box(-76.6345, 39.3015, -76.6285, 39.3055) }, { kind: 'park', name: 'Test Park' })]),
    roads: collection([
      line('major_road', 'North Charles Street', [
        [-76.6155, 39.286],
        [-76.6158, 39.3],
        [-76.6163, 39.33],
      ]),
      line('major_road', 'West Baltimore Street', [
        [-76.67, 39.2893],
        [-76.6, 39.2897],
      ]),
      line('major_road', 'Druid Hill Avenue', [
        [-76.6225, 39.2915],
        [-76.6295, 39.2995],
        [-76.645, 39.312],
      ]),
      line('highway', 'Jones Falls Expressway', [
        [-76.6075, 39.2905],
        [-76.6092, 39.305],
        [-76.618, 39.33],
      ]),
      ...[
        ['Eutaw Street', -76.6215],
        ['Paca Street', -76.6235],
      ].map(([name, lon]) =>
        line('minor_road', name as string, [
          [lon as number, 39.287],
          [lon as number, 39.305],
        ]),
      ),
      ...[
        ['Mulberry Street', 39.2925],
        ['Franklin Street', 39.2937],
        ['Madison Street', 39.2965],
        ['Read Street', 39.2985],
      ].map(([name, lat]) =>
        line('minor_road', name as string, [
          [-76.64, lat as number],
          [-76.61, lat as number],
        ]),
      ),
    ]),
    places: collection([
      feature(
        { type: 'Point', coordinates: [-76.6195, 39.2872] },
        { kind: 'locality', name: TEST_CITY, 'name:es': TEST_CITY, min_zoom: 4, population_rank: 12 },
      ),
    ]),
  },
}
