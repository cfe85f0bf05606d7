/**
 * The detail panel's "Next here: Tue, Dec 8, 10 am–2 pm" line, and for a mobile unit or one of
 * its stops, the unit's other stops, each with its address and next opening.
 */
import { addressText } from '../../common/format.js'
import { isRecurringRule } from '../../common/hours-text.js'
import { nextHereText, nextOpenText } from '../../common/next-open-text.js'
import type { SiteDetail } from './api.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'

/** "Next here: …" for a mobile site, a stop or a site not open every week, else null (the opening state says enough). */
export function nextHereOf(site: SiteDetail): HTMLParagraphElement | null {
  if (!site.next_open || !(site.mobile || site.mobile_unit || site.hours.some(isRecurringRule))) return null
  return h('p', { class: 'next-here' }, nextHereText(site.next_open, currentLang()))
}

/** The unit's stops other than this site, or null when the site is no unit or stop. */
export function mobileStopsSection(site: SiteDetail): HTMLElement | null {
  const unit = site.mobile_unit
  if (!unit) return null
  const s = t()
  const lang = currentLang()
  const others = unit.stops.filter((stop) => stop.id !== site.id)
  if (!others.length) return null
  const title = unit.id === site.id ? s.unitStops(unit.name) : s.otherStops(unit.name)
  return h(
    'section',
    { class: 'detail-section mobile-stops' },
    h('h3', {}, title),
    h(
      'ul',
      {},
      ...others.map((stop) =>
        h(
          'li',
          {},
          h('strong', {}, stop.name),
          h('br', {}),
          addressText(stop),
          h('br', {}),
          stop.next_open ? nextOpenText(stop.next_open, lang) : s.noNextOpen,
        ),
      ),
    ),
  )
}
