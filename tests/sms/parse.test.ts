/**
 * What people actually text, read the way they meant it: keywords in English and Spanish with
 * their slang and brand names, typos, extra words, punctuation and emojis, a ZIP or a city
 * anywhere in the message, only a ZIP, only a keyword, and the carriers' words. A row that
 * fails is a person who gets the wrong list, or none.
 */
import { describe, expect, it } from 'vitest'
import { interpretMessage, type Intent } from '../../server/sms/parse.js'

interface Row {
  text: string
  intent: Intent
  lang: 'en' | 'es'
  services?: string[]
  types?: string[]
  openNow?: boolean
  place?: string | null
}

const search = (text: string, lang: 'en' | 'es', services: string[], place: string | null, extra: Partial<Row> = {}): Row => ({
  text,
  intent: 'search',
  lang,
  services,
  place,
  ...extra,
})

const TABLE: Row[] = [
  // The issue's own examples.
  search('NALOXONE 21201', 'en', ['naloxone'], '21201'),
  search('SYRINGES Baltimore MD', 'en', ['syringe_services'], 'Baltimore MD'),
  search('METHADONE 90012', 'en', ['methadone'], '90012'),
  search('BUPE 60601', 'en', ['buprenorphine'], '60601'),
  search('TEST STRIPS 98101', 'en', ['fentanyl_test_strips'], '98101'),
  search('DETOX 30303', 'en', ['detox'], '30303'),
  search('CLINIC 02118', 'en', [], '02118', { types: ['clinic'] }),
  search('OPEN NALOXONE 21201', 'en', ['naloxone'], '21201', { openNow: true }),
  { text: 'MORE', intent: 'more', lang: 'en', services: [], place: null },
  { text: 'HELP', intent: 'help', lang: 'en', services: [], place: null },
  { text: 'AYUDA', intent: 'help', lang: 'es', services: [], place: null },
  search('NALOXONA 21201', 'es', ['naloxone'], '21201'),
  search('JERINGAS 10029', 'es', ['syringe_services'], '10029'),
  search('METADONA 90012', 'es', ['methadone'], '90012'),
  search('ABIERTO NALOXONA 21201', 'es', ['naloxone'], '21201', { openNow: true }),
  { text: 'MAS', intent: 'more', lang: 'es', services: [], place: null },
  // Aliases and brand names.
  search('narcan 21201', 'en', ['naloxone'], '21201'),
  search('Needles 97201', 'en', ['syringe_services'], '97201'),
  search('needle exchange in Portland OR', 'en', ['syringe_services'], 'Portland OR'),
  search('ssp 19134', 'en', ['syringe_services'], '19134'),
  search('suboxone 44102', 'en', ['buprenorphine'], '44102'),
  search('fentanyl strips 85004', 'en', ['fentanyl_test_strips'], '85004'),
  search('MAT 40202', 'en', ['buprenorphine', 'methadone'], '40202'),
  search('wound care 94102', 'en', ['wound_care'], '94102'),
  search('hiv test 33136', 'en', ['hiv_testing'], '33136'),
  // Typos.
  search('naloxon 21201', 'en', ['naloxone'], '21201'),
  search('narcon 21201', 'en', ['naloxone'], '21201'),
  search('methodone 90012', 'en', ['methadone'], '90012'),
  search('syrenges 21201', 'en', ['syringe_services'], '21201'),
  search('suboxon 60601', 'en', ['buprenorphine'], '60601'),
  // Extra words, punctuation, emojis, ZIP+4.
  search('where can i get narcan in baltimore md today??', 'en', ['naloxone'], 'baltimore md'),
  search('Hi, I need NARCAN near 21201 please!!', 'en', ['naloxone'], '21201'),
  search('🙏 narcan 21201 🙏', 'en', ['naloxone'], '21201'),
  search('naloxone @ 21201-1234', 'en', ['naloxone'], '21201'),
  search('Narcan. Baltimore, MD.', 'en', ['naloxone'], 'Baltimore MD'),
  search('Portland ME narcan', 'en', ['naloxone'], 'Portland ME'),
  search('need clean needles and narcan 10027', 'en', ['syringe_services', 'naloxone'], '10027'),
  search('is anything open now 21201', 'en', [], '21201', { openNow: true }),
  // Only a ZIP, only a place, only a keyword.
  search('21201', 'en', [], '21201'),
  search('  21201. ', 'en', [], '21201'),
  search('Chicago', 'en', [], 'Chicago'),
  search('narcan near me', 'en', ['naloxone'], null),
  search('NALOXONE', 'en', ['naloxone'], null),
  search('2120', 'en', [], '2120'),
  // Spanish, with and without accents.
  search('Necesito naloxona cerca de Los Ángeles', 'es', ['naloxone'], 'Los Ángeles'),
  search('¿Dónde hay jeringas en 10029?', 'es', ['syringe_services'], '10029'),
  search('tiras de fentanilo 98101', 'es', ['fentanyl_test_strips'], '98101'),
  search('metadona abierto ahora 90012', 'es', ['methadone'], '90012', { openNow: true }),
  search('suboxone en el paso tx', 'es', ['buprenorphine'], 'el paso tx'),
  search('buprenorfina San José CA', 'es', ['buprenorphine'], 'San José CA'),
  search('clínica cerca de 02118 por favor', 'es', [], '02118', { types: ['clinic'] }),
  search('desintoxicación 30303', 'es', ['detox'], '30303'),
  { text: 'Más', intent: 'more', lang: 'es', services: [], place: null },
  { text: 'más por favor', intent: 'more', lang: 'es', services: [], place: null },
  // Carrier words, alone only.
  { text: 'STOP', intent: 'stop', lang: 'en', services: [], place: null },
  { text: 'stop.', intent: 'stop', lang: 'en', services: [], place: null },
  { text: 'Unsubscribe', intent: 'stop', lang: 'en', services: [], place: null },
  { text: 'START', intent: 'start', lang: 'en', services: [], place: null },
  { text: 'parar', intent: 'stop', lang: 'es', services: [], place: null },
  search('stop by naloxone 21201', 'en', ['naloxone'], '21201'),
  // Too vague: an answer that teaches, not silence.
  { text: 'hello?', intent: 'unclear', lang: 'en', services: [], place: null },
  { text: '', intent: 'help', lang: 'en', services: [], place: null },
  { text: '👍', intent: 'help', lang: 'en', services: [], place: null },
]

describe('reading a text message', () => {
  it('has a table of at least 40 real-world messages', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40)
  })

  it.each(TABLE)('reads "$text" as $intent ($lang)', (row) => {
    const got = interpretMessage(row.text)
    expect(got.intent).toBe(row.intent)
    expect(got.lang).toBe(row.lang)
    expect(got.services).toEqual(row.services ?? [])
    expect(got.types).toEqual(row.types ?? [])
    expect(got.openNow).toBe(row.openNow ?? false)
    expect(got.place).toBe(row.place ?? null)
  })

  it('does not take a city for a keyword or a keyword for a city', () => {
    // "Baltimore narcan MD": the keyword in the middle is not part of the place.
    expect(interpretMessage('Baltimore narcan MD').place).toBe('Baltimore MD')
    // Words close to a keyword but short are not "corrected" into one.
    expect(interpretMessage('Salem OR').services).toEqual([])
    expect(interpretMessage('Detroit').services).toEqual([])
  })
})
