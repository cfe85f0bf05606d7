/**
 * A site's history: each audited change (field, previous → new value, who, when, why), newest
 * first, with "Revert" to put a field back as it was (itself a new, revertible change).
 */
import { h } from '../src/dom.js'
import { fetchEditableSite, fetchHistory, revertEntry } from './api.js'
import { runAction } from './action.js'
import { dateTime, fieldName, valueText } from './display.js'
import { t } from './i18n.js'
import { routeHash } from './router.js'
import { type Screen, replaceContent, screenHeading } from './screen.js'
import { announce, announceFailure } from './status.js'
import type { HistoryEntry } from './types.js'

/** Audit fields a revert can put back (the server refuses the others, e.g. a verification). */
const REVERTIBLE = new Set([
  'name',
  'description',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'timezone',
  'status',
  'website',
  'types',
  'payment',
  'populations',
  'access',
  'languages',
  'public_note',
  'status_until',
  'status_reason',
  'latitude',
  'longitude',
  'phones',
  'hours',
  'services',
  'services_override',
])

function revertible(e: HistoryEntry): boolean {
  if (e.action === 'verify') return false
  if (e.entity_type === 'organization') return e.field === 'name'
  return e.entity_type === 'location' && REVERTIBLE.has(e.field)
}

/** The field an entry changed, in words (an organization's name is the site's "Organization"). */
function entryField(e: HistoryEntry): string {
  if (e.action === 'verify') return t().confirmedEntry
  if (e.field.startsWith('reports:')) return t().reportsEntry(t().reportKinds[e.field.slice(8)] ?? e.field.slice(8))
  if (e.entity_type === 'organization' && e.field === 'name') return fieldName('organization_name')
  if (e.entity_type === 'service') return `${t().serviceEntry}: ${fieldName(e.field)}`
  return fieldName(e.field)
}

/** A verification's record ({ date, how, fields }) in words. */
function verificationText(value: unknown): string {
  const s = t()
  const v = (value ?? {}) as { how?: string; fields?: string[] }
  const parts = (v.fields ?? []).filter((f) => f !== 'site').map((f) => s.verifyParts[f] ?? f)
  return `${s.hows[v.how ?? ''] ?? v.how ?? ''}${parts.length ? ` — ${parts.join(', ')}` : ''}`
}

function afterText(e: HistoryEntry): string {
  if (e.action === 'verify') return verificationText(e.value)
  if (e.field.startsWith('reports:')) {
    const v = (e.value ?? {}) as { resolution?: string; count?: number }
    return `${t().resolutions[v.resolution ?? ''] ?? v.resolution ?? ''} (${t().reportCount(v.count ?? 0)})`
  }
  return valueText(e.field, e.value)
}

/** The history screen of one site. */
export function historyScreen(root: HTMLElement, siteId: string): Screen {
  let entries: HistoryEntry[] | null = null
  let siteName = ''
  let failed = false

  async function load(): Promise<void> {
    try {
      const [list, site] = await Promise.all([fetchHistory(siteId), siteName ? null : fetchEditableSite(siteId)])
      entries = list
      if (site) siteName = site.fields.name
      failed = false
    } catch (err) {
      failed = true
      announceFailure(err)
    }
  }

  function entry(e: HistoryEntry): HTMLLIElement {
    const s = t()
    const headingId = `entry-${e.id}`
    const revert = revertible(e) ? h('button', { type: 'button', class: 'btn small', id: `revert-${e.id}`, 'aria-describedby': headingId }, s.revert) : null
    revert?.addEventListener(
      'click',
      () =>
        void runAction(revert, async () => {
          await revertEntry(e.id)
          await load()
          render()
          announce(s.reverted(fieldName(e.field)))
          document.getElementById('screen-heading')?.focus()
        }),
    )
    return h(
      'li',
      { class: 'entry', 'data-field': e.field },
      h('h3', { id: headingId }, entryField(e), ' ', h('span', { class: 'muted when' }, dateTime(e.at))),
      h(
        'dl',
        { class: 'compare' },
        h('dt', {}, s.before),
        h('dd', { class: 'before' }, valueText(e.field, e.previous)),
        h('dt', {}, s.after),
        h('dd', { class: 'after' }, afterText(e)),
        h('dt', {}, s.who),
        h('dd', {}, e.who ?? (e.source ? s.importedFrom(e.source) : s.unknown)),
        h('dt', {}, s.why),
        h('dd', {}, e.reason || s.noReason),
      ),
      revert,
    )
  }

  function render(): void {
    const s = t()
    const body: Node[] = []
    if (failed) body.push(h('p', { class: 'form-error' }, s.historyFailed))
    else if (!entries) body.push(h('p', {}, s.loading))
    else if (entries.length === 0) body.push(h('p', { class: 'empty' }, s.noHistory))
    else body.push(h('ol', { class: 'history' }, ...entries.map(entry)))
    replaceContent(
      root,
      h(
        'section',
        { class: 'screen', 'aria-labelledby': 'screen-heading' },
        h('nav', { class: 'crumbs', 'aria-label': s.siteLinks }, h('a', { href: routeHash({ screen: 'site', id: siteId }) }, s.backToSite)),
        screenHeading(s.historyHeading(siteName || siteId)),
        ...body,
      ),
    )
  }

  render()
  void load().then(render)
  return { render }
}
