/**
 * The "Propose changes" section of the provider update page: every field a provider may
 * change, filled with the listing's values (or with what was sent, when it comes back with a
 * message), hours as a weekly table, code lists as checkboxes. No script: a plain form that
 * POSTs to the page's own address with action=propose.
 */
import { DAY_CODES, dayName, type PageLang } from '../../../common/format.js'
import { termLabel } from '../../../common/term-labels.js'
import { LANGUAGES, PAYMENT, SERVICES } from '../../../common/vocabulary.js'
import type { ProposableField } from '../../curate/change-requests.js'
import { html, type SafeHtml } from '../../html/template.js'
import type { CodeField, DayCode, ProposalForm, TextField } from './proposal-form.js'
import { UPDATE_STRINGS } from './strings.js'

export const PROPOSE_STYLE = html`.propose label{display:block;margin-top:.6rem}.propose textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}
.propose fieldset{min-width:0}.propose fieldset label{display:flex;margin:0;font-weight:400}
.hours{border-collapse:collapse;width:100%;table-layout:fixed}.hours th,.hours td{padding:.2rem .15rem;text-align:left}.hours .day-col{width:3rem}.hours .closed-col{width:4rem}
.hours input[type=time]{font-size:1rem;min-height:44px;width:100%;min-width:0;box-sizing:border-box;padding:.25rem}.hours td.closed-cell,.hours th.closed-col{text-align:center}
.hours td.closed-cell input{margin:0}.errors{border:2px solid #8a3b00;padding:.5rem .75rem;margin:.75rem 0}[aria-invalid=true]{border:2px solid #8a3b00}
.propose button{width:100%;max-width:24rem;margin-top:1rem}.trusted{border-left:4px solid #1d6b2f;padding-left:.5rem}`

/** Why a sent form came back: a field (and, for hours, a day) that is not right, or nothing changed. */
export type ProposalProblem = { field: ProposableField; day?: DayCode } | { nothingChanged: true }

export interface ProposalView {
  form: ProposalForm
  complexHours: boolean
  trusted: boolean
  problem?: ProposalProblem
}

const idOf = (field: string) => `f-${field.replace(/_/g, '-')}`
const MAX_LENGTH: Record<TextField, number> = {
  name: 500,
  address_1: 200,
  address_2: 200,
  city: 100,
  region: 2,
  postal_code: 10,
  website: 500,
  description: 2000,
}
const CODES: Record<CodeField, readonly { code: string; en: string; es: string }[]> = { services: SERVICES, payment: PAYMENT, languages: LANGUAGES }

function problemText(problem: ProposalProblem, lang: PageLang): SafeHtml {
  const s = UPDATE_STRINGS[lang]
  if ('nothingChanged' in problem) return html`<div class="errors" role="alert"><p>${s.nothingChanged}</p></div>`
  const day = problem.day ? dayName(DAY_CODES.indexOf(problem.day), lang) : null
  const message = day ? s.hoursDay(day) : `${s.fields[problem.field]}: ${s.hints[problem.field]}`
  return html`<div class="errors" role="alert"><p>${s.errorIntro}</p><p><a href="#${idOf(problem.day ? `hours-${problem.day}` : problem.field)}">${message}</a></p></div>`
}

function textInput(field: TextField, form: ProposalForm, lang: PageLang, invalid: boolean): SafeHtml {
  const label = UPDATE_STRINGS[lang].fields[field]
  const common = html`id="${idOf(field)}" name="${field}" maxlength="${MAX_LENGTH[field]}"${invalid ? html` aria-invalid="true"` : ''}`
  if (field === 'description') return html`<label for="${idOf(field)}">${label}</label><textarea ${common} rows="4">${form.text[field]}</textarea>`
  const extra = field === 'postal_code' ? html` inputmode="numeric" autocomplete="postal-code"` : field === 'website' ? html` inputmode="url"` : ''
  return html`<label for="${idOf(field)}">${label}</label><input type="text" ${common} value="${form.text[field]}"${extra}>`
}

function hoursTable(form: ProposalForm, lang: PageLang, complex: boolean, problem: ProposalProblem | undefined): SafeHtml {
  const s = UPDATE_STRINGS[lang]
  const badDay = problem && 'field' in problem ? problem.day : undefined
  const rows = form.hours.map((d, i) => {
    const name = dayName(i, lang)
    const invalid = badDay === d.day ? html` aria-invalid="true"` : ''
    return html`<tr><th scope="row" id="${idOf(`hours-${d.day}`)}">${name}</th>
<td><input type="time" name="hours.${d.day}.opens" value="${d.opens}" aria-label="${name}: ${s.opens}"${invalid}></td>
<td><input type="time" name="hours.${d.day}.closes" value="${d.closes}" aria-label="${name}: ${s.closes}"${invalid}></td>
<td class="closed-cell"><input type="checkbox" name="hours.${d.day}.closed" value="1" aria-label="${name}: ${s.closed}"${d.closed ? html` checked` : ''}></td></tr>`
  })
  return html`<fieldset id="${idOf('hours')}"><legend>${s.fields.hours}</legend><p>${s.hoursHelp}</p>${complex ? html`<p class="notice">${s.hoursComplex}</p>` : ''}
<table class="hours"><thead><tr><th scope="col" class="day-col">${s.day}</th><th scope="col">${s.opens}</th><th scope="col">${s.closes}</th><th scope="col" class="closed-col">${s.closed}</th></tr></thead>
<tbody>${rows}</tbody></table></fieldset>`
}

function codeBoxes(field: CodeField, form: ProposalForm, lang: PageLang): SafeHtml {
  const chosen = new Set(form.codes[field])
  const known = new Set(CODES[field].map((c) => c.code))
  // A code the vocabulary no longer lists stays chosen, so sending the form does not drop it unasked.
  const terms = [...CODES[field], ...[...chosen].filter((c) => !known.has(c)).map((code) => ({ code, en: code, es: code }))]
  const boxes = terms.map(
    (t) =>
      html`<label><input type="checkbox" name="${field}" value="${t.code}"${chosen.has(t.code) ? html` checked` : ''}>${termLabel(field, t.code, lang) ?? t.en}</label>`,
  )
  return html`<fieldset id="${idOf(field)}"><legend>${UPDATE_STRINGS[lang].fields[field]}</legend>${boxes}</fieldset>`
}

/** The section: a note on how changes are handled, any problem with what was sent, the form. */
export function proposeSection(p: { action: string; lang: PageLang; view: ProposalView }): SafeHtml {
  const s = UPDATE_STRINGS[p.lang]
  const { form, problem } = p.view
  const invalid = (field: ProposableField) => !!problem && 'field' in problem && problem.field === field && !problem.day
  const phonesInvalid = invalid('phones') ? html` aria-invalid="true"` : ''
  return html`<section class="propose" id="propose"><h2>${s.proposeHeading}</h2>
${p.view.trusted ? html`<p class="trusted">${s.proposeTrusted}</p>` : html`<p>${s.proposeHelp}</p>`}
${problem ? problemText(problem, p.lang) : ''}
<form method="post" action="${p.action}#propose"><input type="hidden" name="lang" value="${p.lang}"><input type="hidden" name="action" value="propose">
<fieldset><legend>${s.addressGroup}</legend>${(['name', 'address_1', 'address_2', 'city', 'region', 'postal_code'] as const).map((f) => textInput(f, form, p.lang, invalid(f)))}</fieldset>
<fieldset><legend>${s.contactGroup}</legend><label for="${idOf('phones')}">${s.fields.phones}</label>
<textarea id="${idOf('phones')}" name="phones" rows="3" maxlength="440"${phonesInvalid}>${form.phones.join('\n')}</textarea>
${textInput('website', form, p.lang, invalid('website'))}${textInput('description', form, p.lang, invalid('description'))}</fieldset>
${hoursTable(form, p.lang, p.view.complexHours, problem)}
${(['services', 'payment', 'languages'] as const).map((f) => codeBoxes(f, form, p.lang))}
<button type="submit">${s.propose}</button></form></section>`
}
