/**
 * De-duplication quality on the hand-labelled pairs drawn from the real files
 * (tests/fixtures/import/dedup-pairs.json, bench/dedup-sample.ts): the matcher's decision
 * function on every pair, precision and recall overall and for OTP vs SUD/MOUD pairs.
 */
import { describe, expect, it } from 'vitest'
import { sameFacility } from '../../server/directory/facility-match.js'
import { isOtpVsSudMoud, keyOf, labelledPairs, measure, qualityLine } from './dedup-labelled.js'

describe('de-duplication on hand-labelled pairs from the real files', () => {
  const pairs = labelledPairs()

  it('holds at least 300 labelled pairs, each with a reason, from every stratum', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300)
    for (const p of pairs) expect(p.note.length, `${p.a.name} / ${p.b.name}`).toBeGreaterThan(5)
    const strata = new Set(pairs.map((p) => p.stratum))
    for (const s of ['same_street_number', 'same_zip_similar_name', 'nearby_different_name', 'otp_vs_sud_moud', 'same_source', 'regression'])
      expect(strata).toContain(s)
  })

  it('merges the same facility with high precision and recall, overall and OTP vs SUD/MOUD', () => {
    const overall = measure(pairs)
    const otp = measure(pairs.filter(isOtpVsSudMoud))
    const heldOut = measure(pairs.filter((p) => p.held_out))
    console.log(
      [
        qualityLine('de-dup overall', overall),
        qualityLine('de-dup OTP vs SUD/MOUD', otp),
        qualityLine('de-dup held-out pairs only', heldOut),
        ...overall.mistakes,
      ].join('\n  '),
    )
    expect(otp.precision).toBeGreaterThanOrEqual(0.98)
    expect(otp.recall).toBeGreaterThanOrEqual(0.92)
    expect(overall.precision).toBeGreaterThanOrEqual(0.97)
    expect(overall.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('decides the named regression cases as labelled', () => {
    const regression = pairs.filter((p) => p.stratum === 'regression')
    expect(regression.length).toBeGreaterThanOrEqual(6)
    for (const p of regression) expect(sameFacility(keyOf(p.a), keyOf(p.b), p.distance_m).same, p.note).toBe(p.same)
  })
})
