/**
 * The start (or end) of a route: a place the person types (geocoded by the server, or typed
 * as "lat, lon"), a point picked on the map, or one of the sites already in the route.
 */
import { geocodePlace } from './api.js'
import { h, nextId } from './dom.js'
import { t } from './i18n.js'
import type { RoutePlace, SiteStop } from './route-model.js'

export interface PlaceControls {
  legend: string
  current: RoutePlace | null
  sites: SiteStop[]
  /** The name under which the "pick on map" button is found again after a re-render. */
  role: 'start' | 'end'
  onChange(place: RoutePlace): void
  onPickOnMap(): void
}

const TYPED_COORDINATES = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/

/** A place typed as text: "lat, lon" is taken as typed, anything else is geocoded. */
export async function resolveTypedPlace(text: string): Promise<RoutePlace | null> {
  const m = TYPED_COORDINATES.exec(text)
  if (m) {
    const lat = Number(m[1])
    const lon = Number(m[2])
    return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { kind: 'place', text, label: text.trim(), lat, lon } : null
  }
  const found = await geocodePlace(text)
  return found ? { kind: 'place', text, label: found.label, lat: found.lat, lon: found.lon } : null
}

/** What the current choice is called, for "Set: …". */
export function placeLabel(p: RoutePlace | null): string {
  if (!p) return t().placeNone
  return p.kind === 'site' ? p.name : p.kind === 'place' ? p.label : t().mapPointLabel
}

/** The fieldset for a start or end. */
export function placeFieldset(c: PlaceControls): HTMLFieldSetElement {
  const s = t()
  const inputId = nextId(`${c.role}-place`)
  const selectId = nextId(`${c.role}-site`)
  const statusId = nextId(`${c.role}-status`)
  const input = h('input', { id: inputId, type: 'text', maxlength: 200, autocomplete: 'off', 'data-focus': `${c.role}-text` })
  const set = h('button', { type: 'button', class: 'btn secondary', 'data-focus': `${c.role}-set` }, s.placeSet)
  const status = h('p', { class: 'place-error', id: statusId, role: 'status' })
  const submit = async () => {
    const text = input.value.trim()
    if (!text) {
      input.focus()
      return
    }
    status.textContent = s.loading
    try {
      const place = await resolveTypedPlace(text)
      if (place) c.onChange(place)
      else status.textContent = s.placeNotFound
    } catch {
      status.textContent = s.placeNotFound
    }
  }
  set.addEventListener('click', () => void submit())
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      void submit()
    }
  })
  const pick = h('button', { type: 'button', class: 'btn secondary', 'data-focus': `${c.role}-pick` }, h('span', { 'aria-hidden': 'true' }, '◎ '), s.pickOnMap)
  pick.addEventListener('click', () => c.onPickOnMap())
  const select = h(
    'select',
    { id: selectId, 'data-focus': `${c.role}-site` },
    h('option', { value: '' }, s.chooseSite),
    ...c.sites.map((site) => h('option', { value: site.id, selected: c.current?.kind === 'site' && c.current.id === site.id }, site.name)),
  )
  select.addEventListener('change', () => {
    const site = c.sites.find((x) => x.id === select.value)
    if (site) c.onChange({ kind: 'site', id: site.id, name: site.name })
  })
  return h(
    'fieldset',
    { class: 'place' },
    h('legend', {}, c.legend),
    h('p', { class: 'place-current' + (c.current ? ' is-set' : '') }, c.current ? s.placeIs(placeLabel(c.current)) : s.placeNone),
    h('label', { for: inputId }, s.placeLabel),
    h('div', { class: 'search-row' }, input, set),
    status,
    h('div', { class: 'search-row' }, pick),
    c.sites.length ? h('label', { for: selectId }, s.siteAsPlace) : null,
    c.sites.length ? h('div', { class: 'search-row' }, select) : null,
  )
}
