/**
 * The "share" box of the search page and the route planner: the link in a read-only field, a
 * copy button, and a note saying what the link holds (a link is the one place a search or a
 * plan leaves the page, so a person sees what it carries before sending it).
 *
 *   panel.append(shareBox(url, t().shareSearchLabel, t().searchLinkHolds('21201')))
 */
import { h, nextId } from './dom.js'
import { t } from './i18n.js'

export function shareBox(url: string, label: string, note: string | null): HTMLElement {
  const s = t()
  const id = nextId('share')
  const input = h('input', { id, type: 'text', readonly: true, value: url, class: 'share-url' })
  const status = h('p', { class: 'share-status', role: 'status' })
  const copy = h('button', { type: 'button', class: 'btn secondary' }, s.copyLink)
  copy.addEventListener('click', async () => {
    input.select()
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // Older browsers and insecure origins: the text is selected for the person to copy.
      document.execCommand('copy')
    }
    status.textContent = s.copied
  })
  return h(
    'div',
    { class: 'share-box' },
    h('label', { for: id }, label),
    h('div', { class: 'search-row' }, input, copy),
    note ? h('p', { class: 'share-note' }, h('span', { 'aria-hidden': 'true' }, 'ⓘ '), note) : null,
    status,
  )
}
