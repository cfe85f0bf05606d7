/**
 * The offline basemap: US land and state outlines from us-atlas, drawn as a quiet layer on a
 * canvas. Bundled with the app, so the map makes no third-party request at all.
 */
import L from 'leaflet'
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import states from 'us-atlas/states-10m.json' with { type: 'json' }

/** Adds land and state borders under everything else on the map. */
export function addOfflineBasemap(map: L.Map): void {
  const topology = states as unknown as Topology<{ states: GeometryCollection; nation: GeometryCollection }>
  const pane = 'basemap'
  map.createPane(pane).style.zIndex = '150'
  const renderer = L.canvas({ pane, padding: 0.5 })
  // GeoJSON passes its options on to each path, so pane and renderer reach the polygons.
  const layerOptions = (style: L.PathOptions) => ({ pane, renderer, interactive: false, style }) as L.GeoJSONOptions
  L.geoJSON(feature(topology, topology.objects.nation), layerOptions({ color: '#9aa5b1', weight: 1, fillColor: '#f3f1ea', fillOpacity: 1 })).addTo(map)
  L.geoJSON(
    mesh(topology, topology.objects.states, (a, b) => a !== b),
    layerOptions({ color: '#aab3bd', weight: 1, fill: false }),
  ).addTo(map)
  map.attributionControl.addAttribution('US outlines: US Census Bureau (us-atlas)')
}
