/**
 * An iCalendar file (RFC 5545) for a planned route: one VEVENT per stop, from its arrival to
 * its departure. Times are written in UTC, computed from the plan's local offset, so every
 * calendar places them right without a VTIMEZONE. Built in the browser; never sent anywhere.
 */

export interface IcsStop {
  name: string
  /** ISO 8601 with offset, e.g. 2026-11-24T09:12:00-05:00. */
  arrival: string
  departure: string
  address: string | null
  description: string
}

/** Escapes TEXT values: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Folds a content line at 75 octets of UTF-8, never inside a character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder()
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = encoder.encode(ch).length
    // Continuation lines start with a space, which counts towards their 75.
    if (octets + size > 75) {
      out.push(current)
      current = ' '
      octets = 1
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n')
}

/** '2026-11-24T09:12:00-05:00' → '20261124T141200Z'. */
export function utcStamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** The .ics text; `now` stamps DTSTAMP and keeps UIDs unique per download. */
export function planToIcs(stops: IcsStop[], now: Date = new Date()): string {
  const stamp = utcStamp(now.toISOString())
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Harm Reduction Locator//Route plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']
  stops.forEach((s, i) => {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${stamp}-${i + 1}@route-plan.invalid`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(s.arrival)}`,
      `DTEND:${utcStamp(s.departure)}`,
      `SUMMARY:${escapeText(s.name)}`,
      ...(s.address ? [`LOCATION:${escapeText(s.address)}`] : []),
      ...(s.description ? [`DESCRIPTION:${escapeText(s.description)}`] : []),
      'END:VEVENT',
    )
  })
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
