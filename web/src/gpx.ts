/**
 * A GPX 1.1 file for a planned route: a waypoint for the start, each stop (numbered, with
 * its arrival) and the end, and one track per van from the plan's route line. Built in the
 * browser; never sent anywhere.
 */
import type { RoutePlan } from './api.js'
import { planShapes } from './route-geo.js'

/** Escapes text and attribute values for XML. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

const coord = (x: number) => String(Math.round(x * 1e6) / 1e6)

/** The .gpx text; `names` words the title, start, end and vans. Stops are named "3. Harbor Clinic". */
export function planToGpx(geojson: RoutePlan['geojson'], names: { title: string; start: string; end: string; van: (n: number) => string }): string {
  const { points, lines } = planShapes(geojson)
  const wpt = (lat: number, lon: number, name: string, extra = '') =>
    `  <wpt lat="${coord(lat)}" lon="${coord(lon)}"><name>${escapeXml(name)}</name>${extra}</wpt>`
  const start = points.find((p) => p.role === 'start')
  const end = points.find((p) => p.role === 'end')
  const stops = points.filter((p) => p.role === 'stop').sort((a, b) => a.vehicle - b.vehicle || a.order - b.order)
  const many = lines.length > 1
  const body = [
    ...(start ? [wpt(start.at[0], start.at[1], names.start)] : []),
    ...stops.map((p) =>
      wpt(
        p.at[0],
        p.at[1],
        `${many ? names.van(p.vehicle) + ' ' : ''}${p.order}. ${p.name}`,
        p.arrival ? `<time>${new Date(p.arrival).toISOString()}</time>` : '',
      ),
    ),
    ...(end && (!start || end.at[0] !== start.at[0] || end.at[1] !== start.at[1]) ? [wpt(end.at[0], end.at[1], names.end)] : []),
    ...lines.map((l) =>
      [
        `  <trk><name>${escapeXml(many ? names.van(l.vehicle) : names.title)}</name><trkseg>`,
        ...l.path.map(([lat, lon]) => `    <trkpt lat="${coord(lat)}" lon="${coord(lon)}"/>`),
        '  </trkseg></trk>',
      ].join('\n'),
    ),
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="Harm Reduction Locator" xmlns="http://www.topografix.com/GPX/1/1">',
    `  <metadata><name>${escapeXml(names.title)}</name></metadata>`,
    ...body,
    '</gpx>',
    '',
  ].join('\n')
}
