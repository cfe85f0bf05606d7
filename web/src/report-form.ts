/**
 * "Report a problem" inside the detail panel: a kind and optional details, sent anonymously.
 */
import type { ReportKind } from '../../common/contract/report.js'
import { reportAnywhere } from './offline/offline-api.js'
import { h, nextId } from './dom.js'
import { t } from './i18n.js'

const KINDS = ['wrong_hours', 'closed', 'wrong_address', 'wrong_phone', 'wrong_services', 'other'] as const satisfies readonly ReportKind[]

/** The disclosure button and its (initially hidden) form, for one site. */
export function reportSection(site: { id: string; name: string }): HTMLElement {
  const s = t()
  const formId = nextId('report-form')
  const messageId = nextId('report-message')
  const hintId = nextId('report-hint')
  const status = h('p', { class: 'report-status', role: 'status' })
  const toggle = h('button', { type: 'button', class: 'btn secondary', 'aria-expanded': 'false', 'aria-controls': formId }, s.report)
  const send = h('button', { type: 'submit', class: 'btn primary' }, s.reportSend)
  const cancel = h('button', { type: 'button', class: 'btn secondary' }, s.reportCancel)
  const form = h(
    'form',
    { id: formId, class: 'report-form', hidden: true },
    h(
      'fieldset',
      {},
      h('legend', {}, s.reportLegend),
      ...KINDS.map((kind, i) =>
        h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'kind', value: kind, required: i === 0 }), h('span', {}, s.reportKinds[kind] ?? kind)),
      ),
    ),
    h('label', { for: messageId }, s.reportMessage),
    h('textarea', { id: messageId, name: 'message', maxlength: 2000, rows: 4, 'aria-describedby': hintId }),
    h('p', { id: hintId, class: 'hint' }, s.reportHint),
    h('div', { class: 'actions' }, send, cancel),
  )

  const setOpen = (open: boolean) => {
    form.hidden = !open
    toggle.setAttribute('aria-expanded', String(open))
    if (open) form.querySelector<HTMLInputElement>('input[name="kind"]')?.focus()
  }
  toggle.addEventListener('click', () => {
    status.textContent = ''
    setOpen(form.hidden)
  })
  cancel.addEventListener('click', () => {
    setOpen(false)
    toggle.focus()
  })
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const kind = KINDS.find((k) => k === data.get('kind'))
    if (!kind) return
    send.disabled = true
    try {
      // With no signal the report waits on the phone and goes when the signal is back.
      const outcome = await reportAnywhere(site, kind, String(data.get('message') ?? '').slice(0, 2000))
      form.reset()
      setOpen(false)
      status.textContent = outcome === 'queued' ? t().offlineUse.reportQueued : t().reportThanks
      toggle.focus()
    } catch {
      status.textContent = t().reportFailed
    } finally {
      send.disabled = false
    }
  })
  return h('section', { class: 'report' }, toggle, form, status)
}
