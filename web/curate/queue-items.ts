/**
 * One queue item and what a curator can do with it: resolve reports, confirm or undo a
 * merge, take the source's value or keep ours, approve or reject a provider's proposed
 * changes field by field, assign it to oneself, open the site.
 * Shared by the queue and the editor's "open items".
 */
import { h, nextId } from '../src/dom.js'
import { RESOLUTIONS, acceptDisagreement, assignItem, confirmMerge, decideChanges, keepDisagreement, resolveReports, unmerge } from './api.js'
import { runAction } from './action.js'
import { dateOnly, dateTime, daysSince, fieldName, valueText } from './display.js'
import { t } from './i18n.js'
import { routeHash } from './router.js'
import { announce } from './status.js'
import type { Account, ChangeItem, DisagreementItem, MergeItem, QueueItem, ReportItem } from './types.js'

export interface ItemContext {
  me: Account
  /** Reloads whatever lists the item, after an action changed it. */
  refresh(): Promise<void>
  /** False inside the editor, which is already the site's page. */
  linkToSite: boolean
  /** The item's heading level: h3 in the queue, h4 under the editor's "open items". */
  heading: 'h3' | 'h4'
}

/** The item as a list entry with its heading, details and actions. */
export function queueItem(item: QueueItem, ctx: ItemContext): HTMLLIElement {
  const s = t()
  const headingId = nextId('item')
  const place = [item.site.city, item.site.region].filter(Boolean).join(', ')
  const body = h(
    'article',
    { class: `item item-${item.kind}`, 'aria-labelledby': headingId },
    h(ctx.heading, { id: headingId }, ctx.linkToSite ? h('a', { href: routeHash({ screen: 'site', id: item.site.id }) }, item.site.name) : itemTitle(item)),
    h('p', { class: 'meta' }, [place, item.site.source, s.waitingSince(dateTime(item.since), daysSince(item.since))].filter(Boolean).join(' · ')),
    ...details(item),
    actions(item, ctx),
  )
  return h('li', { 'data-key': item.key }, body)
}

function itemTitle(item: QueueItem): string {
  const s = t()
  switch (item.kind) {
    case 'reports':
      return s.reportKinds[item.report_kind] ?? item.report_kind
    case 'verification':
      return s.tabs.verification
    case 'merges':
      return s.mergeTitle(item.record_name)
    case 'disagreements':
      return s.disagreementTitle(fieldName(item.field))
    case 'changes':
      return s.tabs.changes
  }
}

function details(item: QueueItem): Node[] {
  const s = t()
  switch (item.kind) {
    case 'reports':
      return [
        h('p', { class: 'what' }, h('strong', {}, s.reportKinds[item.report_kind] ?? item.report_kind), ' · ', s.reportCount(item.count)),
        h(
          'ul',
          { class: 'messages', 'aria-label': s.reportMessages },
          ...item.messages.map((m) => h('li', {}, m.message ? h('q', {}, m.message) : s.noMessage, ' ', h('span', { class: 'muted' }, dateTime(m.created_at)))),
        ),
      ]
    case 'verification': {
      const a = item.availability_reports
      const reported = a && a.got_supplies + a.out_of_supplies + a.closed > 0
      return [
        h('p', { class: 'what' }, item.assured_date ? s.lastVerified(dateOnly(item.assured_date)) : s.neverVerified),
        reported ? h('p', { class: 'availability' }, s.availabilityReported(a.closed, a.got_supplies, a.out_of_supplies)) : null,
      ].filter((n): n is HTMLParagraphElement => n !== null)
    }
    case 'merges':
      return mergeDetails(item)
    case 'disagreements':
      return disagreementDetails(item)
    case 'changes':
      return [h('p', { class: 'what' }, s.changesProposed(item.fields.length))]
  }
}

function mergeDetails(item: MergeItem): Node[] {
  const s = t()
  return [
    h('p', { class: 'what' }, s.mergeRecord(item.record_name, `${item.source} ${item.source_id}`, item.site.name)),
    h(
      'p',
      {},
      s.mergeDoubts,
      ' ',
      item.doubts.map((d) => s.doubts[d] ?? d).join(', ') || s.empty,
      ' · ',
      s.nameSimilarity(Math.round(item.name_similarity * 100)),
    ),
  ]
}

function disagreementDetails(item: DisagreementItem): Node[] {
  const s = t()
  return [
    h(
      'dl',
      { class: 'compare' },
      h('dt', {}, s.sourceSays(item.source)),
      h('dd', {}, valueText(item.field, item.source_value)),
      h('dt', {}, s.oursSays),
      h('dd', {}, valueText(item.field, item.curator_value)),
    ),
  ]
}

function actions(item: QueueItem, ctx: ItemContext): HTMLElement {
  const s = t()
  const box = h('div', { class: 'item-actions' })
  if (item.kind === 'reports') box.append(resolveForm(item, ctx))
  if (item.kind === 'changes') box.append(changesForm(item, ctx))
  const buttons = h('div', { class: 'button-row' })
  const button = (text: string, work: () => Promise<void>, primary = false) => {
    const b = h('button', { type: 'button', class: primary ? 'btn primary' : 'btn' }, text)
    b.addEventListener('click', () => void runAction(b, work))
    buttons.append(b)
    return b
  }
  if (item.kind === 'merges') {
    button(
      s.confirmMerge,
      async () => {
        await confirmMerge(item.source, item.source_id)
        announce(s.mergeConfirmed(item.record_name))
        await ctx.refresh()
      },
      true,
    )
    button(s.unmerge, async () => {
      const res = await unmerge(item.source, item.source_id)
      announce(s.unmerged(item.record_name, res.site_id))
      await ctx.refresh()
    })
  }
  if (item.kind === 'disagreements') {
    button(
      s.acceptSource,
      async () => {
        await acceptDisagreement(item.id)
        announce(s.sourceAccepted(fieldName(item.field)))
        await ctx.refresh()
      },
      true,
    )
    button(s.keepOurs, async () => {
      await keepDisagreement(item.id)
      announce(s.oursKept(fieldName(item.field)))
      await ctx.refresh()
    })
  }
  const mine = item.assigned_to?.id === ctx.me.id
  button(mine ? s.unassign : s.assignToMe, async () => {
    await assignItem(item.key, mine ? null : ctx.me.id)
    announce(mine ? s.unassigned : s.assigned)
    await ctx.refresh()
  })
  if (ctx.linkToSite) buttons.append(h('a', { class: 'btn', href: routeHash({ screen: 'site', id: item.site.id }) }, s.openSite))
  box.append(buttons, h('p', { class: 'assignee muted' }, item.assigned_to ? s.assignedTo(item.assigned_to.name) : s.nobodyAssigned))
  return box
}

function resolveForm(item: ReportItem, ctx: ItemContext): HTMLFormElement {
  const s = t()
  const group = nextId('resolution')
  const noteId = nextId('note')
  const submit = h('button', { type: 'submit', class: 'btn primary' }, s.resolve)
  const note = h('input', { id: noteId, name: 'note', type: 'text', maxlength: 2000 })
  const form = h(
    'form',
    { class: 'resolve' },
    h(
      'fieldset',
      { class: 'inline-choices' },
      h('legend', {}, s.resolveLegend(s.reportKinds[item.report_kind] ?? item.report_kind)),
      ...RESOLUTIONS.map((r, i) => h('label', {}, h('input', { type: 'radio', name: group, value: r, checked: i === 0 }), ' ', s.resolutions[r] ?? r)),
    ),
    h('div', { class: 'field' }, h('label', { for: noteId }, s.resolveNote), note),
    submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const resolution = (form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value ?? 'fixed') as (typeof RESOLUTIONS)[number]
    void runAction(submit, async () => {
      await resolveReports(item.site.id, item.report_kind, resolution, note.value.trim())
      announce(s.reportsResolved(item.count, s.resolutions[resolution] ?? resolution))
      await ctx.refresh()
    })
  })
  return form
}

/** Each proposed field with its value now, the value proposed and approve/reject; decided fields say how. */
function changesForm(item: ChangeItem, ctx: ItemContext): HTMLFormElement {
  const s = t()
  const submit = h('button', { type: 'submit', class: 'btn primary' }, s.saveDecisions)
  const reasonId = nextId('reason')
  const reason = h('input', { id: reasonId, name: 'reason', type: 'text', maxlength: 500 })
  const groups = new Map<string, string>()
  const rows = item.fields.map((f) => {
    const group = nextId('decision')
    if (!f.decision) groups.set(f.field, group)
    return h(
      'fieldset',
      { class: 'change-field', 'data-field': f.field },
      h('legend', {}, fieldName(f.field)),
      h(
        'dl',
        { class: 'compare' },
        h('dt', {}, s.changeNow),
        h('dd', {}, valueText(f.field, f.current)),
        h('dt', {}, s.changeProposed),
        h('dd', {}, valueText(f.field, f.proposed)),
      ),
      f.decision
        ? h('p', { class: 'muted' }, s.changeDecisions[f.decision])
        : h(
            'div',
            { class: 'inline-choices' },
            ...(['approve', 'reject'] as const).map((d) => h('label', {}, h('input', { type: 'radio', name: group, value: d }), ' ', s.changeChoices[d])),
          ),
    )
  })
  const form = h('form', { class: 'resolve changes' }, ...rows, h('div', { class: 'field' }, h('label', { for: reasonId }, s.resolveNote), reason), submit)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const decisions: Record<string, 'approve' | 'reject'> = {}
    for (const [field, group] of groups) {
      const chosen = form.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value
      if (chosen === 'approve' || chosen === 'reject') decisions[field] = chosen
    }
    const names = Object.keys(decisions)
    if (names.length === 0) {
      announce(s.noDecisions)
      return
    }
    void runAction(submit, async () => {
      await decideChanges(item.id, decisions, reason.value.trim())
      announce(s.decisionsSaved(names.map(fieldName).join(', ')))
      await ctx.refresh()
    })
  })
  return form
}
