/**
 * Remote geocoders a deployment can point at (GEOCODER + GEOCODER_URL): Nominatim, Photon
 * and Pelias, restricted to the United States. The query goes to the configured server only.
 */
import { latLonOf } from '../../common/geojson.js'
import type { Geocoder, Match, Place } from './geocoder.js'

type Kind = 'nominatim' | 'photon' | 'pelias'

async function getJson(url: URL, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`geocoder answered ${response.status}`)
  return response.json()
}

/**
 * The precision a remote answer names (Nominatim `addresstype`, Photon `type`, Pelias
 * `layer`); an answer that names none is taken as an address, as before.
 */
export function remoteMatch(type: unknown): Match {
  switch (String(type ?? '')) {
    case 'postcode':
    case 'postalcode':
      return 'zip'
    case 'city':
    case 'town':
    case 'village':
    case 'hamlet':
    case 'locality':
    case 'localadmin':
    case 'county':
    case 'state':
    case 'region':
    case 'municipality':
      return 'place'
    case 'suburb':
    case 'neighbourhood':
    case 'quarter':
    case 'district':
    case 'borough':
    case 'city_district':
    case 'macrohood':
      return 'neighbourhood'
    default:
      return 'address'
  }
}

function remotePlace(label: string, lat: number, lon: number, type: unknown): Place {
  const match = remoteMatch(type)
  return { label, lat, lon, kind: match, match, approximate: match !== 'address' }
}

interface Feature {
  geometry?: { coordinates?: [number, number] }
  properties?: Record<string, unknown>
}

export class RemoteGeocoder implements Geocoder {
  constructor(
    private readonly kind: Kind,
    private readonly baseUrl: string,
    private readonly timeoutMs = 4000,
  ) {}

  async geocode(query: string, limit = 5): Promise<Place[]> {
    if (this.kind === 'nominatim') {
      const url = new URL('search', this.baseUrl.endsWith('/') ? this.baseUrl : this.baseUrl + '/')
      url.search = new URLSearchParams({ q: query, format: 'jsonv2', countrycodes: 'us', limit: String(limit) }).toString()
      const rows = (await getJson(url, this.timeoutMs)) as { lat: string; lon: string; display_name: string; addresstype?: string }[]
      return rows.map((r) => remotePlace(r.display_name, Number(r.lat), Number(r.lon), r.addresstype))
    }
    const path = this.kind === 'photon' ? 'api' : 'v1/search'
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : this.baseUrl + '/')
    const params: Record<string, string> =
      this.kind === 'photon' ? { q: query, limit: String(limit) } : { text: query, size: String(limit), 'boundary.country': 'USA' }
    url.search = new URLSearchParams(params).toString()
    const body = (await getJson(url, this.timeoutMs)) as { features?: Feature[] }
    return (body.features ?? []).flatMap((f) => {
      const c = f.geometry?.coordinates
      if (!c) return []
      const p = f.properties ?? {}
      const label = String(p.label ?? [p.name, p.city, p.state].filter(Boolean).join(', '))
      const { lat, lon } = latLonOf(c)
      return [remotePlace(label, lat, lon, p.layer ?? p.type)]
    })
  }
}
