/**
 * The test basemap archive reads back with the pmtiles package the page uses: header,
 * directory, metadata, and tiles whose vector layers carry the streets and the city label.
 */
import { VectorTile } from '@mapbox/vector-tile'
import { createRequire } from 'node:module'
import { Compression, PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles'
import { describe, expect, it } from 'vitest'
import { buildPmtiles, TEST_BASEMAP, TEST_CITY, TEST_STREETS } from './helpers/pmtiles-writer.js'

// pbf (CommonJS, no types) is the protobuf reader @mapbox/vector-tile takes.
const Pbf = createRequire(import.meta.url)('pbf') as new (buf: Uint8Array) => ConstructorParameters<typeof VectorTile>[0]

/** The archive in memory, read the way FetchSource reads it: by byte range. */
class BufferSource implements Source {
  reads: [number, number][] = []
  constructor(private readonly bytes: Buffer) {}
  getKey() {
    return 'memory'
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.reads.push([offset, length])
    const slice = this.bytes.subarray(offset, offset + length)
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.length) as ArrayBuffer }
  }
}

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z)
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
}

describe('the PMTiles v3 writer', () => {
  const built = buildPmtiles(TEST_BASEMAP)
  const source = new BufferSource(built.bytes)
  const archive = new PMTiles(source)

  it('writes a header the reader accepts, with the zooms, bounds and compression asked for', async () => {
    const h = await archive.getHeader()
    expect(h).toMatchObject({
      specVersion: 3,
      minZoom: 0,
      maxZoom: 14,
      tileType: TileType.Mvt,
      tileCompression: Compression.Gzip,
      internalCompression: Compression.Gzip,
      clustered: true,
      numAddressedTiles: built.tiles,
      numTileContents: built.contents,
    })
    expect(h.minLon).toBeCloseTo(-76.67, 5)
    expect(h.maxLat).toBeCloseTo(39.33, 5)
    expect(h.centerZoom).toBe(14)
    expect(h.centerLat).toBeCloseTo(39.2946, 5)
    // Identical tiles are stored once.
    expect(built.contents).toBeLessThan(built.tiles)
    expect(await archive.getMetadata()).toMatchObject({ attribution: '© OpenStreetMap contributors' })
  })

  it('addresses every zoom from 0 to 14 at the test area, and nothing outside it', async () => {
    for (let z = 0; z <= 14; z++) {
      const tile = await archive.getZxy(z, lonToX(-76.6252, z), latToY(39.2946, z))
      expect(tile, `z${z}`).toBeDefined()
    }
    expect(await archive.getZxy(14, lonToX(-75, 14), latToY(39.2946, 14))).toBeUndefined()
    expect(await archive.getZxy(15, lonToX(-76.6252, 15), latToY(39.2946, 15))).toBeUndefined()
  })

  it('stores Mapbox Vector Tiles with the Protomaps layers and the street and city names', async () => {
    const z = 14
    const tile = await archive.getZxy(z, lonToX(-76.6215, z), latToY(39.2937, z))
    expect(tile).toBeDefined()
    // The reader has already gunzipped the tile (tile compression: gzip).
    const vt = new VectorTile(new Pbf(new Uint8Array(tile!.data)))
    expect(Object.keys(vt.layers).sort()).toEqual(expect.arrayContaining(['earth', 'roads']))
    const roads = vt.layers.roads!
    const names = new Set<string>()
    for (let i = 0; i < roads.length; i++) {
      const f = roads.feature(i)
      names.add(`${f.properties.kind}:${f.properties.name}`)
      expect(f.type).toBe(2) // LineString
    }
    expect(names).toContain('minor_road:Eutaw Street')
    expect(names).toContain('minor_road:Franklin Street')
    expect(names).toContain('major_road:West Baltimore Street')
    expect(TEST_STREETS.minor).toContain('Eutaw Street')

    const cityTile = await archive.getZxy(12, lonToX(-76.6195, 12), latToY(39.2872, 12))
    const places = new VectorTile(new Pbf(new Uint8Array(cityTile!.data))).layers.places!
    expect(places.feature(0).properties).toMatchObject({ kind: 'locality', name: TEST_CITY })
  })

  it('needs only the first 16 KiB to find a tile (header and root directory)', async () => {
    const fresh = new BufferSource(built.bytes)
    await new PMTiles(fresh).getZxy(14, lonToX(-76.6252, 14), latToY(39.2946, 14))
    expect(fresh.reads[0]).toEqual([0, 16384])
    expect(fresh.reads).toHaveLength(2) // the header+root read, then the tile
  })
})
