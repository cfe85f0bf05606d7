/**
 * Provenance in the detail panel: the site's second name (SAMHSA's program name), a small
 * "from <source>" beside a field where the listing is made of several records or a curator
 * set it (common/provenance.ts), and a "Sources" section, collapsed, listing every record
 * with its import date. Sources are named in words ("SAMHSA opioid treatment programs",
 * "Demo data"), never by their import code.
 */
import type { SiteDetail } from './api.js'
import { dateText } from '../../common/format.js'
import { fieldsOrigin, itemOrigin } from '../../common/provenance.js'
import { sourceLabel as sourceLabelIn } from '../../common/source-labels.js'
import { h } from './dom.js'
import { currentLang, t } from './i18n.js'

type Field = keyof SiteDetail['field_sources']

/** A source code in words, in the page's language: 'samhsa_otp' → "SAMHSA opioid treatment programs". */
export function sourceLabel(code: string): string {
  return sourceLabelIn(code, currentLang())
}

/** The site with each record's source named in words, for the "from …" notes. */
function labelled(site: SiteDetail): SiteDetail {
  const relabel = <R extends { source: string }>(r: R): R => ({ ...r, source: sourceLabel(r.source) })
  const fieldSources = Object.fromEntries(
    Object.entries(site.field_sources).map(([field, origin]) => [
      field,
      {
        ...origin,
        records: origin.records.map(relabel),
        ...(origin.values ? { values: Object.fromEntries(Object.entries(origin.values).map(([k, rs]) => [k, rs.map(relabel)])) } : {}),
      },
    ]),
  ) as SiteDetail['field_sources']
  return { ...site, records: site.records.map(relabel), field_sources: fieldSources }
}

/** "from SAMHSA mental health facilities" under a field, or null where it would add nothing. */
export function fromNote(site: SiteDetail, ...fields: Field[]): HTMLElement | null {
  const text = fieldsOrigin(labelled(site), fields, t())
  return text ? h('p', { class: 'from' }, text) : null
}

/** "from Albany city" beside one item of a list (a phone number, a service), or null. */
export function itemFrom(site: SiteDetail, field: Field, item: string): HTMLElement | null {
  const text = itemOrigin(labelled(site), field, item, t())
  return text ? h('span', { class: 'from' }, ` ${text}`) : null
}

/** The second name under the title, when the source gives one that says more than the name. */
export function alternateName(site: SiteDetail): HTMLElement | null {
  const alt = site.alternate_name?.trim()
  if (!alt || alt.toLowerCase() === site.name.trim().toLowerCase()) return null
  return h('p', { class: 'alt-name' }, alt)
}

/** What the list says of one record: "main record · imported Dec 2, 2026 · merged in …". */
function recordMeta(r: SiteDetail['records'][number]): string {
  const s = t()
  const lang = currentLang()
  return [
    r.primary ? s.recordPrimary : null,
    s.recordImported(dateText(r.imported_at, lang)),
    r.merged_at ? s.recordMerged(dateText(r.merged_at, lang)) : null,
    r.status === 'active' ? null : s.recordInactive,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** The "Sources" section: every record merged into the site, collapsed until asked for. */
export function sourcesSection(site: SiteDetail): HTMLElement {
  const s = t()
  const body = site.records.length
    ? h(
        'details',
        { class: 'sources' },
        h('summary', {}, s.sourcesSummary(site.records.length)),
        h(
          'ul',
          {},
          ...site.records.map((r) =>
            h(
              'li',
              {},
              h('strong', {}, sourceLabel(r.source)),
              ` — ${r.name}${r.alternate_name ? ` (${r.alternate_name})` : ''}`,
              h('span', { class: 'record-meta' }, recordMeta(r)),
            ),
          ),
        ),
      )
    : h('p', {}, sourceLabel(site.source))
  return h('section', { class: 'detail-section' }, h('h3', {}, s.sources), body)
}
