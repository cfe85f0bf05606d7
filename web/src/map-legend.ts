/**
 * The map's key: what a pin, a group of places, an approximate point and the search centre
 * look like. A <details> in the map's top right corner — open on a wide map, one small "Map key" button
 * on a phone so it never covers the results; the keyboard opens it like any disclosure.
 */
import L from 'leaflet'
import { h } from './dom.js'
import { t } from './i18n.js'

/** Adds the key to the map's upper right corner (clear of the zoom buttons and the attribution); call again (after remove) when the language changes. */
export function addLegend(map: L.Map, open = map.getSize().x >= 700): L.Control {
  const Legend = L.Control.extend({
    onAdd() {
      const s = t()
      const item = (icon: HTMLElement, text: string) => h('li', {}, icon, h('span', {}, text))
      const sample = (className: string, text = '') => h('span', { class: `legend-icon ${className}`, 'aria-hidden': 'true' }, h('span', {}, text))
      const details = h(
        'details',
        { class: 'map-legend', open },
        h('summary', {}, s.legendTitle),
        h(
          'ul',
          {},
          item(sample('legend-pin', '1'), s.legendResult),
          item(sample('legend-pin is-approx', '2'), s.legendApprox),
          item(sample('legend-stack', '+3'), s.legendCluster),
          item(sample('legend-centre'), s.searchCentre),
        ),
      )
      L.DomEvent.disableClickPropagation(details)
      L.DomEvent.disableScrollPropagation(details)
      return details
    },
  })
  return new Legend({ position: 'topright' }).addTo(map)
}
