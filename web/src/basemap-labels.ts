/**
 * Place names on the offline basemap, drawn on one canvas (nothing to focus, nothing for a
 * screen reader to wade through: the results list is the accessible view). Larger places
 * first, fewer the further out: a label is drawn only where it does not overlap one already
 * drawn. The canvas's data-labels lists the names drawn, for tests.
 */
import L from 'leaflet'
import type { Place } from './basemap-data.js'

/** The smallest population labelled at a zoom; neighbourhoods (PPLX) only from NEIGHBOURHOOD_ZOOM. */
export function minPopulation(zoom: number): number {
  if (zoom <= 3) return 1_000_000
  if (zoom <= 5) return 500_000
  if (zoom <= 6) return 100_000
  if (zoom <= 7) return 50_000
  if (zoom <= 8) return 20_000
  if (zoom <= 9) return 5_000
  return 0
}
const NEIGHBOURHOOD_ZOOM = 12
const MAX_LABELS = 250

function font(population: number, zoom: number): string {
  if (population >= 1_000_000 || (zoom >= 10 && population >= 250_000)) return '700 14px system-ui, sans-serif'
  if (population >= 100_000) return '600 13px system-ui, sans-serif'
  return '12px system-ui, sans-serif'
}

export class PlaceLabels extends L.Layer {
  private places: Place[] = []
  private complete = false
  private canvas: HTMLCanvasElement | null = null
  private pane: string

  constructor(options: { pane: string }) {
    super()
    this.pane = options.pane
  }

  /** The places, largest first; `complete` once the full list replaces the largest ones. */
  setPlaces(places: Place[], complete: boolean): void {
    if (this.complete && !complete) return
    this.places = places
    this.complete = complete
    this.redraw()
  }

  override onAdd(map: L.Map): this {
    const canvas = L.DomUtil.create('canvas', 'basemap-labels leaflet-zoom-hide')
    canvas.setAttribute('aria-hidden', 'true')
    canvas.style.pointerEvents = 'none'
    map.getPane(this.pane)?.appendChild(canvas)
    this.canvas = canvas
    map.on('moveend resize viewreset', this.redraw, this)
    this.redraw()
    return this
  }

  override onRemove(map: L.Map): this {
    map.off('moveend resize viewreset', this.redraw, this)
    this.canvas?.remove()
    this.canvas = null
    return this
  }

  redraw(): void {
    const map = this._map as L.Map | undefined
    const canvas = this.canvas
    if (!map || !canvas) return
    const size = map.getSize()
    const dpr = window.devicePixelRatio || 1
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]))
    canvas.width = Math.round(size.x * dpr)
    canvas.height = Math.round(size.y * dpr)
    canvas.style.width = `${size.x}px`
    canvas.style.height = `${size.y}px`
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.textBaseline = 'middle'
    ctx.lineJoin = 'round'

    const zoom = map.getZoom()
    const floor = minPopulation(zoom)
    const view = map.getBounds().pad(0.05)
    const dots = zoom < 10
    const placed: [number, number, number, number][] = []
    const drawn: string[] = []
    for (const [lon, lat, population, name, neighbourhood] of this.places) {
      if (population < floor || placed.length >= MAX_LABELS) break
      if (neighbourhood && zoom < NEIGHBOURHOOD_ZOOM) continue
      if (!view.contains([lat, lon])) continue
      const p = map.latLngToContainerPoint([lat, lon])
      ctx.font = font(population, zoom)
      const width = ctx.measureText(name).width
      // Beside its dot while there are dots (right, else left); centred on the place once the streets are the scale.
      const candidates = dots ? [p.x + 5, p.x - 5 - width] : [p.x - width / 2]
      const fits = (x: number) => {
        const box: [number, number, number, number] = [x - 3, p.y - 9, x + width + 3, p.y + 9]
        if (box[0] < 0 || box[2] > size.x || box[1] < 0 || box[3] > size.y) return null
        if (dots) box[0] = Math.min(box[0], p.x - 4)
        if (dots) box[2] = Math.max(box[2], p.x + 4)
        return placed.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) ? null : box
      }
      let x = Number.NaN
      let box: [number, number, number, number] | null = null
      for (const candidate of candidates) {
        box = fits(candidate)
        if (box) {
          x = candidate
          break
        }
      }
      if (!box) continue
      placed.push(box)
      drawn.push(name)
      if (dots) {
        ctx.beginPath()
        ctx.arc(p.x, p.y, population >= 1_000_000 ? 3.5 : 2.5, 0, Math.PI * 2)
        ctx.fillStyle = '#4a4f57'
        ctx.fill()
        ctx.lineWidth = 1
        ctx.strokeStyle = '#fff'
        ctx.stroke()
      }
      ctx.lineWidth = 3.5
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.92)'
      ctx.strokeText(name, x, p.y)
      ctx.fillStyle = population >= 100_000 ? '#22262b' : '#3c4249'
      ctx.fillText(name, x, p.y)
    }
    canvas.dataset.labels = drawn.join('|')
  }
}
