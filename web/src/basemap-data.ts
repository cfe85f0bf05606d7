/**
 * The offline basemap's lazy assets (built by web/build-basemap.ts, named by content hash and
 * passed in as __BASEMAP_ASSETS__): fetching them from this site, and decoding their lines.
 */
import type L from 'leaflet'

export type BasemapAsset = 'placesMajor' | 'places' | 'counties' | 'lakesLow' | 'lakes' | 'rivers'

declare const __BASEMAP_ASSETS__: Record<BasemapAsset, string> | undefined

/** A populated place: lon, lat, population, name, and 1 for a neighbourhood within a city. */
export type Place = [number, number, number, string, 1?]

/** The asset as parsed JSON, fetched from this site's assets folder (no cookies, no referrer elsewhere). */
export async function fetchAsset(asset: BasemapAsset): Promise<unknown> {
  const files = typeof __BASEMAP_ASSETS__ === 'undefined' ? undefined : __BASEMAP_ASSETS__
  const file = files?.[asset]
  if (!file) throw new Error(`basemap asset ${asset} not built`)
  const response = await fetch(`/assets/${file}`, { credentials: 'omit' })
  if (!response.ok) throw new Error(`basemap asset ${asset}: HTTP ${response.status}`)
  return response.json()
}

/** The places asset's columns (see web/build-basemap.ts) as places, largest first. */
export function decodePlaces(columns: { lon: number[]; lat: number[]; pop: number[]; name: string[]; pplx: number[] }): Place[] {
  const neighbourhoods = new Set(columns.pplx)
  const out: Place[] = []
  let x = 0
  for (let i = 0; i < columns.name.length; i++) {
    x += columns.lon[i] as number
    const place: Place = [x / 1000, (columns.lat[i] as number) / 1000, columns.pop[i] as number, columns.name[i] as string]
    if (neighbourhoods.has(i)) place.push(1)
    out.push(place)
  }
  return out.sort((a, b) => b[2] - a[2] || (a[3] < b[3] ? -1 : 1))
}

/** A delta-encoded line at 1/1000 degree ([x0, y0, dx1, dy1, …], x = lon) as Leaflet [lat, lon] points. */
export function decodeLine(flat: number[]): L.LatLngTuple[] {
  const out: L.LatLngTuple[] = []
  let x = 0
  let y = 0
  for (let i = 0; i + 1 < flat.length; i += 2) {
    x += flat[i] as number
    y += flat[i + 1] as number
    out.push([y / 1000, x / 1000])
  }
  return out
}
