/**
 * The demo generator's timezone for a ZIP centroid: its state's main zone, with a longitude cut
 * where a state is split. Good enough for invented sites; imported sites take the zone of their
 * point (server/geo/timezones.ts), which also gets the counties off these cuts right.
 */

/** The main IANA timezone of each US state, DC and Puerto Rico. */
const STATE_TZ: Record<string, string> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
}

/** Timezone for a point in a state, or null outside the 50 states, DC and Puerto Rico. Example: timezoneFor('TX', -106.4) → 'America/Denver'. */
export function timezoneFor(state: string, longitude: number): string | null {
  if (state === 'TX' && longitude < -104.9) return 'America/Denver'
  if (state === 'FL' && longitude < -85.0) return 'America/Chicago'
  if (state === 'TN' && longitude > -85.2) return 'America/New_York'
  if (state === 'KY' && longitude < -86.0) return 'America/Chicago'
  if (state === 'OR' && longitude > -117.8) return 'America/Boise'
  if ((state === 'ND' || state === 'SD' || state === 'NE' || state === 'KS') && longitude < -101.0) return 'America/Denver'
  return STATE_TZ[state] ?? null
}
