/**
 * A site's IANA timezone: the zone a source gives explicitly, when it is a real IANA name,
 * otherwise the zone its point lies in (tz-lookup's boundaries, offline). The point decides
 * the counties a state's line would get wrong: Gary IN is on Chicago time, Louisville KY on
 * New York's, Tuba City AZ (Navajo Nation) keeps daylight time while Phoenix does not.
 */
import tzLookup from '@photostructure/tz-lookup'

/** The IANA timezone at a point. Example: timezoneAt(41.5934, -87.3464) → 'America/Chicago' (Gary, Indiana). */
export function timezoneAt(latitude: number, longitude: number): string {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    throw new RangeError(`no timezone for the point (${latitude}, ${longitude}): not a latitude/longitude`)
  }
  return tzLookup(latitude, longitude)
}

/** The zones the runtime lists, by lower-case name (PostgreSQL and PGlite know each of them too). */
const CANONICAL = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]))

/** A value read as an explicit timezone: the IANA name to use, or what is wrong with it. */
export type ReadTimezone = { zone: string } | { problem: string }

/**
 * Reads a source's explicit timezone. Region names ("America/Chicago", also aliases such as
 * "US/Central" and any letter case) and "UTC" are accepted; abbreviations ("EST", "CST"),
 * clock names ("Eastern") and UTC offsets are refused, because they do not say whether the site
 * keeps daylight time (ICU reads "EST" as Panama, which never does). Example:
 * readTimezone('america/chicago') → { zone: 'America/Chicago' }.
 */
export function readTimezone(value: string): ReadTimezone {
  const name = value.trim()
  let read = readings.get(name)
  if (!read) {
    read = readName(name)
    // A file repeats a handful of values: remembered, each costs one lookup (an Intl check is ~0.1 ms).
    if (readings.size < 1000) readings.set(name, read)
  }
  return read
}

const readings = new Map<string, ReadTimezone>()

function readName(name: string): ReadTimezone {
  const hint = 'is not an IANA timezone name (e.g. America/Chicago, America/Denver, America/Phoenix)'
  if (/^(utc|etc\/utc|gmt|z)$/i.test(name)) return { zone: 'UTC' }
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(name)) return { problem: hint }
  const known = CANONICAL.get(name.toLowerCase())
  if (known) return { zone: known }
  // Links Intl knows but does not list (America/Indiana/Indianapolis, US/Eastern): kept as written.
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
    return CANONICAL.has(resolved.toLowerCase()) ? { zone: name } : { problem: hint }
  } catch {
    return { problem: hint }
  }
}

/** True when the value is an explicit timezone readTimezone accepts. */
export function isIanaTimezone(value: string): boolean {
  return 'zone' in readTimezone(value)
}

/**
 * The timezone a site gets: the source's explicit zone when valid, else its point's, else null
 * (a record not yet placed: the importer sets it once the point is known). Example:
 * siteTimezone(null, 36.135, -111.2399) → 'America/Denver' (Tuba City, Navajo Nation).
 */
export function siteTimezone(given: string | null | undefined, latitude: number | null, longitude: number | null): string | null {
  if (given) {
    const read = readTimezone(given)
    if ('zone' in read) return read.zone
  }
  if (latitude === null || longitude === null || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null
  return timezoneAt(latitude, longitude)
}

/** The key under which a record's attributes keep the timezone its source gave, as the source wrote it. */
export const SOURCE_TIMEZONE_ATTRIBUTE = 'source_timezone'
