/**
 * The filters that are on, as a row of removable buttons above the results ("Methadone ✕"),
 * so on a phone they stay in sight after the chips scroll away. Pure: builds elements from
 * the filters; main.ts draws them and dispatches the filters without the one pressed.
 *
 *   activeFilterButtons(filters, 'en')   // [<button data-remove="services:methadone">Methadone ✕</button>, …]
 */
import type { PageLang } from '../../common/format.js'
import { h } from './dom.js'
import { t } from './i18n.js'
import { label } from './taxonomy.js'
import type { Filters } from './url-state.js'

const LIST_FIELDS = ['services', 'types', 'payment', 'languages'] as const
type ListField = (typeof LIST_FIELDS)[number]

/** One button per filter that is on; `data-remove` says which ("openNow", "verified", "services:methadone"). */
export function activeFilterButtons(filters: Filters, lang: PageLang): HTMLButtonElement[] {
  const s = t()
  const button = (key: string, text: string) =>
    h(
      'button',
      { type: 'button', class: 'active-filter', 'data-remove': key, 'aria-label': s.removeFilter(text) },
      text,
      h('span', { 'aria-hidden': 'true' }, ' ✕'),
    )
  const buttons: HTMLButtonElement[] = []
  if (filters.openNow) buttons.push(button('openNow', s.openNow))
  for (const field of LIST_FIELDS) {
    for (const code of filters[field]) buttons.push(button(`${field}:${code}`, label(field, code, lang)))
  }
  if (filters.verifiedWithinDays !== null) buttons.push(button('verified', s.verifiedWithin[filters.verifiedWithinDays] ?? s.verifiedLegend))
  return buttons
}

/** The filters without the one a button named. */
export function withoutFilter(filters: Filters, key: string): Filters {
  if (key === 'openNow') return { ...filters, openNow: false, includeUnknownHours: false }
  if (key === 'verified') return { ...filters, verifiedWithinDays: null }
  const [field, code] = key.split(':') as [ListField, string]
  if (!(LIST_FIELDS as readonly string[]).includes(field)) return filters
  return { ...filters, [field]: filters[field].filter((c) => c !== code) }
}
