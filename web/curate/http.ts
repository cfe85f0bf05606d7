/**
 * The console's one door to the server: same-origin fetches with the session cookie, and the
 * CSRF token (from POST/GET /session) sent on every unsafe request. The token lives in this
 * module's memory only — never in localStorage or a cookie the page can read.
 */

/** A refused or failed call: HTTP status, the server's error code, and Retry-After in seconds. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message)
  }
}

let csrfToken: string | null = null

/** Keeps the session's CSRF token (null on sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let onUnauthenticated: (() => void) | null = null
/** What to do when a signed-in call answers 401 (the session ended). */
export function whenSignedOut(handler: () => void): void {
  onUnauthenticated = handler
}

/** Calls the API; JSON in and out. Throws ApiError on anything but 2xx. */
export async function request<T>(method: Method, path: string, body?: unknown, options: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
  } catch {
    throw new ApiError(0, 'NETWORK', 'network')
  }
  if (res.status === 204) return undefined as T
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'))
    const error = new ApiError(res.status, data.code ?? 'HTTP', data.message ?? res.statusText, Number.isFinite(retry) && retry > 0 ? retry : null)
    if (res.status === 401 && !options.quiet401) onUnauthenticated?.()
    throw error
  }
  return data as T
}
