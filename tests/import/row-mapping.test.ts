import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkCoordinates } from '../../server/importers/coordinates.js'
import { decodeText, EncodingError } from '../../server/importers/decode.js'
import { loadMapping, mapRow } from '../../server/importers/mapping.js'
import { normalizeStreet } from '../../server/directory/comparable-text.js'
import { cleanPhone, cleanText, derivedSourceId, restoreZip } from '../../server/importers/normalize.js'
import { FileProblem } from '../../server/importers/sources/files.js'
import { flattenFindTreatmentRow, MAPPINGS_DIR, openSamhsa, samhsaLayout } from '../../server/importers/sources/samhsa.js'
import { tempFile } from './helpers.js'

const origin = { file: 'test.csv', line: 2 }

describe('cleaning single values', () => {
  it('restores ZIPs that lost their leading zeros (checked against the state), and cuts ZIP+4', () => {
    expect(restoreZip('6708', 'CT')).toEqual({ zip: '06708', restored: true })
    expect(restoreZip(501, 'NY')).toEqual({ zip: '00501', restored: true })
    // Without a state to check against, a short ZIP is not guessed at (tests/import/clean-values.test.ts).
    expect(restoreZip('6708').error).toMatch(/^"6708" has 4 digits and the row has no state/)
    expect(restoreZip('21201-1234').zip).toBe('21201')
    expect(restoreZip('212011234').zip).toBe('21201')
    expect(restoreZip('NA').zip).toBeNull()
    expect(restoreZip('ABCDE').error).toMatch(/not a US ZIP/)
  })

  it('drops control characters (a NUL cannot be stored) and folds whitespace', () => {
    expect(cleanText('Harbor\u0000 House\u0007\r\n Clinic\t')).toBe('Harbor House Clinic')
    expect(cleanText('\u0000\u001F')).toBeNull()
  })

  it('formats US phone numbers and keeps extensions apart', () => {
    expect(cleanPhone('410.555.0100')).toEqual({ phone: '(410) 555-0100', extension: null })
    expect(cleanPhone('1-410-555-0100')).toEqual({ phone: '(410) 555-0100', extension: null })
    expect(cleanPhone('860-276-3000 x301')).toEqual({ phone: '(860) 276-3000', extension: '301' })
  })

  it('gives the same stable id whatever the case, punctuation or "St"/"Street"', () => {
    expect(derivedSourceId('Helio Health, Inc.', '329 N. Salina Street', '13203')).toBe(derivedSourceId('HELIO HEALTH INC', '329 N Salina St', '13203'))
    expect(normalizeStreet('1124 International Blvd., Suite 200')).toBe('1124 international blvd')
  })
})

describe('coordinates', () => {
  it('accepts US points, including territories', () => {
    expect(checkCoordinates(39.29, -76.61)).toEqual([])
    expect(checkCoordinates(13.28, 144.75)).toEqual([])
  })
  it('says when latitude and longitude are swapped', () => {
    expect(checkCoordinates(-76.61, 39.29)[0]?.message).toMatch(/swapped/)
  })
  it('refuses out-of-range values, (0, 0), text and points abroad', () => {
    expect(checkCoordinates(95, -76)[0]?.message).toMatch(/out of range/)
    expect(checkCoordinates(0, 0)[0]?.message).toMatch(/placeholder/)
    expect(checkCoordinates(Number.NaN, -76)[0]?.message).toMatch(/not a number/)
    expect(checkCoordinates(48.85, 2.35)[0]?.message).toMatch(/outside the United States/)
    expect(checkCoordinates(39.29, 76.61)[0]?.message).toMatch(/minus sign/)
  })
})

describe('encodings', () => {
  it('reads UTF-8 with a BOM, and Latin-1 (cp1252)', () => {
    expect(decodeText(Buffer.from('\ufeffname\nCafé', 'utf8'))).toEqual({ text: 'name\nCafé', encoding: 'utf-8' })
    expect(decodeText(Buffer.from('name\nCl\xednica', 'latin1'))).toEqual({ text: 'name\nClínica', encoding: 'windows-1252' })
  })
  it('refuses binary data and UTF-16 without a byte-order mark', () => {
    expect(() => decodeText(Buffer.from('name\n', 'utf16le'))).toThrow(EncodingError)
  })
})

describe('mapping rows', () => {
  it('maps an OTP row onto methadone treatment', () => {
    const mapping = loadMapping(MAPPINGS_DIR + 'samhsa-otp.json')
    const row = mapRow(
      { ID: '14th St. Clinic', ADDRESS: '1124 International Blvd.', CITY: 'Oakland', STATE: 'CA', POSTAL: '94606', Latitude: '37.79', Longitude: '-122.25' },
      origin,
      mapping,
    )
    expect(row.problems).toEqual([])
    expect(row.record).toMatchObject({
      name: '14th St. Clinic',
      types: ['treatment'],
      services: ['methadone'],
      timezone: 'America/Los_Angeles',
      postalCode: '94606',
    })
  })

  it('names the file, line and field of each problem', () => {
    const mapping = loadMapping(MAPPINGS_DIR + 'samhsa-otp.json')
    const row = mapRow({ ID: '', ADDRESS: '1 Main St', CITY: 'X', STATE: 'MD', POSTAL: '21201', Latitude: '-76.6', Longitude: '39.3' }, origin, mapping)
    expect(row.record).toBeNull()
    expect(row.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'test.csv', line: 2, field: 'ID', message: expect.stringMatching(/missing/) }),
        expect.objectContaining({ field: 'Latitude/Longitude', message: expect.stringMatching(/swapped/) }),
      ]),
    )
  })

  it('maps FindTreatment.gov service names through the SAMHSA code table and keeps the unknown ones', () => {
    const body = JSON.parse(readFileSync(new URL('../fixtures/import/findtreatment-v2.json', import.meta.url), 'utf8')) as { rows: Record<string, unknown>[] }
    const mapping = loadMapping(MAPPINGS_DIR + 'samhsa-findtreatment-api.json')
    const row = mapRow(flattenFindTreatmentRow(body.rows[0] as Record<string, unknown>), origin, mapping)
    expect(row.record?.services).toEqual(['buprenorphine', 'detox', 'methadone', 'naltrexone'])
    expect(row.record?.payment).toEqual(['medicaid', 'self_pay', 'sliding_fee'])
    expect(row.record?.languages).toEqual(['es'])
    expect(row.unmapped).toEqual(['Acupuncture'])
    expect(row.record?.attributes.unmapped_codes).toEqual(['Acupuncture'])
  })

  it('recognises each SAMHSA CSV layout from its header', () => {
    expect(samhsaLayout(['ID', 'ADDRESS', 'CITY', 'STATE', 'POSTAL', 'Latitude', 'Longitude'])).toBe('samhsa-otp.json')
    expect(samhsaLayout(['name1', 'street1', 'zip', 'latitude', 'longitude'])).toBe('samhsa-sud-facilities.json')
    expect(samhsaLayout(['foo'])).toBeNull()
  })
})

describe('several SAMHSA files in one import', () => {
  const SUD =
    'name1,name2,street1,street2,city,state,zip,zip4,county,latitude,longitude\nHarbor Recovery,,1 Light St,,Baltimore,MD,21202,,Baltimore City,39.287,-76.613\n'
  const MH =
    '"","name1","name2","street1","street2","city","state","zip","zip4","county","phone","intake_prompt","intake1","intake2","website","latitude","longitude","type_facility"\n' +
    '"1","Harbor Mental Health","","2 Light St","","Baltimore","MD",21202,"","Baltimore City","410-555-0100","","","","",39.288,-76.613,"MH"\n'

  it('refuses a mental-health list after a substance-use list instead of importing it as substance-use treatment', async () => {
    const sud = tempFile('sud.csv', SUD)
    const mh = tempFile('mh.csv', MH)
    const refused = await openSamhsa([sud, mh]).catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(FileProblem)
    const { problem } = refused as FileProblem
    expect(problem).toMatchObject({ file: expect.stringMatching(/mh\.csv$/), line: 1, field: 'header' })
    expect(problem.message).toMatch(
      /mh\.csv is samhsa_mh \(samhsa-mh-facilities\.json\), \d+-sud\.csv is samhsa_sud \(samhsa-sud-facilities\.json\)\. Import them separately/,
    )
  })

  it('refuses a FindTreatment.gov JSON export mixed with a CSV list', async () => {
    const json = new URL('../fixtures/import/findtreatment-v2.json', import.meta.url).pathname
    await expect(openSamhsa([tempFile('sud.csv', SUD), json])).rejects.toMatchObject({
      problem: { message: expect.stringMatching(/findtreatment-v2\.json is findtreatment/) },
    })
  })

  it('reads several files of one layout as one source, each row with its own file', async () => {
    const input = await openSamhsa([tempFile('sud-md.csv', SUD), tempFile('sud-va.csv', SUD.replace('Harbor Recovery', 'Harbor Recovery West'))])
    expect(input.mapping.spec.source).toBe('samhsa_sud')
    const rows = []
    for await (const row of input.rows()) rows.push(row)
    expect(rows.map((r) => [r.origin.file.replace(/^\d+-/, ''), r.record?.name, r.record?.types])).toEqual([
      ['sud-md.csv', 'Harbor Recovery', ['treatment']],
      ['sud-va.csv', 'Harbor Recovery West', ['treatment']],
    ])
  })
})

// De-duplication on the hand-labelled pairs: tests/import/dedup-quality.test.ts (with records' types, phones and second names).
