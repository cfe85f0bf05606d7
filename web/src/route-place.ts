/**
 * The start (or end) of a route: a place the person types (geocoded by the server, or typed
 * as "lat, lon"), a point picked on the map, or one of the sites already in the route.
 */
import { geocodeText, type GeocodedPlace } from './api.js'
import { h, nextId } from './dom.js'
import { t } from './i18n.js'
import { approximatedNote, placeChoice } from './place-choice.js'
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

/** What a typed place turned out to be: one place, several to choose from ("Springfield"), or nothing. */
export type PlaceLookup = { kind: 'found'; place: RoutePlace } | { kind: 'choose'; candidates: GeocodedPlace[] } | { kind: 'none' }

/** Places set from a street address the geocoder matched only to its city or ZIP: the fieldset says so. */
const approximated = new WeakSet<RoutePlace>()

/** A geocoded place as a route's start or end; `text` is what a shared link looks up again. */
const fromGeocoded = (text: string, g: GeocodedPlace): RoutePlace => ({ kind: 'place', text, label: g.label, lat: g.lat, lon: g.lon })

/** A place typed as text: "lat, lon" is taken as typed, anything else is geocoded (and may ask which). */
export async function lookupTypedPlace(text: string): Promise<PlaceLookup> {
  const m = TYPED_COORDINATES.exec(text)
  if (m) {
    const lat = Number(m[1])
    const lon = Number(m[2])
    return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { kind: 'found', place: { kind: 'place', text, label: text.trim(), lat, lon } } : { kind: 'none' }
  }
  const answer = await geocodeText(text)
  if (answer.ambiguous && answer.candidates.length > 1) return { kind: 'choose', candidates: answer.candidates }
  const found = answer.results[0]
  if (!found) return { kind: 'none' }
  const place = fromGeocoded(text, found)
  if (answer.notice === 'address_approximated') approximated.add(place)
  return { kind: 'found', place }
}

/** A place from a shared link: as `lookupTypedPlace`, taking the largest when the name is ambiguous (a chosen place is shared by its full name). */
export async function resolveTypedPlace(text: string): Promise<RoutePlace | null> {
  const found = await lookupTypedPlace(text)
  if (found.kind === 'choose') return found.candidates[0] ? fromGeocoded(text, found.candidates[0]) : null
  return found.kind === 'found' ? found.place : null
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
  const choice = h('div', { class: 'place-note' })
  const submit = async () => {
    const text = input.value.trim()
    if (!text) {
      input.focus()
      return
    }
    status.textContent = s.loading
    choice.replaceChildren()
    try {
      const found = await lookupTypedPlace(text)
      status.textContent = found.kind === 'none' ? s.placeNotFound : ''
      if (found.kind === 'found') c.onChange(found.place)
      if (found.kind === 'choose') {
        // "Which Springfield?": nothing is set until one is picked; focus goes to the first choice.
        choice.replaceChildren(placeChoice({ candidates: found.candidates, onChoose: (g) => c.onChange(fromGeocoded(g.label, g)) }))
        choice.querySelector<HTMLButtonElement>('button')?.focus()
      }
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
    choice,
    c.current && approximated.has(c.current) ? approximatedNote(s.placeApproximatedRoute(placeLabel(c.current))) : null,
    h('div', { class: 'search-row' }, pick),
    c.sites.length ? h('label', { for: selectId }, s.siteAsPlace) : null,
    c.sites.length ? h('div', { class: 'search-row' }, select) : null,
  )
}
