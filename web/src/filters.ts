/**
 * Filter chips: the services people most often need, "open now" and any/all up front;
 * how recently a listing was verified, kinds of place, other services, payment and language
 * under "More filters". Chips are real checkboxes, so keyboards and screen readers get them
 * for free.
 */
import { VERIFIED_WITHIN_CHOICES } from '../../common/verification.js'
import type { Term } from './api.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'
import { label, taxonomy, type TermKind } from './taxonomy.js'
import { countFilters, emptyFilters, LIVE_FILTERS, verifiedChoice, type Filters } from './url-state.js'

/** Shown without opening "More filters": what the bus-stop search is usually for. */
export const KEY_SERVICES = [
  'syringe_services',
  'naloxone',
  'fentanyl_test_strips',
  'wound_care',
  'hiv_testing',
  'hcv_testing',
  'methadone',
  'buprenorphine',
  'naltrexone',
  'detox',
  'outpatient',
  'residential',
  'primary_care',
]

type ListKey = 'types' | 'services' | 'payment' | 'languages' | 'live'

/** Key chips a phone shows before "Show N more" (the 7th is hidden by CSS from this count on, unless chosen). */
const CHIPS_ON_PHONE = 7

export interface FilterPanel {
  /** Redraws in the current language (keeps state and the open/closed "More filters"). */
  render(): void
  get(): Filters
  set(filters: Filters): void
}

function chip(name: ListKey, term: Term, checked: boolean): HTMLLabelElement {
  // The live choices carry the page's own words; the code lists are labelled by language.
  const text = name === 'live' ? term.en : label(name, term.code, currentLang())
  return h('label', { class: 'chip' }, h('input', { type: 'checkbox', name, value: term.code, checked }), h('span', {}, text))
}

function group(legend: string, name: ListKey, terms: Term[], selected: string[]): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'chip-group' },
    h('legend', {}, legend),
    h('div', { class: 'chips' }, ...terms.map((term) => chip(name, term, selected.includes(term.code)))),
  )
}

/** "Verified: any time / within 6 months / within a year" as a labelled select. */
function verifiedSelect(selected: number | null): HTMLElement {
  const s = t()
  const option = (value: number | null, text: string) => h('option', { value: value ?? '', selected: value === selected }, text)
  return h(
    'p',
    { class: 'verified-filter' },
    h('label', { for: 'verified-within' }, s.verifiedLegend),
    ' ',
    h(
      'select',
      { id: 'verified-within', name: 'verified_within' },
      option(null, s.verifiedAny),
      ...VERIFIED_WITHIN_CHOICES.map((days) => option(days, s.verifiedWithin[days] ?? `${days}`)),
    ),
  )
}

/** Builds the panel in `container`; `onChange` runs after every change a person makes. */
export function createFilterPanel(container: HTMLElement, onChange: (filters: Filters) => void): FilterPanel {
  let state = emptyFilters()
  let moreOpen = false
  // On a phone the key chips show in a few rows (CSS: the first CHIPS_ON_PHONE and any chosen), the rest on request.
  let chipsOpen = false

  const read = (): Filters => {
    const checked = (name: ListKey) => [...container.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value)
    const services = [...new Set(checked('services'))]
    const openNow = container.querySelector<HTMLInputElement>('input[name="open_now"]')?.checked ?? false
    return {
      types: checked('types'),
      services,
      payment: checked('payment'),
      languages: checked('languages'),
      match: container.querySelector<HTMLInputElement>('input[name="match"][value="any"]')?.checked ? 'any' : 'all',
      openNow,
      // Chosen beside the results (main.ts), kept while "open now" stays on.
      includeUnknownHours: openNow && state.includeUnknownHours,
      verifiedWithinDays: verifiedChoice(container.querySelector<HTMLSelectElement>('select[name="verified_within"]')?.value),
      live: checked('live'),
    }
  }

  const render = () => {
    const tax = taxonomy()
    if (!tax) return
    const s = t()
    const byCode = (kind: TermKind, codes: string[]) => codes.map((c) => tax[kind].find((x) => x.code === c)).filter((x): x is Term => !!x)
    const key = byCode('services', KEY_SERVICES)
    const otherServices = tax.services.filter((x) => !KEY_SERVICES.includes(x.code))
    const matchRadio = (value: 'all' | 'any', text: string) =>
      h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'match', value, checked: state.match === value }), h('span', {}, text))
    const details = h(
      'details',
      { class: 'more-filters', open: moreOpen },
      h('summary', {}, s.moreFilters + s.activeFilters(countFilters(state) - countKey(state))),
      verifiedSelect(state.verifiedWithinDays),
      group(
        s.liveLegend,
        'live',
        LIVE_FILTERS.map((code) => ({ code, en: s.liveChoices[code] ?? code, es: s.liveChoices[code] ?? code }) as Term),
        state.live,
      ),
      group(s.typesLegend, 'types', tax.types, state.types),
      group(s.moreServicesLegend, 'services', otherServices, state.services),
      group(s.paymentLegend, 'payment', tax.payment, state.payment),
      group(s.languagesLegend, 'languages', tax.languages, state.languages),
      h('button', { type: 'button', class: 'secondary clear-filters' }, s.clearFilters),
    )
    details.addEventListener('toggle', () => {
      moreOpen = details.open
    })
    const hiddenOnPhone = Math.max(0, key.length + 1 - CHIPS_ON_PHONE)
    const chipsToggle = h(
      'button',
      { type: 'button', class: 'link-button chips-more', 'aria-expanded': String(chipsOpen), 'aria-controls': 'key-chips' },
      chipsOpen ? s.fewerNeeds : s.moreNeeds(hiddenOnPhone),
    )
    chipsToggle.addEventListener('click', () => {
      chipsOpen = !chipsOpen
      render()
      container.querySelector<HTMLElement>('.chips-more')?.focus()
    })
    container.replaceChildren(
      h(
        'fieldset',
        { class: 'chip-group key-filters' + (chipsOpen ? ' is-open' : '') },
        h('legend', {}, s.needLegend),
        h(
          'div',
          { class: 'chips', id: 'key-chips' },
          h('label', { class: 'chip chip-open' }, h('input', { type: 'checkbox', name: 'open_now', checked: state.openNow }), h('span', {}, s.openNow)),
          ...key.map((term) => chip('services', term, state.services.includes(term.code))),
        ),
        hiddenOnPhone > 0 ? chipsToggle : null,
      ),
      h('fieldset', { class: 'match' }, h('legend', {}, s.matchLegend), matchRadio('all', s.matchAll), matchRadio('any', s.matchAny)),
      details,
    )
  }

  // Services missing from the key row count toward "More filters".
  const countKey = (f: Filters) => (f.openNow ? 1 : 0) + f.services.filter((c) => KEY_SERVICES.includes(c)).length

  container.addEventListener('change', () => {
    state = read()
    const summary = container.querySelector('summary')
    if (summary) summary.textContent = t().moreFilters + t().activeFilters(countFilters(state) - countKey(state))
    onChange(state)
  })
  container.addEventListener('click', (event) => {
    if (!(event.target as HTMLElement).closest('.clear-filters')) return
    state = emptyFilters()
    render()
    container.querySelector<HTMLElement>('summary')?.focus()
    onChange(state)
  })

  return {
    render,
    get: () => state,
    set: (filters) => {
      state = filters
      render()
    },
  }
}
