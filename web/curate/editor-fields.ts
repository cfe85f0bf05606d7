/**
 * The editor's controls, each bound to one field of the draft: text inputs, code lists as
 * labelled checkboxes (labels from /api/v1/taxonomy), the phones list and weekly hours rows.
 * A field curators hold carries a "held" badge that its control names as its description.
 */
import { DAY_CODES, dayName } from '../../common/format.js'
import { h } from '../src/dom.js'
import { label, taxonomy, type TermKind } from '../src/taxonomy.js'
import { currentLang, t } from './i18n.js'
import type { CodeField, FieldName, HoursRow } from './types.js'

/** The badge of a held field, and the id a control's aria-describedby points at. */
export function heldBadge(field: FieldName, held: ReadonlySet<FieldName>): { badge: HTMLElement | null; id: string | null } {
  if (!held.has(field)) return { badge: null, id: null }
  const id = `held-${field}`
  return { badge: h('span', { class: 'held', id, title: t().heldHint }, t().held), id }
}

export interface TextFieldOptions {
  multiline?: boolean
  type?: 'text' | 'url' | 'date' | 'tel'
  maxlength?: number
  hint?: string
  autocomplete?: string
  list?: string
  size?: number
}

/** A labelled input (or textarea) for a text field; `onInput` gets every keystroke. */
export function textField(
  field: FieldName,
  value: string,
  held: ReadonlySet<FieldName>,
  onInput: (value: string) => void,
  options: TextFieldOptions = {},
): HTMLElement {
  const id = `f-${field}`
  const { badge, id: heldId } = heldBadge(field, held)
  const hintId = options.hint ? `${id}-hint` : null
  const describedBy = [heldId, hintId].filter(Boolean).join(' ') || null
  const common = { id, name: field, maxlength: options.maxlength ?? 500, 'aria-describedby': describedBy, autocomplete: options.autocomplete ?? 'off' }
  const control = options.multiline
    ? h('textarea', { ...common, rows: 3 }, value)
    : h('input', { ...common, type: options.type ?? 'text', value, list: options.list ?? null, size: options.size ?? null })
  control.addEventListener('input', () => onInput(control.value))
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, t().fields[field] ?? field),
    badge,
    control,
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
  )
}

/** Checkboxes for a code list; codes the site has that the taxonomy lacks are listed too. */
export function codeChecklist(field: CodeField, selected: readonly string[], held: ReadonlySet<FieldName>, onChange: (codes: string[]) => void): HTMLElement {
  const lang = currentLang()
  const terms = [...((taxonomy()?.[field as TermKind] ?? []) as { code: string; en: string; es: string; group?: string }[])]
  for (const code of selected) if (!terms.some((term) => term.code === code)) terms.push({ code, en: code, es: code })
  const chosen = new Set(selected)
  const { badge, id: heldId } = heldBadge(field, held)
  const box = h(
    'fieldset',
    { class: 'codes', id: `f-${field}`, 'aria-describedby': heldId },
    h('legend', {}, t().fields[field] ?? field, badge ? ' ' : '', badge),
  )
  const groups = new Map<string, HTMLElement>()
  for (const term of terms) {
    const input = h('input', { type: 'checkbox', id: `f-${field}-${term.code}`, name: field, value: term.code, checked: chosen.has(term.code) })
    input.addEventListener('change', () => {
      if (input.checked) chosen.add(term.code)
      else chosen.delete(term.code)
      onChange(terms.map((x) => x.code).filter((c) => chosen.has(c)))
    })
    const item = h('label', { class: 'check' }, input, ' ', label(field as TermKind, term.code, lang))
    // Services come in groups (harm reduction, treatment, care), each its own fieldset.
    if (field === 'services' && term.group) {
      let group = groups.get(term.group)
      if (!group) {
        group = h('div', { class: 'check-grid' })
        groups.set(term.group, group)
        box.append(h('fieldset', { class: 'code-group' }, h('legend', {}, t().serviceGroups[term.group] ?? term.group), group))
      }
      group.append(item)
    } else {
      let grid = groups.get('')
      if (!grid) {
        grid = h('div', { class: 'check-grid' })
        groups.set('', grid)
        box.append(grid)
      }
      grid.append(item)
    }
  }
  return box
}

/** The phones list: one input per number, add and remove. */
export function phonesEditor(phones: string[], held: ReadonlySet<FieldName>, onChange: (phones: string[]) => void): HTMLElement {
  const { badge, id: heldId } = heldBadge('phones', held)
  const box = h('fieldset', { class: 'phones', id: 'f-phones', 'aria-describedby': heldId })
  const draw = (focusIndex: number | null) => {
    const s = t()
    const rows = phones.map((phone, i) => {
      const id = `f-phone-${i}`
      const input = h('input', { id, type: 'tel', autocomplete: 'off', maxlength: 40, value: phone })
      input.addEventListener('input', () => {
        phones[i] = input.value
        onChange([...phones])
      })
      const remove = h('button', { type: 'button', class: 'btn small', 'aria-label': s.removePhone(i + 1) }, s.remove)
      remove.addEventListener('click', () => {
        phones.splice(i, 1)
        onChange([...phones])
        draw(Math.min(i, phones.length - 1))
      })
      return h('div', { class: 'row' }, h('label', { for: id }, s.phoneN(i + 1)), input, remove)
    })
    const add = h('button', { type: 'button', class: 'btn small', id: 'add-phone' }, s.addPhone)
    add.addEventListener('click', () => {
      phones.push('')
      onChange([...phones])
      draw(phones.length - 1)
    })
    box.replaceChildren(h('legend', {}, s.fields.phones, badge ? ' ' : '', badge ?? ''), ...rows, add)
    if (focusIndex !== null) (document.getElementById(focusIndex < 0 ? 'add-phone' : `f-phone-${focusIndex}`) ?? add).focus()
  }
  draw(null)
  return box
}

/** Weekly hours: rows of day checkboxes with opening and closing times. */
export function hoursEditor(rows: HoursRow[], held: ReadonlySet<FieldName>, onChange: (rows: HoursRow[]) => void): HTMLElement {
  const { badge, id: heldId } = heldBadge('hours', held)
  const box = h('fieldset', { class: 'hours-editor', id: 'f-hours', 'aria-describedby': heldId })
  const changed = () => onChange(rows.map((r) => ({ ...r })))
  const draw = (focus: string | null) => {
    const s = t()
    const lang = currentLang()
    const items = rows.map((row, i) => {
      const days = new Set(row.byday.split(',').filter(Boolean))
      const dayBoxes = DAY_CODES.map((code, d) => {
        const input = h('input', { type: 'checkbox', id: `f-hours-${i}-${code}`, value: code, checked: days.has(code) })
        input.addEventListener('change', () => {
          if (input.checked) days.add(code)
          else days.delete(code)
          row.byday = DAY_CODES.filter((c) => days.has(c)).join(',')
          changed()
        })
        return h('label', { class: 'check day' }, input, ' ', dayName(d, lang))
      })
      const time = (which: 'opens' | 'closes') => {
        const id = `f-hours-${i}-${which}`
        const input = h('input', { id, type: 'time', value: row[which], required: true })
        input.addEventListener('input', () => {
          row[which] = input.value
          changed()
        })
        return h('div', { class: 'field time' }, h('label', { for: id }, which === 'opens' ? s.opens : s.closes), input)
      }
      const remove = h('button', { type: 'button', class: 'btn small', id: `f-hours-${i}-remove`, 'aria-label': s.removeHoursRow(i + 1) }, s.remove)
      remove.addEventListener('click', () => {
        rows.splice(i, 1)
        changed()
        draw(rows.length ? `f-hours-${Math.min(i, rows.length - 1)}-MO` : 'add-hours')
      })
      return h(
        'fieldset',
        { class: 'hours-row' },
        h('legend', {}, s.hoursRow(i + 1), row.valid_from || row.valid_to ? ` (${s.validRange(row.valid_from ?? '', row.valid_to ?? '')})` : ''),
        h('div', { class: 'days', role: 'group', 'aria-label': s.days }, ...dayBoxes),
        h('div', { class: 'times' }, time('opens'), time('closes'), remove),
      )
    })
    const add = h('button', { type: 'button', class: 'btn small', id: 'add-hours' }, s.addHoursRow)
    add.addEventListener('click', () => {
      rows.push({ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00' })
      changed()
      draw(`f-hours-${rows.length - 1}-MO`)
    })
    box.replaceChildren(
      h('legend', {}, s.fields.hours, badge ? ' ' : '', badge ?? ''),
      h('p', { class: 'hint' }, s.hoursHint),
      ...(items.length ? items : [h('p', { class: 'muted' }, s.noHours)]),
      add,
    )
    if (focus) document.getElementById(focus)?.focus()
  }
  draw(null)
  return box
}
