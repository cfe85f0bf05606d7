/**
 * The route planner's form pieces: one stop in the list (a site, or a map point with an
 * optional label and opening window), and the day's settings. They draw what they are given
 * and report each edit; the planner's state decides what an edit means for the plan.
 */
import { h, nextId } from './dom.js'
import { t } from './i18n.js'
import { MAX_VANS, MODES, stopKey, type DistanceUnit, type PointStop, type RouteSettings, type RouteStop, type TravelMode } from './route-model.js'

export interface StopHandlers {
  /** A map point's label, opening or closing time was changed. */
  onEdit(field: 'label' | 'opens' | 'closes', value: string): void
  onRemove(): void
}

/** A stop in the list, with its remove button (and, for a map point, its label and hours). */
export function stopItem(stop: RouteStop, name: string, handlers: StopHandlers): HTMLLIElement {
  const s = t()
  const key = stopKey(stop)
  const remove = h('button', { type: 'button', class: 'btn secondary remove', 'aria-label': s.removeStop(name), 'data-focus': `remove:${key}` }, '✕')
  remove.addEventListener('click', () => handlers.onRemove())
  if (stop.kind === 'site') return h('li', { class: 'stop-item', 'data-key': key }, h('span', { class: 'stop-name' }, name), remove)
  const field = (label: string, part: keyof Pick<PointStop, 'label' | 'opens' | 'closes'>, type: 'text' | 'time') => {
    const id = nextId('point')
    // The label is where focus lands once a point is picked.
    const input = h('input', { id, type, value: stop[part], ...(type === 'text' ? { maxlength: 200, placeholder: name, 'data-focus': `label:${key}` } : {}) })
    input.addEventListener('change', () => handlers.onEdit(part, input.value))
    return h('span', { class: 'point-field' }, h('label', { for: id }, label), input)
  }
  return h(
    'li',
    { class: 'stop-item point', 'data-key': key },
    h('span', { class: 'stop-name' }, name, h('span', { class: 'stop-kind' }, ` — ${s.pointNote}`)),
    remove,
    h('div', { class: 'point-fields' }, field(s.pointLabel, 'label', 'text'), field(s.pointOpens, 'opens', 'time'), field(s.pointCloses, 'closes', 'time')),
  )
}

/** Miles or kilometres, as two radio buttons; `onChange` gets the choice. */
function unitsToggle(units: DistanceUnit, onChange: (units: DistanceUnit) => void): HTMLFieldSetElement {
  const s = t()
  const name = nextId('units')
  const option = (value: DistanceUnit, label: string) => {
    const id = nextId('unit')
    const input = h('input', { id, type: 'radio', name, value, checked: value === units, 'data-focus': `units:${value}` })
    input.addEventListener('change', () => {
      if (input.checked) onChange(value)
    })
    return h('span', { class: 'unit-option' }, input, h('label', { for: id }, label))
  }
  return h('fieldset', { class: 'units' }, h('legend', {}, s.unitsLabel), option('mi', s.unitMiles), option('km', s.unitKm))
}

/** Date, leave at, back by, minutes per stop, vans, travel mode and distance units; `onChange` gets each valid edit. */
export function settingsFieldset(
  settings: RouteSettings,
  onChange: (change: Partial<RouteSettings>) => void,
  units?: { value: DistanceUnit; onChange(units: DistanceUnit): void },
): HTMLFieldSetElement {
  const s = t()
  const field = <K extends keyof RouteSettings>(
    label: string,
    control: HTMLInputElement | HTMLSelectElement,
    key: K,
    parse: (v: string) => RouteSettings[K] | null,
  ) => {
    const id = nextId('setting')
    control.id = id
    // Redrawn (a date that brings its own times, a new language), the form gives focus back to this control.
    control.dataset.focus = `setting:${String(key)}`
    control.addEventListener('change', () => {
      const value = parse(control.value)
      if (value !== null) onChange({ [key]: value } as Partial<RouteSettings>)
    })
    return h('span', { class: 'setting' }, h('label', { for: id }, label), control)
  }
  const time = (v: string) => (/^\d{2}:\d{2}$/.test(v) ? v : null)
  const select = (values: readonly (string | number)[], current: string | number, text: (v: string | number) => string) =>
    h('select', {}, ...values.map((v) => h('option', { value: v, selected: v === current }, text(v))))
  return h(
    'fieldset',
    { class: 'settings' },
    h('legend', {}, s.settingsLegend),
    h(
      'div',
      { class: 'settings-grid' },
      field(s.dateLabel, h('input', { type: 'date', value: settings.date, required: true }), 'date', (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null)),
      field(s.departLabel, h('input', { type: 'time', value: settings.departure, required: true }), 'departure', time),
      field(s.returnLabel, h('input', { type: 'time', value: settings.returnBy, required: true }), 'returnBy', time),
      field(
        s.minutesLabel,
        h('input', { type: 'number', min: 0, max: 480, step: 5, value: settings.serviceMinutes, inputmode: 'numeric' }),
        'serviceMinutes',
        (v) => {
          const n = Number(v)
          return v !== '' && Number.isFinite(n) && n >= 0 && n <= 480 ? Math.round(n) : null
        },
      ),
      field(
        s.vansLabel,
        select(
          Array.from({ length: MAX_VANS }, (_, i) => i + 1),
          settings.vans,
          String,
        ),
        'vans',
        Number,
      ),
      field(
        s.travelLabel,
        select(MODES, settings.mode, (m) => s.modes[m] ?? String(m)),
        'mode',
        (v) => v as TravelMode,
      ),
    ),
    units ? unitsToggle(units.value, units.onChange) : null,
  )
}
