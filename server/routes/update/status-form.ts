/**
 * The "Today and supplies" section of the provider update page: the site's live status as
 * shown now, and a form (no script) to post today's changes, supplies and treatment
 * openings. Each control starts at "no change"; "clear" withdraws what was posted. The form
 * reads back into the same LiveStatusPost a curator sends (PUT …/status), so both are checked
 * by one set of rules (server/curate/live-status.ts).
 */
import { INTAKE_ANSWERS, type LiveStatusPost, MAX_BEDS, SUPPLIES, SUPPLY_LEVELS, TODAY_KINDS } from '../../../common/contract/live-status.js'
import type { SiteDetail } from '../../../common/contract/site.js'
import type { PageLang } from '../../../common/format.js'
import { html, type SafeHtml } from '../../html/template.js'
import { liveStatusHtml } from '../lite/render.js'
import { UPDATE_STRINGS } from './strings.js'

export const STATUS_ACTION = 'status'

/** The section's words in a language (i18n/<lang>.ts, under `status`). */
export const statusWords = (lang: PageLang) => UPDATE_STRINGS[lang].status

function select(id: string, label: string, options: [string, string][]): SafeHtml {
  return html`<p><label for="${id}">${label}</label><br><select id="${id}" name="${id}">${options.map(
    ([value, text]) => html`<option value="${value}">${text}</option>`,
  )}</select></p>`
}

/** The section: what shows now, and the form posting back to `action`. */
export function renderStatusSection(p: { lang: PageLang; now: Date; site: SiteDetail; action: string; message?: { text: string; error: boolean } }): SafeHtml {
  const w = statusWords(p.lang)
  const current = liveStatusHtml(p.site.live_status, p.now, p.lang)
  const noChange: [string, string] = ['', w.noChange]
  const clear: [string, string] = ['clear', w.clear]
  const message = p.message ? html`<p role="${p.message.error ? 'alert' : 'status'}" class="${p.message.error ? 'error' : 'done'}">${p.message.text}</p>` : ''
  return html`<section id="status" aria-labelledby="status-heading"><h2 id="status-heading">${w.heading}</h2>${message}
${current || html`<p>${w.nothing}</p>`}<p>${w.help}</p>
<form method="post" action="${p.action}#status"><input type="hidden" name="action" value="${STATUS_ACTION}"><input type="hidden" name="lang" value="${p.lang}">
<fieldset><legend>${w.today}</legend>${select('today', w.todayChange, [noChange, ['clear', w.asUsual], ...TODAY_KINDS.map((k): [string, string] => [k, w.todayKinds[k]])])}
<p><label for="today_time">${w.time}</label><br><input type="time" id="today_time" name="today_time"></p></fieldset>
<fieldset><legend>${w.suppliesLegend}</legend>${SUPPLIES.map((supply) =>
    select(supply, w.supplies[supply] ?? supply, [noChange, ...SUPPLY_LEVELS.map((l): [string, string] => [l, w.levels[l]]), clear]),
  )}</fieldset>
<fieldset><legend>${w.treatmentLegend}</legend>${select('accepting_new_patients', w.intake, [noChange, ...INTAKE_ANSWERS.map((a): [string, string] => [a, w.intakeAnswers[a]]), clear])}
${select('same_day_start', w.sameDay, [noChange, ['yes', w.yes], ['no', w.no], clear])}
<p><label for="beds_available">${w.beds}</label><br><input type="number" inputmode="numeric" min="0" max="${String(MAX_BEDS)}" id="beds_available" name="beds_available"></p></fieldset>
<button type="submit">${w.send}</button></form></section>`
}

export class StatusFormError extends Error {}

const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | 'clear' | undefined =>
  value === 'clear' ? 'clear' : (allowed as readonly unknown[]).includes(value) ? (value as T) : undefined

/** The form's fields as a post; StatusFormError (in the page's language) when it says nothing or a value is wrong. */
export function statusPostOf(body: Record<string, unknown>, lang: PageLang): LiveStatusPost {
  const w = statusWords(lang)
  const post: LiveStatusPost = {}
  const today = pick(body.today, TODAY_KINDS)
  const time = typeof body.today_time === 'string' ? body.today_time.trim().slice(0, 5) : ''
  if (today === 'clear') post.today = null
  else if (today === 'not_running') post.today = { kind: today }
  else if (today) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new StatusFormError(w.errors.time)
    post.today = { kind: today, time }
  }
  for (const supply of SUPPLIES) {
    const level = pick(body[supply], SUPPLY_LEVELS)
    if (level) post[supply] = level === 'clear' ? null : level
  }
  const intake = pick(body.accepting_new_patients, INTAKE_ANSWERS)
  if (intake) post.accepting_new_patients = intake === 'clear' ? null : intake
  const sameDay = pick(body.same_day_start, ['yes', 'no'] as const)
  if (sameDay) post.same_day_start = sameDay === 'clear' ? null : sameDay === 'yes'
  const beds = typeof body.beds_available === 'string' ? body.beds_available.trim() : ''
  if (beds !== '') {
    if (!/^\d{1,5}$/.test(beds) || Number(beds) > MAX_BEDS) throw new StatusFormError(w.errors.beds)
    post.beds_available = Number(beds)
  }
  if (Object.keys(post).length === 0) throw new StatusFormError(w.errors.nothing)
  return post
}
