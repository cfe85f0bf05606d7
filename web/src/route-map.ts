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

/** Markers closer than this (px, centre to centre) would cover each other's numbers. */
const MARKER_PX = 44

/**
 * Pixel offsets that keep numbered markers apart: markers whose points lie within a marker's
 * width of each other (at the map's zoom) are grouped, and each group is laid out on a circle
 * around its centre, wide enough that neighbours do not touch. Single markers stay put.
 */
export function spreadOffsets(points: readonly { x: number; y: number }[], size = MARKER_PX): { x: number; y: number }[] {
  const parent = points.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)))
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!
      const b = points[j]!
      if (Math.hypot(a.x - b.x, a.y - b.y) < size) parent[root(j)] = root(i)
    }
  }
  const groups = new Map<number, number[]>()
  points.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]))
  const offsets = points.map(() => ({ x: 0, y: 0 }))
  for (const members of groups.values()) {
    const k = members.length
    if (k < 2) continue
    const cx = members.reduce((a, i) => a + points[i]!.x, 0) / k
    const cy = members.reduce((a, i) => a + points[i]!.y, 0) / k
    // Neighbours on the circle are 2r·sin(π/k) apart: at least a marker and a little more.
    const r = Math.max(size * 0.6, (size + 4) / (2 * Math.sin(Math.PI / k)))
    members.forEach((i, n) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * n) / k
      offsets[i] = { x: cx + r * Math.cos(angle) - points[i]!.x, y: cy + r * Math.sin(angle) - points[i]!.y }
    })
  }
  return offsets
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

  /** The numbered markers on the map now, and how far each is moved from its point to stay readable. */
  let stopMarkers: L.Marker[] = []
  const spread = () => {
    const offsets = spreadOffsets(stopMarkers.map((m) => map.latLngToLayerPoint(m.getLatLng())))
    stopMarkers.forEach((m, i) => {
      const el = m.getElement()
      const o = offsets[i]!
      if (!el) return
      // Leaflet places the icon by its margins (from iconAnchor); moving them keeps its own transform.
      el.style.marginLeft = `${Math.round(o.x) - 22}px`
      el.style.marginTop = `${Math.round(o.y) - 22}px`
      el.classList.toggle('is-spread', o.x !== 0 || o.y !== 0)
    })
  }
  map.on('zoomend', spread)

  const frame = (points: L.LatLngExpression[]) => {
    if (points.length === 0) return
    map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 15, animate: false })
  }

  return {
    showPlan(plan) {
      group.clearLayers()
      stopMarkers = []
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
        const marker = L.marker(p.at, { icon, keyboard: true, riseOnHover: true })
          .on('click', () => onSelectStop(p.vehicle, p.order))
          .addTo(group)
        stopMarkers.push(marker)
      }
      frame([...points.map((p) => p.at), ...lines.flatMap((l) => l.path)])
      spread()
    },
    showDraft(points) {
      group.clearLayers()
      stopMarkers = []
      for (const p of points) L.marker(p.at, { icon: pin(p.role, p.label), keyboard: false, interactive: false }).addTo(group)
    },
    pick(onPick) {
      picking = onPick
      container.classList.toggle('is-picking', onPick !== null)
    },
    setVisible(visible) {
      if (visible) {
        group.addTo(map)
        spread()
      } else {
        group.remove()
        picking = null
        container.classList.remove('is-picking')
      }
    },
  }
}
