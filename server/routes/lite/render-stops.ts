/**
 * The text-only page's "Next here: Tue, Dec 8, 10 am–2 pm" line and, for a mobile unit or one
 * of its stops, the unit's other stops (each a link to its own page, with its address and next
 * opening). Built with the `html` template, which escapes every value.
 */
import type { SiteDetail } from '../../../common/contract/site.js'
import { addressText, type PageLang } from '../../../common/format.js'
import { isRecurringRule } from '../../../common/hours-text.js'
import { nextHereText, nextOpenText } from '../../../common/next-open-text.js'
import { html, type SafeHtml } from '../../html/template.js'
import { ltrData } from './render.js'
import { langQuery, LITE_STRINGS } from './strings.js'

/** "Next here: …" for a mobile site, a stop or a site not open every week; nothing otherwise. */
export function nextHereHtml(site: SiteDetail, lang: PageLang): SafeHtml {
  if (!site.next_open || !(site.mobile || site.mobile_unit || site.hours.some(isRecurringRule))) return html``
  return html`<p class="next-here"><strong>${nextHereText(site.next_open, lang)}</strong></p>`
}

/** The unit's stops other than this site, soonest first; nothing for a site that is no unit or stop. */
export function mobileStopsHtml(site: SiteDetail, lang: PageLang): SafeHtml {
  const unit = site.mobile_unit
  const others = unit?.stops.filter((stop) => stop.id !== site.id) ?? []
  if (!unit || !others.length) return html``
  const w = LITE_STRINGS[lang]
  const query = langQuery(lang)
  const items = others.map(
    (stop) =>
      html`<li><a href="/lite/sites/${encodeURIComponent(stop.id)}${query}">${stop.name}</a><br>${ltrData(addressText(stop), lang)}<br>${stop.next_open ? nextOpenText(stop.next_open, lang) : w.noOpeningSoon}</li>`,
  )
  return html`<h3>${unit.id === site.id ? w.unitStops(unit.name) : w.otherStops(unit.name)}</h3><ul class="stops">${items}</ul>`
}
