/**
 * The site page says in words when a recurring site opens — "2nd and 4th Tue of the month",
 * every other Saturday, the 1st and last day of the month — in English and Spanish, on the map
 * page and the /lite page alike (common/hours-text.ts).
 */
import { describe, expect, it } from 'vitest'
import { recurringLine } from '../common/hours-text.js'
import { hours as rule } from './helpers/sites.js'

describe('recurring hours in words', () => {
  it('names the 2nd and 4th Tuesday', () => {
    const popup = rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' as const })
    expect(recurringLine(popup, 'en')).toBe('2nd and 4th Tue of the month: 10 am – 2 pm')
    expect(recurringLine(popup, 'es')).toBe('2.º y 4.º mar del mes: 10 a. m. – 2 p. m.')
  })

  it('names every other Saturday and where the count starts', () => {
    const van = rule('SA', '10:00', '13:00', { interval: 2, dtstart: '2026-11-07' })
    expect(recurringLine(van, 'en')).toBe('Every 2 weeks: Sat (from Nov 7, 2026): 10 am – 1 pm')
  })

  it('names the last Friday, and days of the month with the last day', () => {
    expect(recurringLine(rule('-1FR', '22:00', '02:00', { freq: 'MONTHLY' as const }), 'en')).toBe('last Fri of the month: 10 pm – 2 am')
    expect(recurringLine(rule('', '09:00', '12:00', { freq: 'MONTHLY' as const, bymonthday: '-1,1,15' }), 'en')).toBe(
      'the 1st, 15th and last day of the month: 9 am – 12 pm',
    )
    expect(recurringLine(rule('', '09:00', '12:00', { freq: 'MONTHLY' as const, bymonthday: '1,-1' }), 'es')).toBe(
      'día 1 y último día del mes: 9 a. m. – 12 p. m.',
    )
  })

  it('names a monthly rule every few months', () => {
    expect(recurringLine(rule('1MO', '09:00', '12:00', { freq: 'MONTHLY' as const, interval: 3, dtstart: '2026-02-02' }), 'en')).toBe(
      'Every 3 months: 1st Mon of the month (from Feb 2, 2026): 9 am – 12 pm',
    )
  })
})
