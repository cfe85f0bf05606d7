/**
 * /lite over a real (PGlite) database: the search goes by POST and its answer is never cached;
 * an old bookmark with a place in its query is sent to plain /lite, not searched; "More
 * results" and the language switch are POST buttons; nothing on a page links to a URL that holds
 * the place; a bad field is a 400 page naming it; a site page lists the whole week, services,
 * payment, languages, a tel: link and directions (by address where the point is approximate).
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { LITE_BODY_LIMIT } from '../../server/routes/lite/index.js'
import { appFor } from '../helpers/app.js'
import { freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'

const CENTRE = { lat: 39.2946, lon: -76.6252 }
const north = (km: number) => ({ lat: CENTRE.lat + km / 111.2, lon: CENTRE.lon })
/** 24 sites 0.5–12 km north of ZIP 21201's centre: two pages of 20. */
const MANY: SiteRecord[] = Array.from({ length: 24 }, (_, i) =>
  site({ id: `s${String(i + 1).padStart(2, '0')}`, name: `Site number ${i + 1}`, ...north(0.5 + i * 0.5), services: ['naloxone'] }),
)
const FULL: SiteRecord = {
  ...site({
    id: 'full',
    name: 'Full Listing Clinic',
    ...north(30),
    types: ['clinic', 'pharmacy'],
    services: ['naloxone', 'hiv_testing'],
    payment: ['medicaid', 'sliding_fee'],
    languages: ['en', 'es', 'am'],
    hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00'), hours('SA', '00:00', '00:00')],
  }),
}
const APPROX: SiteRecord = (() => {
  const s = site({ id: 'approx', name: 'ZIP Centre Van', ...north(31), services: ['wound_care'] })
  return { ...s, location: { ...s.location, geocodePrecision: 'zip_centroid' } }
})()

let database: TestDatabase
let app: FastifyInstance

beforeAll(async () => {
  database = await freshDatabase('pglite')
  await insertSites(database.db, [...MANY, FULL, APPROX])
  await rebuildSearchTables(database.db)
  app = await appFor(database)
})
afterAll(async () => {
  await app?.close()
  await database?.close()
})

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString()
const post = (fields: [string, string][] | string) =>
  app.inject({
    method: 'POST',
    url: '/lite',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: typeof fields === 'string' ? fields : form(fields),
  })
/** Every URL a page could send a person to: links and form actions. */
const urlsOf = (page: string) => [...page.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1] as string)
/** The hidden fields of the form whose button says `label`, as the browser would send them. */
function formFields(page: string, label: string): [string, string][] {
  const found = [...page.matchAll(/<form method="post" action="\/lite"[^>]*>(.*?)<\/form>/g)].find((m) => (m[1] as string).includes(`>${label}</button>`))
  if (!found) throw new Error(`no form with a "${label}" button`)
  return [...(found[1] as string).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
    m[1] as string,
    (m[2] as string).replace(/&#38;/g, '&'),
  ])
}
const names = (page: string) => [...page.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])

describe('searching on /lite', () => {
  it('shows the form on GET, posting to /lite, with the map page’s default distance of 25 miles', async () => {
    const res = await app.inject({ method: 'GET', url: '/lite' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.body).toContain('<form method="post" action="/lite">')
    expect(res.body).toContain('<option value="25" selected>25 miles</option>')
    expect(res.body).toContain('<option value="1">1 mile</option>')
    expect(res.body).not.toContain('<section id="results"')
    const es = await app.inject({ method: 'GET', url: '/lite?lang=es' })
    expect(es.body).toContain('<option value="1">1 milla</option>')
    expect(es.body).not.toMatch(/ZIP/)
  })

  it('searches a place sent in a POST body, and the answer is never cached and names no place in any URL', async () => {
    const res = await post([
      ['near', '21201'],
      ['radius', '5'],
    ])
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.body).toContain('<h2 id="results-heading">16 places near')
    expect(names(res.body)[0]).toBe('Site number 1')
    expect(res.body).toContain('<option value="5" selected>5 miles</option>')
    // Each result links to its page by id and language alone.
    expect(res.body).toContain('<a href="/lite/sites/s01?lang=en">')
    for (const url of urlsOf(res.body)) {
      expect(url).not.toContain('21201')
      expect(url).not.toMatch(/near=|-?\d{1,3}\.\d{3,}/)
    }
  })

  it('takes the checkboxes a form sends as a list, and keeps only the codes it offers', async () => {
    const res = await post('near=21201&radius=5&services=naloxone&services=hiv_testing&services=made_up')
    expect(res.statusCode).toBe(200)
    // All of the services: no nearby site has HIV testing.
    expect(res.body).toContain('0 places near')
    expect(res.body).toContain('value="hiv_testing" checked')
    expect(res.body).not.toContain('made_up')
  })

  it('pages by a POST button with the search in hidden fields, numbering on from 21', async () => {
    const first = await post([['near', '21201']])
    expect(names(first.body)).toHaveLength(20)
    const fields = formFields(first.body, 'Show more results')
    expect(Object.fromEntries(fields)).toMatchObject({ near: '21201', radius: '25', from: '21' })
    const second = await post(fields)
    expect(second.statusCode).toBe(200)
    expect(second.headers['cache-control']).toBe('no-store')
    expect(second.body).toContain('<ol start="21">')
    expect(second.body.match(/<h2[^>]*>[^<]*<\/h2>/)?.[0]).toContain('Places 21–26 near')
    expect(names(second.body)).toEqual(['Site number 21', 'Site number 22', 'Site number 23', 'Site number 24', 'Full Listing Clinic', 'ZIP Centre Van'])
    expect(second.body).not.toContain('Show more results')
  })

  it('switches language by re-sending the search by POST; the link without a search carries only lang', async () => {
    const en = await post([['near', '21201']])
    expect(en.body).not.toMatch(/href="\/lite\?[^"]*near/)
    const fields = formFields(en.body, 'Español')
    expect(Object.fromEntries(fields)).toMatchObject({ near: '21201', lang: 'es' })
    const es = await post(fields)
    expect(es.body).toContain('<html lang="es" dir="ltr">')
    expect(es.body).toContain('Los 20 lugares más cercanos a')
    expect(es.body).toContain('<a href="/lite/sites/s01?lang=es">')
    const empty = await app.inject({ method: 'GET', url: '/lite' })
    expect(empty.body).toContain('<a href="/lite?lang=es" lang="es" hreflang="es">Español</a>')
  })

  it('does not search a place from an old bookmark’s query: 303 to plain /lite, which says why', async () => {
    for (const [url, to] of [
      ['/lite?near=21201&radius=10', '/lite?moved=1'],
      ['/lite?near=Baltimore%2C%20MD&lang=es', '/lite?moved=1&lang=es'],
      ['/lite?lat=39.29&lon=-76.61', '/lite?moved=1'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(303)
      expect(res.headers.location).toBe(to)
      expect(res.body).not.toContain('Site number')
    }
    const note = await app.inject({ method: 'GET', url: '/lite?moved=1&lang=es' })
    expect(note.body).toContain('<p class="notice" role="status">Para proteger su privacidad')
    expect(note.body).toContain('value=""')
  })

  it('answers a bad field with a 400 page that names it in words, in the person’s language', async () => {
    const bad = await post([
      ['near', '21201'],
      ['radius', 'far'],
      ['lang', 'es'],
    ])
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('text/html')
    expect(bad.headers['cache-control']).toBe('no-store')
    expect(bad.body).toContain('<html lang="es" dir="ltr">')
    expect(bad.body).toContain('<p role="alert">Lo sentimos: no se entendió el valor de «A menos de» del formulario.')
    const empty = await post([['near', '  ']])
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('the form&#39;s “ZIP code or city” value was not understood')
    const cursor = await post([
      ['near', '21201'],
      ['cursor', 'not-a-cursor'],
    ])
    expect(cursor.statusCode).toBe(400)
    expect(cursor.body).toContain('“More results” value was not understood')
    const nul = await post('near=a%00b')
    expect(nul.statusCode).toBe(400)
    expect(nul.body).toContain('“ZIP code or city”')
  })

  it('says when no place matches, in a page that is not cached', async () => {
    const res = await post([['near', 'Zzyzxville Qq']])
    expect(res.statusCode).toBe(404)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('no US ZIP code or city matches &#34;Zzyzxville Qq&#34;.')
  })

  it('refuses a body over the limit, and a form body anywhere else (the parser is for these routes only)', async () => {
    const big = await post(`near=21201&cursor=${'a'.repeat(LITE_BODY_LIMIT)}`)
    expect(big.statusCode).toBe(413)
    expect(big.headers['cache-control']).toBe('no-store')
    // Elsewhere a form body is not understood at all.
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'near=21201',
    })
    expect(api.statusCode).toBe(415)
  })
})

describe('a site on /lite', () => {
  it('lists the whole week, services, payment, languages, a tel: link and directions by coordinates', async () => {
    const res = await app.inject({ method: 'GET', url: '/lite/sites/full' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    const page = res.body
    expect(page).toContain('<p>Health center or clinic · Pharmacy</p>')
    expect([...page.matchAll(/<tr><th scope="row">/g)]).toHaveLength(7)
    expect(page).toContain('<tr><th scope="row">Mon</th><td>9 am – 5 pm</td></tr>')
    expect(page).toContain('<tr><th scope="row">Sat</th><td>Open 24 hours</td></tr>')
    expect(page).toContain('<tr><th scope="row">Sun</th><td>Closed</td></tr>')
    expect(page).toContain('<li>HIV testing')
    expect(page).toMatch(/<h3>Payment accepted<\/h3><ul><li>Medicaid<\/li><li>Sliding fee scale<\/li><\/ul>/)
    expect(page).toContain('<h3>Languages spoken</h3><p>English, Spanish, Amharic</p>')
    expect(page).toContain('href="tel:+14105550100"')
    expect(page).toContain('<p>1 Test St, Baltimore, MD 21201</p>')
    expect(page).toMatch(
      /<a class="tel" href="https:\/\/www\.openstreetmap\.org\/directions\?to=39\.\d+%2C-76\.\d+" rel="noreferrer">Directions \(OpenStreetMap\)<\/a>/,
    )
    expect(page).not.toContain('Approximate location')
    const es = await app.inject({ method: 'GET', url: '/lite/sites/full?lang=es' })
    expect(es.body).toContain('<h3>Idiomas que se hablan</h3><p>Inglés, Español, Amárico</p>')
    expect(es.body).toContain('<tr><th scope="row">sáb</th><td>Abierto las 24 horas</td></tr>')
    expect(es.body).toContain('Cómo llegar (OpenStreetMap)')
    // The language switch and the way back carry the language only; the availability forms (kind in the body) the site id only.
    const others = ['en', 'zh-Hans', 'vi', 'ko', 'tl', 'ru', 'ar'].map((lang) => `/lite/sites/full?lang=${lang}`)
    expect(urlsOf(es.body).filter((u) => u.startsWith('/'))).toEqual(['/lite?lang=es', ...others, ...Array(3).fill('/lite/sites/full/availability')])
  })

  it('says where the point is only approximate, and gives directions by address', async () => {
    const res = await app.inject({ method: 'GET', url: '/lite/sites/approx' })
    expect(res.body).toContain(
      '<p class="note">Approximate location (ZIP area). The listed point is the middle of the area, not the door. Directions use the address.</p>',
    )
    expect(res.body).toContain(
      '<a class="tel" href="https://www.openstreetmap.org/directions?to=1%20Test%20St%2C%20Baltimore%2C%20MD%2021201" rel="noreferrer">Directions to the address (OpenStreetMap)</a>',
    )
    const list = await post([
      ['near', '21201'],
      ['services', 'wound_care'],
    ])
    expect(list.body).toMatch(/<h3>ZIP Centre Van<\/h3>\n<p>[^<]*<\/p>\n<p>about 19 mi · /)
  })

  it('asks which place a bare name means, each choice a POST button searching there', async () => {
    const res = await post([['near', 'Springfield']])
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Which Springfield? Showing results near Springfield, MO for now')
    const choice = formFields(res.body, 'Springfield, MA')
    expect(choice).toContainEqual(['near', 'Springfield, MA'])
    const chosen = await post(choice)
    expect(chosen.body).toContain('near Springfield, MA')
    expect(chosen.body).not.toContain('Which Springfield?')
    const es = await post([
      ['near', 'Springfield'],
      ['lang', 'es'],
    ])
    expect(es.body).toContain('¿A qué Springfield se refiere?')
  })

  it('says when a street address was matched only to its city', async () => {
    const res = await post([['near', '1600 Pennsylvania Ave NW, Washington, DC']])
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('street addresses need a geocoder, so only the city or ZIP code was matched')
    const plain = await post([['near', 'Baltimore, MD']])
    expect(plain.body).not.toContain('geocoder')
    expect(plain.body).not.toContain('Which ')
  })
})
