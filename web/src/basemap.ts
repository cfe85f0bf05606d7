/**
 * The offline basemap: US land and state outlines from us-atlas, drawn at once on a canvas,
 * then — fetched after the map shows, never on the critical path — water (lakes, rivers),
 * county lines and place names, each only from the zoom where it helps. Everything is bundled
 * with the app or built into web/dist/assets (web/build-basemap.ts), so the map makes no
 * third-party request at all.
 *
 * For tests and curious readers the map container says what is drawn: data-basemap lists the
 * layers on the map now (land, states, lakes-low, lakes, rivers, counties, places), data-zoom the zoom.
 */
import L from 'leaflet'
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import states from 'us-atlas/states-10m.json' with { type: 'json' }
import { type BasemapAsset, decodeLine, decodePlaces, fetchAsset } from './basemap-data.js'
import { PlaceLabels } from './basemap-labels.js'

const INK = { land: '#f4f2eb', coast: '#9aa5b1', state: '#8f99a5', county: '#cdc8bb', water: '#c3daea', waterEdge: '#9fc1da' }

/** From which zoom each lazy layer shows (and is fetched). */
const FROM_ZOOM = { rivers: 6, counties: 7, lakes: 7, places: 8 } as const

type Encoded = number[][][]

/** Adds land, water, boundaries and place names under everything else on the map. */
export function addOfflineBasemap(map: L.Map): void {
  const topology = states as unknown as Topology<{ states: GeometryCollection; nation: GeometryCollection }>
  const container = map.getContainer()
  container.classList.add('has-offline-basemap')
  const renderer = (pane: string, z: number) => {
    map.createPane(pane).style.zIndex = String(z)
    return { pane, renderer: L.canvas({ pane, padding: 0.5 }) }
  }
  const land = renderer('basemap', 150)
  const water = renderer('basemap-water', 152)
  const counties = renderer('basemap-counties', 154)
  const lines = renderer('basemap-lines', 156)
  // GeoJSON passes its options on to each path, so pane and renderer reach the polygons.
  const layerOptions = (where: typeof land, style: L.PathOptions) => ({ ...where, interactive: false, style }) as L.GeoJSONOptions
  L.geoJSON(feature(topology, topology.objects.nation), layerOptions(land, { color: INK.coast, weight: 1, fillColor: INK.land, fillOpacity: 1 })).addTo(map)
  L.geoJSON(
    mesh(topology, topology.objects.states, (a, b) => a !== b),
    layerOptions(lines, { color: INK.state, weight: 1.25, fill: false }),
  ).addTo(map)
  // Water is OpenStreetMap data (ODbL) by way of geo-maps; places are GeoNames (CC BY 4.0).
  map.attributionControl.addAttribution('US Census Bureau · GeoNames · © OpenStreetMap contributors')

  const shown = new Set(['land', 'states'])
  const layers = new Map<string, L.Layer>()
  const loading = new Set<BasemapAsset>()
  const report = () => {
    container.dataset.basemap = [...shown].sort().join(' ')
    container.dataset.zoom = String(map.getZoom())
  }
  report()

  // The sea is the map's background in the same colour (styles.css), so rivers and bays run into it without a seam.
  const waterLayer = (data: Encoded, edge: boolean) =>
    L.polygon(
      data.map((rings) => rings.map(decodeLine)),
      { ...water, interactive: false, stroke: edge, color: INK.waterEdge, weight: 0.5, fillColor: INK.water, fillOpacity: 1, smoothFactor: 1.5 },
    )
  const labels = new PlaceLabels({ pane: 'basemap-labels' })
  map.createPane('basemap-labels').style.zIndex = '380'

  /** Fetches an asset once and keeps its layer for `update`. */
  const load = (asset: BasemapAsset) => {
    if (loading.has(asset)) return
    loading.add(asset)
    void fetchAsset(asset)
      .then((data) => {
        if (asset === 'placesMajor' || asset === 'places') {
          labels.setPlaces(decodePlaces(data as Parameters<typeof decodePlaces>[0]), asset === 'places')
          layers.set('places', labels)
        } else if (asset === 'counties') {
          layers.set(
            'counties',
            L.polyline((data as number[][]).map(decodeLine), { ...counties, interactive: false, color: INK.county, weight: 0.8, smoothFactor: 1.5 }),
          )
        } else {
          layers.set(asset === 'lakesLow' ? 'lakes-low' : asset, waterLayer(data as Encoded, asset !== 'rivers'))
        }
        update()
      })
      .catch(() => loading.delete(asset)) // offline or a stale build: the map still has land and states; a later zoom retries.
  }

  /** What this zoom wants: fetches what is missing, shows and hides the rest. */
  const update = () => {
    const z = map.getZoom()
    if (z >= FROM_ZOOM.rivers) load('rivers')
    if (z >= FROM_ZOOM.lakes) load('lakes')
    if (z >= FROM_ZOOM.counties) load('counties')
    if (z >= FROM_ZOOM.places) load('places')
    const want: Record<string, boolean> = {
      // The detailed lakes replace the simplified ones once they are here.
      'lakes-low': z < FROM_ZOOM.lakes || !layers.has('lakes'),
      lakes: z >= FROM_ZOOM.lakes,
      rivers: z >= FROM_ZOOM.rivers,
      counties: z >= FROM_ZOOM.counties,
      places: true,
    }
    for (const [name, layer] of layers) {
      const on = want[name] ?? false
      // The water is ~1 km data: at street zooms it shows where the water is, faintly, not its exact shore.
      if (on && layer instanceof L.Polygon) layer.setStyle({ fillOpacity: z >= 12 ? 0.6 : 1, opacity: z >= 12 ? 0.6 : 1 })
      if (on && !map.hasLayer(layer)) layer.addTo(map)
      else if (!on && map.hasLayer(layer)) layer.remove()
      if (on) shown.add(name)
      else shown.delete(name)
    }
    report()
  }

  map.on('zoomend', update)
  // The small assets (largest places, largest lakes) once the page is idle; the rest as the user zooms in.
  const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 300))
  idle(() => {
    load('placesMajor')
    load('lakesLow')
    update()
  })
}
