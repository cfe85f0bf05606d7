/**
 * Runs what a button asks for: the button is busy (aria-disabled, aria-busy) meanwhile — not
 * `disabled`, which would throw keyboard focus out of it — and a failure is announced in
 * words instead of thrown.
 */
import { announceFailure } from './status.js'

/** Runs `work` for `button`; resolves true when it succeeded. A second press while busy does nothing. */
export async function runAction(button: HTMLButtonElement | null, work: () => Promise<void>): Promise<boolean> {
  if (button?.getAttribute('aria-busy') === 'true') return false
  button?.setAttribute('aria-busy', 'true')
  button?.setAttribute('aria-disabled', 'true')
  try {
    await work()
    return true
  } catch (err) {
    announceFailure(err)
    return false
  } finally {
    button?.removeAttribute('aria-busy')
    button?.removeAttribute('aria-disabled')
  }
}
