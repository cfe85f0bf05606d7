/**
 * SMS segments as carriers count them: GSM-7 160/153 septets with the extension table
 * counting two, UCS-2 70/67 units with surrogate pairs kept whole; what GSM-7 lacks is folded
 * into it where a plain form exists; and a composed reply never needs a third segment, even
 * for long names in a script GSM-7 cannot spell.
 */
import { describe, expect, it } from 'vitest'
import type { SearchResult } from '../../common/contract/search.js'
import { composeResults, cutToFit, MAX_SEGMENTS } from '../../server/sms/compose.js'
import { countSegments, gsmSafe, isGsmText } from '../../server/sms/segments.js'

describe('counting segments', () => {
  it('fits 160 GSM-7 characters in one segment and splits 161 into two of 153', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(countSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 })
    expect(countSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSegments('a'.repeat(307)).segments).toBe(3)
  })

  it('counts the extension table as two septets and never splits one across segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 })
    expect(countSegments('€'.repeat(81)).segments).toBe(2)
    // 152 septets then "[" (2): the escape would straddle the boundary, so it moves to segment 2.
    expect(countSegments('a'.repeat(152) + '[' + 'a'.repeat(10)).segments).toBe(2)
    expect(countSegments('a'.repeat(152) + '[' + 'a'.repeat(152)).segments).toBe(3)
  })

  it('sends any character outside GSM-7 as UCS-2: 70 units, then 67 a segment', () => {
    expect(countSegments('á' + 'a'.repeat(69))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 })
    expect(countSegments('á' + 'a'.repeat(70)).segments).toBe(2)
    expect(countSegments('á' + 'a'.repeat(133)).segments).toBe(2)
    expect(countSegments('á' + 'a'.repeat(134)).segments).toBe(3)
  })

  it('counts an emoji as two UCS-2 units and keeps the pair in one segment', () => {
    expect(countSegments('🙂').units).toBe(2)
    // 66 units then an emoji (2): it cannot start at unit 67 of the first segment.
    expect(countSegments('a'.repeat(66) + '🙂' + 'a'.repeat(66)).segments).toBe(3)
    expect(countSegments('a'.repeat(65) + '🙂' + 'a'.repeat(67)).segments).toBe(2)
  })

  it('knows Spanish letters GSM-7 has (é ñ ü ¿ ¡) from those it lacks (á í ó ú)', () => {
    expect(isGsmText('¿Dónde?')).toBe(false)
    expect(isGsmText('¿Qué? Niño, pingüino ¡sí!'.replace('í', 'i'))).toBe(true)
  })
})

describe('folding into GSM-7', () => {
  it('keeps Spanish readable and in GSM-7', () => {
    expect(gsmSafe('Envíe MÁS para ver más · código postal')).toBe('Envie MAS para ver mas - codigo postal')
    expect(gsmSafe('¿Dónde? Mañana, café')).toBe('¿Donde? Mañana, café')
    expect(gsmSafe('Joe’s “Clinic” – open…')).toBe('Joe\'s "Clinic" - open...')
  })

  it('leaves a script GSM-7 cannot spell as it is', () => {
    expect(gsmSafe('華人健康中心')).toBe('華人健康中心')
    expect(countSegments(gsmSafe('華人健康中心')).encoding).toBe('UCS-2')
  })

  it('cuts a text to two segments as a last resort', () => {
    const cut = cutToFit('x'.repeat(500))
    expect(countSegments(cut).segments).toBe(MAX_SEGMENTS)
    expect(cut.endsWith('...')).toBe(true)
  })
})

const NOW = new Date('2026-12-02T15:00:00Z')

function result(i: number, name: string): SearchResult {
  return {
    id: `site-${i}`,
    name,
    organization_name: name,
    types: ['harm_reduction'],
    services: ['naloxone'],
    payment: [],
    populations: [],
    access: [],
    languages: [],
    address_1: `${100 + i} North Charles Street`,
    address_2: null,
    city: 'Baltimore',
    region: 'MD',
    postal_code: '21201',
    phone: '(410) 555-0100',
    location_precision: 'exact',
    distance_m: 400 * i,
    distance_mi: 0.25 * i,
    open_now: true,
    next_change: '2026-12-02T20:00:00-05:00',
    timezone: 'America/New_York',
    assured_date: '2026-10-01',
    verification: { date: '2026-10-01', age: 'fresh' },
    public_note: null,
    status_until: null,
    status_reason: null,
    status: 'active',
    source: 'test',
    demo: false,
    live_status: [],
    lat: 39.3,
    lon: -76.6,
  } as unknown as SearchResult
}

describe('a reply of places', () => {
  const message = (names: string[], lang: 'en' | 'es' = 'en') => ({
    lang,
    heading: lang === 'en' ? 'Naloxone near 21201:' : 'Naloxona cerca de 21201:',
    notes: [],
    results: names.map((n, i) => result(i + 1, n)),
    firstNumber: 1,
    morePages: true,
    publicUrl: 'https://help.example.org',
    now: NOW,
  })

  it('gives three short listings with name, distance, open state and phone, and the nearest one’s street and /lite link', () => {
    const { text, shown } = composeResults(message(['Harbor', 'Pier', 'Dock']))
    expect(shown).toBe(3)
    expect(text).toContain('1) Harbor - 0.3 mi - Open now, closes 8 pm. (410) 555-0100. 101 North Charles Street.')
    expect(text).toContain('https://help.example.org/lite/sites/site-1')
    expect(text).toContain('3) Dock - 0.8 mi - Open now, closes 8 pm. (410) 555-0100.')
    expect(text.endsWith('Text MORE for more.')).toBe(true)
    expect(countSegments(text).segments).toBeLessThanOrEqual(2)
  })

  it('says what the site posted today (live status), and drops what has expired', () => {
    const m = message(['Harbor', 'Pier'])
    const live = (expires: string) => [
      { topic: 'naloxone', value: 'in_stock', time: null, posted_at: '2026-12-02T13:00:00Z', expires_at: expires, posted_by: 'provider' },
    ]
    const withLive = { ...m, results: [{ ...m.results[0], live_status: live('2026-12-09T00:00:00Z') } as SearchResult, m.results[1] as SearchResult] }
    expect(composeResults(withLive).text).toContain('1) Harbor - 0.3 mi - Open now, closes 8 pm. Naloxone in stock, updated 2 hours ago. (410) 555-0100.')
    const expired = { ...m, results: [{ ...m.results[0], live_status: live('2026-12-02T14:00:00Z') } as SearchResult] }
    expect(composeResults(expired).text).not.toContain('in stock')
  })

  it('sheds detail, then places, to stay within two segments, and says MORE brings the rest', () => {
    const long = 'Comprehensive Community Harm Reduction and Syringe Services Program of Baltimore'
    const { text, shown } = composeResults(message([long, long, long]))
    expect(countSegments(text)).toMatchObject({ encoding: 'GSM-7' })
    expect(countSegments(text).segments).toBeLessThanOrEqual(2)
    expect(shown).toBeLessThan(3)
    expect(text).toContain('(410) 555-0100')
    expect(text).toContain('Text MORE for more.')
  })

  it('stays within two UCS-2 segments when a name needs UCS-2', () => {
    const { text, shown } = composeResults(message(['華人社區健康中心', '亞洲太平洋健康中心', '東華醫院'], 'es'))
    expect(countSegments(text).encoding).toBe('UCS-2')
    expect(countSegments(text).segments).toBeLessThanOrEqual(2)
    expect(shown).toBeGreaterThanOrEqual(1)
    expect(text).toContain('華人社區健康中心')
    expect(text).toContain('(410) 555-0100')
  })
})
