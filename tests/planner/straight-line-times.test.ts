/**
 * Straight-line travel times: a town hop at town speed, a long drive reaching highway speed past
 * the first 10 km of road (Baltimore → Washington about an hour, not two), and a caller's own
 * speed held throughout.
 */
import { describe, expect, it } from 'vitest'
import { greatCircleMatrix, legSeconds, straightLineModel } from '../../server/planner/travel.js'

const BALTIMORE = { lat: 39.2904, lon: -76.6122 }
const WASHINGTON = { lat: 38.9072, lon: -77.0369 }
const EAST_BALTIMORE = { lat: 39.2981, lon: -76.5916 }

describe('straight-line travel times', () => {
  it('drives a town hop at town speed and a long leg at highway speed past the first 10 km', () => {
    const model = straightLineModel('driving')
    expect(model).toEqual({ speedKmh: 35, detourFactor: 1.35, highway: { afterKm: 10, speedKmh: 80 } })
    expect(legSeconds(5000, model)).toBeCloseTo((5000 / 35000) * 3600, 6)
    expect(legSeconds(30_000, model)).toBeCloseTo((10 / 35 + 20 / 80) * 3600, 6)
    const far = greatCircleMatrix([BALTIMORE, WASHINGTON], 'driving')
    const minutes = (far.durations[0]![1] as number) / 60
    expect(minutes).toBeGreaterThan(55)
    expect(minutes).toBeLessThan(80)
    const near = greatCircleMatrix([BALTIMORE, EAST_BALTIMORE], 'driving')
    expect(near.durations[0]![1]).toBe(Math.round((near.distances[0]![1] as number) / (35000 / 3600)))
  })

  it('keeps one speed for walking, cycling and a speed the caller chose', () => {
    expect(straightLineModel('walking').highway).toBeNull()
    expect(straightLineModel('cycling').highway).toBeNull()
    const own = straightLineModel('driving', { speedKmh: 50 })
    expect(own.highway).toBeNull()
    expect(legSeconds(100_000, own)).toBeCloseTo(7200, 6)
  })
})
