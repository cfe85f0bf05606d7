import { readFileSync, readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMapping } from '../../server/importers/mapping.js'
import { checkHeader, closestName } from '../../server/importers/mapping-check.js'
import { runImport } from '../../server/importers/pipeline.js'
import { csvHeader, FileProblem } from '../../server/importers/sources/files.js'
import { mappedCsvRows } from '../../server/importers/sources/mapped-csv.js'
import type { RowProblem } from '../../server/importers/record.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { DATA, dumpTables, MAPPINGS, tempFile } from './helpers.js'

const PARTNER_CSV = 'name,street,city,state,zip,lat,lon\nHarbor Clinic,100 Light St,Baltimore,MD,21202,39.287,-76.613\n'
const PARTNER = {
  source: 'partner',
  name: 'name',
  address1: 'street',
  city: 'city',
  region: 'state',
  postalCode: 'zip',
  latitude: 'lat',
  longitude: 'lon',
  types: ['harm_reduction'],
}
const mappingFile = (spec: unknown) => tempFile('partner.json', JSON.stringify(spec, null, 2))

/** The FileProblem a call throws (the test fails when it throws nothing or something else). */
function problemOf(call: () => unknown): RowProblem {
  try {
    call()
  } catch (err) {
    if (err instanceof FileProblem) return err.problem
    throw err
  }
  throw new Error('expected a FileProblem')
}

async function firstRowProblem(paths: string[], mappingPath: string): Promise<RowProblem> {
  const rows = mappedCsvRows(paths, loadMapping(mappingPath))
  const first = await rows.next().catch((err: unknown) => err)
  if (first instanceof FileProblem) return first.problem
  throw new Error(`expected a FileProblem before any row, got ${JSON.stringify(first)}`)
}

describe('a mapping file with a typo is refused, naming the file, line and key', () => {
  it('suggests "address1" for "addres1" and "postalCode" for "postal_code"', () => {
    const { source, name, ...rest } = PARTNER
    const path = mappingFile({ source, name, addres1: 'street', ...rest })
    expect(problemOf(() => loadMapping(path))).toMatchObject({
      file: expect.stringMatching(/partner\.json$/),
      line: 4,
      field: 'addres1',
      message: 'is not a mapping key: did you mean "address1"?',
    })
    const { postalCode, ...withoutZip } = PARTNER
    const snake = mappingFile({ ...withoutZip, postal_code: postalCode })
    expect(problemOf(() => loadMapping(snake))).toMatchObject({ field: 'postal_code', message: expect.stringMatching(/did you mean "postalCode"/) })
  })

  it('lists the known keys when no key is an obvious match, and checks keys inside a field', () => {
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, opening_hours: 'hours' })))).toMatchObject({
      field: 'opening_hours',
      message: expect.stringMatching(/known keys: description, source, .*postalCode.*attributes/),
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, latitude: { colum: 'lat' } })))).toMatchObject({
      field: 'latitude.colum',
      message: expect.stringMatching(/did you mean "column"/),
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, codes: { table: 'samhsa-codes.json', flagColumnAfter: 'x' } })))).toMatchObject({
      field: 'codes.flagColumnAfter',
      message: expect.stringMatching(/did you mean "flagColumnsAfter"/),
    })
  })

  it('refuses an unknown vocabulary code, encoding or quirk as a file problem', () => {
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, services: ['needles'] })))).toMatchObject({
      field: 'services',
      message: 'has unknown code "needles"',
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, encoding: 'latin1' })))).toMatchObject({
      field: 'encoding',
      message: expect.stringMatching(/windows-1252/),
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, quirks: ['r-vectors'] })))).toMatchObject({ field: 'quirks' })
    expect(problemOf(() => loadMapping(mappingFile({ name: 'name' })))).toMatchObject({ field: 'source', message: expect.stringMatching(/required/) })
  })

  it('refuses constant codes given as one text, which would be read letter by letter', () => {
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, services: { const: 'naloxone' } })))).toMatchObject({
      line: 14,
      field: 'services.const',
      message: 'must be a list of codes',
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, services: { column: 'svc', map: { Narcan: ['needles'] } } })))).toMatchObject({
      field: 'services',
      message: 'has unknown code "needles"',
    })
    expect(problemOf(() => loadMapping(mappingFile({ ...PARTNER, services: { column: 'svc', const: ['naloxone'] } })))).toMatchObject({
      field: 'services',
      message: 'needs exactly one of const, column',
    })
  })

  it('reports a JSON syntax error with the file, line and column', () => {
    const path = tempFile('broken.json', '{\n  "source": "partner",\n  "name": "name"\n  "city": "city"\n}\n')
    expect(problemOf(() => loadMapping(path))).toMatchObject({
      file: expect.stringMatching(/broken\.json$/),
      line: 4,
      field: 'json',
      message: expect.stringMatching(/^is not valid JSON at line 4, column 3/),
    })
    // V8 gives no position for an unexpected token; the line comes from the context it quotes.
    const bare = tempFile('bare.json', '{\n  "source": "partner",\n  "name": "name",\n  "latitude": lat\n}\n')
    expect(problemOf(() => loadMapping(bare))).toMatchObject({ line: 4, message: expect.stringMatching(/line 4, column 15/) })
  })
})

describe('a mapping that names a column the CSV does not have is refused before any row is read', () => {
  it('says "Lat" is not "lat" instead of putting every site on its ZIP centroid', async () => {
    const problem = await firstRowProblem([tempFile('partner.csv', PARTNER_CSV)], mappingFile({ ...PARTNER, latitude: 'Lat' }))
    expect(problem).toMatchObject({ file: expect.stringMatching(/partner\.json$/), line: 8, field: 'latitude' })
    expect(problem.message).toMatch(/^names column "Lat", which \d+-partner\.csv does not have: did you mean "lat"\? Column names are case-sensitive\./)
  })

  it('lists the header when no column is close, and names every missing column', async () => {
    const problem = await firstRowProblem([tempFile('partner.csv', PARTNER_CSV)], mappingFile({ ...PARTNER, phone: 'Telephone', attributes: ['County'] }))
    expect(problem).toMatchObject({ field: 'phone' })
    expect(problem.message).toMatch(/its columns are "name", "street", "city", "state", "zip", "lat", "lon"; also missing: "County" \(attributes\)$/)
  })

  it('checks every file of the import, the code columns and the derived id columns too', async () => {
    const good = tempFile('good.csv', PARTNER_CSV)
    const renamed = tempFile('renamed.csv', PARTNER_CSV.replace('zip', 'ZIP'))
    expect(await firstRowProblem([good, renamed], mappingFile(PARTNER))).toMatchObject({
      field: 'postalCode',
      message: expect.stringMatching(/renamed\.csv.*"ZIP"/),
    })
    expect(await firstRowProblem([good], mappingFile({ ...PARTNER, id: { derive: ['name', 'addr'] } }))).toMatchObject({ field: 'id.derive' })
    expect(
      await firstRowProblem([good], mappingFile({ ...PARTNER, codes: { table: MAPPINGS + 'samhsa-codes.json', flagColumnsAfter: 'type_facility' } })),
    ).toMatchObject({ field: 'codes.flagColumnsAfter', message: expect.stringMatching(/"type_facility"/) })
  })

  it('reads the header as rows are keyed: trimmed, an unnamed first column is "_row"', async () => {
    expect(await csvHeader(tempFile('r.csv', '"", name , zip\n1,A,21201\n'))).toEqual(['_row', 'name', 'zip'])
  })

  it('suggests only obvious matches', () => {
    expect(closestName('addres1', ['address1', 'address2'])).toBe('address1')
    expect(closestName('ZIP', ['ZIP CODE', 'CITY'])).toBeNull()
    expect(closestName('lon', ['long'])).toBeNull()
  })
})

const REAL_FILES: Record<string, string> = {
  'findtreatment-export.json': 'samhsa/findtreatment_residential_facilities.csv',
  'hifld-hospitals.json': 'clinics/oeps_hospitals.csv',
  'hrsa-health-centers.json': 'clinics/oeps_hrsa_fqhc_sites.csv',
  'sf-health-care-facilities.json': 'clinics/sf_health_care_facilities.csv',
  'nys-esap-health-care-facilities.json': 'syringe_access/nys_esap_healthcareFacilities.csv',
  'nys-esap-health-care-providers.json': 'syringe_access/nys_esap_healthcareProviders.csv',
  'nys-esap-pharmacies.json': 'syringe_access/nys_esap_pharmacies.csv',
  'samhsa-locator-download.json': 'samhsa/samhsa_locator_mh_residential_ed_2022.csv',
  'samhsa-mh-facilities.json': 'samhsa/oeps_samhsa_mental_health_facilities.csv',
  'samhsa-moud-providers.json': 'samhsa/oeps_moud_providers_2020.csv',
  'samhsa-otp.json': 'samhsa/oeps_opioid_treatment_programs.csv',
  'samhsa-sud-facilities.json': 'samhsa/oeps_samhsa_substance_use_treatment_facilities.csv',
}

describe('the shipped mappings', () => {
  const shipped = readdirSync(MAPPINGS).filter((f) => f.endsWith('.json') && !f.endsWith('-codes.json'))

  it.each(shipped)('%s loads and reads only columns its real file has', async (file) => {
    const mapping = loadMapping(MAPPINGS + file)
    if (file === 'samhsa-findtreatment-api.json') return // JSON rows: no header to check
    expect(REAL_FILES[file], `no real file listed for ${file}`).toBeDefined()
    const header = await csvHeader(DATA + REAL_FILES[file], mapping.spec.encoding)
    expect(() => checkHeader(mapping, header, REAL_FILES[file] as string)).not.toThrow()
  })

  it('include the example of docs/data.md, which is the ESAP pharmacy mapping and fits the real ESAP header', async () => {
    const docs = readFileSync(new URL('../../docs/data.md', import.meta.url), 'utf8')
    const block = /## Formats[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1] as string
    const example = loadMapping(tempFile('example.json', block))
    const { description: _, ...esap } = JSON.parse(readFileSync(MAPPINGS + 'nys-esap-pharmacies.json', 'utf8')) as Record<string, unknown>
    expect(example.spec).toEqual(esap)
    checkHeader(example, await csvHeader(DATA + 'syringe_access/nys_esap_pharmacies.csv'), 'nys_esap_pharmacies.csv')
  })
})

describe.each(backends)('mapping problems stop an import like other file problems (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('writes nothing and reports the mapping file, line and key', async () => {
    const before = await dumpTables(database.db)
    const csv = tempFile('partner.csv', PARTNER_CSV)
    const typo = await runImport(database.db, { format: 'csv', paths: [csv], mappingPath: mappingFile({ ...PARTNER, latitude: 'Lat' }) })
    expect(typo).toMatchObject({ written: false, read: 0, problems: [{ field: 'latitude', message: expect.stringMatching(/did you mean "lat"/) }] })
    const broken = await runImport(database.db, { format: 'csv', paths: [csv], mappingPath: tempFile('broken.json', '{ "source": "partner", }') })
    expect(broken.problems[0]).toMatchObject({ file: expect.stringMatching(/broken\.json$/), line: 1, field: 'json' })
    expect(await dumpTables(database.db)).toBe(before)
  })
})
