/**
 * How fresh a listing looks to the public: a person deciding whether to trust a listing sees
 * "Recent", "6–12 months ago", "Over a year ago" or "Never verified", and the same answer on
 * the map page, /lite and the API. Edges: exactly 6 and 12 months, month ends, leap days,
 * future dates, dates that are not dates.
 */
import { describe, expect, it } from 'vitest'
import { closureText } from '../common/curator-notes.js'
import { siteToday, verificationAge, verificationLine } from '../common/verification.js'

describe('the age of a verification', () => {
  const today = '2026-12-02'

  it('is fresh under 6 months, aging from 6 to 12 months, stale past 12, never without a date', () => {
    expect(verificationAge('2026-12-01', today)).toBe('fresh')
    expect(verificationAge('2026-06-03', today)).toBe('fresh')
    expect(verificationAge('2026-03-15', today)).toBe('aging')
    expect(verificationAge('2025-12-03', today)).toBe('aging')
    expect(verificationAge('2025-12-01', today)).toBe('stale')
    expect(verificationAge('2019-01-01', today)).toBe('stale')
    expect(verificationAge(null, today)).toBe('never')
    expect(verificationAge(undefined, today)).toBe('never')
  })

  it('counts a date exactly 6 months ago as aging, and exactly 12 months ago still as aging', () => {
    expect(verificationAge('2026-06-02', today)).toBe('aging')
    expect(verificationAge('2025-12-02', today)).toBe('aging')
    expect(verificationAge('2025-12-01', today)).toBe('stale')
  })

  it('takes "6 months before" a month end as the shorter month’s last day', () => {
    // Aug 31 − 6 months is Feb 28 (2026 is not a leap year).
    expect(verificationAge('2026-02-28', '2026-08-31')).toBe('aging')
    expect(verificationAge('2026-03-01', '2026-08-31')).toBe('fresh')
    // Feb 29 − 12 months is Feb 28 of the year before.
    expect(verificationAge('2027-02-28', '2028-02-29')).toBe('aging')
    expect(verificationAge('2027-02-27', '2028-02-29')).toBe('stale')
    // Across a year boundary: Mar 31 − 6 months is Sep 30.
    expect(verificationAge('2025-09-30', '2026-03-31')).toBe('aging')
    expect(verificationAge('2025-10-01', '2026-03-31')).toBe('fresh')
  })

  it('counts today and a date after today (a clock or timezone a day ahead) as fresh', () => {
    expect(verificationAge(today, today)).toBe('fresh')
    expect(verificationAge('2026-12-03', today)).toBe('fresh')
    expect(verificationAge('2030-01-01', today)).toBe('fresh')
  })

  it('treats a verification date that is not a real date as never verified', () => {
    for (const bad of ['', 'yesterday', '2026-13-01', '2026-02-30', '2026-2-1', '2026-12-02T10:00:00Z', ' 2026-12-01', '20261201']) {
      expect(verificationAge(bad, today), bad).toBe('never')
    }
  })

  it('refuses a "today" that is not a date, rather than guessing', () => {
    expect(() => verificationAge('2026-12-01', 'now')).toThrow(RangeError)
    expect(() => verificationAge('2026-12-01', '2026-02-30')).toThrow(RangeError)
  })
})

describe('today where the site is', () => {
  it('is the date in the site’s timezone, which can differ from UTC', () => {
    const lateEvening = new Date('2026-12-03T03:30:00Z')
    expect(siteToday(lateEvening, 'America/Los_Angeles')).toBe('2026-12-02')
    expect(siteToday(lateEvening, 'America/New_York')).toBe('2026-12-02')
    expect(siteToday(lateEvening, 'UTC')).toBe('2026-12-03')
  })

  it('falls back to the device’s date for a timezone it does not know', () => {
    expect(siteToday(new Date('2026-12-02T12:00:00Z'), 'Not/AZone')).toMatch(/^2026-12-0[123]$/)
  })
})

describe('the verification line people read', () => {
  const today = '2026-12-02'

  it('says "Verified today" for today, the date otherwise, and "Never verified" alone without one', () => {
    expect(verificationLine(today, today, 'en')).toEqual({ age: 'fresh', verified: 'Verified today', label: 'Recent', icon: '✓' })
    expect(verificationLine('2026-10-01', today, 'en')).toEqual({ age: 'fresh', verified: 'Verified Oct 1, 2026', label: 'Recent', icon: '✓' })
    expect(verificationLine('2026-03-01', today, 'en').label).toBe('6–12 months ago')
    expect(verificationLine('2024-01-15', today, 'en')).toMatchObject({ age: 'stale', label: 'Over a year ago: may be out of date' })
    expect(verificationLine(null, today, 'en')).toEqual({ age: 'never', verified: null, label: 'Never verified', icon: '?' })
  })

  it('says it in Spanish', () => {
    expect(verificationLine(today, today, 'es').verified).toBe('Verificado hoy')
    expect(verificationLine('2026-10-01', today, 'es')).toMatchObject({ verified: 'Verificado el 1 oct 2026', label: 'Reciente' })
    expect(verificationLine(null, today, 'es').label).toBe('Nunca verificado')
  })

  it('gives every age class its own symbol, so the badge never relies on colour alone', () => {
    const icons = ['2026-12-01', '2026-03-01', '2020-01-01', null].map((d) => verificationLine(d, today, 'en').icon)
    expect(new Set(icons).size).toBe(4)
  })
})

describe('a temporary closure', () => {
  const today = '2026-12-02'

  it('says until when and why', () => {
    expect(closureText('temporarily_closed', '2026-12-15', 'Staff training', today, 'en')).toBe('Temporarily closed until Dec 15, 2026: Staff training')
    expect(closureText('temporarily_closed', '2026-12-15', 'Staff training', today, 'es')).toBe('Cerrado temporalmente hasta el 15 dic 2026: Staff training')
    expect(closureText('temporarily_closed', null, '  ', today, 'en')).toBe('Temporarily closed')
  })

  it('leaves out an end date already past, and says nothing for a site that is not temporarily closed', () => {
    expect(closureText('temporarily_closed', '2026-11-30', 'Flood', today, 'en')).toBe('Temporarily closed: Flood')
    expect(closureText('temporarily_closed', today, null, today, 'en')).toBe('Temporarily closed until Dec 2, 2026')
    expect(closureText('active', '2026-12-15', 'Staff training', today, 'en')).toBeNull()
  })
})
