/**
 * HTML of the text-only page: one small document, inline CSS, no JavaScript. Built with the
 * `html` template, which escapes every value from a request or the database.
 */
import { html, type SafeHtml } from '../../html/template.js'
import { closureText, notePrefix } from '../../../common/curator-notes.js'
import { liveHeading, liveLines } from '../../../common/live-status-text.js'
import { addressText, distanceText, isApproximateLocation, openStatusText, telHref, type PageLang } from '../../../common/format.js'
import { LANG_SWITCH_STYLE, langSwitch } from '../../html/lang-switch.js'
import { dirOf, LANGUAGE_NAMES } from '../../../common/lang-choice.js'
import { termLabel } from '../../../common/term-labels.js'
import { siteToday, VERIFIED_WITHIN_CHOICES, verificationLine } from '../../../common/verification.js'
import type { SearchResponse, SearchResult } from '../../../common/contract/search.js'
import { codeLabel, langQuery, LITE_RADII, LITE_SERVICES, LITE_STRINGS, placeName } from './strings.js'

export interface LiteForm {
  near: string
  services: string[]
  openNow: boolean
  radiusMi: number
  /** Only sites verified within this many days (one of VERIFIED_WITHIN_CHOICES), or null for any. */
  verifiedWithinDays: number | null
  /** Only sites that say now they have naloxone (live status: in stock or low). */
  naloxoneInStock?: boolean
  lang: PageLang
  /** The number of the first result shown: 1, or 21 on the page "More results" opens. */
  from: number
}

export interface LitePage {
  form: LiteForm
  response?: SearchResponse
  error?: string
  /** A note above the form (why an old bookmark's place was not searched). */
  notice?: string
  now: Date
}

/** The text-only pages' style sheet (the site page adds a few rules). */
export const LITE_STYLE = html`body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:.75rem;color:#1a1a1a}
a{color:#0b5394}a:focus,input:focus,select:focus,button:focus{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:.5rem;top:.5rem;background:#fff;padding:.5rem}
label,legend{font-weight:600}input[type=text],select{font-size:1rem;padding:.5rem;min-height:44px;box-sizing:border-box}
input[type=text]{width:100%}fieldset{border:1px solid #999;margin:.75rem 0}fieldset label{display:inline-flex;align-items:center;min-height:44px;margin-inline-end:1rem;font-weight:400}
input[type=checkbox]{width:1.25rem;height:1.25rem;margin-inline:0 .4rem}button{font-size:1rem;min-height:44px;padding:.5rem 1.25rem;background:#0b5394;color:#fff;border:0;border-radius:4px}
ol{padding-inline-start:1.5rem}li{margin:0 0 1rem}h3{margin:0;font-size:1.05rem}p{margin:.2rem 0}.demo{background:#fff3cd;border:1px solid #8a6d00;padding:.5rem}
.tel{display:inline-block;min-height:44px;line-height:44px;font-weight:600}.closed{color:#8a3b00}.note{border-inline-start:4px solid #0b5394;padding-inline-start:.5rem}
.badge{display:inline-block;border:1px solid;border-radius:3px;padding:0 .3rem;font-weight:600}.fresh .badge{color:#1d6b2f}.aging .badge{color:#6b5000}
.stale .badge,.never .badge{color:#8a3b00;border-width:2px}.inline{display:inline}.linkish{background:none;color:#0b5394;padding:0;min-height:44px;text-decoration:underline;font:inherit}
.more{margin:1rem 0}.notice{border-inline-start:4px solid #8a6d00;padding-inline-start:.5rem}
.live{list-style:none;padding:0;margin:.2rem 0}.live li{margin:0}.live .good{color:#1d6b2f}.live .warn{color:#6b5000}.live .bad{color:#8a3b00;font-weight:600}.live .age{color:#4a4f55;font-weight:400}
${LANG_SWITCH_STYLE}`

/** Live status lines ("Naloxone in stock · updated 2 hours ago"), or nothing; expired posts are gone. */
export function liveStatusHtml(items: SearchResult['live_status'] | undefined, now: Date, lang: PageLang): SafeHtml | '' {
  const lines = liveLines(items, now, lang)
  if (!lines.length) return ''
  const icon = { good: '●', warn: '◐', bad: '○' } as const
  return html`<ul class="live" aria-label="${liveHeading(lang)}">${lines.map(
    (l) => html`<li class="${l.tone}"><span aria-hidden="true">${icon[l.tone]}</span> ${l.text}<span class="age"> · ${l.age}</span></li>`,
  )}</ul>`
}

/** A site's types in words: "Pharmacy · Health center or clinic" (a code the vocabulary lacks is left out). */
export function typesText(codes: readonly string[], lang: PageLang): string {
  return codes
    .map((code) => termLabel('types', code, lang))
    .filter(Boolean)
    .join(' · ')
}

/**
 * The search as hidden fields, for the POST buttons on a result page ("More results", the
 * language switch): the place rides in the form body, never in a URL.
 */
function hiddenFields(form: LiteForm, extra: Record<string, string> = {}): SafeHtml[] {
  const fields: [string, string][] = [['near', form.near]]
  for (const code of form.services) fields.push(['services', code])
  if (form.openNow) fields.push(['open_now', '1'])
  fields.push(['radius', String(form.radiusMi)])
  if (form.verifiedWithinDays !== null) fields.push(['verified', String(form.verifiedWithinDays)])
  if (form.naloxoneInStock) fields.push(['in_stock', 'naloxone'])
  if (!('lang' in extra)) fields.push(['lang', form.lang])
  fields.push(...Object.entries(extra))
  return fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)
}

/**
 * Directory data written left to right (a street address, a phone number, a place name) set
 * apart in a right-to-left page, so "1 Test St" and "(410) 555-0100" keep their order; as it
 * is in the other languages.
 */
export function ltrData(text: string, lang: PageLang): SafeHtml | string {
  return dirOf(lang) === 'rtl' ? html`<bdi dir="ltr">${text}</bdi>` : text
}

/** A place name inside a sentence of a right-to-left language, isolated (U+2068…U+2069) so its commas and digits keep their order. */
const isolatePlace = (place: string, lang: PageLang) => (dirOf(lang) === 'rtl' ? `\u2068${place}\u2069` : place)

const CHECKED = html` checked`
const SELECTED = html` selected`

function renderForm(form: LiteForm): SafeHtml {
  const s = LITE_STRINGS[form.lang]
  const checks = LITE_SERVICES.map(
    (code) =>
      html`<label><input type="checkbox" name="services" value="${code}"${form.services.includes(code) ? CHECKED : ''}>${codeLabel('services', code, form.lang)}</label>`,
  )
  const radii = LITE_RADII.map((r) => html`<option value="${r}"${r === form.radiusMi ? SELECTED : ''}>${s.radiusOption(r)}</option>`)
  const verified = [
    html`<option value=""${form.verifiedWithinDays === null ? SELECTED : ''}>${s.verifiedAny}</option>`,
    ...VERIFIED_WITHIN_CHOICES.map((d) => html`<option value="${d}"${d === form.verifiedWithinDays ? SELECTED : ''}>${s.verifiedWithin[d]}</option>`),
  ]
  return html`<form method="post" action="/lite"><input type="hidden" name="lang" value="${form.lang}">
<p><label for="near">${s.near}</label><br><input type="text" id="near" name="near" value="${form.near}" autocomplete="postal-code" maxlength="200" required></p>
<fieldset><legend>${s.services}</legend>${checks}</fieldset>
<p><label><input type="checkbox" name="open_now" value="1"${form.openNow ? CHECKED : ''}>${s.openNow}</label></p>
<p><label><input type="checkbox" name="in_stock" value="naloxone"${form.naloxoneInStock ? CHECKED : ''}>${s.naloxoneInStock}</label></p>
<p><label for="radius">${s.within}</label> <select id="radius" name="radius">${radii}</select></p>
<p><label for="verified">${s.verifiedLabel}</label> <select id="verified" name="verified">${verified}</select></p>
<p><button type="submit">${s.search}</button></p></form>`
}

/** "Verified Oct 1, 2026 · [✓ Recent]": the age class in words and a bordered badge, never colour alone. */
function verificationText(r: SearchResult, today: string, lang: PageLang): SafeHtml {
  const line = verificationLine(r.assured_date, today, lang)
  const badge = html`<span class="badge"><span aria-hidden="true">${line.icon}</span> ${line.label}</span>`
  return html`<p class="${line.age}">${line.verified ? html`${line.verified} · ` : ''}${badge}</p>`
}

/**
 * What the geocoder could not do, said on the page: a street address matched only to its city
 * or ZIP, or a bare name that fits several places — each one a POST button searching there.
 */
function geocodeNote(page: LitePage, place: string): SafeHtml | string {
  const { form, response } = page
  if (!response) return ''
  const s = LITE_STRINGS[form.lang]
  const origin = response.origin
  if (origin.ambiguous && origin.candidates?.length) {
    const name = form.near.split(',')[0]?.trim() || form.near
    const choices = origin.candidates.map(
      (c) =>
        html`<li><form method="post" action="/lite" class="inline">${hiddenFields({ ...form, near: c.label, from: 1 })}<button type="submit">${placeName(c.label, form.lang)}</button></form></li>`,
    )
    return html`<div class="notice" role="status"><p>${s.placeChoice(name, place)}</p><ul>${choices}</ul></div>`
  }
  if (origin.notice === 'address_approximated') return html`<p class="notice" role="status">${s.placeApproximated(place)}</p>`
  return ''
}

function renderResults(page: LitePage): SafeHtml | null {
  const { form, response, now } = page
  const s = LITE_STRINGS[form.lang]
  if (page.error) return html`<section id="results"><p role="alert">${s.error} ${page.error}</p></section>`
  if (!response) return null
  const place = isolatePlace(response.origin.label ? placeName(response.origin.label, form.lang) : form.near, form.lang)
  const demo = response.results.some((r) => r.demo) ? html`<p class="demo">${s.demo}</p>` : ''
  const items = response.results.map((r) => {
    const phone = r.phone ? html`<a class="tel" href="${telHref(r.phone)}">${s.call} ${ltrData(r.phone, form.lang)}</a>` : html`<span>${s.noPhone}</span>`
    const today = siteToday(now, r.timezone)
    const closure = closureText(r.status, r.status_until, r.status_reason, today, form.lang)
    // A closure takes the place of the opening state: weekly hours would say "Open now" while it is shut.
    const state = closure ? html`<strong class="closed">${closure}</strong>` : openStatusText(r.open_now, r.next_change, r.timezone, now, form.lang)
    const note = r.public_note ? html`<p class="note">${notePrefix(form.lang)} ${r.public_note}</p>` : ''
    const types = typesText(r.types, form.lang)
    const distance = distanceText(r.distance_mi, form.lang, isApproximateLocation(r.location_precision))
    return html`<li><h3>${r.name}</h3>${
      types
        ? html`
<p>${types}</p>`
        : ''
    }
<p>${distance} · ${state}</p>${liveStatusHtml(r.live_status, now, form.lang)}${note}
<p>${ltrData(addressText(r), form.lang)}</p><p>${phone}</p>${verificationText(r, today, form.lang)}
<p><a href="/lite/sites/${encodeURIComponent(r.id)}${langQuery(form.lang)}">${s.details}</a></p></li>`
  })
  const start = form.from > 1 ? html` start="${form.from}"` : ''
  const list = response.results.length ? html`<ol${start}>${items.map((item, i) => (i ? html`\n${item}` : item))}</ol>` : html`<p>${s.none}</p>`
  // A page of a longer list says which places it holds, not "20 places" as if that were all.
  const heading =
    form.from > 1 && response.count
      ? s.moreResults(form.from, form.from + response.count - 1, place)
      : response.next_cursor
        ? s.nearest(response.count, place)
        : s.results(response.count, place)
  // The next page: a POST button carrying the search, so the place is not in its URL either.
  const more = response.next_cursor
    ? html`<form method="post" action="/lite" class="more">${hiddenFields(form, { cursor: response.next_cursor, from: String(form.from + response.results.length) })}<button type="submit">${s.morePlaces}</button></form>`
    : ''
  return html`<section id="results" aria-labelledby="results-heading"><h2 id="results-heading">${heading}</h2>${geocodeNote(page, place)}${demo}${list}${more}</section>`
}

/** The whole document. */
export function renderLitePage(page: LitePage): string {
  const { form } = page
  const s = LITE_STRINGS[form.lang]
  // With a search on the page, each other language is the same search re-sent by POST; without one, a plain link.
  const languages = langSwitch(form.lang, s.languageChoice, (lang) =>
    form.near
      ? html`<form method="post" action="/lite" class="inline">${hiddenFields(form, { lang })}<button type="submit" class="linkish" lang="${lang}">${LANGUAGE_NAMES[lang]}</button></form>`
      : html`<a href="/lite${langQuery(lang)}" lang="${lang}" hreflang="${lang}">${LANGUAGE_NAMES[lang]}</a>`,
  )
  const notice = page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ''
  return html`<!doctype html>
<html lang="${form.lang}" dir="${dirOf(form.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${s.title}</title><link rel="icon" href="data:,"><style>${LITE_STYLE}</style></head>
<body><a class="skip" href="#results">${s.skip}</a>
<header><h1>${s.heading}</h1><p>${s.intro}</p>
${languages}<p><a href="/">${s.mapVersion}</a></p></header>
<main>${notice}${renderForm(form)}${renderResults(page)}</main></body></html>`.toString()
}
