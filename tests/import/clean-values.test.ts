/**
 * A curator imports real lists whose cells are messy: placeholder websites, ZIPs that lost
 * digits, phones with extensions, P.O. boxes in the street line, Palau in the state column.
 * Each value is cleaned the same way in every format, and what cannot be cleaned is named as
 * the file holds it. Pure: no database.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { phoneOfRow, phoneParts } from '../../server/directory/import-record.js'
import { hsdsId, isHsdsIdOf, legacyHsdsId } from '../../server/hsds/ids.js'
import { loadMapping, mapRow } from '../../server/importers/mapping.js'
import { cleanPhone, cleanUrl, readRegion, restoreZip, splitPoBox } from '../../server/importers/normalize.js'
import { REGIONS } from '../../server/importers/regions.js'
import { mapHsdsServices } from '../../server/importers/sources/hsds.js'
import { statesOfZip } from '../../server/importers/zip-prefixes.js'
import { DATA, simpleCsvMapping } from './helpers.js'

describe('websites', () => {
  it('reads placeholders as "no website": the 1,068 sites that publish http:// have none', () => {
    for (const cell of ['http://', 'https://', 'HTTP://', 'http:', 'https:/', 'www.', 'http://www.', 'n/a', 'N/A', 'none', '-']) {
      expect(cleanUrl(cell), cell).toEqual({ url: null })
    }
  })

  it('gives a real address without a scheme https://, and keeps the scheme a file wrote', () => {
    expect(cleanUrl('www.harborclinic.org')).toEqual({ url: 'https://www.harborclinic.org' })
    expect(cleanUrl('harborclinic.org/naloxone')).toEqual({ url: 'https://harborclinic.org/naloxone' })
    expect(cleanUrl('http://harborclinic.org')).toEqual({ url: 'http://harborclinic.org' })
    expect(cleanUrl('http:/harborclinic.org')).toEqual({ url: 'http://harborclinic.org' })
  })

  it('leaves out what is not a web address, with a warning quoting the cell', () => {
    expect(cleanUrl('http://localhost')).toEqual({ url: null, warning: expect.stringContaining('"http://localhost" has no real host name') })
    expect(cleanUrl('info@harborclinic.org').warning).toMatch(/^"info@harborclinic.org" is an email address/)
    expect(cleanUrl('call for info').warning).toMatch(/^"call for info" is not a web address/)
    expect(cleanUrl('javascript:alert(1)').url).toBeNull()
    expect(cleanUrl('http://Www.mediapoliscare,com').warning).toMatch(/mediapoliscare,com/)
  })
})

describe('ZIP codes', () => {
  it('reads ZIP+4 and 9-digit runs as the 5-digit ZIP', () => {
    expect(restoreZip('21201-1234', 'MD')).toEqual({ zip: '21201', restored: false })
    expect(restoreZip('212011234', 'MD')).toEqual({ zip: '21201', restored: false })
    expect(restoreZip('NA', 'MD')).toEqual({ zip: null, restored: false })
  })

  it("pads a ZIP that lost its leading zeros when the padded ZIP is in the row's state", () => {
    expect(restoreZip('3029', 'NH')).toEqual({ zip: '03029', restored: true })
    expect(restoreZip('6708', 'CT')).toEqual({ zip: '06708', restored: true })
    expect(restoreZip(501, 'NY')).toEqual({ zip: '00501', restored: true })
  })

  it('reads "3029-9735" in New York as Brewerton\'s 13029, not New Hampshire\'s 03029, and says so', () => {
    const zip = restoreZip('3029-9735', 'NY')
    expect(zip).toMatchObject({ zip: '13029', restored: true })
    expect(zip.warning).toMatch(/^"3029-9735" lost a digit: read as 13029/)
  })

  it("refuses a short ZIP that fits no ZIP of the state, quoting the file's value, not a padded one", () => {
    const zip = restoreZip('3029', 'TX')
    expect(zip.zip).toBeNull()
    expect(zip.error).toMatch(/^"3029" has 4 digits: padded with zeros it is 03029, a NH ZIP, not one in TX/)
    expect(restoreZip('3029', null).error).toMatch(/^"3029" has 4 digits and the row has no state/)
    expect(restoreZip('ABCDE', 'MD').error).toBe('"ABCDE" is not a US ZIP code')
  })

  it('knows the state of every Census ZIP area from the embedded 3-digit prefix table', () => {
    // The ZCTA file's `state` column is the FIPS code of the 50 states and DC.
    const FIPS: Record<string, string> = {
      1: 'AL',
      2: 'AK',
      4: 'AZ',
      5: 'AR',
      6: 'CA',
      8: 'CO',
      9: 'CT',
      10: 'DE',
      11: 'DC',
      12: 'FL',
      13: 'GA',
      15: 'HI',
      16: 'ID',
      17: 'IL',
      18: 'IN',
      19: 'IA',
      20: 'KS',
      21: 'KY',
      22: 'LA',
      23: 'ME',
      24: 'MD',
      25: 'MA',
      26: 'MI',
      27: 'MN',
      28: 'MS',
      29: 'MO',
      30: 'MT',
      31: 'NE',
      32: 'NV',
      33: 'NH',
      34: 'NJ',
      35: 'NM',
      36: 'NY',
      37: 'NC',
      38: 'ND',
      39: 'OH',
      40: 'OK',
      41: 'OR',
      42: 'PA',
      44: 'RI',
      45: 'SC',
      46: 'SD',
      47: 'TN',
      48: 'TX',
      49: 'UT',
      50: 'VT',
      51: 'VA',
      53: 'WA',
      54: 'WV',
      55: 'WI',
      56: 'WY',
    }
    const lines = readFileSync(`${DATA}reference/zcta_centroids.csv`, 'utf8').trim().split('\n').slice(1)
    expect(lines.length).toBeGreaterThan(30_000)
    const wrong = lines
      .map((line) => line.split(','))
      .filter(([zcta, , , , state]) => !statesOfZip(zcta as string).includes(FIPS[state as string] as string))
      .map(([zcta, , , , state]) => `${zcta} is in ${FIPS[state as string]}`)
    expect(wrong).toEqual([])
    // Territories and DC, which the ZCTA file leaves out.
    expect(statesOfZip('00901')).toEqual(['PR'])
    expect(statesOfZip('00802')).toEqual(['VI'])
    expect(statesOfZip('96910')).toEqual(['GU', 'MP'])
    expect(statesOfZip('96799')).toEqual(['HI', 'AS'])
    expect(statesOfZip('20001')).toEqual(['DC'])
    expect(statesOfZip('09012')).toEqual([])
  })
})

describe('states and territories', () => {
  it('maps codes and full names onto USPS codes', () => {
    expect(readRegion('Maryland')).toEqual({ region: 'MD' })
    expect(readRegion('md')).toEqual({ region: 'MD' })
    expect(readRegion('Puerto Rico')).toEqual({ region: 'PR' })
    expect(readRegion('District of Columbia')).toEqual({ region: 'DC' })
    expect(readRegion('GU')).toEqual({ region: 'GU' })
    expect(Object.keys(REGIONS)).toHaveLength(56)
  })

  it('refuses Palau, Micronesia and the Marshall Islands: freely associated states, outside the U.S. directory', () => {
    expect(readRegion('PW')).toEqual({ region: null, error: '"PW" is refused: Palau is a freely associated state, outside the U.S. directory' })
    expect(readRegion('FM').error).toMatch(/Micronesia is a freely associated state/)
    expect(readRegion('Marshall Islands').error).toMatch(/^"Marshall Islands" is refused/)
    expect(readRegion('ZZ').error).toBe('"ZZ" is not a U.S. state or territory code')
    expect(readRegion('Ontario').error).toBe('"Ontario" is not a U.S. state or territory')
  })
})

describe('phones', () => {
  it('writes US numbers "(410) 555-0100" and keeps the extension apart', () => {
    expect(cleanPhone('410.555.0100')).toEqual({ phone: '(410) 555-0100', extension: null })
    expect(cleanPhone('1-410-555-0100')).toEqual({ phone: '(410) 555-0100', extension: null })
    expect(cleanPhone('(410) 555-0100 ext. 12')).toEqual({ phone: '(410) 555-0100', extension: '12' })
    expect(cleanPhone('860-276-3000 x301')).toEqual({ phone: '(860) 276-3000', extension: '301' })
    expect(cleanPhone('800WALGREENS')).toEqual({ phone: '(800) 925-4733', extension: null })
  })

  it('reports a number that cannot be dialled, quoting it: (555) is no area code', () => {
    expect(cleanPhone('(555) 123-4567 ext. 12')).toEqual({
      phone: null,
      extension: null,
      warning: '"(555) 123-4567 ext. 12" is not a number that can be dialled; the site is imported without this phone',
    })
    expect(cleanPhone('(71) 663-1271').warning).toMatch(/^"\(71\) 663-1271" has 9 digits/)
  })

  it('stores a phone with its extension in one form the phones table splits', () => {
    expect(phoneParts('(410) 555-0100 ext. 12')).toEqual({ number: '(410) 555-0100', extension: '12' })
    expect(phoneParts('(410) 555-0100')).toEqual({ number: '(410) 555-0100', extension: null })
    expect(phoneOfRow({ number: '(410) 555-0100', extension: '12' })).toBe('(410) 555-0100 ext. 12')
  })
})

describe('P.O. boxes', () => {
  it('moves a box out of the street lines into the mailing address', () => {
    expect(splitPoBox('P.O. Box 55', null)).toEqual({ address1: null, address2: null, mailingAddress: 'P.O. Box 55' })
    expect(splitPoBox('1022 E. Main St., P.O. Box 929', null)).toEqual({ address1: '1022 E. Main St.', address2: null, mailingAddress: 'P.O. Box 929' })
    expect(splitPoBox('10560 ROUTE 19 / PO BOX 272', null).address1).toBe('10560 ROUTE 19')
    expect(splitPoBox('12 Elm St', 'Post Office Box 9')).toEqual({ address1: '12 Elm St', address2: null, mailingAddress: 'Post Office Box 9' })
  })

  it('leaves streets named Box alone', () => {
    expect(splitPoBox('200 Box Elder Rd', null).mailingAddress).toBeNull()
    expect(splitPoBox('1 Boxwood Ln', null).mailingAddress).toBeNull()
  })
})

describe('one cleaning in every format', () => {
  const origin = { file: 'sites.csv', line: 2 }
  const mapping = loadMapping(simpleCsvMapping('clean_values_unit', { id: 'id', phone: 'phone', website: 'web', address2: 'street2' }))
  const row = (over: Record<string, string>) => ({
    id: 'a1',
    name: 'Harbor Clinic',
    street: '9 Pier Rd',
    street2: '',
    city: 'Brewerton',
    state: 'NY',
    zip: '13029',
    lat: '43.23',
    lon: '-76.14',
    phone: '',
    web: '',
    ...over,
  })

  it('maps a CSV row: restored ZIP kept with what the file held, phone, no placeholder website, box as mailing', () => {
    const mapped = mapRow(row({ zip: '3029-9735', phone: '(315) 676-3676 ext. 4', web: 'http://', street: 'P.O. Box 55' }), origin, mapping)
    expect(mapped.problems).toEqual([])
    expect(mapped.record).toMatchObject({
      postalCode: '13029',
      region: 'NY',
      website: null,
      phones: ['(315) 676-3676 ext. 4'],
      address1: null,
      mailingAddress: 'P.O. Box 55',
    })
    expect(mapped.record?.attributes.zip_restored_from).toBe('3029-9735')
    expect(mapped.warnings).toEqual([{ ...origin, field: 'zip', message: expect.stringMatching(/^"3029-9735" lost a digit/) }])
  })

  it('refuses a Palau row and a ZIP that fits no ZIP of the state, quoting the cells', () => {
    const palau = mapRow(row({ state: 'PW', zip: '96940' }), origin, mapping)
    expect(palau.record).toBeNull()
    expect(palau.problems).toEqual([{ ...origin, field: 'state', message: expect.stringMatching(/^"PW" is refused: Palau/) }])
    const texas = mapRow(row({ state: 'TX', zip: '3029' }), origin, mapping)
    expect(texas.problems).toEqual([{ ...origin, field: 'zip', message: expect.stringMatching(/^"3029" has 4 digits/) }])
  })

  it('imports a row whose phone cannot be dialled, without the phone, and names the value', () => {
    const mapped = mapRow(row({ phone: '999-999-9999', state: 'New York' }), origin, mapping)
    expect(mapped.record).toMatchObject({ phones: [], region: 'NY' })
    expect(mapped.warnings).toEqual([{ ...origin, field: 'phone', message: expect.stringMatching(/^"999-999-9999" is not a number/) }])
  })

  it('maps an HSDS location the same way: extension field, postal address, placeholder url, Palau', () => {
    const service = (address: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      id: 's1',
      name: 'Naloxone',
      url: 'https://',
      organization: { id: 'o1', name: 'Harbor', website: 'none' },
      service_at_locations: [
        {
          id: 'sal1',
          location: {
            id: 'l1',
            name: 'Harbor stop',
            latitude: 43.23,
            longitude: -76.14,
            addresses: [address],
            phones: [{ number: '315-676-3676', extension: 22 }],
            ...extra,
          },
        },
      ],
    })
    const [ok] = mapHsdsServices([service({ address_1: 'PO BOX 7', city: 'Brewerton', state_province: 'New York', postal_code: '3029-9735' })], 'feed.json')
    expect(ok?.problems).toEqual([])
    expect(ok?.record).toMatchObject({
      address1: null,
      mailingAddress: 'PO BOX 7',
      region: 'NY',
      postalCode: '13029',
      website: null,
      phones: ['(315) 676-3676 ext. 22'],
    })
    const [palau] = mapHsdsServices([service({ address_1: '1 Main', city: 'Koror', state_province: 'PW', postal_code: '96940' })], 'feed.json')
    expect(palau?.problems).toEqual([
      {
        file: 'feed.json',
        line: 1,
        field: 'services[0].service_at_locations[0].location.addresses[0].state_province',
        message: expect.stringMatching(/^"PW" is refused: Palau/),
      },
    ])
  })
})

describe('HSDS ids', () => {
  it('are version-5 UUIDs (version nibble 5, variant bits 10), stable and distinct per kind', () => {
    const id = hsdsId('service', 'svc-harbor')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(hsdsId('service', 'svc-harbor')).toBe(id)
    expect(hsdsId('organization', 'svc-harbor')).not.toBe(id)
  })

  it('match RFC 9562 version 5 for a known name (uuid_generate_v5 gives the same)', () => {
    // sha1(namespace bytes || "service:svc-1"), as PostgreSQL's uuid_generate_v5 computes it.
    expect(hsdsId('service', 'svc-1')).toBe('61335c95-a017-5da9-b00f-211c8f75711c')
  })

  it('still recognise the md5 ids that old links hold', () => {
    const old = legacyHsdsId('taxonomy', 'services')
    expect(old).not.toBe(hsdsId('taxonomy', 'services'))
    expect(isHsdsIdOf(old, 'taxonomy', 'services')).toBe(true)
    expect(isHsdsIdOf(old.toUpperCase(), 'taxonomy', 'services')).toBe(true)
    expect(isHsdsIdOf(legacyHsdsId('taxonomy', 'payment'), 'taxonomy', 'services')).toBe(false)
  })
})
