import { describe, expect, it } from 'vitest'
import { canonicalRecord, emptyRecord, recordFromStore, recordToStore } from '../../server/directory/import-record.js'
import { hashOf, stableJson } from '../../server/directory/record-hash.js'

/** The definition stableJson must keep: JSON.stringify with every object's keys sorted. */
const reference = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )

describe('record hashing', () => {
  it('writes the same JSON as sorting every object key, whatever the input', () => {
    const values: unknown[] = [
      null,
      1,
      'x',
      [3, 1, 2],
      { b: 1, a: 2 },
      { a: { d: [{ z: 1, y: undefined, x: null }], c: 'é' }, b: [undefined, () => 1] },
      { when: new Date(Date.UTC(2026, 0, 2)), n: Number.NaN, '10': 'ten', '9': 'nine', nested: { '2': { b: 1, a: 2 }, '1': [] } },
      {
        ...emptyRecord('id-1', 'Harbor'),
        attributes: { zeta: ['b', 'a'], alpha: { y: 1, x: 2 } },
        hours: [{ closes: '17:00', byday: 'MO', opens: '09:00', valid_from: null, valid_to: null }],
      },
    ]
    for (const value of values) expect(stableJson(value)).toBe(reference(value))
  })

  it('hashes a record the same however it was built: fresh, canonical, or read back from storage', () => {
    const record = {
      ...emptyRecord('p1', 'Harbor Outreach'),
      services: ['syringe_services', 'naloxone', 'naloxone'],
      phones: ['(410) 555-0101'],
      attributes: { unmapped_codes: ['X1'], county: 'Baltimore' },
      latitude: 39.28,
      longitude: -76.61,
    }
    const canonical = canonicalRecord(record)
    expect(canonical.services).toEqual(['naloxone', 'syringe_services'])
    expect(Object.keys(canonical)).toEqual([...Object.keys(canonical)].sort())
    const stored = JSON.parse(JSON.stringify(recordToStore(canonical))) as Record<string, unknown>
    const reversed = Object.fromEntries(Object.entries(stored).reverse())
    expect(hashOf(canonicalRecord(recordFromStore(reversed, 'p1')))).toBe(hashOf(canonical))
    expect(hashOf(canonical)).toBe(hashOf(JSON.parse(reference(canonical))))
    expect(hashOf({ ...canonical, name: 'Harbour Outreach' })).not.toBe(hashOf(canonical))
  })
})
