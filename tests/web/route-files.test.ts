/**
 * The route planner's pure pieces, without a browser: the .ics calendar (RFC 5545 folding and
 * escaping), the GPX file (XML escaping, [lon, lat] → lat/lon), the one GeoJSON → Leaflet
 * conversion, and the share link, which must never carry a point picked on the map.
 */
import { describe, expect, it } from 'vitest'
import type { RoutePlan } from '../../web/src/api.js'
import { planToGpx, escapeXml } from '../../web/src/gpx.js'
import { escapeText, foldLine, planToIcs, utcStamp } from '../../web/src/ics.js'
import { planShapes, toLatLng } from '../../web/src/route-geo.js'
import { isoWithOffset, routeRequest, zoneOffsetMinutes, type RouteSettings, type RouteStop } from '../../web/src/route-model.js'
import { decodeRouteLink, encodeRouteLink } from '../../web/src/route-share.js'

const octets = (s: string) => new TextEncoder().encode(s).length
const SETTINGS: RouteSettings = { date: '2026-11-24', departure: '09:00', returnBy: '17:00', serviceMinutes: 15, vans: 1, mode: 'driving' }

describe('the calendar file (.ics)', () => {
  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('Clinic; Main St, Suite 2\\B\nback door')).toBe('Clinic\\; Main St\\, Suite 2\\\\B\\nback door')
  })

  it('folds long lines at 75 octets without splitting a character, and unfolds to the same text', () => {
    const line = 'SUMMARY:' + 'Clínica de reducción de daños — ñandú '.repeat(6)
    const folded = foldLine(line)
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(2)
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75)
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true)
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line)
    expect(foldLine('SHORT:line')).toBe('SHORT:line')
  })

  it('writes one event per stop at its arrival, in UTC from the local offset, with CRLF line ends', () => {
    const ics = planToIcs(
      [
        {
          name: 'Harbor Clinic, East',
          arrival: '2026-11-24T09:12:00-05:00',
          departure: '2026-11-24T09:27:00-05:00',
          address: '1 Test St, Baltimore, MD 21201',
          description: 'Arrive 9:12 am. open until 3 pm.',
        },
        { name: 'Camp; under bridge', arrival: '2026-11-24T10:00:00-05:00', departure: '2026-11-24T10:15:00-05:00', address: null, description: '' },
      ],
      new Date('2026-11-20T12:00:00Z'),
    )
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics.split('\r\n').every((l) => octets(l) <= 75)).toBe(true)
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(ics).toContain('DTSTART:20261124T141200Z')
    expect(ics).toContain('DTEND:20261124T142700Z')
    expect(ics).toContain('SUMMARY:Harbor Clinic\\, East')
    expect(ics).toContain('LOCATION:1 Test St\\, Baltimore\\, MD 21201')
    expect(ics).toContain('SUMMARY:Camp\\; under bridge')
    expect(ics).toContain('DTSTAMP:20261120T120000Z')
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/)
    expect(utcStamp('2026-07-01T09:00:00-04:00')).toBe('20260701T130000Z')
  })
})

const PLAN_GEOJSON: RoutePlan['geojson'] = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-76.6, 39.3] }, properties: { role: 'start', name: 'Office' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-76.6, 39.3] }, properties: { role: 'end', name: 'Office' } },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-76.61, 39.31] },
      properties: { role: 'stop', vehicle: 1, order: 2, name: "Tom & Jerry's <Pharmacy>", arrival: '2026-11-24T09:30:00-05:00' },
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [-76.62, 39.32] },
      properties: { role: 'stop', vehicle: 1, order: 1, name: 'Clinic "East"', arrival: '2026-11-24T09:10:00-05:00' },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [-76.6, 39.3],
          [-76.62, 39.32],
          [-76.61, 39.31],
          [-76.6, 39.3],
        ],
      },
      properties: { role: 'route', vehicle: 1 },
    },
  ],
}

describe('GeoJSON to map positions', () => {
  it('turns [lon, lat] into [lat, lon] in one function, for points and lines alike', () => {
    expect(toLatLng([-76.6, 39.3])).toEqual([39.3, -76.6])
    const copy = structuredClone(PLAN_GEOJSON)
    const { points, lines } = planShapes(PLAN_GEOJSON)
    expect(points.find((p) => p.role === 'stop' && p.order === 1)?.at).toEqual([39.32, -76.62])
    expect(lines).toEqual([
      {
        vehicle: 1,
        path: [
          [39.3, -76.6],
          [39.32, -76.62],
          [39.31, -76.61],
          [39.3, -76.6],
        ],
      },
    ])
    expect(PLAN_GEOJSON).toEqual(copy)
  })
})

describe('the GPX file', () => {
  it('has the start and each stop in order as waypoints, the route as a track, with XML escaped', () => {
    const gpx = planToGpx(PLAN_GEOJSON, { title: 'Outreach route', start: 'Start', end: 'End', van: (n) => `Van ${n}` })
    expect(gpx).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gpx version="1.1"/)
    const names = [...gpx.matchAll(/<wpt lat="([^"]+)" lon="([^"]+)"><name>([^<]*)<\/name>/g)].map((m) => [m[1], m[2], m[3]])
    expect(names).toEqual([
      ['39.3', '-76.6', 'Start'],
      ['39.32', '-76.62', '1. Clinic &quot;East&quot;'],
      ['39.31', '-76.61', '2. Tom &amp; Jerry&apos;s &lt;Pharmacy&gt;'],
    ])
    expect(gpx).toContain('<time>2026-11-24T14:10:00.000Z</time>')
    expect(gpx.match(/<trkpt /g)).toHaveLength(4)
    expect(gpx).toContain('<trkpt lat="39.32" lon="-76.62"/>')
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;')
  })
})

describe('the share link', () => {
  const stops: RouteStop[] = [
    { kind: 'site', id: 'ssp-24h', name: 'Charm City', address: null, phone: null, timezone: 'America/New_York' },
    { kind: 'point', key: 'point:1', lat: 39.298765, lon: -76.612345, label: 'Camp under I-83', opens: '06:00', closes: '08:00' },
    { kind: 'site', id: 'a,b&c', name: 'Odd id', address: null, phone: null, timezone: null },
  ]

  it('carries site ids and settings, and never the coordinates of a point picked on the map', () => {
    const { hash, leftOut } = encodeRouteLink(stops, { kind: 'point', lat: 39.29123, lon: -76.61234 }, { kind: 'point', lat: 39.3011, lon: -76.6 }, SETTINGS)
    expect(hash).toBe('#route=site:ssp-24h,site:a%2Cb%26c&dep=2026-11-24T09:00&ret=17:00&min=15&vans=1&mode=driving')
    expect(hash).not.toMatch(/\d+\.\d{2,}/)
    expect(hash).not.toContain('Camp')
    expect(leftOut).toBe(3)
  })

  it('keeps a start that is a site, or a place as the person typed it', () => {
    const site = encodeRouteLink(stops.slice(0, 1), { kind: 'site', id: 'ssp-24h', name: 'Charm City' }, null, SETTINGS)
    expect(site.hash).toContain('&start=site:ssp-24h&')
    expect(site.leftOut).toBe(0)
    const typed = encodeRouteLink(stops.slice(0, 1), { kind: 'place', text: 'Baltimore, MD', label: 'Baltimore, MD', lat: 39.29, lon: -76.61 }, null, SETTINGS)
    expect(typed.hash).toContain('&start=place:Baltimore%2C%20MD&')
    expect(typed.hash).not.toContain('39.29')
  })

  it('reads back what it wrote, and drops what is malformed', () => {
    const { hash } = encodeRouteLink(
      stops,
      { kind: 'place', text: '21201', label: 'ZIP 21201', lat: 39.29, lon: -76.62 },
      { kind: 'site', id: 'x', name: 'X' },
      { ...SETTINGS, vans: 2, mode: 'walking' },
    )
    expect(decodeRouteLink(hash)).toEqual({
      siteIds: ['ssp-24h', 'a,b&c'],
      start: { kind: 'place', text: '21201' },
      end: { kind: 'site', id: 'x' },
      settings: { date: '2026-11-24', departure: '09:00', returnBy: '17:00', serviceMinutes: 15, vans: 2, mode: 'walking' },
    })
    expect(decodeRouteLink('#route=site:a,point:39.3;-76.6,site:%E0%A4%A&dep=2026-13-99T25:00&vans=9&mode=flying&min=-3')).toEqual({
      siteIds: ['a'],
      start: null,
      end: null,
      settings: {},
    })
  })
})

describe('the request to the planner', () => {
  it("sends sites by id, points rounded to ~1 m, and the departure at the sites' own offset", () => {
    expect(zoneOffsetMinutes('2026-11-24', '09:00', 'America/New_York')).toBe(-300)
    expect(zoneOffsetMinutes('2026-07-01', '09:00', 'America/Los_Angeles')).toBe(-420)
    expect(isoWithOffset('2026-11-24', '09:00', -300)).toBe('2026-11-24T09:00:00-05:00')
    expect(isoWithOffset('2026-11-24', '09:00', 330)).toBe('2026-11-24T09:00:00+05:30')
    const body = routeRequest(
      [
        { kind: 'point', key: 'point:1', lat: 39.2987654, lon: -76.6123456, label: ' Camp ', opens: '06:00', closes: '08:00' },
        { kind: 'site', id: 'ssp-24h', name: 'Charm City', address: null, phone: null, timezone: 'America/Chicago' },
      ],
      { kind: 'point', lat: 39.29, lon: -76.61 },
      null,
      SETTINGS,
      [[1, 0]],
    )
    expect(body).toEqual({
      stops: [{ lat: 39.29877, lon: -76.61235, label: 'Camp', opens: '06:00', closes: '08:00' }, { site_id: 'ssp-24h' }],
      start: { lat: 39.29, lon: -76.61 },
      departure: '2026-11-24T09:00:00-06:00',
      return_by: '17:00',
      service_minutes: 15,
      vehicles: 1,
      mode: 'driving',
      order: [[1, 0]],
    })
  })
})
