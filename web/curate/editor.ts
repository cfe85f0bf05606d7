/**
 * The site editor: every editable field (docs/curation.md), fields held by curators marked,
 * per-field verification dates, the site's open queue items, a pin map for the location, a
 * reason for the change, "Confirm as correct", and the provider (trusted or not, update links).
 */
import { h } from '../src/dom.js'
import { fetchEditableSite, saveSite } from './api.js'
import { runAction } from './action.js'
import { dateOnly, fieldName } from './display.js'
import { codeChecklist, heldBadge, hoursEditor, phonesEditor, textField } from './editor-fields.js'
import { t } from './i18n.js'
import type { PinMap } from './pin-map.js'
import { liveStatusPanel } from './live-status-panel.js'
import { providerPanel } from './provider-panel.js'
import { queueItem } from './queue-items.js'
import { routeHash } from './router.js'
import { type Screen, replaceContent, screenHeading } from './screen.js'
import { changedFields } from './site-changes.js'
import { announce, announceFailure } from './status.js'
import { type Account, CODE_FIELDS, type EditableFields, type EditableSite, type FieldName, type VerifiedField } from './types.js'
import { verifyForm } from './verify-form.js'

export interface MapSettings {
  tileUrl: string | null
  tileAttribution: string | null
}

const TIMEZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/Detroit',
  'America/Indiana/Indianapolis',
  'America/Boise',
  'Pacific/Guam',
]

/** The editor screen for one site. */
export function editorScreen(root: HTMLElement, me: Account, siteId: string, mapSettings: MapSettings): Screen {
  let site: EditableSite | null = null
  let draft: EditableFields | null = null
  let reason = ''
  let failed = false
  let map: PinMap | null = null

  async function load(): Promise<void> {
    try {
      site = await fetchEditableSite(siteId)
      draft = structuredClone(site.fields)
      failed = false
    } catch (err) {
      failed = true
      announceFailure(err)
    }
  }

  function verifiedLine(part: VerifiedField): HTMLElement {
    const s = t()
    const v = site?.verification[part]
    return h(
      'p',
      { class: v ? 'verified-line' : 'verified-line none' },
      v ? s.partVerified(dateOnly(v.verified_on), s.hows[v.how] ?? v.how) : s.partNotVerified,
    )
  }

  function group(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
    return h('section', { class: 'group', 'aria-labelledby': id }, h('h4', { id }, title), ...children.filter((c): c is Node => c !== null))
  }

  function locationControls(d: EditableFields, held: ReadonlySet<FieldName>): HTMLElement {
    const s = t()
    const { badge, id: heldId } = heldBadge('point', held)
    const coordinate = (which: 'lat' | 'lon') => {
      const id = `f-point-${which}`
      const input = h('input', {
        id,
        type: 'number',
        step: 'any',
        min: which === 'lat' ? -90 : -180,
        max: which === 'lat' ? 90 : 180,
        inputmode: 'decimal',
        value: d.point ? String(d.point[which]) : '',
        'aria-describedby': heldId,
      })
      input.addEventListener('change', () => {
        const lat = Number((document.getElementById('f-point-lat') as HTMLInputElement).value)
        const lon = Number((document.getElementById('f-point-lon') as HTMLInputElement).value)
        if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return
        d.point = { lat, lon }
        map?.setPoint(d.point)
      })
      return h('div', { class: 'field' }, h('label', { for: id }, which === 'lat' ? s.latitude : s.longitude), input)
    }
    const mapBox = h('div', { id: 'pin-map', class: 'pin-map', role: 'region', 'aria-label': s.mapLabel })
    return h(
      'div',
      { class: 'location' },
      h('p', { class: 'hint', id: 'point-hint' }, s.pointHint, badge ? ' ' : '', badge),
      mapBox,
      h('div', { class: 'row' }, coordinate('lat'), coordinate('lon')),
    )
  }

  async function drawMap(d: EditableFields): Promise<void> {
    const container = document.getElementById('pin-map')
    if (!container) return
    const { createPinMap } = await import('./pin-map.js')
    if (!container.isConnected) return
    const s = t()
    map = createPinMap(container, d.point, {
      ...mapSettings,
      pinLabel: s.pinLabel,
      zoomIn: s.zoomIn,
      zoomOut: s.zoomOut,
      onMove: (point) => {
        d.point = point
        ;(document.getElementById('f-point-lat') as HTMLInputElement).value = String(point.lat)
        ;(document.getElementById('f-point-lon') as HTMLInputElement).value = String(point.lon)
        announce(s.pinMoved(point.lat.toFixed(5), point.lon.toFixed(5)))
      },
    })
  }

  function editForm(current: EditableSite, d: EditableFields): HTMLFormElement {
    const s = t()
    const held = new Set(current.held)
    const text = (field: FieldName, options: Parameters<typeof textField>[4] = {}) =>
      textField(field, String(d[field] ?? ''), held, (v) => ((d as unknown as Record<string, unknown>)[field] = v), options)
    const status = h(
      'select',
      { id: 'f-status', name: 'status', 'aria-describedby': heldBadge('status', held).id },
      ...(['active', 'temporarily_closed', 'defunct'] as const).map((v) => h('option', { value: v, selected: d.status === v }, s.statuses[v] ?? v)),
    )
    status.addEventListener('change', () => (d.status = status.value as EditableFields['status']))
    const reasonInput = h('input', { id: 'f-reason', type: 'text', maxlength: 500, autocomplete: 'off', value: reason, 'aria-describedby': 'f-reason-hint' })
    reasonInput.addEventListener('input', () => (reason = reasonInput.value))
    const save = h('button', { type: 'submit', class: 'btn primary', id: 'save-site' }, s.save)
    const form = h(
      'form',
      { class: 'editor', 'aria-labelledby': 'edit-heading', novalidate: true },
      group(
        s.groupNames,
        'g-names',
        text('name', { maxlength: 300 }),
        text('organization_name', { maxlength: 300 }),
        text('description', { multiline: true, maxlength: 4000 }),
      ),
      group(
        s.groupAddress,
        'g-address',
        verifiedLine('address'),
        text('address_1', { autocomplete: 'off' }),
        text('address_2'),
        h(
          'div',
          { class: 'row' },
          text('city', { maxlength: 100 }),
          text('region', { maxlength: 2, size: 3, hint: s.regionHint }),
          text('postal_code', { maxlength: 10, size: 8 }),
        ),
        locationControls(d, held),
      ),
      group(
        s.groupContact,
        'g-contact',
        verifiedLine('phone'),
        phonesEditor(d.phones, held, (v) => (d.phones = v)),
        text('website', { type: 'url', maxlength: 500 }),
      ),
      group(
        s.groupHours,
        'g-hours',
        verifiedLine('hours'),
        hoursEditor(d.hours, held, (v) => (d.hours = v)),
        text('timezone', { list: 'timezones', maxlength: 64, hint: s.timezoneHint }),
        h('datalist', { id: 'timezones' }, ...TIMEZONES.map((z) => h('option', { value: z }))),
      ),
      group(s.groupServices, 'g-services', verifiedLine('services'), ...CODE_FIELDS.map((f) => codeChecklist(f, d[f], held, (v) => (d[f] = v)))),
      group(
        s.groupStatus,
        'g-status',
        h('div', { class: 'field' }, h('label', { for: 'f-status' }, s.fields.status), heldBadge('status', held).badge, status),
        h('div', { class: 'row' }, text('status_until', { type: 'date', maxlength: 10 }), text('status_reason', { maxlength: 500 })),
        text('public_note', { multiline: true, maxlength: 280, hint: s.publicNoteHint }),
      ),
      h(
        'div',
        { class: 'save-bar' },
        h('div', { class: 'field' }, h('label', { for: 'f-reason' }, s.reasonLabel), reasonInput, h('p', { class: 'hint', id: 'f-reason-hint' }, s.reasonHint)),
        save,
      ),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const changes = changedFields(current.fields, d)
      const names = Object.keys(changes)
      if (names.length === 0) {
        announce(s.nothingToSave)
        return
      }
      void runAction(save, async () => {
        await saveSite(current.id, changes, reason.trim())
        reason = ''
        await load()
        render()
        announce(s.saved(names.map(fieldName).join(', ')))
      })
    })
    return form
  }

  /** The site's waiting queue items with their actions, or (where the API gives only counts) what waits. */
  function openItems(current: EditableSite, itemCtx: Parameters<typeof queueItem>[1]): HTMLElement | null {
    const s = t()
    const counts = current.open_counts
    const total = current.open_items.length || counts.reports + counts.disagreements + counts.merges
    if (total === 0) return null
    const summary = [
      counts.reports ? s.openReports(counts.reports) : '',
      counts.merges ? s.openMerges(counts.merges) : '',
      counts.disagreements ? s.openDisagreements(counts.disagreements) : '',
    ].filter(Boolean)
    return h(
      'section',
      { class: 'card-box open-items', 'aria-labelledby': 'open-items-heading' },
      h('h3', { id: 'open-items-heading' }, s.openItems(total)),
      current.open_items.length
        ? h('ol', { class: 'items' }, ...current.open_items.map((item) => queueItem(item, itemCtx)))
        : h(
            'p',
            {},
            summary.join(' · '),
            ' — ',
            h('a', { href: routeHash({ screen: 'queue', kind: counts.reports ? 'reports' : counts.merges ? 'merges' : 'disagreements' }) }, s.seeInQueue),
          ),
    )
  }

  function render(): void {
    const s = t()
    map?.remove()
    map = null
    if (!site || !draft) {
      replaceContent(
        root,
        h(
          'section',
          { class: 'screen' },
          screenHeading(failed ? s.siteFailed : s.loading),
          h('p', {}, h('a', { href: routeHash({ screen: 'queue', kind: 'reports' }) }, s.backToQueue)),
        ),
      )
      return
    }
    const current = site
    const d = draft
    const itemCtx = {
      me,
      linkToSite: false,
      heading: 'h4' as const,
      refresh: async () => {
        await load()
        render()
      },
    }
    replaceContent(
      root,
      h(
        'section',
        { class: 'screen', 'aria-labelledby': 'screen-heading' },
        h(
          'nav',
          { class: 'crumbs', 'aria-label': s.siteLinks },
          h('a', { href: routeHash({ screen: 'queue', kind: 'reports' }) }, s.backToQueue),
          ' · ',
          h('a', { href: routeHash({ screen: 'history', id: current.id }), id: 'history-link' }, s.historyLink),
        ),
        screenHeading(current.fields.name || current.id),
        h('p', { class: 'meta' }, s.siteId(current.id), ' · ', current.assured_date ? s.lastVerified(dateOnly(current.assured_date)) : s.neverVerified),
        openItems(current, itemCtx),
        h('section', { class: 'card-box', 'aria-labelledby': 'edit-heading' }, h('h3', { id: 'edit-heading' }, s.editHeading), editForm(current, d)),
        verifyForm(current.id, async () => {
          await load()
          render()
        }),
        liveStatusPanel(current.id),
        providerPanel(current.id),
      ),
    )
    void drawMap(d)
  }

  render()
  void load().then(render)
  return { render, dispose: () => map?.remove() }
}
