import { describe, expect, it } from 'vitest'
import { latLonOf, pointGeometry, positions } from '../common/geojson.js'

describe('GeoJSON puts longitude first, everything else latitude first', () => {
  it('writes Baltimore as [-76.61, 39.29] and reads it back as latitude 39.29', () => {
    expect(pointGeometry(39.29, -76.61)).toEqual({ type: 'Point', coordinates: [-76.61, 39.29] })
    expect(
      positions([
        { lat: 39.29, lon: -76.61 },
        { lat: 40.71, lon: -74.01 },
      ]),
    ).toEqual([
      [-76.61, 39.29],
      [-74.01, 40.71],
    ])
    expect(latLonOf(pointGeometry(39.29, -76.61).coordinates)).toEqual({ lat: 39.29, lon: -76.61 })
  })
})
