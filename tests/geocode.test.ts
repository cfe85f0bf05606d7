import { describe, expect, it } from 'vitest'
import { once } from 'node:events'
import { createServer } from 'node:http'
import { looksLikeStreetAddress } from '../server/geocode/geocoder.js'
import { offlineGeocode, offlineResolve } from '../server/geocode/offline.js'
import { RemoteGeocoder, remoteMatch } from '../server/geocode/remote.js'

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

describe('offline geocoding says what it matched', () => {
  it('matches a street address only to its city, and says so', () => {
    const answer = offlineResolve('1600 Pennsylvania Ave NW, Washington, DC')
    expect(answer.notice).toBe('address_approximated')
    expect(answer.results[0]).toMatchObject({ label: 'Washington, DC', match: 'place', approximate: true })
    expect(answer.results[0]!.lat).toBeCloseTo(38.9, 1)
  })

  it('matches an address ending in a ZIP to the ZIP, and says so', () => {
    const answer = offlineResolve('1600 Pennsylvania Ave NW, Washington, DC 20500')
    expect(answer).toMatchObject({ notice: 'address_approximated', results: [{ match: 'zip', postalCode: '20500' }] })
  })

  it('tells addresses from place names', () => {
    for (const q of ['1600 Pennsylvania Ave NW, Washington, DC', '123 Main St Baltimore MD', 'Main Street, Baltimore', '12 W 4th St Apt 3, New York']) {
      expect(looksLikeStreetAddress(q), q).toBe(true)
    }
    for (const q of ['21201', 'St Louis, MO', 'Baltimore, MD', 'Springfield', 'Boyle Heights, Los Angeles', 'Fort Wayne, IN']) {
      expect(looksLikeStreetAddress(q), q).toBe(false)
    }
    expect(offlineResolve('Baltimore, MD').notice).toBeNull()
  })

  it('asks which Springfield: several states, no clear winner, largest first', () => {
    const answer = offlineResolve('Springfield')
    expect(answer.ambiguous).toBe(true)
    expect(answer.candidates.length).toBeGreaterThanOrEqual(5)
    expect(answer.candidates.length).toBeLessThanOrEqual(8)
    const states = answer.candidates.map((c) => c.region)
    expect(states).toEqual(expect.arrayContaining(['IL', 'MA', 'MO']))
    const sizes = answer.candidates.map((c) => c.population ?? 0)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    expect(answer.candidates.find((c) => c.region === 'MA')!.lat).toBeCloseTo(42.1, 1)
  })

  it('does not ask about Chicago, Baltimore or Kansas City (one clear place), but does about Portland', () => {
    for (const q of ['Chicago', 'Baltimore', 'Kansas City', 'Washington']) expect(offlineResolve(q).ambiguous, q).toBe(false)
    expect(offlineResolve('Washington').results[0]?.label).toBe('Washington, DC')
    expect(offlineResolve('Portland').ambiguous).toBe(true)
  })

  it('does not ask when the state is given', () => {
    const answer = offlineResolve('Springfield, MA')
    expect(answer).toMatchObject({ ambiguous: false, results: [{ label: 'Springfield, MA', match: 'place' }] })
  })

  it('finds Boyle Heights as a Los Angeles neighbourhood, with or without its state or city', () => {
    for (const q of ['Boyle Heights', 'Boyle Heights, CA', 'Boyle Heights, Los Angeles', 'boyle heights california']) {
      const [p] = offlineResolve(q).results
      expect(p, q).toMatchObject({ match: 'neighbourhood', parent: 'Los Angeles, CA', region: 'CA' })
      expect(p!.lat, q).toBeCloseTo(34.03, 1)
      expect(p!.lon, q).toBeCloseTo(-118.2, 1)
    }
    expect(offlineResolve('Boyle Heights, Chicago').results).toEqual([])
  })

  it('takes "lat, lon" as typed', () => {
    expect(offlineResolve('34.03, -118.2').results[0]).toMatchObject({ match: 'coordinates', lat: 34.03, lon: -118.2, approximate: false })
    expect(offlineResolve('95, 10').results).toEqual([])
  })

  it('keeps ZIP codes as they were', () => {
    expect(offlineResolve('21201')).toMatchObject({
      ambiguous: false,
      notice: null,
      candidates: [],
      results: [{ match: 'zip', kind: 'zip', postalCode: '21201' }],
    })
  })
})

describe('remote geocoders a deployment can configure', () => {
  it('passes on a city-level answer from Nominatim as an approximate place, not an address', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify([{ lat: '38.89', lon: '-77.03', display_name: 'Washington, District of Columbia, USA', addresstype: 'city' }]))
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const [place] = await new RemoteGeocoder('nominatim', `http://127.0.0.1:${(server.address() as { port: number }).port}`).geocode('Washington', 1)
      expect(place).toMatchObject({ match: 'place', kind: 'place', approximate: true })
    } finally {
      server.close()
    }
  })

  it('passes on the precision a remote geocoder names', () => {
    expect(remoteMatch('house')).toBe('address')
    expect(remoteMatch(undefined)).toBe('address')
    expect(remoteMatch('postcode')).toBe('zip')
    expect(remoteMatch('city')).toBe('place')
    expect(remoteMatch('neighbourhood')).toBe('neighbourhood')
  })

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
        expect(place, kind).toMatchObject({ lat: 39.29, lon: -76.61, approximate: false, match: 'address' })
      }
      expect(seen[0]).toMatch(/^\/search\?q=Baltimore&format=jsonv2&countrycodes=us/)
      expect(seen[1]).toMatch(/^\/api\?q=Baltimore/)
      expect(seen[2]).toMatch(/^\/v1\/search\?text=Baltimore/)
    } finally {
      server.close()
    }
  })
})
