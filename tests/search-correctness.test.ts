/**
 * Nearest-site correctness against an independent computation: GeographicLib's geodesic
 * (Karney) over every row of the real SAMHSA opioid treatment program list.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { zipCentroids } from '../server/demo/generate.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { site } from './helpers/sites.js'

const require = createRequire(import.meta.url)
const { Geodesic } = require('geographiclib-geodesic') as {
  Geodesic: { WGS84: { Inverse(lat1: number, lon1: number, lat2: number, lon2: number): { s12: number } } }
}

const OTP_FILE = new URL('../../shared/data/samhsa/oeps_opioid_treatment_programs.csv', import.meta.url)
const RADIUS_MI = 500

interface Program {
  id: string
  lat: number
  lon: number
}

/** The OTP list is cp1252; ids are row numbers so duplicate program names stay distinct. */
function readPrograms(): Program[] {
  const text = new TextDecoder('windows-1252').decode(readFileSync(OTP_FILE))
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]
  return rows
    .map((r, i) => ({ id: `otp-${String(i + 2).padStart(4, '0')}`, lat: Number(r.Latitude), lon: Number(r.Longitude) }))
    .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && !(p.lat === 0 && p.lon === 0))
}

function seededOrigins(n: number): { lat: number; lon: number }[] {
  let s = 20261124
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32
  const zips = zipCentroids()
  return Array.from({ length: n }, () => {
    const z = zips[Math.floor(next() * zips.length)]!
    return { lat: z.latitude + (next() - 0.5) * 0.2, lon: z.longitude + (next() - 0.5) * 0.2 }
  })
}

describe.each(backends)('nearest-site correctness on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  const programs = readPrograms()

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(
      database.db,
      programs.map((p) => site({ id: p.id, lat: p.lat, lon: p.lon, types: ['treatment'], services: ['methadone'] })),
    )
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('reads all 1,831 programs of the real list', () => {
    expect(programs.length).toBe(1831)
  })

  it('gives the same 10 nearest methadone programs, in the same order, as a brute-force geodesic search from 100 places', async () => {
    let compared = 0
    for (const origin of seededOrigins(100)) {
      const expected = programs
        .map((p) => ({ id: p.id, d: Geodesic.WGS84.Inverse(origin.lat, origin.lon, p.lat, p.lon).s12 }))
        .filter((p) => p.d <= RADIUS_MI * 1609.344)
        // Equal points give bit-identical distances in both computations; order those by id.
        .sort((a, b) => Math.round(a.d * 1000) - Math.round(b.d * 1000) || (a.id < b.id ? -1 : 1))
        .slice(0, 10)
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...origin, radius_mi: RADIUS_MI, limit: 10, services: ['methadone'] } })
      expect(res.statusCode).toBe(200)
      const got = (res.json() as { results: { id: string; distance_m: number }[] }).results
      expect(
        got.map((r) => r.id),
        `from ${origin.lat},${origin.lon}`,
      ).toEqual(expected.map((e) => e.id))
      got.forEach((r, i) => expect(Math.abs(r.distance_m - expected[i]!.d)).toBeLessThan(1))
      compared += got.length
    }
    expect(compared).toBeGreaterThan(900)
  })
})
