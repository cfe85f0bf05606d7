import { describe, expect, it } from 'vitest'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { offlineGeocode } from '../server/geocode/offline.js'
import { RemoteGeocoder } from '../server/geocode/remote.js'

describe('offline geocoding of what people type', () => {
  it('finds a ZIP code, with or without +4', () => {
    const [z] = offlineGeocode('21201')
    expect(z).toMatchObject({ kind: 'zip', postalCode: '21201', region: 'MD', approximate: true })
    expect(z!.lat).toBeCloseTo(39.29, 1)
    expect(offlineGeocode('21201-1234')[0]?.postalCode).toBe('21201')
  })

  it('finds "Baltimore, MD", "baltimore md", "Baltimore Maryland" and the city named in an address', () => {
    for (const q of ['Baltimore, MD', 'baltimore md', 'Baltimore Maryland', '123 Main St, Baltimore, MD']) {
      const [p] = offlineGeocode(q)
      expect(p?.label, q).toBe('Baltimore, MD')
      expect(p!.lon).toBeCloseTo(-76.62, 1)
    }
  })

  it('prefers the larger city for a bare name and offers the others', () => {
    const places = offlineGeocode('baltimore')
    expect(places[0]?.label).toBe('Baltimore, MD')
    expect(places.map((p) => p.region)).toContain('OH')
  })

  it('understands "St Louis" and "Saint Louis"', () => {
    expect(offlineGeocode('st louis, mo')[0]?.label).toBe(offlineGeocode('Saint Louis MO')[0]?.label)
  })

  it('finds nothing for a ZIP that does not exist or gibberish, rather than guessing', () => {
    expect(offlineGeocode('00000')).toEqual([])
    expect(offlineGeocode('qwzx, ZZ')).toEqual([])
    expect(offlineGeocode('   ')).toEqual([])
  })
})

describe('remote geocoders a deployment can configure', () => {
  it('asks Nominatim, Photon and Pelias in their own dialects and reads their answers', async () => {
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(req.url ?? '')
      res.setHeader('content-type', 'application/json')
      if (req.url?.startsWith('/search')) res.end(JSON.stringify([{ lat: '39.29', lon: '-76.61', display_name: 'Baltimore, Maryland, USA' }]))
      else res.end(JSON.stringify({ features: [{ geometry: { coordinates: [-76.61, 39.29] }, properties: { name: 'Baltimore', state: 'Maryland' } }] }))
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      for (const kind of ['nominatim', 'photon', 'pelias'] as const) {
        const [place] = await new RemoteGeocoder(kind, base).geocode('Baltimore', 1)
        expect(place, kind).toMatchObject({ lat: 39.29, lon: -76.61, approximate: false })
      }
      expect(seen[0]).toMatch(/^\/search\?q=Baltimore&format=jsonv2&countrycodes=us/)
      expect(seen[1]).toMatch(/^\/api\?q=Baltimore/)
      expect(seen[2]).toMatch(/^\/v1\/search\?text=Baltimore/)
    } finally {
      server.close()
    }
  })
})
