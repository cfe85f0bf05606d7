/**
 * The editor's small map: the site's pin, dragged (or the map clicked) to set `point`. The
 * latitude and longitude inputs beside it do the same by keyboard. Loaded only with the editor.
 * Leaflet is [lat, lon], like `point`; no axis flips here.
 */
import L from 'leaflet'
import { addOfflineBasemap } from '../src/basemap.js'

export interface PinMapOptions {
  tileUrl: string | null
  tileAttribution: string | null
  /** The pin's accessible name. */
  pinLabel: string
  zoomIn: string
  zoomOut: string
  onMove(point: { lat: number; lon: number }): void
}

export interface PinMap {
  setPoint(point: { lat: number; lon: number }): void
  remove(): void
}

/** A divIcon that names its element (Leaflet's keyboard-focusable markers need a name). */
const NamedIcon = L.DivIcon.extend({
  createIcon(this: L.DivIcon & { options: { label: string } }, old?: HTMLElement) {
    const el = L.DivIcon.prototype.createIcon.call(this, old)
    el.setAttribute('aria-label', this.options.label)
    el.removeAttribute('title')
    return el
  },
}) as unknown as new (
  options: L.DivIconOptions & { label: string },
) => L.DivIcon

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** Draws the map in `container` with the pin at `point` (none yet: the map's click places it). */
export function createPinMap(container: HTMLElement, point: { lat: number; lon: number } | null, options: PinMapOptions): PinMap {
  const map = L.map(container, { center: point ? [point.lat, point.lon] : [39.5, -98.35], zoom: point ? 15 : 4, zoomControl: false })
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" rel="noopener noreferrer" target="_blank">Leaflet</a>')
  L.control.zoom({ zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut }).addTo(map)
  if (options.tileUrl && options.tileAttribution) L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 19 }).addTo(map)
  else addOfflineBasemap(map)

  const icon = new NamedIcon({ className: 'pin-marker', html: '<span></span>', iconSize: [28, 28], iconAnchor: [14, 28], label: options.pinLabel })
  let marker: L.Marker | null = null
  const place = (lat: number, lon: number) => {
    if (!marker) {
      marker = L.marker([lat, lon], { icon, draggable: true, keyboard: true, autoPan: true }).addTo(map)
      marker.on('dragend', () => {
        const at = marker!.getLatLng()
        options.onMove({ lat: round6(at.lat), lon: round6(at.lng) })
      })
    } else marker.setLatLng([lat, lon])
  }
  if (point) place(point.lat, point.lon)
  map.on('click', (event: L.LeafletMouseEvent) => {
    place(event.latlng.lat, event.latlng.lng)
    options.onMove({ lat: round6(event.latlng.lat), lon: round6(event.latlng.lng) })
  })
  // The container was just attached; measure it once layout has settled.
  requestAnimationFrame(() => map.invalidateSize())

  return {
    setPoint: (p) => {
      place(p.lat, p.lon)
      map.panTo([p.lat, p.lon])
    },
    remove: () => map.remove(),
  }
}
