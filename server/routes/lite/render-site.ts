/**
 * HTML of one site on the text-only page (/lite/sites/{id}): name and program name, opening
 * state, address, every phone, the week's hours, website, services, verification, and where
 * the listing comes from (a <details> list of its source records: no script needed). Built
 * with the `html` template, which escapes every value.
 */
import type { SiteDetail } from '../../../common/contract/site.js'
import { availabilityChoices, availabilitySummary } from '../../../common/availability-text.js'
import { closureText, notePrefix } from '../../../common/curator-notes.js'
import {
  addressText,
  clockText,
  DAY_CODES,
  dateText,
  dayName,
  isApproximateLocation,
  localeOf,
  openStatusText,
  telHref,
  type PageLang,
} from '../../../common/format.js'
import { dirOf } from '../../../common/lang-choice.js'
import { termLabel } from '../../../common/term-labels.js'
import { LANG_SWITCH_STYLE, langLinks } from '../../html/lang-switch.js'
import { alsoOpenText, isRecurringRule, recurringLine } from '../../../common/hours-text.js'
import { fieldsOrigin, itemOrigin } from '../../../common/provenance.js'
import { siteToday, verificationLine } from '../../../common/verification.js'
import { html, type SafeHtml } from '../../html/template.js'
import { codeLabel, langQuery, LITE_STRINGS, sourceLabel } from './strings.js'
import { LITE_STYLE, liveStatusHtml, ltrData, typesText } from './render.js'
import { mobileStopsHtml, nextHereHtml } from './render-stops.js'

export interface LiteSitePage {
  site: SiteDetail
  lang: PageLang
  now: Date
}

const SITE_STYLE = html`.alt{font-weight:600;margin-top:0}.from{color:#4a4f55;font-size:.9rem}table{border-collapse:collapse}th{text-align:start;padding-inline-end:1rem}
summary{min-height:44px;line-height:44px;cursor:pointer}main h3{margin-top:1rem}main ul li{margin:0 0 .25rem}
.availability-forms form{margin-block:.25rem;margin-inline:0 .25rem;display:inline-block}`

function weekHours(site: SiteDetail, lang: PageLang): SafeHtml {
  const s = LITE_STRINGS[lang]
  if (!site.hours.length) return html`<p>${s.hoursUnknown}</p>`
  const weekly = site.hours.filter((r) => !isRecurringRule(r))
  const recurring = site.hours.filter(isRecurringRule)
  const rows = DAY_CODES.map((code, day) => {
    const spans = weekly
      .filter((r) => r.byday.split(',').includes(code))
      .map((r) => (r.opens === r.closes && r.opens.startsWith('00:00') ? s.allDay : `${clockText(r.opens, lang)} – ${clockText(r.closes, lang)}`))
    return html`<tr><th scope="row">${dayName(day, lang)}</th><td>${spans.length ? spans.join(', ') : s.closedDay}</td></tr>`
  })
  // Every 2 weeks, 2nd and 4th Tuesday…: listed in words under the week (alone when there is no weekly rule).
  const list = recurring.length ? html`<ul>${recurring.map((r) => html`<li>${recurringLine(r, lang)}</li>`)}</ul>` : html``
  if (!weekly.length) return list
  return recurring.length ? html`<table>${rows}</table><p>${alsoOpenText(lang)}</p>${list}` : html`<table>${rows}</table>`
}

/** A language code in words: the vocabulary's label, else the runtime's name for it; never the bare code when a name exists. */
function languageName(code: string, lang: PageLang): string {
  const known = termLabel('languages', code, lang)
  if (known) return known
  try {
    const name = new Intl.DisplayNames([localeOf(lang)], { type: 'language' }).of(code)
    return name ? name.charAt(0).toLocaleUpperCase(localeOf(lang)) + name.slice(1) : code
  } catch {
    return code
  }
}

/**
 * An OpenStreetMap directions link to the site, as the map page builds it (web/src/directions.ts):
 * by address where the point is only a ZIP or city centre (or missing), else by the site's
 * coordinates. It carries the site's position, never the person's; the person fills in the start.
 */
export function liteDirections(site: SiteDetail): { href: string; byAddress: boolean } | null {
  const address = addressText({ ...site, address_2: null })
  const hasAddress = Boolean(site.address_1 || site.city)
  const noPoint = site.lat === null || site.lon === null
  if (hasAddress && (noPoint || isApproximateLocation(site.location_precision))) {
    return { href: `https://www.openstreetmap.org/directions?to=${encodeURIComponent(address)}`, byAddress: true }
  }
  if (noPoint) return null
  return { href: `https://www.openstreetmap.org/directions?to=${site.lat}%2C${site.lon}`, byAddress: false }
}

/** The site with each record's source named in words, for the "from …" notes and the source list. */
function labelled(site: SiteDetail, lang: PageLang): SiteDetail {
  const relabel = <R extends { source: string }>(r: R): R => ({ ...r, source: sourceLabel(r.source, lang) })
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
  return { ...site, source: sourceLabel(site.source, lang), records: site.records.map(relabel), field_sources: fieldSources }
}

function sources(site: SiteDetail, lang: PageLang): SafeHtml {
  const s = LITE_STRINGS[lang]
  if (!site.records.length) return html`<p>${site.source}</p>`
  const items = site.records.map((r) => {
    const meta = [
      r.primary ? s.recordPrimary : null,
      s.recordImported(dateText(r.imported_at, lang)),
      r.merged_at ? s.recordMerged(dateText(r.merged_at, lang)) : null,
      r.status === 'active' ? null : s.recordInactive,
    ].filter(Boolean)
    return html`<li><strong>${r.source}</strong> — ${r.name}${r.alternate_name ? ` (${r.alternate_name})` : ''}<br>${meta.join(' · ')}</li>`
  })
  return html`<details><summary>${s.sourcesSummary(site.records.length)}</summary><ul>${items}</ul></details>`
}

function body(raw: SiteDetail, lang: PageLang, now: Date, afterHours: SafeHtml = html``): SafeHtml {
  const s = LITE_STRINGS[lang]
  const site = labelled(raw, lang)
  const from = (...fields: Parameters<typeof fieldsOrigin>[1]) => {
    const text = fieldsOrigin(site, fields, s)
    return text ? html`<p class="from">${text}</p>` : ''
  }
  const today = siteToday(now, site.timezone)
  const closure = closureText(site.status, site.status_until, site.status_reason, today, lang)
  const state = closure ? html`<strong class="closed">${closure}</strong>` : openStatusText(site.open_now, site.next_change, site.timezone, now, lang)
  const alt = site.alternate_name && site.alternate_name.toLowerCase() !== site.name.toLowerCase() ? html`<p class="alt">${site.alternate_name}</p>` : ''
  const phones = site.phones.length
    ? site.phones.map((p) => {
        const origin = itemOrigin(site, 'phones', p.number, s)
        return html`<p><a class="tel" href="${telHref(p.number, p.extension)}">${s.call} ${ltrData(`${p.number}${p.extension ? ` x${p.extension}` : ''}`, lang)}</a>${origin ? html` <span class="from">${origin}</span>` : ''}</p>`
      })
    : html`<p>${s.noPhone}</p>`
  const services = site.services.map((code) => {
    const origin = itemOrigin(site, 'services', code, s)
    return html`<li>${codeLabel('services', code, lang)}${origin ? html` <span class="from">${origin}</span>` : ''}</li>`
  })
  const line = verificationLine(site.assured_date, today, lang)
  const website = site.website ?? site.organization.website
  const types = typesText(site.types, lang)
  const approximate = site.lat !== null && isApproximateLocation(site.location_precision)
  const approxNote = approximate ? html`<p class="note">${s.approxLocation[site.location_precision] ?? s.approxLocationOther}. ${s.approxNote}</p>` : ''
  const way = liteDirections(site)
  // rel=noreferrer: the maps site is not told which listing the person came from.
  const directions = way ? html`<p><a class="tel" href="${way.href}" rel="noreferrer">${way.byAddress ? s.directionsByAddress : s.directions}</a></p>` : ''
  const payment = site.payment.map((code) => termLabel('payment', code, lang)).filter(Boolean)
  const languages = site.languages.map((code) => languageName(code, lang))
  return html`<h2>${site.name}</h2>${alt}${from('name', 'alternate_name')}${types ? html`<p>${types}</p>` : ''}
${site.demo ? html`<p class="demo">${s.demo}</p>` : ''}<p>${state}</p>${nextHereHtml(site, lang)}${liveStatusHtml(site.live_status, now, lang)}${site.public_note ? html`<p class="note">${notePrefix(lang)} ${site.public_note}</p>` : ''}
<p class="${line.age}">${line.verified ? html`${line.verified} · ` : ''}<span class="badge"><span aria-hidden="true">${line.icon}</span> ${line.label}</span></p>
<h3>${s.address}</h3><p>${ltrData(addressText(site), lang)}</p>${from('address_1', 'address_2', 'city', 'region', 'postal_code')}${approxNote}${directions}
<h3>${s.phones}</h3>${phones}
<h3>${s.hours}</h3>${weekHours(site, lang)}${from('hours')}${mobileStopsHtml(site, lang)}${afterHours}
${website ? html`<h3>${s.website}</h3><p>${website}</p>${site.website ? from('website') : ''}` : ''}
${services.length ? html`<h3>${s.servicesHeading}</h3><ul>${services}</ul>` : ''}
${payment.length ? html`<h3>${s.payment}</h3><ul>${payment.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
${languages.length ? html`<h3>${s.languages}</h3><p>${languages.join(', ')}</p>` : ''}
<h3>${s.sources}</h3>${sources(site, lang)}`
}

/**
 * The week's availability reports (only when there are any, said to be unconfirmed) and the
 * three things a person can say, as POST forms that need no script: the kind travels in the
 * form body, never in the URL, and the answer is a 303 back to this page.
 */
function availability(site: SiteDetail, lang: PageLang, notice?: LiteSiteNotice): SafeHtml {
  const s = LITE_STRINGS[lang].availability
  const summary = availabilitySummary(site.availability_reports, lang)
  const action = `/lite/sites/${encodeURIComponent(site.id)}/availability`
  const forms = availabilityChoices(site.services, lang).map(
    (c) =>
      html`<form class="inline" method="post" action="${action}"><input type="hidden" name="kind" value="${c.kind}">${c.supply ? html`<input type="hidden" name="supply" value="${c.supply}">` : ''}<input type="hidden" name="lang" value="${lang}"><button type="submit">${c.label}</button></form> `,
  )
  const said = notice ? html`<p id="availability-notice" class="notice" role="${notice.error ? 'alert' : 'status'}">${notice.text}</p>` : ''
  return html`<h3 id="availability">${s.heading}</h3>${summary ? html`<p class="availability-counts"><strong>${summary.said}</strong> ${summary.parts.join(' · ')}</p>` : ''}
${said}<div class="availability-forms">${forms}</div><p class="from">${s.hint}</p>`
}

/** A line under the availability buttons: the thank-you after a report, or why it was not taken. */
export interface LiteSiteNotice {
  text: string
  error: boolean
}

/** The whole document: the site, or (without one) the not-found message. */
export function renderLiteSitePage(page: { lang: PageLang; now: Date; site?: SiteDetail; error?: string; notice?: LiteSiteNotice }): string {
  const s = LITE_STRINGS[page.lang]
  const here = page.site ? `/lite/sites/${encodeURIComponent(page.site.id)}` : '/lite'
  const main = page.site
    ? body(page.site, page.lang, page.now, availability(page.site, page.lang, page.notice))
    : html`<p role="alert">${page.error ?? s.notFound}</p>`
  return html`<!doctype html>
<html lang="${page.lang}" dir="${dirOf(page.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${page.site ? `${page.site.name} — ${s.title}` : s.title}</title><link rel="icon" href="data:,"><style>${LITE_STYLE}
${SITE_STYLE}
${LANG_SWITCH_STYLE}</style></head>
<body><header><p><a href="/lite${langQuery(page.lang)}">${s.newSearch}</a></p>${langLinks(page.lang, s.languageChoice, (lang) => `${here}${langQuery(lang)}`)}</header>
<main>${main}</main></body></html>`.toString()
}

/** The site's part of the page and its style, for other server-rendered pages that show a listing as the public sees it (/update/<token>). */
export { body as liteSiteBody, SITE_STYLE as LITE_SITE_STYLE }
