/**
 * The review queue: one tab per kind with its open count (reports, needs verification,
 * merges, source disagrees), filters (state, source, assignment, age), the items with their
 * actions, and "Find a site" above it all.
 */
import { h } from '../src/dom.js'
import { fetchQueue } from './api.js'
import { runAction } from './action.js'
import { t } from './i18n.js'
import { queueItem } from './queue-items.js'
import { routeHash } from './router.js'
import { type Screen, replaceContent, screenHeading } from './screen.js'
import { siteSearch } from './site-search.js'
import { announceFailure } from './status.js'
import { type Account, QUEUE_KINDS, type QueueFilters, type QueueItem, type QueueKind, type QueuePage } from './types.js'

const PAGE = 25
/** Filters outlive the screen (a curator goes to a site and comes back), but never leave memory. */
const filters: QueueFilters = { state: '', source: '', assigned: '', older_than_days: '' }

/** The queue screen, opened on one kind. */
export function queueScreen(root: HTMLElement, me: Account, initialKind: QueueKind): Screen {
  let kind = initialKind
  let page: QueuePage | null = null
  let items: QueueItem[] = []
  let failed = false

  async function load(append = false): Promise<void> {
    try {
      const next = await fetchQueue(kind, filters, append ? items.length : 0, PAGE)
      page = next
      items = append ? [...items, ...next.items] : next.items
      failed = false
    } catch (err) {
      failed = true
      announceFailure(err)
    }
  }

  async function selectKind(next: QueueKind): Promise<void> {
    kind = next
    history.replaceState(null, '', routeHash({ screen: 'queue', kind }))
    await load()
    render()
    document.getElementById(`tab-${kind}`)?.focus()
  }

  function tabs(): HTMLElement {
    const s = t()
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': s.queueKinds })
    for (const k of QUEUE_KINDS) {
      const selected = k === kind
      const count = page?.counts[k]
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${k}`,
          'aria-selected': String(selected),
          'aria-controls': 'queue-panel',
          tabindex: selected ? 0 : -1,
          'data-kind': k,
        },
        h('span', {}, s.tabs[k]),
        ' ',
        h('span', { class: 'count' }, count === undefined ? '' : String(count)),
      )
      tab.addEventListener('click', () => void selectKind(k))
      list.append(tab)
    }
    // Arrow keys move between tabs (the ARIA tabs pattern); Tab moves on to the panel.
    list.addEventListener('keydown', (event) => {
      const index = QUEUE_KINDS.indexOf(kind)
      const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: QUEUE_KINDS.length - 1 }
      const to = moves[event.key]
      if (to === undefined) return
      event.preventDefault()
      void selectKind(QUEUE_KINDS[(to + QUEUE_KINDS.length) % QUEUE_KINDS.length]!)
    })
    return list
  }

  function filterForm(): HTMLFormElement {
    const s = t()
    const field = (id: string, text: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, text), control)
    const state = h('input', {
      id: 'f-state',
      name: 'state',
      type: 'text',
      maxlength: 2,
      size: 3,
      autocomplete: 'off',
      value: filters.state,
      pattern: '[A-Za-z]{2}',
    })
    const source = h('input', { id: 'f-source', name: 'source', type: 'text', maxlength: 100, size: 10, autocomplete: 'off', value: filters.source })
    const assigned = h(
      'select',
      { id: 'f-assigned', name: 'assigned' },
      ...(['', 'me', 'none'] as const).map((v) => h('option', { value: v, selected: filters.assigned === v }, s.assignedFilter[v || 'anyone'] ?? v)),
    )
    const older = h('input', {
      id: 'f-older',
      name: 'older_than_days',
      type: 'number',
      min: 0,
      max: 3650,
      step: 1,
      inputmode: 'numeric',
      value: filters.older_than_days,
    })
    const apply = h('button', { type: 'submit', class: 'btn' }, s.applyFilters)
    const form = h(
      'form',
      { class: 'filters', 'aria-label': s.filters },
      field('f-state', s.filterState, state),
      field('f-source', s.filterSource, source),
      field('f-assigned', s.filterAssigned, assigned),
      field('f-older', s.filterOlder, older),
      apply,
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      filters.state = state.value.trim().toUpperCase()
      filters.source = source.value.trim()
      filters.assigned = assigned.value as QueueFilters['assigned']
      filters.older_than_days = older.value.trim()
      void runAction(apply, async () => {
        await load()
        render()
      })
    })
    return form
  }

  function panel(): HTMLElement {
    const s = t()
    const box = h('div', { id: 'queue-panel', role: 'tabpanel', 'aria-labelledby': `tab-${kind}`, class: 'queue-panel' })
    if (failed || !page) {
      box.append(failed ? h('p', { class: 'form-error' }, s.queueFailed) : h('p', {}, s.loading))
      return box
    }
    box.append(h('p', { class: 'muted', id: 'queue-summary' }, s.queueSummary(items.length, page.total, s.tabs[kind])))
    if (items.length === 0) box.append(h('p', { class: 'empty' }, s.queueEmpty))
    const ctx = { me, refresh: refreshAll, linkToSite: true, heading: 'h3' as const }
    box.append(h('ol', { class: 'items' }, ...items.map((item) => queueItem(item, ctx))))
    if (items.length < page.total) {
      const more = h('button', { type: 'button', class: 'btn', id: 'queue-more' }, s.showMore)
      more.addEventListener(
        'click',
        () =>
          void runAction(more, async () => {
            await load(true)
            render()
          }),
      )
      box.append(more)
    }
    return box
  }

  /** After an action: the same kind again, and focus back on the list's summary (the item may be gone). */
  async function refreshAll(): Promise<void> {
    await load()
    render()
    const summary = document.getElementById('queue-summary')
    if (summary) {
      summary.tabIndex = -1
      summary.focus()
    }
  }

  function render(): void {
    const s = t()
    replaceContent(
      root,
      h('section', { class: 'screen', 'aria-labelledby': 'screen-heading' }, screenHeading(s.queueHeading), siteSearch(), filterForm(), tabs(), panel()),
    )
  }

  render()
  void load().then(render)
  return { render }
}
