/**
 * What the geocoder said about a typed place, said on the page: "Which Springfield?" with a
 * button per place when a bare name fits several, and a note when a street address could
 * only be matched to its city or ZIP. Used by the search (under the result count) and by the
 * route planner's typed start and end.
 *
 *   holder.replaceChildren(placeChoice({ candidates, showing: 'Springfield, MO', onChoose: (p) => search(p.label) }))
 */
import type { GeocodedPlace, SearchResponse } from './api.js'
import { h, nextId } from './dom.js'
import { t } from './i18n.js'

export interface PlaceChoiceOptions {
  /** The places the name fits, largest first. */
  candidates: readonly GeocodedPlace[]
  /** The place shown for now (the search picked the largest), if any. */
  showing?: string | null
  onChoose(place: GeocodedPlace): void
}

/** "Springfield" from "Springfield, MO" (a neighbourhood's label names its city too: the first part is its own name). */
const nameOf = (label: string) => label.split(',')[0]?.trim() || label

/** The group of buttons, one per candidate, each with its size ("166,810 people" or "20 ZIP codes"). */
export function placeChoice(o: PlaceChoiceOptions): HTMLElement {
  const s = t()
  const titleId = nextId('place-choice')
  const first = o.candidates[0]
  const buttons = o.candidates.map((place) => {
    const size = place.population ? s.placePeople(place.population) : place.zips ? s.placeZips(place.zips) : ''
    const current = place.label === o.showing
    const button = h(
      'button',
      { type: 'button', class: 'btn secondary place-choice-option', 'aria-current': current ? 'true' : null, 'data-label': place.label },
      h('span', { class: 'place-choice-name' }, place.label),
      size ? h('span', { class: 'place-choice-size' }, size) : null,
    )
    button.addEventListener('click', () => o.onChoose(place))
    return h('li', {}, button)
  })
  return h(
    'div',
    { class: 'place-choice', role: 'group', 'aria-labelledby': titleId },
    h('p', { class: 'place-choice-title', id: titleId }, s.placeChoiceHeading(first ? nameOf(first.label) : '')),
    h('p', { class: 'place-choice-intro' }, o.showing ? s.placeChoiceShowing(o.showing) : s.placeChoiceIntro),
    h('ul', { class: 'place-choice-list' }, ...buttons),
  )
}

/** The line for a street address matched only to its city or ZIP. */
export function approximatedNote(text: string): HTMLElement {
  return h('p', { class: 'place-approximated' }, text)
}

/** The holder for what the search's geocoding said, placed right under the result count. */
export function placeNoteHolder(after: HTMLElement): HTMLElement {
  const holder = h('div', { id: 'place-note', class: 'place-note' })
  holder.hidden = true
  after.after(holder)
  return holder
}

/**
 * Fills the holder from a search answer's origin: the chooser when the place was ambiguous,
 * the address note when only a city or ZIP was matched, nothing otherwise.
 */
export function showPlaceNote(holder: HTMLElement, origin: SearchResponse['origin'] | null, onChoose: (place: GeocodedPlace) => void): void {
  const s = t()
  const parts: HTMLElement[] = []
  if (origin?.notice === 'address_approximated' && origin.label) parts.push(approximatedNote(s.placeApproximated(origin.label)))
  if (origin?.ambiguous && origin.candidates?.length) parts.push(placeChoice({ candidates: origin.candidates, showing: origin.label, onChoose }))
  holder.replaceChildren(...parts)
  holder.hidden = parts.length === 0
}
