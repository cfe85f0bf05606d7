/**
 * Status messages in one polite live region (#status), so a screen reader hears "Saved" or
 * "Could not save" without focus moving; errors are styled apart from confirmations.
 */
import { byId } from '../src/dom.js'
import { ApiError } from './http.js'
import { t } from './i18n.js'

/** Shows and announces a message. */
export function announce(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const region = byId('status')
  region.dataset.kind = kind
  // Cleared first, so the same message twice is announced twice.
  region.textContent = ''
  requestAnimationFrame(() => {
    region.textContent = message
  })
}

export function clearStatus(): void {
  byId('status').textContent = ''
}

/** A failure in words a curator can act on. */
export function failureText(err: unknown): string {
  const s = t()
  if (!(err instanceof ApiError)) return s.failed
  if (err.status === 0) return s.offline
  if (err.status === 403) return err.code === 'CSRF' ? s.csrfFailed : s.forbidden
  if (err.status === 404) return s.notFound
  if (err.status === 409) return s.conflict(err.message)
  if (err.status === 400) return s.invalid(err.message)
  return s.failed
}

/** Announces a failure. */
export function announceFailure(err: unknown): void {
  announce(failureText(err), 'error')
}
