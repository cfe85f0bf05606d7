/**
 * The site's live status, in the editor: what shows now ("Naloxone out · updated 2 hours
 * ago") and a form to post today's change, supplies and treatment openings. Each control
 * starts at "No change"; "Clear" withdraws what was posted. The server checks the times
 * against the site's hours and says what is wrong.
 */
import type { LiveStatusItem, LiveStatusPost } from '../../common/contract/live-status.js'
import { liveLines, liveLineText } from '../../common/live-status-text.js'
import { h } from '../src/dom.js'
import { runAction } from './action.js'
import { fetchLiveStatus, postLiveStatus } from './api.js'
import { currentLang, t } from './i18n.js'
import { announce, announceFailure } from './status.js'

const SUPPLIES = ['naloxone', 'test_strips', 'syringes'] as const
const LEVELS = ['in_stock', 'low', 'out'] as const

function choice(id: string, label: string, options: [string, string][]): { field: HTMLElement; select: HTMLSelectElement } {
  const s = t()
  const select = h(
    'select',
    { id },
    h('option', { value: '' }, s.liveNoChange),
    ...options.map(([value, text]) => h('option', { value }, text)),
    h('option', { value: 'clear' }, s.liveClear),
  )
  return { field: h('div', { class: 'field' }, h('label', { for: id }, label), select), select }
}

/** The live status panel of one site, loading itself. */
export function liveStatusPanel(siteId: string): HTMLElement {
  const box = h('section', { class: 'card-box live-panel', 'aria-labelledby': 'live-heading' })
  let items: LiveStatusItem[] | null = null

  const reload = async () => {
    try {
      items = await fetchLiveStatus(siteId)
    } catch (err) {
      announceFailure(err)
      items ??= []
    }
    draw()
  }

  function form(): HTMLFormElement {
    const s = t()
    const today = choice('live-today', s.liveToday, Object.entries(s.liveTodayKinds))
    const time = h('input', { id: 'live-time', type: 'time' })
    const supplies = SUPPLIES.map((supply) => ({
      supply,
      ...choice(
        `live-${supply}`,
        s.liveSupplies[supply] ?? supply,
        LEVELS.map((l) => [l, s.liveLevels[l] ?? l]),
      ),
    }))
    const intake = choice('live-intake', s.liveIntake, Object.entries(s.liveIntakeAnswers))
    const sameDay = choice('live-same-day', s.liveSameDay, [
      ['yes', s.liveYes],
      ['no', s.liveNo],
    ])
    const beds = h('input', { id: 'live-beds', type: 'number', min: 0, max: 10000, step: 1, inputmode: 'numeric', size: 5 })
    const post = h('button', { type: 'submit', class: 'btn', id: 'post-live' }, s.livePost)
    const el = h(
      'form',
      { class: 'live-form' },
      h('div', { class: 'row end' }, today.field, h('div', { class: 'field' }, h('label', { for: 'live-time' }, s.liveTime), time)),
      h('div', { class: 'row end' }, ...supplies.map((x) => x.field)),
      h('div', { class: 'row end' }, intake.field, sameDay.field, h('div', { class: 'field' }, h('label', { for: 'live-beds' }, s.liveBeds), beds)),
      post,
    )
    el.addEventListener('submit', (event) => {
      event.preventDefault()
      const body: LiveStatusPost = {}
      const kind = today.select.value
      if (kind === 'clear') body.today = null
      else if (kind === 'not_running') body.today = { kind }
      else if (kind === 'closing_early' || kind === 'open_late') body.today = time.value ? { kind, time: time.value } : { kind }
      for (const x of supplies) {
        const v = x.select.value
        if (v) body[x.supply] = v === 'clear' ? null : (v as (typeof LEVELS)[number])
      }
      if (intake.select.value) body.accepting_new_patients = intake.select.value === 'clear' ? null : (intake.select.value as 'yes' | 'waitlist' | 'no')
      if (sameDay.select.value) body.same_day_start = sameDay.select.value === 'clear' ? null : sameDay.select.value === 'yes'
      if (beds.value !== '') body.beds_available = Number(beds.value)
      if (Object.keys(body).length === 0) {
        announce(s.liveNothingChosen, 'error')
        return
      }
      void runAction(post, async () => {
        items = await postLiveStatus(siteId, body)
        draw()
        announce(s.livePosted)
      })
    })
    return el
  }

  function draw(): void {
    const s = t()
    const lines = liveLines(items ?? [], new Date(), currentLang())
    box.replaceChildren(
      h('h3', { id: 'live-heading' }, s.liveHeading),
      h('p', { class: 'hint' }, s.liveHint),
      items === null
        ? h('p', {}, s.loading)
        : lines.length
          ? h('ul', { id: 'live-now' }, ...lines.map((l) => h('li', { class: `live-${l.tone}` }, liveLineText(l), h('span', { class: 'muted' }, ` · ${l.by}`))))
          : h('p', { class: 'muted' }, s.liveNothing),
      form(),
    )
  }

  draw()
  void reload()
  return box
}
