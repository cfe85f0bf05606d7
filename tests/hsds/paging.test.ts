import { describe, expect, it } from 'vitest'
import { hsdsPage, pageWindow } from '../../server/hsds/paging.js'

describe('HSDS page envelope', () => {
  it('counts pages and marks the first and last', () => {
    expect(hsdsPage(['a', 'b'], 12, 3, 5)).toEqual({
      total_items: 12,
      total_pages: 3,
      page_number: 3,
      size: 2,
      first_page: false,
      last_page: true,
      empty: false,
      contents: ['a', 'b'],
    })
    expect(hsdsPage(['a'], 12, 1, 5)).toMatchObject({ first_page: true, last_page: false })
  })
  it('says an empty result is empty, with page 1 both first and last', () => {
    expect(hsdsPage([], 0, 1, 50)).toEqual({
      total_items: 0,
      total_pages: 0,
      page_number: 1,
      size: 0,
      first_page: true,
      last_page: true,
      empty: true,
      contents: [],
    })
  })
  it('turns page and per_page into an offset', () => {
    expect(pageWindow(1, 50)).toEqual({ offset: 0, limit: 50 })
    expect(pageWindow(4, 25)).toEqual({ offset: 75, limit: 25 })
  })
})
