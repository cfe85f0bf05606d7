/**
 * A tiny store for a page's state: `dispatch(action)` → `state = reduce(state, action)` →
 * `render(state, previous)`. Nobody calls a render function by hand; `render` compares the two
 * states and redraws what depends on a part that changed.
 *
 *   const store = createStore(initialRouteState(date, 'en'), reduce, (next, prev) => {
 *     if (changed(prev, next, (s) => [s.lang, s.stops])) drawStops(next)
 *   })
 *   store.draw()                                     // the first render draws everything
 *   store.dispatch({ type: 'siteToggled', site })
 */
export interface Store<S, A> {
  /** The current state (already drawn, except inside `render`). */
  readonly state: S
  dispatch(action: A): void
  /** Draws the current state against what was drawn last (everything, the first time). */
  draw(): void
}

/** A store holding `initial`; draw it once with `draw()`, then change it only by `dispatch`. */
export function createStore<S, A>(initial: S, reduce: (state: S, action: A) => S, render: (next: S, prev: S | null) => void): Store<S, A> {
  let state = initial
  let drawn: S | null = null
  // An action dispatched while rendering (the map reporting a move as it redraws) waits its
  // turn, so each render sees one finished state and the one before it.
  const queued: A[] = []
  const draw = () => {
    const prev = drawn
    drawn = state
    render(state, prev)
  }
  return {
    get state() {
      return state
    },
    draw,
    dispatch(action) {
      queued.push(action)
      if (queued.length > 1) return
      try {
        while (queued.length) {
          state = reduce(state, queued[0] as A)
          draw()
          queued.shift()
        }
      } finally {
        queued.length = 0
      }
    },
  }
}

/** True when the parts `pick` takes differ (by identity) between the states, and always on a first render. */
export function changed<S>(prev: S | null, next: S, pick: (state: S) => readonly unknown[]): boolean {
  if (prev === null) return true
  const before = pick(prev)
  return pick(next).some((part, i) => part !== before[i])
}
