import { describe, expect, it } from 'vitest'
import { codeTableFrom, applyCodes, emptyTerms } from '../../server/importers/codes.js'
import { loadMapping, mapRow } from '../../server/importers/mapping.js'
import { checkHeader } from '../../server/importers/mapping-check.js'
import type { RowProblem } from '../../server/importers/record.js'
import { FileProblem } from '../../server/importers/sources/files.js'
import { exportRowColumns } from '../../server/importers/sources/findtreatment.js'
import { socrataRow } from '../../server/importers/sources/socrata.js'
import { MAPPINGS, tempFile } from './helpers.js'

const origin = { file: 'test.csv', line: 2 }
const mappingFile = (spec: unknown) => tempFile('rules.json', JSON.stringify(spec, null, 2))
const BASE = { source: 'partner', name: 'name', address1: 'street', city: 'city', region: 'state', latitude: 'lat', longitude: 'lon' }
const place = { street: '100 Light St', city: 'Baltimore', state: 'MD', lat: '39.287', lon: '-76.613' }

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

describe('a mapping says a type or service only where the row says it', () => {
  const hrsa = loadMapping(MAPPINGS + 'hrsa-health-centers.json')
  const site = (name: string) =>
    mapRow({ name, st_abbr: 'HI', city: 'Hilo', address: '1 Main St', phone: '', testing_status: 'Yes', lon: '-155.08', lat: '19.72' }, origin, hrsa).record

  it('gives primary care to a health center, not to its dental clinic or the clinic in a school', () => {
    expect(site('Ka`u Family Health and Dental Center')?.services).toEqual(['primary_care'])
    expect(site('SOUTHERN REGION COMM HEALTH CTR')?.services).toEqual(['primary_care'])
    expect(site('Hilo Family Dental Center')?.services).toEqual([])
    expect(site('Waianae High School School-based Health Center')?.services).toEqual([])
    expect(site('EAST BURNEY ELEMENTARY SBHC')?.services).toEqual([])
    // "Behavioral" holds "oral", "Occidental" holds "dental": neither makes a dental clinic.
    expect(site('OCCIDENTAL AREA HEALTH CENTER')?.services).toEqual(['primary_care'])
  })

  it('marks mobile units and behavioral-health sites from their names', () => {
    expect(site('Mobile Dental Van')).toMatchObject({ services: [], access: ['mobile_unit'] })
    expect(site('Happy Camp Behavioral Health')).toMatchObject({ types: ['clinic', 'mental_health'], services: ['mental_health_care'] })
    expect(site('Hoola Lahui Hawaii Pharmacy')).toMatchObject({ types: ['clinic', 'pharmacy'], services: [] })
    // Payment holds for every site of a health center (the Health Center Program requires it).
    expect(site('Hilo Family Dental Center')?.payment).toEqual(['medicaid', 'sliding_fee'])
  })

  it('types the vivitrol.com pharmacies as pharmacies, the other vivitrol.com providers and SAMHSA facilities as treatment', () => {
    const moud = loadMapping(MAPPINGS + 'samhsa-moud-providers.json')
    const row = (name1: string, source: string) =>
      mapRow(
        {
          name1,
          name2: 'NA',
          street1: '1 Main St',
          street2: 'NA',
          city: 'Denver',
          state: 'CO',
          zip: '80202',
          category: 'naltrexone/vivitrol',
          countyName: 'Denver',
          source,
          Longitude: '-104.99',
          Latitude: '39.74',
        },
        origin,
        moud,
      ).record
    expect(row('SAFEWAY #1234', 'vivitrolWeb')).toMatchObject({ types: ['pharmacy'], services: ['naltrexone'] })
    expect(row('NEFF DRUGS', 'vivitrolWeb')?.types).toEqual(['pharmacy'])
    expect(row('White Sands Treatment Center', 'vivitrolWeb')?.types).toEqual(['treatment'])
    // "Drug" in a treatment program's name is not a drug store.
    expect(row('Tri-County Commission on Alcohol and Drug Abuse', 'vivitrolWeb')?.types).toEqual(['treatment'])
    expect(row('Safeway Recovery House', 'SAMHSA')?.types).toEqual(['treatment'])
  })

  it('applies every rule whose "when" conditions all hold and no "unless" condition does, ignoring case', () => {
    const mapping = loadMapping(
      mappingFile({
        ...BASE,
        types: ['clinic'],
        rules: [
          {
            when: [
              { column: 'kind', matches: '(?i)^free' },
              { column: 'name', notMatches: 'closed' },
            ],
            payment: ['free'],
          },
          { unless: { column: 'kind', matches: 'dental' }, services: ['primary_care'] },
        ],
      }),
    )
    const map = (name: string, kind: string) => mapRow({ name, kind, ...place }, origin, mapping).record
    expect(map('Harbor Clinic', 'FREE clinic')).toMatchObject({ types: ['clinic'], payment: ['free'], services: ['primary_care'] })
    expect(map('Harbor Clinic (closed Mondays)', 'Free clinic')).toMatchObject({ payment: [], services: ['primary_care'] })
    expect(map('Harbor Smiles', 'Free dental')).toMatchObject({ payment: ['free'], services: [] })
  })
})

describe('a rule that cannot work is refused with the mapping', () => {
  it('names a pattern that is not a regular expression, quoting it', () => {
    const problem = problemOf(() => loadMapping(mappingFile({ ...BASE, rules: [{ when: { column: 'name', matches: 'dental(' }, types: ['clinic'] }] })))
    expect(problem).toMatchObject({ field: 'rules.when.matches', message: expect.stringMatching(/^"dental\(" is not a regular expression/) })
  })

  it('refuses a condition with no pattern, a rule with no condition or no codes, and an unknown code', () => {
    expect(problemOf(() => loadMapping(mappingFile({ ...BASE, rules: [{ when: { column: 'name' }, types: ['clinic'] }] }))).message).toMatch(
      /rule 1: the condition on "name" needs "matches" or "notMatches"/,
    )
    expect(problemOf(() => loadMapping(mappingFile({ ...BASE, rules: [{ types: ['clinic'] }] }))).message).toMatch(/rule 1 needs "when" or "unless"/)
    expect(problemOf(() => loadMapping(mappingFile({ ...BASE, rules: [{ when: { column: 'name', matches: 'x' } }] }))).message).toMatch(/adds no codes/)
    expect(problemOf(() => loadMapping(mappingFile({ ...BASE, rules: [{ when: { column: 'name', matches: 'x' }, types: ['dentist'] }] })))).toMatchObject({
      field: 'rules.types',
      message: 'has unknown types code "dentist"',
    })
  })

  it('checks the columns rules read against the header', () => {
    const mapping = loadMapping(mappingFile({ ...BASE, rules: [{ when: { column: 'Site Type', matches: 'dental' }, types: ['clinic'] }] }))
    const problem = problemOf(() => checkHeader(mapping, ['name', 'street', 'city', 'state', 'lat', 'lon', 'site_type'], 'sites.csv'))
    expect(problem).toMatchObject({ field: 'rules.when', message: expect.stringMatching(/names column "Site Type".*did you mean "site_type"/) })
  })
})

describe('the length cap holds the fields we store, each to its own limit', () => {
  const mapping = loadMapping(mappingFile({ ...BASE, description_field: 'about', types: ['clinic'], attributes: ['county'] }))
  const map = (extra: Record<string, string>) => mapRow({ name: 'Harbor Clinic', ...place, about: '', county: '', ...extra }, origin, mapping)

  it('ignores a long cell in a column the mapping does not read', () => {
    expect(map({ notes: 'x'.repeat(5000) }).record?.name).toBe('Harbor Clinic')
  })

  it('keeps a 4,000-character description and refuses a longer one, naming the column and quoting the value', () => {
    expect(map({ about: 'Open late. '.repeat(360) }).record?.description).toHaveLength(3959)
    const { problems } = map({ about: 'Open late. '.repeat(400) })
    expect(problems).toEqual([
      expect.objectContaining({ field: 'about', message: expect.stringMatching(/^is longer than 4000 characters \(4399\): "Open late\. Open/) }),
    ])
  })

  it('refuses a name over 500 characters and a stored attribute over 1,000', () => {
    expect(map({ name: 'Harbor '.repeat(90) }).problems).toEqual([
      expect.objectContaining({ field: 'name', message: expect.stringMatching(/^is longer than 500 characters \(629\): "Harbor Harbor/) }),
    ])
    expect(map({ county: 'B'.repeat(1001) }).problems).toEqual([
      expect.objectContaining({ field: 'county', message: expect.stringMatching(/longer than 1000/) }),
    ])
  })
})

describe('FindTreatment.gov service names through the SAMHSA code table', () => {
  const samhsa = loadMapping(MAPPINGS + 'samhsa-findtreatment-api.json').codeTable
  if (!samhsa) throw new Error('no code table')

  it('maps the names the exports write with no code, and keeps the rest as written', () => {
    const terms = emptyTerms()
    const unmapped = applyCodes(
      samhsa,
      ['Naloxone and overdose education', 'Individual counseling', 'Prescribes buprenorphine', 'Anger management', 'Does not use MAT for opioid use disorders'],
      terms,
    )
    expect(terms.services.sort()).toEqual(['buprenorphine', 'counseling', 'naloxone'])
    expect(unmapped).toEqual(['Anger management', 'Does not use MAT for opioid use disorders'])
  })

  it('refuses a name listed twice, as a code and under names', () => {
    expect(() =>
      codeTableFrom({ codes: { MD: { name: 'Medicaid', payment: ['medicaid'] } }, names: { medicaid: { payment: ['medicaid'] } } }, 't.json'),
    ).toThrow(/t\.json: the name "medicaid" is listed under names and is already the name of code MD/)
  })

  it('reads an export row of the JSON list under the CSV export columns, refusing keys it would drop', () => {
    const columns = ['Name', 'ZIP', 'All Services']
    expect(exportRowColumns({ name: 'Friendship House', zip: 94103, all_services: 'Detoxification' }, columns, origin)).toEqual({
      Name: 'Friendship House',
      ZIP: '94103',
      'All Services': 'Detoxification',
    })
    expect(problemOf(() => exportRowColumns({ name: 'Friendship House', intake: '415-555-0100' }, columns, origin))).toMatchObject({
      field: 'intake',
      message: expect.stringMatching(/is not a field of the FindTreatment.gov export/),
    })
    expect(problemOf(() => exportRowColumns({ name: 'Friendship House', all_services: ['Detoxification'] }, columns, origin)).message).toBe(
      'holds ["Detoxification"], not text',
    )
  })
})

describe('a Socrata rows.json row read as the CSV export has it', () => {
  const columns = [
    { fieldName: ':id', dataTypeName: 'meta_data' },
    { fieldName: 'facility_name', dataTypeName: 'text' },
    { fieldName: 'location', dataTypeName: 'location', subColumnTypes: ['human_address', 'latitude', 'longitude', 'machine_address', 'needs_recoding'] },
  ]

  it('spreads the location into address parts and coordinates, and leaves out the meta columns', () => {
    const cells = [
      'row-1',
      'Chinese Hospital',
      ['{"address": "845 JACKSON STREET", "city": "San Francisco", "state": "CA", "zip": ""}', '37.7959', '-122.4093', null, false],
    ]
    expect(socrataRow(columns, cells)).toEqual({
      facility_name: 'Chinese Hospital',
      address: '845 JACKSON STREET',
      city: 'San Francisco',
      state: 'CA',
      zip: '',
      latitude: '37.7959',
      longitude: '-122.4093',
    })
  })

  it('names a location whose address is not JSON', () => {
    expect(() => socrataRow(columns, ['row-1', 'Chinese Hospital', ['845 Jackson', '37.7959', '-122.4093']])).toThrow(
      'location: its human_address "845 Jackson" is not a JSON object',
    )
  })
})
