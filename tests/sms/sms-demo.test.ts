/**
 * Conversations against the demo directory, through the same search use case as the API:
 * every reply fits in two segments — GSM-7 for English and Spanish alike, UCS-2 when a
 * site's name needs it — and holds name, distance, open state and phone for each place;
 * MORE continues the same list where the last reply stopped, for 15 minutes and no longer;
 * STOP forgets the conversation at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../server/demo/seed.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { OfflineGeocoder } from '../../server/geocode/offline.js'
import { facetStatsCache } from '../../server/search/facet-stats.js'
import { searchSites } from '../../server/search/search-sites.js'
import { answerMessage, type SmsDeps } from '../../server/sms/conversation.js'
import { plainReply } from '../../server/sms/compose.js'
import { countSegments, gsmSafe } from '../../server/sms/segments.js'
import { MORE_TTL_MS, MoreSessions } from '../../server/sms/sessions.js'
import { SMS_WORDS } from '../../server/sms/words.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'

/** A Wednesday, noon in Baltimore: most demo sites are open. */
const START = new Date('2026-12-02T17:00:00Z')
const PUBLIC_URL = 'https://help.example.org'
const PLACE_LINE = /^(\d+)\) (.+?) - (?:about )?\d+(?:[.,]\d)? mi - .+?\. \(\d{3}\) \d{3}-\d{4}\./

/** The numbered places of a reply: [number, name]. */
function places(reply: string): [number, string][] {
  return reply
    .split('\n')
    .map((line) => PLACE_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), m[2] as string])
}

describe.each(backends)('SMS conversations over the demo data (%s)', (backend) => {
  let database: TestDatabase
  let clock = START
  let deps: SmsDeps
  beforeAll(async () => {
    database = await freshDatabase(backend)
    await seedDemo(database.db, { count: 3000 })
    // A Chinatown clinic listed under its Chinese name (demo-marked, as the rest of this directory).
    await insertSites(database.db, [
      site({
        id: 'chinatown',
        name: '華人社區健康中心 Chinese Community Health Center',
        lat: 37.7929,
        lon: -122.4079,
        demo: true,
        services: ['naloxone'],
        timezone: 'America/Los_Angeles',
        hours: [hours('MO,TU,WE,TH,FR', '08:00', '18:00')],
      }),
    ])
    await rebuildSearchTables(database.db)
    deps = {
      search: { db: database.db, geocoder: new OfflineGeocoder(), facetStats: facetStatsCache(database.db) },
      sessions: new MoreSessions(),
      publicUrl: PUBLIC_URL,
      now: () => clock,
    }
  }, 240_000)
  afterAll(async () => database?.close())

  const text = async (from: string, body: string) => (await answerMessage(deps, from, body)).text

  it.each([
    'NALOXONE 21201',
    'OPEN NALOXONE 21201',
    'SYRINGES Baltimore MD',
    'METHADONE 90012',
    'BUPE 60601',
    'TEST STRIPS 98101',
    'DETOX 30303',
    'CLINIC 02118',
    'narcan 10027',
    '77002',
    'NALOXONA 21201',
    'JERINGAS 10029',
    'METADONA 90012',
    'ABIERTO NALOXONA 33130',
    'buprenorfina cerca de Chicago',
    'clínica 78207',
  ])('answers "%s" with places in at most two GSM-7 segments', async (body) => {
    clock = START
    const reply = await text('+14105550100', body)
    expect(countSegments(reply)).toMatchObject({ encoding: 'GSM-7' })
    expect(countSegments(reply).segments).toBeLessThanOrEqual(2)
    const found = places(reply)
    expect(found.length, reply).toBeGreaterThanOrEqual(1)
    expect(found.map(([n]) => n)).toEqual(found.map((_, i) => i + 1))
    const es = /NALOXONA|JERINGAS|METADONA|ABIERTO|buprenorfina|clínica/.test(body)
    expect(reply).toContain(gsmSafe(es ? SMS_WORDS.es.demo : SMS_WORDS.en.demo))
  })

  it('answers in UCS-2, still within two segments, when the nearest name needs it', async () => {
    clock = START
    for (const body of ['NALOXONE 94108', 'NALOXONA 94108']) {
      const reply = await text('+14155550100', body)
      expect(countSegments(reply)).toMatchObject({ encoding: 'UCS-2' })
      expect(countSegments(reply).segments).toBeLessThanOrEqual(2)
      expect(reply).toMatch(/1\) 華人社區健康中心/)
      expect(reply).toMatch(/\(\d{3}\) \d{3}-\d{4}/)
    }
  })

  it('pages with MORE through the same list the search API gives, with no place twice', async () => {
    clock = START
    const from = '+14105550101'
    const replies = [await text(from, 'NALOXONE 21201'), await text(from, 'MORE'), await text(from, 'more')]
    const sent = replies.flatMap(places)
    expect(sent.map(([n]) => n)).toEqual(sent.map((_, i) => i + 1))
    const api = await searchSites({ ...deps.search, now: () => START }, { near: '21201', services: ['naloxone'], radius_mi: 50, limit: sent.length })
    expect(sent.map(([, name]) => name)).toEqual(api.results.map((r) => r.name))
    expect(replies[1]).toMatch(/^More naloxone near 21201:|^DATOS|^DEMO/)
    for (const reply of replies) expect(countSegments(reply).segments).toBeLessThanOrEqual(2)
  })

  it('continues in Spanish with MAS', async () => {
    clock = START
    const from = '+14105550102'
    const first = await text(from, 'METADONA 90012')
    expect(first).toMatch(/^Metadona cerca de 90012:/)
    const next = await text(from, 'MÁS')
    expect(places(next)[0]?.[0]).toBe((places(first).at(-1)?.[0] ?? 0) + 1)
    expect(next).toContain(gsmSafe(SMS_WORDS.es.demo))
  })

  it('forgets the search 15 minutes after the last reply', async () => {
    clock = START
    const from = '+14105550103'
    await text(from, 'NALOXONE 21201')
    clock = new Date(START.getTime() + MORE_TTL_MS - 60_000)
    expect(places(await text(from, 'MORE')).length).toBeGreaterThan(0)
    clock = new Date(clock.getTime() + MORE_TTL_MS)
    expect(await text(from, 'MORE')).toBe(SMS_WORDS.en.noMore)
  })

  it('forgets the search at STOP, and keeps another number’s', async () => {
    clock = START
    await text('+14105550104', 'NALOXONE 21201')
    await text('+14105550105', 'NALOXONE 21201')
    expect(await text('+14105550104', 'STOP')).toBe(SMS_WORDS.en.stop)
    expect(await text('+14105550104', 'MORE')).toBe(SMS_WORDS.en.noMore)
    expect(places(await text('+14105550105', 'MORE')).length).toBeGreaterThan(0)
  })

  it('says so when the place is unknown, nothing matches, or the place is missing', async () => {
    clock = START
    expect(await text('+14105550106', 'NALOXONE 00000')).toContain('No US ZIP or city matches "00000"')
    expect(await text('+14105550106', 'narcan near me')).toBe(SMS_WORDS.en.needPlace('NALOXONE'))
    expect(await text('+14105550106', 'OPEN DETOX 99950')).toMatch(/^Nothing open now for detox within 50 mi of 99950|^No US ZIP/)
    expect(await text('+14105550106', 'hola')).toBe(plainReply(SMS_WORDS.es.unclear))
  })
})
