/**
 * The words cards, the detail panel and /lite share (common/format.ts, common/hours-text.ts):
 * plurals by the language's rules, sentences that never end in "..", "Open 24 hours" for a
 * site open around the clock, "closes at midnight", and "about 1 mi" for an approximate point.
 */
import { describe, expect, it } from 'vitest'
import { distanceText, endSentence, openStatusText, plural } from '../common/format.js'
import { allWeekText, isAllDayRule, recurringLine } from '../common/hours-text.js'
import { en } from '../web/src/i18n/en.js'
import { es } from '../web/src/i18n/es.js'
import { hours } from './helpers/sites.js'

const NY = 'America/New_York'
// Wednesday 2 Dec 2026, 3 pm in New York.
const WED_3PM = new Date('2026-12-02T20:00:00Z')

describe("plurals by the language's rules", () => {
  it('chooses one or other as Intl.PluralRules says, in English and Spanish', () => {
    const places = (n: number, lang: 'en' | 'es') => plural(n, lang, lang === 'en' ? { one: 'place', other: 'places' } : { one: 'lugar', other: 'lugares' })
    expect([0, 1, 2, 1.5].map((n) => places(n, 'en'))).toEqual(['places', 'place', 'places', 'places'])
    expect([0, 1, 2, 1_000_000].map((n) => places(n, 'es'))).toEqual(['lugares', 'lugar', 'lugares', 'lugares'])
  })

  it('words the page with them', () => {
    expect(en.miles(1)).toBe('1 mile')
    expect(en.miles(25)).toBe('25 miles')
    expect(es.miles(1)).toBe('1 milla')
    expect(en.sourcesSummary(1)).toBe('Where this listing comes from (1 record)')
    expect(es.sourcesSummary(3)).toBe('De dónde viene este listado (3 registros)')
    expect(en.sharedPoint(3)).toBe('3 places share this point on the map')
    expect(es.restoreMissing(1)).toBe('No se encontró 1 lugar del enlace.')
    expect(es.restoreMissing(2)).toBe('No se encontraron 2 lugares del enlace.')
    expect(es.unknownHoursLeftOut(1, 5)).toBe(
      'Uno de los 5 lugares más cercanos no indica su horario, así que "Abierto ahora" lo deja fuera — llame antes de ir.',
    )
  })
})

describe('sentences end with one period', () => {
  it('adds a period unless the text (a Spanish time) already ends with one', () => {
    expect(endSentence('de vuelta a las 11:02 a. m.')).toBe('de vuelta a las 11:02 a. m.')
    expect(endSentence('back at 11:02 am')).toBe('back at 11:02 am.')
    expect(endSentence('Open now ')).toBe('Open now.')
  })

  it('keeps "..” out of the route summary and the calendar entry', () => {
    expect(es.planned(3, '11:02 a. m.')).toBe('Ruta planeada: 3 paradas, de vuelta a las 11:02 a. m.')
    expect(es.checked(1, '5 p. m.', 1)).toBe('Su orden: 1 parada, de vuelta a las 5 p. m. 1 problema.')
    expect(en.planned(1, '5 pm')).toBe('Route planned: 1 stop, back at 5 pm.')
    expect(es.icsDetails('9 a. m.', 'abierto hasta 5 p. m.', null)).toBe('Llega 9 a. m. abierto hasta 5 p. m.')
  })
})

describe('the opening state in words', () => {
  it('says "Open 24 hours" for a site open around the clock, not "Open now"', () => {
    expect(openStatusText(true, null, NY, WED_3PM, 'en')).toBe('Open 24 hours')
    expect(openStatusText(true, null, NY, WED_3PM, 'es')).toBe('Abierto las 24 horas')
    // Open all day Monday to Friday: closes at Saturday 00:00, the end of Friday.
    expect(openStatusText(true, '2026-12-05T00:00:00-05:00', NY, WED_3PM, 'en')).toBe('Open 24 hours · closes Fri at midnight')
    expect(openStatusText(true, '2026-12-05T00:00:00-05:00', NY, WED_3PM, 'es')).toBe('Abierto las 24 horas · cierra el vie a medianoche')
  })

  it('says a closing at 00:00 is tonight at midnight, not tomorrow', () => {
    expect(openStatusText(true, '2026-12-03T00:00:00-05:00', NY, WED_3PM, 'en')).toBe('Open now · closes at midnight')
    expect(openStatusText(true, '2026-12-03T00:00:00-05:00', NY, WED_3PM, 'es')).toBe('Abierto ahora · cierra a medianoche')
  })

  it('says when, in natural Spanish', () => {
    expect(openStatusText(true, '2026-12-02T20:00:00-05:00', NY, WED_3PM, 'en')).toBe('Open now · closes 8 pm')
    expect(openStatusText(true, '2026-12-02T20:00:00-05:00', NY, WED_3PM, 'es')).toBe('Abierto ahora · cierra a las 8 p. m.')
    expect(openStatusText(false, '2026-12-03T13:00:00-05:00', NY, WED_3PM, 'es')).toBe('Cerrado · abre mañana a la 1 p. m.')
    expect(openStatusText(false, '2026-12-07T09:00:00-05:00', NY, WED_3PM, 'en')).toBe('Closed · opens Mon 9 am')
    expect(openStatusText(false, '2026-12-07T09:00:00-05:00', NY, WED_3PM, 'es')).toBe('Cerrado · abre el lun a las 9 a. m.')
  })
})

describe('whole days in the hours', () => {
  it('knows 00:00–00:00 and 00:00–24:00 as the whole day', () => {
    expect(isAllDayRule(hours('MO', '00:00', '00:00'))).toBe(true)
    expect(isAllDayRule(hours('MO', '00:00:00', '24:00:00'))).toBe(true)
    expect(isAllDayRule(hours('MO', '08:00', '00:00'))).toBe(false)
    expect(recurringLine(hours('1SA', '00:00', '24:00', { freq: 'MONTHLY' }), 'en')).toBe('1st Sat of the month: Open 24 hours')
  })

  it('says a 24/7 week in one line, and only a whole week', () => {
    expect(allWeekText([hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')], 'en')).toBe('Open 24 hours, every day')
    expect(allWeekText([hours('MO,TU,WE,TH,FR', '00:00', '24:00'), hours('SA,SU', '00:00', '00:00')], 'es')).toBe('Abierto las 24 horas, todos los días')
    expect(allWeekText([hours('MO,TU,WE,TH,FR,SA', '00:00', '00:00')], 'en')).toBeNull()
  })
})

describe('distances', () => {
  it('says "about" in whole miles for an approximate point, never under 1 mi', () => {
    expect(distanceText(0.04, 'en', true)).toBe('about 1 mi')
    expect(distanceText(2.6, 'en', true)).toBe('about 3 mi')
    expect(distanceText(0.04, 'es', true)).toBe('aprox. 1 mi')
    expect(distanceText(0.04, 'en')).toBe('0 mi')
    expect(distanceText(0.62, 'en')).toBe('0.6 mi')
  })
})
