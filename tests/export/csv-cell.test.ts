import { describe, expect, it } from 'vitest'
import { csvCell } from '../../server/csv/write.js'
import { hoursText } from '../../server/exports/csv.js'

describe('CSV cells a curator opens in a spreadsheet', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Clinic, "Downtown"\nSecond line')).toBe('"Clinic, ""Downtown""\nSecond line"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(-76.613)).toBe('-76.613')
  })
  it('defuses formulas but leaves numbers and phone numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('+1 (410) 555-0100')).toBe('+1 (410) 555-0100')
    expect(csvCell('-76.6')).toBe('-76.6')
  })
  it('writes hours as weekly rules with their dates', () => {
    expect(
      hoursText([
        { byday: 'MO,TU', opens: '09:00', closes: '17:00', valid_from: null, valid_to: null },
        { byday: 'SA', opens: '22:00', closes: '02:00', valid_from: '2026-06-01', valid_to: null },
      ]),
    ).toBe('MO,TU 09:00-17:00; SA 22:00-02:00 (2026-06-01..)')
  })
})
