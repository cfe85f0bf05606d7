/**
 * The route planner's map layers: numbered stop markers per van, each van's line, the start
 * and end, points picked for a draft plan, and picking a point by a click (or Enter on the
 * map, which takes its centre). Positions arrive already in Leaflet order from route-geo.
 */
import L from 'leaflet'
import type { RoutePlan } from './api.js'
import { currentLang, t } from './i18n.js'
import { LabelledIcon } from './map-view.js'
import { planShapes, type LatLng } from './route-geo.js'
import { planClock } from './route-text.js'

/** Line colours per van: dark enough for 3:1 against the basemap. */
const VAN_COLOURS = ['#0b5394', '#8a3b12', '#5b2a86']

export interface DraftPoint {
  at: LatLng
  label: string
  role: 'start' | 'end' | 'point'
}

export interface RouteLayer {
  showPlan(plan: RoutePlan): void
  showDraft(points: DraftPoint[]): void
  /** Waits for one click on the map (or Enter on it) and hands over its position; null stops waiting. */
  pick(onPick: ((at: LatLng) => void) | null): void
  setVisible(visible: boolean): void
}

const vanColour = (vehicle: number) => VAN_COLOURS[(vehicle - 1) % VAN_COLOURS.length] as string

function pin(role: 'start' | 'end' | 'point', label: string): L.DivIcon {
  // Not interactive, so not a button: an image with a name (the label is set as text, never parsed).
  const span = document.createElement('span')
  span.setAttribute('role', 'img')
  span.setAttribute('aria-label', label)
  span.textContent = role === 'start' ? 'S' : role === 'end' ? 'E' : '•'
  return L.divIcon({ html: span, className: `route-pin route-pin-${role}`, iconSize: [36, 36], iconAnchor: [18, 18] })
}

/** Adds the planner's layers to `map`; `onSelectStop` runs when a numbered marker is chosen. */
export function createRouteLayer(map: L.Map, onSelectStop: (vehicle: number, order: number) => void): RouteLayer {
  const group = L.layerGroup().addTo(map)
  const container = map.getContainer()
  let picking: ((at: LatLng) => void) | null = null

  const finishPick = (at: LatLng) => {
    const done = picking
    picking = null
    container.classList.remove('is-picking')
    done?.(at)
  }
  map.on('click', (e: L.LeafletMouseEvent) => {
    if (picking) finishPick([e.latlng.lat, e.latlng.lng])
  })
  container.addEventListener('keydown', (e) => {
    if (!picking || e.target !== container || (e.key !== 'Enter' && e.key !== ' ')) return
    e.preventDefault()
    const c = map.getCenter()
    finishPick([c.lat, c.lng])
  })

  const frame = (points: L.LatLngExpression[]) => {
    if (points.length === 0) return
    map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 15, animate: false })
  }

  return {
    showPlan(plan) {
      group.clearLayers()
      const { points, lines } = planShapes(plan.geojson)
      const s = t()
      const lang = currentLang()
      for (const line of lines) {
        L.polyline(line.path, { color: vanColour(line.vehicle), weight: 5, opacity: 0.85, interactive: false }).addTo(group)
      }
      const start = points.find((p) => p.role === 'start')
      const end = points.find((p) => p.role === 'end')
      // Under the numbered stops: a start next to a stop must not hide its number.
      const under = { keyboard: false, interactive: false, zIndexOffset: -1000 }
      if (start) L.marker(start.at, { icon: pin('start', s.startMarker), ...under }).addTo(group)
      if (end && start && (end.at[0] !== start.at[0] || end.at[1] !== start.at[1])) L.marker(end.at, { icon: pin('end', s.endMarker), ...under }).addTo(group)
      const problems = new Set(
        plan.violations.flatMap((v) =>
          plan.vehicles.flatMap((van) => van.stops.filter((x) => x.stop_index === v.stop_index).map((x) => `${van.vehicle}:${x.order}`)),
        ),
      )
      for (const p of points.filter((x) => x.role === 'stop')) {
        const icon = new LabelledIcon({
          html: `<span style="background:${vanColour(p.vehicle)}">${p.order}</span>`,
          className: `route-marker van-${p.vehicle}` + (problems.has(`${p.vehicle}:${p.order}`) ? ' has-problem' : ''),
          iconSize: [44, 44],
          iconAnchor: [22, 22],
          label: s.routeMarker(p.order, p.name, p.arrival ? planClock(p.arrival, lang) : ''),
        })
        L.marker(p.at, { icon, keyboard: true, riseOnHover: true })
          .on('click', () => onSelectStop(p.vehicle, p.order))
          .addTo(group)
      }
      frame([...points.map((p) => p.at), ...lines.flatMap((l) => l.path)])
    },
    showDraft(points) {
      group.clearLayers()
      for (const p of points) L.marker(p.at, { icon: pin(p.role, p.label), keyboard: false, interactive: false }).addTo(group)
    },
    pick(onPick) {
      picking = onPick
      container.classList.toggle('is-picking', onPick !== null)
    },
    setVisible(visible) {
      if (visible) group.addTo(map)
      else {
        group.remove()
        picking = null
        container.classList.remove('is-picking')
      }
    },
  }
}
