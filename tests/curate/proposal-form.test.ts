/**
 * The update page's "Propose changes" form as data: the weekly hours table from a listing's
 * rules and back, and only the fields a provider changed (tests/curate/change-requests.test.ts
 * covers the page and the database).
 */
import { describe, expect, it } from 'vitest'
import { formOfBody, formOfListing, HoursTableError, proposedFields, rulesOfTable } from '../../server/routes/update/proposal-form.js'

const LISTING = {
  name: 'Charm City Syringe Program',
  address_1: '1 Test St',
  address_2: null,
  city: 'Baltimore',
  region: 'MD',
  postal_code: '21201',
  website: null,
  description: null,
  phones: ['(410) 555-0100'],
  hours: [{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null }],
  services: ['naloxone'],
  payment: ['free'],
  languages: ['en'],
}

/** The body a browser sends for the form as shown, with `edit` applied. */
function sent(edit: (body: Record<string, string | string[]>) => void = () => {}) {
  const { form } = formOfListing(LISTING)
  const body: Record<string, string | string[]> = { ...form.text, phones: form.phones.join('\r\n'), ...form.codes }
  for (const d of form.hours) {
    if (d.closed) body[`hours.${d.day}.closed`] = '1'
    else Object.assign(body, { [`hours.${d.day}.opens`]: d.opens, [`hours.${d.day}.closes`]: d.closes })
  }
  edit(body)
  return proposedFields(formOfBody(body), form)
}

describe('the propose form', () => {
  it('shows weekday hours in the table and the weekend as closed', () => {
    const { form, complexHours } = formOfListing(LISTING)
    expect(form.hours.map((d) => (d.closed ? `${d.day} closed` : `${d.day} ${d.opens}-${d.closes}`))).toEqual([
      'MO 09:00-17:00',
      'TU 09:00-17:00',
      'WE 09:00-17:00',
      'TH 09:00-17:00',
      'FR 09:00-17:00',
      'SA closed',
      'SU closed',
    ])
    expect(complexHours).toBe(false)
    expect(formOfListing({ ...LISTING, hours: [...LISTING.hours, { byday: 'MO', opens: '18:00', closes: '20:00' }] }).complexHours).toBe(true)
  })

  it('proposes nothing for a form sent as shown', () => {
    expect(sent()).toEqual({})
  })

  it('proposes only what changed, with empty text as null and typed times padded', () => {
    expect(
      sent((b) => {
        b.postal_code = '21230'
        b.address_1 = ''
        b['hours.SA.opens'] = '9:30'
        b['hours.SA.closes'] = '12:00'
        delete b['hours.SA.closed']
        b.languages = ['en', 'es']
      }),
    ).toEqual({
      address_1: null,
      postal_code: '21230',
      hours: [
        { byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00' },
        { byday: 'SA', opens: '09:30', closes: '12:00' },
      ],
      languages: ['en', 'es'],
    })
  })

  it('refuses a day with an opening time and no closing time, naming the day', () => {
    expect(() => rulesOfTable([{ day: 'SU', closed: false, opens: '10:00', closes: '' }])).toThrow(HoursTableError)
    expect(() => sent((b) => Object.assign(b, { 'hours.MO.closes': '' }))).toThrow('hours.MO')
  })
})
