/**
 * The detail panel (a modal <dialog>, so focus is contained and Escape closes it): everything
 * needed to act on one site — hours for the week, phones, directions, payment, languages,
 * access, provenance — and the "Report a problem" entry point.
 */
import type { SiteDetail } from './api.js'
import { siteAnywhere, type PageSiteDetail } from './offline/offline-api.js'
import { savedDateText } from './offline/save-panel.js'
import { availabilitySection } from './availability-reports.js'
import { alternateName, fromNote, itemFrom, sourcesSection } from './detail-sources.js'
import { goesByAddress, prefersGeoLinks, siteDirections } from './directions.js'
import { h } from './dom.js'
import { addressText, clockText, DAY_CODES, dayName, openStatusText, telHref } from '../../common/format.js'
import { allDayText, allWeekText, alsoOpenText, isAllDayRule, isRecurringRule, recurringLine } from '../../common/hours-text.js'
import { currentLang, t } from './i18n.js'
import { approximateBadgeOf, closureOf, liveStatusOf, publicNoteOf, verificationLineOf } from './listing-notes.js'
import { mobileStopsSection, nextHereOf } from './mobile-stops.js'
import { reportSection } from './report-form.js'
import { label, serviceGroup, type TermKind } from './taxonomy.js'

const GROUPS = ['harm_reduction', 'treatment', 'care'] as const

/** Only http(s) links from the directory are made clickable (never javascript: or data:). */
function safeUrl(url: string | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url.includes('://') ? url : `https://${url}`)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}

function section(title: string, ...body: (Node | string | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', {}, title), ...body)
}

function codeList(kind: TermKind, codes: string[], site?: SiteDetail): HTMLElement | null {
  if (!codes.length) return null
  return h('ul', { class: 'tags' }, ...codes.map((c) => h('li', {}, label(kind, c, currentLang()), site ? itemFrom(site, kind, c) : null)))
}

function weekHours(site: SiteDetail): HTMLElement {
  const s = t()
  const lang = currentLang()
  if (!site.hours.length) return h('p', {}, s.hoursUnknown)
  const weekly = site.hours.filter((r) => !isRecurringRule(r))
  const recurring = site.hours.filter(isRecurringRule)
  // Open around the clock every day: one line, not seven rows of "Open 24 hours".
  const allWeek = allWeekText(weekly, lang)
  const rows = DAY_CODES.map((code, day) => {
    const spans = weekly
      .filter((r) => r.byday.split(',').includes(code))
      .map((r) => (isAllDayRule(r) ? allDayText(lang) : `${clockText(r.opens, lang)} – ${clockText(r.closes, lang)}`))
    return h('tr', {}, h('th', { scope: 'row' }, dayName(day, lang)), h('td', {}, spans.length ? spans.join(', ') : s.closedDay))
  })
  const table = allWeek ? h('p', { class: 'hours all-week' }, allWeek) : h('table', { class: 'hours' }, h('tbody', {}, ...rows))
  if (!recurring.length) return table
  // Only recurring rules (a monthly pop-up): the list alone, not a week of "Closed".
  const list = h('ul', { class: 'hours-recurring' }, ...recurring.map((r) => h('li', {}, recurringLine(r, lang))))
  return weekly.length ? h('div', {}, table, h('p', {}, alsoOpenText(lang)), list) : list
}

function body(site: SiteDetail, now: Date, extra: Node | null): Node[] {
  const s = t()
  const lang = currentLang()
  const grouped = GROUPS.map((g) => [g, site.services.filter((c) => serviceGroup(c) === g)] as const).filter(([, codes]) => codes.length)
  const website = safeUrl(site.website ?? site.organization.website)
  const osmDirections = siteDirections(site, false)
  const appDirections = prefersGeoLinks() ? siteDirections(site, true) : null
  const offline = (site as PageSiteDetail).offline
  return [
    offline ? h('p', { class: 'offline-note', role: 'note' }, s.offlineUse.banner(savedDateText(offline.savedAt))) : null,
    site.demo ? h('p', { class: 'demo-banner' }, s.demoBanner) : null,
    alternateName(site),
    fromNote(site, 'name', 'alternate_name'),
    h('p', { class: 'org' }, site.organization.name !== site.name ? site.organization.name : ''),
    h(
      'p',
      { class: 'meta' },
      closureOf(site, now) ??
        h(
          'span',
          { class: site.open_now === null ? 'status unknown' : site.open_now ? 'status open' : 'status closed' },
          openStatusText(site.open_now, site.next_change, site.timezone, now, lang),
        ),
    ),
    liveStatusOf(site, now),
    nextHereOf(site),
    verificationLineOf(site, now),
    publicNoteOf(site),
    extra,
    site.description ? h('p', {}, site.description) : null,
    section(s.detailTypes, codeList('types', site.types, site)),
    section(s.detailServices, ...grouped.flatMap(([g, codes]) => [h('h4', {}, s.groups[g] ?? g), codeList('services', codes, site)])),
    section(
      s.address,
      h('p', {}, addressText(site)),
      fromNote(site, 'address_1', 'address_2', 'city', 'region', 'postal_code'),
      approximateBadgeOf(site, goesByAddress(site)),
      site.mobile ? h('p', {}, s.mobileSite) : null,
      osmDirections
        ? h(
            'p',
            { class: 'actions' },
            appDirections ? h('a', { class: 'btn', href: appDirections }, s.openInApp) : null,
            h('a', { class: 'btn directions', href: osmDirections, rel: 'noopener noreferrer', target: '_blank' }, s.directionsOsm),
          )
        : null,
    ),
    section(s.hours, weekHours(site), fromNote(site, 'hours')),
    mobileStopsSection(site),
    availabilitySection(site),
    section(
      s.phones,
      site.phones.length
        ? h(
            'ul',
            { class: 'phones' },
            ...site.phones.map((p) =>
              h(
                'li',
                {},
                h('a', { class: 'btn call', href: telHref(p.number, p.extension) }, `${s.call} ${p.number}${p.extension ? ' x' + p.extension : ''}`),
                p.description ? ` ${p.description}` : null,
                itemFrom(site, 'phones', p.number),
              ),
            ),
          )
        : h('p', {}, s.noPhone),
    ),
    website
      ? section(
          s.website,
          h('p', {}, h('a', { href: website, rel: 'noopener noreferrer', target: '_blank' }, website.replace(/^https?:\/\//, '').replace(/\/$/, ''))),
          site.website ? fromNote(site, 'website') : null,
        )
      : null,
    site.payment.length ? section(s.payment, codeList('payment', site.payment, site)) : null,
    site.languages.length ? section(s.languages, codeList('languages', site.languages, site)) : null,
    site.access.length ? section(s.access, codeList('access', site.access, site)) : null,
    site.populations.length ? section(s.populations, codeList('populations', site.populations, site)) : null,
    sourcesSection(site),
    reportSection(site),
  ].filter((n): n is HTMLElement => n !== null)
}

/**
 * Wires the <dialog>; `open(id, trigger)` loads and shows a site, then returns focus to `trigger` on close.
 * `extra` adds a control under the opening state (the "Add to route" button).
 */
export function createDetailPanel(
  dialog: HTMLDialogElement,
  extra: (site: SiteDetail) => Node | null = () => null,
): { open(id: string, trigger: HTMLElement | null): Promise<void> } {
  let trigger: HTMLElement | null = null
  let current = 0
  dialog.addEventListener('close', () => {
    dialog.replaceChildren()
    trigger?.focus()
  })
  // A click on the backdrop (outside the panel box) closes it, as people expect of a sheet.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close()
  })

  const frame = (title: string, ...content: Node[]) => {
    const close = h('button', { type: 'button', class: 'close', 'aria-label': t().close }, '×')
    close.addEventListener('click', () => dialog.close())
    dialog.replaceChildren(
      h('div', { class: 'detail-inner' }, h('div', { class: 'detail-head' }, h('h2', { id: 'detail-title', tabindex: '-1' }, title), close), ...content),
    )
  }

  return {
    async open(id, from) {
      trigger = from
      const request = ++current
      frame(t().loading)
      if (!dialog.open) dialog.showModal()
      try {
        const site: PageSiteDetail = await siteAnywhere(id)
        if (request !== current || !dialog.open) return
        frame(site.name, ...body(site, new Date(), extra(site)))
      } catch {
        if (request !== current || !dialog.open) return
        frame(t().failed)
      }
      dialog.querySelector<HTMLElement>('#detail-title')?.focus()
    },
  }
}
