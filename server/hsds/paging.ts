/**
 * The HSDS 3.0 page envelope: page/per_page in, total_items, total_pages, page_number,
 * size, first_page, last_page, empty and contents out. Pure.
 */
export const DEFAULT_PER_PAGE = 50
export const MAX_PER_PAGE = 100
export const MAX_PAGE = 100_000

export interface HsdsPage<T> {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: T[]
}

/** Offset and limit of a 1-based page. */
export function pageWindow(page: number, perPage: number): { offset: number; limit: number } {
  return { offset: (page - 1) * perPage, limit: perPage }
}

/**
 * The envelope of one page. A page past the end is empty and the last page; with no
 * results there are 0 pages and page 1 is both first and last.
 * Example: hsdsPage(['a', 'b'], 12, 3, 5) → total_pages 3, page_number 3, size 2, last_page true.
 */
export function hsdsPage<T>(contents: T[], totalItems: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(totalItems / perPage)
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}
