/**
 * Small screens show the list or the map (a two-button toggle); wide screens show both side
 * by side. The map code is fetched only once a map is actually on screen.
 */
import { byId } from './dom.js'

export type View = 'list' | 'map'

const WIDE = '(min-width: 900px)'

/** True when list and map are side by side. */
export function isWide(): boolean {
  return matchMedia(WIDE).matches
}

/** Wires the List/Map toggle; `onMapVisible` runs whenever the map becomes visible. */
export function createLayout(onMapVisible: () => void): { view(): View; show(view: View): void } {
  const buttons = [byId<HTMLButtonElement>('view-list'), byId<HTMLButtonElement>('view-map')]
  let current: View = 'list'
  const show = (view: View) => {
    current = view
    document.body.dataset.view = view
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.id === `view-${view}`)))
    if (view === 'map' || isWide()) onMapVisible()
  }
  for (const b of buttons) {
    b.addEventListener('click', () => {
      show(b.id === 'view-map' ? 'map' : 'list')
      // On a phone the map sits below the form: bring it (or the list) into view.
      if (!isWide()) byId('results-heading').scrollIntoView({ block: 'start' })
    })
  }
  matchMedia(WIDE).addEventListener('change', () => show(current))
  show('list')
  return { view: () => current, show }
}
