/**
 * Availability reports on /lite, with no script: the site page shows the week's counts (only
 * when there are any, marked unconfirmed) and three POST forms; a report comes back to the
 * site page with a 303 whose URL says nothing of what was reported; a hand-made bad post, a
 * rate-limited one and one while the database is away get the page back with the reason.
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { appFor } from '../helpers/app.js'
import { freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'

let database: TestDatabase
let app: FastifyInstance
let client = 0
let closed = false

beforeAll(async () => {
  database = await freshDatabase('pglite')
  await insertSites(database.db, [
    site({ id: 'ssp-1', name: 'Charm City Syringe Program', lat: 39.29, lon: -76.61, services: ['syringe_services', 'naloxone'] }),
    site({ id: 'clinic-1', name: 'Harbor Clinic', lat: 39.3, lon: -76.61, types: ['clinic'], services: ['primary_care'] }),
  ])
  await rebuildSearchTables(database.db)
  app = await appFor(database)
})
afterAll(async () => {
  await app?.close()
  if (!closed) await database?.close()
})

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const post = (id: string, fields: Record<string, string>, remoteAddress = `10.1.0.${++client}`) =>
  app.inject({
    method: 'POST',
    url: `/lite/sites/${id}/availability`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
    remoteAddress,
  })
const page = (url: string) => app.inject({ method: 'GET', url })

describe('availability reports on /lite', () => {
  it('offers three buttons as POST forms with the kind in hidden fields, and no counts before anyone reported', async () => {
    const res = await page('/lite/sites/ssp-1')
    expect(res.statusCode).toBe(200)
    const forms = res.body.match(/<form[^>]*action="\/lite\/sites\/ssp-1\/availability"[^>]*>.*?<\/form>/g) ?? []
    expect(forms).toHaveLength(3)
    for (const f of forms) expect(f).toMatch(/method="post"/)
    expect(forms[0]).toContain('name="kind" value="got_supplies"')
    expect(forms[0]).toContain('name="supply" value="naloxone"')
    expect(forms[0]).toContain('I got naloxone here today')
    expect(forms[1]).toContain('They were out of naloxone')
    expect(forms[2]).toContain('name="kind" value="closed"')
    expect(forms[2]).not.toContain('name="supply"')
    expect(forms[2]).toContain('They were closed when I came')
    expect(res.body).not.toContain('people said')
    expect(res.body).not.toContain('<script')
    // A site without naloxone, strips or syringes asks about "supplies".
    expect((await page('/lite/sites/clinic-1')).body).toContain('I got supplies here today')
  })

  it('takes a report, answers 303 back to the site page with only thanks=1 in the URL, and shows the thank-you and the counts', async () => {
    const res = await post('ssp-1', { kind: 'got_supplies', supply: 'naloxone', lang: 'en' })
    expect(res.statusCode, res.body).toBe(303)
    expect(res.headers.location).toBe('/lite/sites/ssp-1?thanks=1&lang=en#availability')
    expect(res.headers['set-cookie']).toBeUndefined()
    for (const kind of ['got_supplies', 'out_of_supplies', 'closed']) expect(res.headers.location).not.toContain(kind)
    await post('ssp-1', { kind: 'got_supplies', supply: 'naloxone' })
    await post('ssp-1', { kind: 'closed' })
    const back = await page(res.headers.location as string)
    expect(back.statusCode).toBe(200)
    expect(back.headers['cache-control']).toContain('no-store')
    expect(back.body).toContain('Thank you. This helps the next person.')
    expect(back.body).toContain('In the last 7 days, people said (unconfirmed):</strong> got naloxone 2 times · found it closed once')
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM availability_reports WHERE location_id = 'ssp-1'`.execute(database.db)
    expect(stored.rows[0]!.n).toBe(3)
  })

  it('speaks Spanish when the form says lang=es, plurals included', async () => {
    const res = await post('ssp-1', { kind: 'out_of_supplies', supply: 'naloxone', lang: 'es' })
    expect(res.headers.location).toBe('/lite/sites/ssp-1?thanks=1&lang=es#availability')
    const back = await page(res.headers.location as string)
    expect(back.body).toContain('Gracias. Esto ayuda a la próxima persona.')
    expect(back.body).toContain(
      'En los últimos 7 días, la gente dijo (sin confirmar):</strong> consiguió naloxona 2 veces · no tenían naloxona 1 vez · lo encontró cerrado 1 vez',
    )
    expect(back.body).toContain('Hoy conseguí naloxona aquí')
  })

  it('answers a made-up kind or a supply with "closed" with the page and a 400, storing nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM availability_reports`.execute(database.db)).rows[0]!.n
    const bad: Record<string, string>[] = [{ kind: 'spam' }, { kind: 'closed', supply: 'naloxone' }, { kind: 'got_supplies', supply: 'cocaine' }, {}]
    for (const fields of bad) {
      const res = await post('ssp-1', fields)
      expect(res.statusCode, JSON.stringify(fields)).toBe(400)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.body).toContain('Please use one of the buttons below.')
    }
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM availability_reports`.execute(database.db)).rows[0]!.n).toBe(before)
    expect((await post('no-such-site', { kind: 'closed' })).statusCode).toBe(404)
  })

  it('allows 10 reports a minute from one address, then shows the page with a 429 and the reason', async () => {
    const codes: number[] = []
    let last = ''
    for (let i = 0; i < 11; i++) {
      const res = await post('clinic-1', { kind: 'got_supplies', lang: 'es' }, '10.2.0.1')
      codes.push(res.statusCode)
      last = res.body
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(303))
    expect(codes[10]).toBe(429)
    expect(last).toContain('Demasiados reportes desde esta conexión')
    expect(last).toContain('Harbor Clinic')
  })

  // Last: it closes this file's database.
  it('answers 503 with Retry-After and a page that says to try again when the database is away', async () => {
    await database.close()
    closed = true
    const res = await post('ssp-1', { kind: 'closed' })
    expect(res.statusCode, res.body).toBe(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(res.body).toContain('cannot be reached right now')
  })
})
