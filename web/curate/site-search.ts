/**
 * "Find a site": by name, city, ZIP or id, for a curator who knows what to fix. The answer
 * is kept in memory only, so a language switch redraws it without asking again.
 */
import { h } from '../src/dom.js'
import { findSites } from './api.js'
import { runAction } from './action.js'
import { t } from './i18n.js'
import { routeHash } from './router.js'
import type { SiteHit } from './types.js'

let lastQuery = ''
let lastHits: SiteHit[] | null = null

/** The search form and its results. */
export function siteSearch(): HTMLElement {
  const s = t()
  const input = h('input', { id: 'site-q', name: 'q', type: 'search', maxlength: 200, value: lastQuery, autocomplete: 'off' })
  const submit = h('button', { type: 'submit', class: 'btn' }, s.searchButton)
  const results = h('div', { id: 'site-results', class: 'site-results' })
  const show = () => {
    if (lastHits === null) return results.replaceChildren()
    results.replaceChildren(
      h('p', { class: 'muted' }, s.sitesFound(lastHits.length, lastQuery)),
      h(
        'ul',
        { class: 'hits' },
        ...lastHits.map((hit) =>
          h(
            'li',
            {},
            h('a', { href: routeHash({ screen: 'site', id: hit.id }) }, hit.name),
            ' ',
            h('span', { class: 'muted' }, [hit.city, hit.region, hit.postal_code, hit.source].filter(Boolean).join(' · ')),
          ),
        ),
      ),
    )
  }
  const form = h(
    'form',
    { class: 'site-search', role: 'search', 'aria-label': s.findSiteLandmark },
    h('label', { for: 'site-q' }, s.findSite),
    h('div', { class: 'search-row' }, input, submit),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const q = input.value.trim()
    if (!q) return
    void runAction(submit, async () => {
      lastHits = await findSites(q)
      lastQuery = q
      show()
    })
  })
  show()
  return h('div', {}, form, results)
}
