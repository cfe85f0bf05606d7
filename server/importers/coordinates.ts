/**
 * Checks a point before it reaches the map: numbers, in range, not (0, 0), inside the United
 * States and its territories — and says so when latitude and longitude were swapped.
 */
export interface CoordinateProblem {
  field: 'latitude' | 'longitude' | 'coordinates'
  message: string
}

/** Rough boxes around the 50 states, DC, the territories and the freely associated states. */
const US_BOXES: readonly [number, number, number, number][] = [
  // [minLat, maxLat, minLon, maxLon]
  [24, 50, -125.5, -66.5], // contiguous states
  [51, 72, -180, -129], // Alaska
  [51, 53, 172, 180], // western Aleutians
  [18.5, 22.5, -161, -154], // Hawaii
  [17.5, 18.8, -68, -64.3], // Puerto Rico, Virgin Islands
  [13, 21, 144, 146.5], // Guam, Northern Mariana Islands
  [-15, -10.5, -172, -168], // American Samoa
  [0, 15, 130, 172.5], // Palau, Micronesia, Marshall Islands (freely associated, US ZIP codes, on SAMHSA lists)
]

/** True when the point falls inside the United States or a territory. */
export function isInUnitedStates(lat: number, lon: number): boolean {
  return US_BOXES.some(([a, b, c, d]) => lat >= a && lat <= b && lon >= c && lon <= d)
}

/** Parses a coordinate cell: a number, or null when empty; NaN when it is text. */
export function parseCoordinate(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return value
  const text = String(value).trim()
  if (text === '' || /^(na|n\/a|null)$/i.test(text)) return null
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN
}

/** The problems with a point (empty when it is fine). Both null means "not given": no problem here. */
export function checkCoordinates(lat: number | null, lon: number | null): CoordinateProblem[] {
  if (lat === null && lon === null) return []
  if (lat === null) return [{ field: 'latitude', message: 'is missing while longitude is given' }]
  if (lon === null) return [{ field: 'longitude', message: 'is missing while latitude is given' }]
  const problems: CoordinateProblem[] = []
  if (Number.isNaN(lat)) problems.push({ field: 'latitude', message: 'is not a number' })
  if (Number.isNaN(lon)) problems.push({ field: 'longitude', message: 'is not a number' })
  if (problems.length) return problems
  if (lat < -90 || lat > 90) problems.push({ field: 'latitude', message: `${lat} is out of range (-90 to 90)` })
  if (lon < -180 || lon > 180) problems.push({ field: 'longitude', message: `${lon} is out of range (-180 to 180)` })
  if (problems.length) {
    if (isInUnitedStates(lon, lat)) return [{ field: 'coordinates', message: `latitude ${lat} and longitude ${lon} look swapped` }]
    return problems
  }
  if (lat === 0 && lon === 0) return [{ field: 'coordinates', message: 'is (0, 0), a placeholder, not a place' }]
  if (isInUnitedStates(lat, lon)) return []
  if (isInUnitedStates(lon, lat)) return [{ field: 'coordinates', message: `latitude ${lat} and longitude ${lon} look swapped` }]
  if (isInUnitedStates(lat, -lon)) return [{ field: 'longitude', message: `${lon} has lost its minus sign (US longitudes are west, negative)` }]
  return [{ field: 'coordinates', message: `(${lat}, ${lon}) is outside the United States and its territories` }]
}
