/**
 * The results map (loaded after first paint): numbered, keyboard-reachable markers in
 * labelled clusters, the search centre and radius, a quiet basemap (offline state outlines
 * unless a tile server is configured), and "search this area" when the view moves away.
 * Leaflet is [lat, lon]; the API's results are already lat/lon fields, so no axis flips here.
 */
import L from 'leaflet'
import type { SiteResult } from './api.js'
import { isApproximateLocation } from '../../common/format.js'
import { t } from './i18n.js'
import { addLegend } from './map-legend.js'

export interface MapOptions {
  tileUrl: string | null
  tileAttribution: string | null
  /** A PMTiles street basemap on our own origin (BASEMAP_PMTILES), drawn when there is no TILE_URL. */
  basemapPmtiles?: string | null
  onMarkerSelect(id: string): void
  /** The view moved far from the search centre (true) or back near it (false). */
  onMovedFar(far: boolean): void
}

export interface ResultMap {
  show(results: readonly SiteResult[], startNumber: number, origin: { lat: number; lon: number }, radiusM: number, append: boolean): void
  clear(): void
  highlight(id: string | null, pan: boolean): void
  /** Brings a marker into view, opening its cluster. */
  reveal(id: string): void
  /** Map centre rounded to 3 decimals (~100 m): what "search this area" sends. */
  centre(): { lat: number; lon: number }
  relabel(): void
  resize(): void
  /** Shows or hides the search results and search circle (route mode draws its own layers). */
  showResults(visible: boolean): void
  /** The Leaflet map itself, for the route planner's layers. */
  leafletMap(): L.Map
}

/** A divIcon whose element carries an aria-label: Leaflet's keyboard markers are role=button, and need a name. */
export const LabelledIcon = L.DivIcon.extend({
  createIcon(this: L.DivIcon & { options: { label?: string } }, old?: HTMLElement) {
    const el = L.DivIcon.prototype.createIcon.call(this, old)
    if (this.options.label) {
      el.setAttribute('aria-label', this.options.label)
      el.removeAttribute('title')
    }
    return el
  },
}) as unknown as new (
  options: L.DivIconOptions & { label: string },
) => L.DivIcon

const US_CENTRE: L.LatLngExpression = [39.5, -98.35]
const round3 = (x: number) => Math.round(x * 1000) / 1000

/** What a marker needs to draw and name itself. */
interface MarkerInfo {
  number: number
  name: string
  /** The point is a ZIP or city centroid, not the door: a hollow, dashed pin that says so. */
  approx: string | null
}

/** Results are pins (a teardrop with the list number); approximate points are hollow, dashed pins. */
function markerIcon(m: MarkerInfo, active: boolean): L.DivIcon {
  return new LabelledIcon({
    html: `<span>${m.number}</span>`,
    className: 'site-marker' + (m.approx ? ' is-approx' : '') + (active ? ' is-active' : ''),
    iconSize: [44, 44],
    // The pin's tip, below the centre of its 44 px touch target.
    iconAnchor: [22, 42],
    label: m.approx ? `${t().marker(m.number, m.name)} — ${m.approx}` : t().marker(m.number, m.name),
  })
}

function approxText(precision: string): string | null {
  if (!isApproximateLocation(precision)) return null
  const texts = t().approxLocation as Record<string, string | undefined>
  return texts[precision] ?? texts.unknown ?? null
}

/** Whether every place in a cluster is at the same point (a shared address, or one ZIP centroid). */
function sharesOnePoint(cluster: L.MarkerCluster): boolean {
  const b = cluster.getBounds()
  return b.getNorth() - b.getSouth() < 1e-6 && b.getEast() - b.getWest() < 1e-6
}

/** Creates the map in `container` (which must be in the page). */
export async function createResultMap(container: HTMLElement, options: MapOptions): Promise<ResultMap> {
  // markercluster is a UMD script that extends the global L.
  ;(window as unknown as { L: typeof L }).L = L
  await import('leaflet.markercluster')

  const map = L.map(container, { center: US_CENTRE, zoom: 4, minZoom: 3, maxZoom: 18, zoomControl: false, attributionControl: true })
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" rel="noopener noreferrer" target="_blank">Leaflet</a>')
  let zoom = L.control.zoom({ zoomInTitle: t().zoomIn, zoomOutTitle: t().zoomOut }).addTo(map)

  // Framing results closer than this shows nothing to find your way by on the bundled basemap
  // (place names, no streets); street basemaps can frame closer.
  const frameMaxZoom = (options.tileUrl && options.tileAttribution) || options.basemapPmtiles ? 15 : 13
  if (options.tileUrl && options.tileAttribution) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 18 }).addTo(map)
  } else if (options.basemapPmtiles) {
    const url = options.basemapPmtiles
    void import('./basemap-pmtiles.js')
      .then(({ addPmtilesBasemap }) => addPmtilesBasemap(map, url))
      .catch(() => import('./basemap.js').then(({ addOfflineBasemap }) => addOfflineBasemap(map)))
  } else {
    void import('./basemap.js').then(({ addOfflineBasemap }) => addOfflineBasemap(map))
  }

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    // Pins are 44 px touch targets: spread a stack far enough that they do not overlap.
    spiderfyDistanceMultiplier: 2,
    iconCreateFunction: (cluster) => {
      const n = cluster.getChildCount()
      // A stack of discs with "+N", not a pin: a group of places, opened by zooming in (or spread out where they share one point).
      return new LabelledIcon({ html: `<span>+${n}</span>`, className: 'site-cluster', iconSize: [44, 44], label: t().cluster(n) })
    },
  }).addTo(map)
  // A spread-out stack keeps its disc readable (markercluster fades it to 30 %, too faint to read).
  clusters.on('spiderfied', (e) => (e as unknown as { cluster: { _icon?: HTMLElement } }).cluster._icon?.classList.add('is-spread'))
  clusters.on('unspiderfied', (e) => (e as unknown as { cluster: { _icon?: HTMLElement } }).cluster._icon?.classList.remove('is-spread'))
  const context = L.layerGroup().addTo(map)

  let legend = addLegend(map)
  const markers = new Map<string, MarkerInfo & { marker: L.Marker; precision: string }>()
  let origin: L.LatLng | null = null
  let radius = 0
  let active: string | null = null
  let far = false

  const setActive = (id: string | null) => {
    if (active && markers.has(active)) {
      const m = markers.get(active)!
      m.marker.setIcon(markerIcon(m, false)).setZIndexOffset(0)
    }
    for (const el of container.querySelectorAll('.site-cluster.is-active')) el.classList.remove('is-active')
    active = id
    const m = id ? markers.get(id) : undefined
    if (!m) return
    m.marker.setIcon(markerIcon(m, true)).setZIndexOffset(1000)
    const parent = clusters.getVisibleParent(m.marker) as (L.Marker & { _icon?: HTMLElement }) | null
    if (parent && parent !== m.marker) parent._icon?.classList.add('is-active')
  }

  map.on('moveend', () => {
    if (!origin) return
    const now = map.distance(map.getCenter(), origin) > Math.max(radius * 0.5, 1600)
    if (now !== far) options.onMovedFar((far = now))
  })

  return {
    show(results, startNumber, o, radiusM, append) {
      if (!append) {
        clusters.clearLayers()
        context.clearLayers()
        markers.clear()
        active = null
        origin = L.latLng(o.lat, o.lon)
        radius = radiusM
        L.circle(origin, { radius: radiusM, interactive: false, weight: 1, color: '#0b5394', fillOpacity: 0.03, dashArray: '4 6' }).addTo(context)
        L.circleMarker(origin, { radius: 6, interactive: false, weight: 2, color: '#fff', fillColor: '#b45309', fillOpacity: 1 }).addTo(context)
      }
      const added = results.map((site, i) => {
        const info = { number: startNumber + i, name: site.name, approx: approxText(site.location_precision), precision: site.location_precision }
        const marker = L.marker([site.lat, site.lon], { icon: markerIcon(info, false), keyboard: true, riseOnHover: true })
        if (info.approx) marker.bindTooltip(() => approxText(info.precision) ?? '', { direction: 'top', offset: [0, -36], className: 'approx-tooltip' })
        marker.on('click', () => options.onMarkerSelect(site.id))
        markers.set(site.id, { marker, ...info })
        return marker
      })
      if (!append) {
        // Frame first, then cluster: clustering at the old zoom would draw (and announce) clusters that vanish at once.
        const points = results.map((r) => L.latLng(r.lat, r.lon))
        const bounds = points.length ? L.latLngBounds(points).extend(origin!) : origin!.toBounds(radiusM * 2)
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: frameMaxZoom, animate: false })
        if (far) options.onMovedFar((far = false))
      }
      clusters.addLayers(added)
    },
    clear() {
      clusters.clearLayers()
      context.clearLayers()
      markers.clear()
      origin = null
    },
    highlight(id, pan) {
      setActive(id)
      const m = id ? markers.get(id) : undefined
      if (!m || !pan) return
      const target = (clusters.getVisibleParent(m.marker) as L.Marker | null) ?? m.marker
      // Pan only when the marker sits near the edge: moving the map on every Tab is disorienting.
      const inner = map.getBounds().pad(-0.2)
      if (!inner.contains(target.getLatLng())) map.panTo(target.getLatLng(), { animate: !matchMedia('(prefers-reduced-motion: reduce)').matches })
    },
    reveal(id) {
      const m = markers.get(id)
      if (!m) return
      const done = () => {
        setActive(id)
        map.panTo(m.marker.getLatLng())
      }
      // Places sharing one point never come apart by zooming: spread the stack where it is.
      const parent = clusters.getVisibleParent(m.marker) as (L.MarkerCluster & { _icon?: HTMLElement }) | null
      if (parent && parent !== (m.marker as unknown) && parent._icon && sharesOnePoint(parent)) {
        clusters.once('spiderfied', done)
        parent.spiderfy()
        return
      }
      clusters.zoomToShowLayer(m.marker, done)
    },
    centre() {
      const c = map.getCenter()
      return { lat: round3(c.lat), lon: round3(c.lng) }
    },
    relabel() {
      zoom.remove()
      zoom = L.control.zoom({ zoomInTitle: t().zoomIn, zoomOutTitle: t().zoomOut }).addTo(map)
      for (const [id, m] of markers) {
        m.approx = approxText(m.precision)
        m.marker.setIcon(markerIcon(m, id === active))
      }
      clusters.refreshClusters()
      ;(clusters as unknown as { _spiderfied?: { _icon?: HTMLElement } | null })._spiderfied?._icon?.classList.add('is-spread')
      const open = (legend.getContainer() as HTMLDetailsElement | undefined)?.open
      legend.remove()
      legend = addLegend(map, open)
    },
    resize() {
      map.invalidateSize()
    },
    showResults(visible) {
      legend.getContainer()?.toggleAttribute('hidden', !visible)
      for (const layer of [clusters, context]) {
        if (visible) layer.addTo(map)
        else layer.remove()
      }
    },
    leafletMap: () => map,
  }
}
