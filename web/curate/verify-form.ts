/**
 * "Confirm as correct": the whole site (which sets its "last verified" date) or only some of
 * its fields (phone, address, hours, services), and how it was checked.
 */
import { h } from '../src/dom.js'
import { verifySite } from './api.js'
import { runAction } from './action.js'
import { t } from './i18n.js'
import { announce } from './status.js'
import { VERIFY_HOWS, type VerifiedField, type VerifyHow } from './types.js'

const PARTS = ['phone', 'address', 'hours', 'services'] as const

/** The form; `onVerified` runs after the server took it. */
export function verifyForm(siteId: string, onVerified: () => Promise<void>): HTMLElement {
  const s = t()
  const scopeWhole = h('input', { type: 'radio', name: 'verify-scope', id: 'verify-whole', value: 'site', checked: true })
  const scopeSome = h('input', { type: 'radio', name: 'verify-scope', id: 'verify-some', value: 'fields' })
  const partBoxes = PARTS.map((p) => h('input', { type: 'checkbox', id: `verify-${p}`, name: 'verify-field', value: p, disabled: true }))
  const sync = () => {
    for (const box of partBoxes) box.disabled = !scopeSome.checked
  }
  scopeWhole.addEventListener('change', sync)
  scopeSome.addEventListener('change', sync)
  const note = h('input', { id: 'verify-note', type: 'text', maxlength: 500, autocomplete: 'off' })
  const submit = h('button', { type: 'submit', class: 'btn primary', id: 'verify-submit' }, s.confirmCorrect)
  const form = h(
    'form',
    { class: 'verify', 'aria-labelledby': 'verify-heading' },
    h(
      'fieldset',
      {},
      h('legend', {}, s.verifyWhat),
      h('label', { class: 'check' }, scopeWhole, ' ', s.verifyWhole),
      h('label', { class: 'check' }, scopeSome, ' ', s.verifySome),
      h(
        'div',
        { class: 'check-grid indent', role: 'group', 'aria-label': s.verifySome },
        ...partBoxes.map((box, i) => h('label', { class: 'check' }, box, ' ', s.verifyParts[PARTS[i]!] ?? PARTS[i]!)),
      ),
    ),
    h(
      'fieldset',
      { class: 'inline-choices' },
      h('legend', {}, s.verifyHow),
      ...VERIFY_HOWS.map((how, i) =>
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'verify-how', value: how, checked: i === 0 }), ' ', s.hows[how] ?? how),
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'verify-note' }, s.verifyNote), note),
    submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const how = (form.querySelector<HTMLInputElement>('input[name="verify-how"]:checked')?.value ?? 'called') as VerifyHow
    const fields = scopeSome.checked ? partBoxes.filter((b) => b.checked).map((b) => b.value as Exclude<VerifiedField, 'site'>) : []
    if (scopeSome.checked && fields.length === 0) {
      announce(s.verifyPickField, 'error')
      partBoxes[0]?.focus()
      return
    }
    void runAction(submit, async () => {
      await verifySite(siteId, fields, how, note.value.trim())
      announce(fields.length ? s.fieldsVerified(fields.map((f) => s.verifyParts[f] ?? f).join(', '), s.hows[how] ?? how) : s.siteVerified(s.hows[how] ?? how))
      await onVerified()
    })
  })
  return h('section', { class: 'card-box', 'aria-labelledby': 'verify-heading' }, h('h3', { id: 'verify-heading' }, s.confirmHeading), form)
}
