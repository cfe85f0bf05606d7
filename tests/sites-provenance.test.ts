/**
 * Provenance a person can see: a site made of a SAMHSA record and a city list's record lists
 * both records with their import dates, says which of them each field came from (and
 * "curator" once a curator edits one), and shows SAMHSA's program name (name2) as a second
 * name — in the API, the HSDS export and the text-only page — so two "Tufts Medical Center"
 * sites with different phones can be told apart.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import * as provenanceMigration from '../migrations/2026-12-03-04-provenance.js'
import { recomputeLocations } from '../server/directory/location-recompute.js'
import { hsdsId } from '../server/hsds/ids.js'
import { runImport } from '../server/importers/pipeline.js'
import { backends } from './helpers/backends.js'
import { site } from './helpers/sites.js'
import { errorsOf, responseValidator } from './hsds/spec.js'
import { bearer, type CurationFixture, curationFixture } from './curate/helpers.js'
import { DATA, simpleCsvMapping, tempFile } from './import/helpers.js'

const MH_HEADER =
  '"","name1","name2","street1","street2","city","state","zip","zip4","county","phone","intake_prompt","intake1","intake2","website","latitude","longitude","type_facility"'
/** The two Tufts Medical Center rows of SAMHSA's real mental-health list: one address, two programs, two phones. */
function tuftsRows(): string[] {
  const lines = readFileSync(`${DATA}samhsa/oeps_samhsa_mental_health_facilities.csv`, 'latin1').split('\n')
  return lines.filter((l) => l.includes('"Tufts Medical Center","Department of Psychiatry"') || l.includes('"Tufts Medical Center","Hospitals"'))
}
// A hand-made row in the same layout, without a website; the city's list has one and another phone.
const HARBOR =
  '"1","Harbor Recovery Center","Outpatient Program","100 Main Street","","Albany","NY",12207,"","Albany","518-555-0100","","","","",42.65,-73.75,"MH"'
const CITY_HEADER = 'name,street,city,state,zip,lat,lon,phone,website\n'
const CITY_ROW = '"HARBOR RECOVERY CENTER","100 Main St.",Albany,NY,12207,42.65,-73.7501,518-555-0199,https://harbor.example.org\n'

const ref = (source: string, source_id: string) => ({ source, source_id })
const digits = (phone: string) => phone.replace(/\D/g, '')

describe.each(backends)('where a site’s listing comes from (%s)', (backend) => {
  let f: CurationFixture
  let samhsaHarbor: string
  let cityHarbor: string
  let harborId: string
  let started: number
  const get = async (id: string) => (await f.app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json()

  beforeAll(async () => {
    f = await curationFixture(backend, [site({ id: 'hand-made', name: 'Westside Outreach Van', lat: 39.29, lon: -76.62 })])
    started = Date.now() - 1000
    const rows = tuftsRows()
    expect(rows).toHaveLength(2)
    const samhsa = await runImport(f.database.db, { format: 'samhsa', paths: [tempFile('mh.csv', [MH_HEADER, HARBOR, ...rows].join('\n') + '\n')] })
    expect(samhsa).toMatchObject({ inserted: 3 })
    const city = await runImport(f.database.db, {
      format: 'csv',
      paths: [tempFile('city.csv', CITY_HEADER + CITY_ROW)],
      mappingPath: simpleCsvMapping('albany_city', { phone: 'phone', website: 'website' }),
    })
    expect(city).toMatchObject({ merged: 1, inserted: 0 })
    const links = await f.database.db.selectFrom('location_sources').select(['source', 'source_id', 'location_id']).execute()
    const samhsaLink = links.find((l) => l.source === 'samhsa_mh' && links.some((o) => o.source === 'albany_city' && o.location_id === l.location_id))
    samhsaHarbor = samhsaLink!.source_id
    harborId = samhsaLink!.location_id
    cityHarbor = links.find((l) => l.source === 'albany_city')!.source_id
  })
  afterAll(() => f?.close())

  it('lists both records merged into the site, its own first, with the name each source gives and when it was imported', async () => {
    const site = await get(harborId)
    expect(site.records.map((r: Record<string, unknown>) => ({ ...r, imported_at: undefined, merged_at: typeof r.merged_at }))).toEqual([
      {
        source: 'samhsa_mh',
        source_id: samhsaHarbor,
        primary: true,
        name: 'Harbor Recovery Center',
        alternate_name: 'Outpatient Program',
        status: 'active',
        imported_at: undefined,
        merged_at: 'object',
      },
      {
        source: 'albany_city',
        source_id: cityHarbor,
        primary: false,
        name: 'HARBOR RECOVERY CENTER',
        alternate_name: null,
        status: 'active',
        imported_at: undefined,
        merged_at: 'string',
      },
    ])
    for (const r of site.records) expect(Date.parse(r.imported_at)).toBeGreaterThan(started)
    expect(site.records[0].merged_at).toBeNull()
    expect(Date.parse(site.records[1].merged_at)).toBeGreaterThanOrEqual(Date.parse(site.records[0].imported_at))
  })

  it('says which record each field came from: name and address from SAMHSA, the website from the city, each phone and code from the list giving it', async () => {
    const site = await get(harborId)
    const samhsa = ref('samhsa_mh', samhsaHarbor)
    const city = ref('albany_city', cityHarbor)
    const s = site.field_sources
    expect(site).toMatchObject({ name: 'Harbor Recovery Center', alternate_name: 'Outpatient Program', website: 'https://harbor.example.org' })
    expect(s.name).toEqual({ from: 'source', records: [samhsa] })
    expect(s.alternate_name).toEqual({ from: 'source', records: [samhsa] })
    for (const field of ['address_1', 'city', 'region', 'postal_code', 'point', 'timezone'])
      expect(s[field], field).toEqual({ from: 'source', records: [samhsa] })
    expect(s.address_2).toEqual({ from: 'none', records: [] })
    expect(s.website).toEqual({ from: 'source', records: [city] })
    expect(s.hours).toEqual({ from: 'none', records: [] })
    expect(s.status).toEqual({ from: 'source', records: [samhsa, city] })
    // Each number as the site shows it (however the importer writes it), with the list that gives it.
    const numbers = site.phones.map((p: { number: string }) => p.number)
    // SAMHSA's number first: it is the site's own record (search results show the first number).
    expect(numbers.map(digits)).toEqual(['5185550100', '5185550199'])
    expect(s.phones).toMatchObject({ from: 'source', records: [samhsa, city] })
    expect(Object.keys(s.phones.values)).toEqual(numbers)
    expect(Object.fromEntries(Object.entries(s.phones.values).map(([n, refs]) => [digits(n), refs]))).toEqual({ '5185550100': [samhsa], '5185550199': [city] })
    expect(site.types).toEqual(['harm_reduction', 'mental_health'])
    expect(s.types).toEqual({ from: 'source', records: [samhsa, city], values: { harm_reduction: [city], mental_health: [samhsa] } })
    expect(site.services).toEqual(['mental_health_care', 'naloxone'])
    expect(s.services).toEqual({ from: 'source', records: [samhsa, city], values: { mental_health_care: [samhsa], naloxone: [city] } })
    expect(s.public_note).toEqual({ from: 'none', records: [] })
    // The GeoJSON form carries the same.
    const feature = (await f.app.inject({ method: 'GET', url: `/api/v1/sites/${harborId}?format=geojson` })).json()
    expect(feature.properties.field_sources).toEqual(s)
    expect(feature.properties.records).toEqual(site.records)
  })

  it('says "curator" for what a curator changed, and keeps the sources for the rest', async () => {
    const res = await f.app.inject({
      method: 'PATCH',
      url: `/api/v1/curate/sites/${harborId}`,
      headers: bearer(f.tokens.admin),
      payload: {
        changes: { name: 'Harbor Recovery Center (Albany)', phones: ['518-555-0100'], public_note: 'Ask for the outpatient desk' },
        reason: 'called them',
      },
    })
    expect(res.statusCode, res.body).toBe(200)
    const site = await get(harborId)
    expect(site).toMatchObject({ name: 'Harbor Recovery Center (Albany)', public_note: 'Ask for the outpatient desk' })
    expect(site.field_sources.name).toEqual({ from: 'curator', records: [] })
    expect(site.field_sources.phones).toEqual({ from: 'curator', records: [] })
    expect(site.field_sources.public_note).toEqual({ from: 'curator', records: [] })
    expect(site.field_sources.website).toEqual({ from: 'source', records: [ref('albany_city', cityHarbor)] })
    expect(site.field_sources.address_1).toEqual({ from: 'source', records: [ref('samhsa_mh', samhsaHarbor)] })
    // The records still say what each source calls the site.
    expect(site.records.map((r: { name: string }) => r.name)).toEqual(['Harbor Recovery Center', 'HARBOR RECOVERY CENTER'])
  })

  it('tells the two Tufts Medical Center sites apart by their SAMHSA program names and phones', async () => {
    const rows = await f.database.db.selectFrom('locations').select(['id', 'name']).where('name', '=', 'Tufts Medical Center').orderBy('id').execute()
    expect(rows).toHaveLength(2)
    const sites = await Promise.all(rows.map((r) => get(r.id)))
    const shown = sites.map((s) => ({ alternate_name: s.alternate_name, phones: s.phones.map((p: { number: string }) => digits(p.number)) }))
    expect(shown.sort((a, b) => a.alternate_name.localeCompare(b.alternate_name))).toEqual([
      { alternate_name: 'Department of Psychiatry', phones: ['6176360219'] },
      { alternate_name: 'Hospitals', phones: ['6176365000'] },
    ])
    for (const s of sites) {
      expect(s.records).toHaveLength(1)
      expect(s.records[0]).toMatchObject({ source: 'samhsa_mh', primary: true, alternate_name: s.alternate_name })
      expect(s.field_sources.alternate_name).toEqual({ from: 'source', records: [ref('samhsa_mh', s.source_id)] })
      // The program name is a field now, not a leftover attribute.
      expect(s.source_attributes).not.toHaveProperty('name2')
    }
    // The HSDS feed names the program too, as the location's alternate_name (valid HSDS 3.0).
    const service = (await f.app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', sites[0].service_details[0].id)}` })).json()
    const validate = responseValidator('/services/{id}')
    expect(validate(service), errorsOf(validate)).toBe(true)
    expect(service.service_at_locations[0].location).toMatchObject({ name: 'Tufts Medical Center', alternate_name: sites[0].alternate_name })
  })

  it('shows the same on the text-only page: the program name, where each value comes from, and the records, with no script', async () => {
    const list = await f.app.inject({
      method: 'POST',
      url: '/lite',
      payload: 'near=12207&radius=5',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(list.body).toContain(`<a href="/lite/sites/${harborId}?lang=en">Hours for the week, every phone and where the listing comes from</a>`)
    const page = await f.app.inject({ method: 'GET', url: `/lite/sites/${harborId}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    // The same page for everyone: public for a minute (tests/proxies-and-caches.test.ts covers its ETag).
    expect(page.headers['cache-control']).toBe('public, max-age=60')
    const body = page.body
    expect(body).not.toMatch(/<script/i)
    // The curator renamed it and fixed its phones (the test above): the page says so; the website is still the city's.
    expect(body).toContain(
      '<h2>Harbor Recovery Center (Albany)</h2><p class="alt">Outpatient Program</p><p class="from">set by the directory’s curators; from SAMHSA mental health facilities</p>',
    )
    expect(body).toMatch(/Call \(?518\)?[ -]?555-0100<\/a> <span class="from">set by the directory’s curators<\/span>/)
    expect(body).toContain('<h3>Website</h3><p>https://harbor.example.org</p><p class="from">from Albany city</p>')
    expect(body).toContain('<li>Naloxone (Narcan) <span class="from">from Albany city</span></li>')
    expect(body).toContain('<details><summary>Where this listing comes from (2 records)</summary>')
    expect(body).toMatch(
      /<li><strong>SAMHSA mental health facilities<\/strong> — Harbor Recovery Center \(Outpatient Program\)<br>main record · imported \w{3} \d{1,2}, 20\d\d<\/li>/,
    )
    expect(body).toMatch(/<li><strong>Albany city<\/strong> — HARBOR RECOVERY CENTER<br>imported [^<]+ · merged in [^<]+<\/li>/)
    const es = await f.app.inject({ method: 'GET', url: `/lite/sites/${harborId}?lang=es` })
    expect(es.body).toContain('<html lang="es" dir="ltr">')
    expect(es.body).toContain('<p class="from">de Albany city</p>')
    expect(es.body).toContain('De dónde viene este listado (2 registros)')
    // Sources in words, in the page's language, as on the map page: never a bare code.
    expect(es.body).toContain('<strong>Centros de salud mental de SAMHSA</strong>')
    expect(body).not.toMatch(/samhsa_mh|albany_city/)
    const missing = await f.app.inject({ method: 'GET', url: '/lite/sites/no-such-site' })
    expect(missing.statusCode).toBe(404)
    expect(missing.body).toContain('<p role="alert">This place is not in the directory (any more).</p>')
  })

  it('says a site without source records (demo data, made by hand) comes from its own source, and nothing where it has no value', async () => {
    const site = await get('hand-made')
    const own = { from: 'source', records: [ref('test', 'hand-made')] }
    expect(site.records).toEqual([])
    expect(site.alternate_name).toBeNull()
    for (const field of ['name', 'address_1', 'phones', 'types', 'services', 'payment', 'point']) expect(site.field_sources[field], field).toEqual(own)
    for (const field of ['alternate_name', 'website', 'hours', 'public_note']) expect(site.field_sources[field], field).toEqual({ from: 'none', records: [] })
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/sites/no-such-site' })).statusCode).toBe(404)
  })

  it('gives sites imported before the program name had a field of their own their name2, without a change to re-derive', async () => {
    const { id, source_id } = await f.database.db
      .selectFrom('locations')
      .select(['id', 'source_id'])
      .where('alternate_name', '=', 'Hospitals')
      .executeTakeFirstOrThrow()
    // The directory as the previous release left it: no column, name2 among the record's attributes.
    await provenanceMigration.down(f.database.db)
    await sql`UPDATE location_sources SET record = jsonb_set(record, '{attributes,name2}', '"Hospitals"') WHERE source_id = ${source_id}`.execute(f.database.db)
    await sql`UPDATE locations SET source_attributes = source_attributes || '{"name2":"Hospitals"}' WHERE id = ${id}`.execute(f.database.db)
    await provenanceMigration.up(f.database.db)
    expect((await get(id)).alternate_name).toBe('Hospitals')
    const result = await recomputeLocations(f.database.db, [id], { source: 'samhsa_mh', batchId: null, action: 'update' })
    expect(result.changed).toBe(0)
  })
})
