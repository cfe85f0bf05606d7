/**
 * The tiny store both pages keep their state in: every action is reduced and then drawn, in
 * order, so a page is never drawn from a state it has already left — even when drawing makes
 * something report back (the map saying it moved while it reframes the results).
 */
import { describe, expect, it } from 'vitest'
import { changed, createStore } from '../../web/src/store.js'

type Action = { type: 'add'; n: number }
const reduce = (state: number, action: Action) => state + action.n

describe('the page store', () => {
  it('draws everything first, then each new state with the one before it', () => {
    const drawn: [number, number | null][] = []
    const store = createStore(1, reduce, (next, prev) => drawn.push([next, prev]))
    store.draw()
    store.dispatch({ type: 'add', n: 2 })
    store.dispatch({ type: 'add', n: 3 })
    expect(drawn).toEqual([
      [1, null],
      [3, 1],
      [6, 3],
    ])
    expect(store.state).toBe(6)
  })

  it('lets an action dispatched while drawing wait until that drawing is done', () => {
    const drawn: [number, number | null][] = []
    const store = createStore(0, reduce, (next, prev) => {
      if (next === 1) store.dispatch({ type: 'add', n: 10 })
      drawn.push([next, prev])
    })
    store.dispatch({ type: 'add', n: 1 })
    expect(drawn).toEqual([
      [1, null],
      [11, 1],
    ])
  })

  it('keeps working after a drawing throws', () => {
    let fail = true
    const store = createStore(0, reduce, () => {
      if (fail) throw new Error('draw failed')
    })
    expect(() => store.dispatch({ type: 'add', n: 1 })).toThrow('draw failed')
    fail = false
    store.dispatch({ type: 'add', n: 1 })
    expect(store.state).toBe(2)
  })

  it('tells which parts changed, by identity, and that everything did on a first drawing', () => {
    const list = ['a']
    const a = { list, lang: 'en' }
    expect(changed(null, a, (s) => [s.list])).toBe(true)
    expect(changed(a, { ...a }, (s) => [s.list, s.lang])).toBe(false)
    expect(changed(a, { ...a, list: ['a'] }, (s) => [s.list])).toBe(true)
    expect(changed(a, { ...a, lang: 'es' }, (s) => [s.list])).toBe(false)
  })
})
