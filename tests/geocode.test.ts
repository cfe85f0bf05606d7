import { describe, expect, it } from 'vitest'
import { offlineGeocode } from '../server/geocode/offline.js'

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
