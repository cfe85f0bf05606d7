/**
 * Taking a plan away: a GPX file, an .ics calendar, a printed run sheet, and a link. Files
 * are made in the browser and handed over as Blob downloads; nothing is sent or stored.
 */
import type { RoutePlan } from './api.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'
import { planToGpx } from './gpx.js'
import { planToIcs } from './ics.js'
import { planClock } from './route-text.js'
import { shareBox } from './share-box.js'

/** Hands `text` to the browser as a file download. */
export function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const a = h('a', { href: url, download: filename, hidden: true })
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked a moment later: the download has to start from the URL first.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function downloadGpx(plan: RoutePlan, date: string): void {
  const s = t()
  downloadText(
    `route-${date}.gpx`,
    'application/gpx+xml',
    planToGpx(plan.geojson, { title: `${s.gpxTitle} ${date}`, start: s.startMarker, end: s.endMarker, van: s.vanHeading }),
  )
}

export function downloadIcs(plan: RoutePlan, date: string, nameOf: (stopIndex: number) => string): void {
  const s = t()
  const lang = currentLang()
  const many = plan.vehicles.filter((v) => v.stops.length > 0).length > 1
  const events = plan.vehicles.flatMap((van) =>
    van.stops.map((stop) => ({
      name: `${many ? s.vanHeading(van.vehicle) + ': ' : ''}${stop.order}. ${nameOf(stop.stop_index)}`,
      arrival: stop.arrival,
      departure: stop.departure,
      address: stop.address,
      description: s.icsDetails(
        planClock(stop.arrival, lang),
        !stop.hours_known ? s.hoursNotListed : stop.open_until ? s.openUntil(planClock(stop.open_until, lang)) : '',
        stop.phone,
      ),
    })),
  )
  downloadText(`route-${date}.ics`, 'text/calendar', planToIcs(events))
}

/** The plan's "share link" box, saying how many map-picked points stay out of the link. */
export function planShareBox(url: string, leftOut: number): HTMLElement {
  const s = t()
  return shareBox(url, s.shareLabel, leftOut > 0 ? s.shareLeftOut(leftOut) : null)
}
