import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { rejectsCsv, type RejectedRow } from '../../server/importers/rejects.js'

describe('the rejects file a curator opens in a spreadsheet', () => {
  const rows: RejectedRow[] = [
    {
      problems: [{ file: 'partner.csv', line: 3, field: 'lat', message: 'is not a number' }],
      raw: { name: '=HYPERLINK("http://evil.example","Clinic")', lat: 'abc', phone: '+1 (410) 555-0100' },
    },
    {
      problems: [
        { file: 'partner.csv', line: 5, field: 'name', message: 'is missing' },
        { file: 'partner.csv', line: 5, field: 'lon', message: 'is out of range' },
      ],
      raw: { name: '', lat: '-76.6', lon: '@SUM(A1)', note: 'Rear door, "blue"\nsecond line' },
    },
  ]

  it('does not let a hostile cell from the source file run as a formula', () => {
    const text = rejectsCsv(rows)
    const [first, second] = parse(text, { columns: true }) as Record<string, string>[]
    expect(first).toMatchObject({
      file: 'partner.csv',
      line: '3',
      field: 'lat',
      problem: 'lat is not a number',
      name: '\'=HYPERLINK("http://evil.example","Clinic")',
    })
    expect(second?.lon).toBe("'@SUM(A1)")
    // Numbers and phone numbers are left as they were.
    expect(first?.phone).toBe('+1 (410) 555-0100')
    expect(second?.lat).toBe('-76.6')
  })

  it('names every problem of a row and keeps its columns, commas, quotes and line breaks intact', () => {
    const text = rejectsCsv(rows)
    expect(text.split('\r\n')[0]).toBe('file,line,field,problem,name,lat,phone,lon,note')
    const [, second] = parse(text, { columns: true }) as Record<string, string>[]
    expect(second).toMatchObject({
      line: '5',
      field: 'name; lon',
      problem: 'name is missing; lon is out of range',
      name: '',
      phone: '',
      note: 'Rear door, "blue"\nsecond line',
    })
  })
})
