/**
 * The route planner's form pieces: one stop in the list (a site, or a map point with an
 * optional label and opening window), and the day's settings. They edit the objects they are
 * given and call `onChange`; the planner decides what a change means for the plan.
 */
import { h, nextId } from './dom.js'
import { t } from './i18n.js'
import { MAX_VANS, MODES, stopKey, type RouteSettings, type RouteStop } from './route-model.js'

/** A stop in the list, with its remove button (and, for a map point, its label and hours). */
export function stopItem(stop: RouteStop, name: string, onChange: () => void, onRemove: () => void): HTMLLIElement {
  const s = t()
  const key = stopKey(stop)
  const remove = h('button', { type: 'button', class: 'btn secondary remove', 'aria-label': s.removeStop(name), 'data-focus': `remove:${key}` }, '✕')
  remove.addEventListener('click', onRemove)
  if (stop.kind === 'site') return h('li', { class: 'stop-item', 'data-key': key }, h('span', { class: 'stop-name' }, name), remove)
  const field = (label: string, value: string, type: 'text' | 'time', set: (v: string) => void) => {
    const id = nextId('point')
    const input = h('input', { id, type, value, ...(type === 'text' ? { maxlength: 200, placeholder: name } : {}) })
    input.addEventListener('change', () => { set(input.value); onChange() })
    return h('span', { class: 'point-field' }, h('label', { for: id }, label), input)
  }
  return h('li', { class: 'stop-item point', 'data-key': key },
    h('span', { class: 'stop-name' }, name, h('span', { class: 'stop-kind' }, ` — ${s.pointNote}`)), remove,
    h('div', { class: 'point-fields' },
      field(s.pointLabel, stop.label, 'text', (v) => { stop.label = v }),
      field(s.pointOpens, stop.opens, 'time', (v) => { stop.opens = v }),
      field(s.pointCloses, stop.closes, 'time', (v) => { stop.closes = v })))
}

/** Date, leave at, back by, minutes per stop, vans and travel mode. */
export function settingsFieldset(settings: RouteSettings, onChange: () => void): HTMLFieldSetElement {
  const s = t()
  const field = (label: string, control: HTMLInputElement | HTMLSelectElement, key: keyof RouteSettings, parse: (v: string) => string | number | null) => {
    const id = nextId('setting')
    control.id = id
    control.addEventListener('change', () => {
      const value = parse(control.value)
      if (value === null) return
      ;(settings as unknown as Record<string, string | number>)[key] = value
      onChange()
    })
    return h('span', { class: 'setting' }, h('label', { for: id }, label), control)
  }
  const time = (v: string) => (/^\d{2}:\d{2}$/.test(v) ? v : null)
  const select = (values: readonly (string | number)[], current: string | number, text: (v: string | number) => string) =>
    h('select', {}, ...values.map((v) => h('option', { value: v, selected: v === current }, text(v))))
  return h('fieldset', { class: 'settings' },
    h('legend', {}, s.settingsLegend),
    h('div', { class: 'settings-grid' },
      field(s.dateLabel, h('input', { type: 'date', value: settings.date, required: true }), 'date', (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)),
      field(s.departLabel, h('input', { type: 'time', value: settings.departure, required: true }), 'departure', time),
      field(s.returnLabel, h('input', { type: 'time', value: settings.returnBy, required: true }), 'returnBy', time),
      field(s.minutesLabel, h('input', { type: 'number', min: 0, max: 480, step: 5, value: settings.serviceMinutes, inputmode: 'numeric' }), 'serviceMinutes',
        (v) => { const n = Number(v); return v !== '' && Number.isFinite(n) && n >= 0 && n <= 480 ? Math.round(n) : null }),
      field(s.vansLabel, select(Array.from({ length: MAX_VANS }, (_, i) => i + 1), settings.vans, String), 'vans', Number),
      field(s.travelLabel, select(MODES, settings.mode, (m) => s.modes[m] ?? String(m)), 'mode', (v) => v)))
}
