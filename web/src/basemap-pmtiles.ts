/**
 * The street basemap (BASEMAP_PMTILES): OpenStreetMap vector tiles in the Protomaps basemap
 * schema, read by byte range from one PMTiles file on our own origin and drawn on canvas by
 * protomaps-leaflet in its 'light' flavor. Its own chunk, loaded only when configured, after
 * the map. Labels use the browser's sans-serif: no fonts, sprites or glyphs are fetched, so
 * the page still talks to nobody but us. Street and place names follow the page language
 * (`name:es`, falling back to `name`).
 */
import type L from 'leaflet'
import { PMTiles, TileType } from 'pmtiles'
import { leafletLayer } from 'protomaps-leaflet'

/** OpenStreetMap's licence asks for this credit; Protomaps made the schema and the renderer. */
export const PMTILES_ATTRIBUTION =
  '<a href="https://www.openstreetmap.org/copyright" rel="noopener noreferrer" target="_blank">© OpenStreetMap contributors</a>, ' +
  '<a href="https://protomaps.com" rel="noopener noreferrer" target="_blank">Protomaps</a>'

const pageLang = () => (document.documentElement.lang || 'en').slice(0, 2)

/**
 * Adds the PMTiles basemap at `url` under everything else on `map`. Rejects when the file
 * cannot be read or is not a vector basemap, before anything is added: the caller falls back
 * to the offline outlines.
 */
export async function addPmtilesBasemap(map: L.Map, url: string): Promise<void> {
  const archive = new PMTiles(url)
  const header = await archive.getHeader()
  if (header.tileType !== TileType.Mvt) throw new Error('BASEMAP_PMTILES is not a vector (MVT) basemap')
  const make = (lang: string): L.GridLayer =>
    leafletLayer({
      url: archive,
      flavor: 'light',
      lang,
      attribution: PMTILES_ATTRIBUTION,
      // Past the archive's deepest zoom the last tiles are drawn larger, rather than nothing.
      maxDataZoom: header.maxZoom,
      className: 'basemap-pmtiles',
    }) as unknown as L.GridLayer
  let lang = pageLang()
  let layer = make(lang).addTo(map)
  // As the offline basemap does, the container says what is drawn (for tests and curious readers).
  const container = map.getContainer()
  container.dataset.basemap = 'pmtiles'
  container.dataset.zoom = String(map.getZoom())
  map.on('zoomend', () => {
    container.dataset.zoom = String(map.getZoom())
  })
  // The language switch sets <html lang>: redraw the labels in the new language.
  new MutationObserver(() => {
    if (pageLang() === lang || !map.hasLayer(layer)) return
    lang = pageLang()
    const next = make(lang).addTo(map)
    layer.remove()
    layer = next
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] })
}
