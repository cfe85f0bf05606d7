/**
 * CORS for the open data API. The directory is public data and the API sets no cookies and
 * reads no credentials, so its read-only routes answer any origin (`*`, never with
 * credentials): another health department's page can search it and read the answer. Writes
 * stay same-origin: a cross-origin page cannot post a problem report (its JSON body needs a
 * preflight, which is not granted) nor read the answer. Route plans stay same-origin too:
 * they are not directory data but solver time (and OSRM calls) that any page could otherwise
 * spend through its visitors' browsers, one rate-limit bucket per visitor.
 */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'

/** Read-only paths any origin may GET (and HEAD). */
const OPEN_FOR_READING = [
  /^\/api\/v1\/(search|taxonomy|geocode)$/,
  /^\/api\/v1\/sites\/[^/]+$/,
  /^\/api\/v1\/export\.(geojson|csv|hsds\.json)$/,
  /^\/hsds(\/.*)?$/,
  /^\/openapi\.json$/,
]
/** POST /api/v1/search is a read with the location in the body (so it stays out of URLs). */
const OPEN_FOR_POSTING = [/^\/api\/v1\/search$/]

/** Whether a cross-origin request of `method` to `path` is answered. Example: `isOpenToAnyOrigin('POST', '/api/v1/search')`. */
export function isOpenToAnyOrigin(method: string, path: string): boolean {
  const patterns = method === 'GET' || method === 'HEAD' ? OPEN_FOR_READING : method === 'POST' ? OPEN_FOR_POSTING : []
  return patterns.some((pattern) => pattern.test(path))
}

/** The method a request stands for: a preflight asks for another. */
function intendedMethod(request: FastifyRequest): string {
  if (request.method !== 'OPTIONS') return request.method
  const asked = request.headers['access-control-request-method']
  return typeof asked === 'string' ? asked.toUpperCase() : ''
}

/** What a preflight is granted (never credentials); browsers cap the max age (Chromium at 2 h), one preflight per page session is plenty. */
const PREFLIGHT = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Content-Type, Accept, Accept-Language',
  'access-control-max-age': '7200',
}
const READ_ONLY = { ...PREFLIGHT, 'access-control-allow-methods': 'GET, HEAD' }
const READ_AND_POST = { ...PREFLIGHT, 'access-control-allow-methods': 'GET, HEAD, POST' }
/** What an open route's every answer says (its errors too, so a partner page can read them). */
const ANSWER = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After, Content-Disposition' }

/**
 * Written here rather than with @fastify/cors: its per-request options (a delegator, needed
 * because a preflight reaches one catch-all OPTIONS route) rebuilt and merged option objects
 * on every request, about 4% of a search's CPU. The answer is the same for every origin
 * (`*` or nothing), so no answer varies by Origin.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'OPTIONS') {
        const path = pathOf(request.url)
        if (isOpenToAnyOrigin(request.method, path)) reply.headers(ANSWER)
      }
      done()
    })
    // A preflight of an open route is granted; any other OPTIONS request is the API's 404.
    app.options('*', { schema: { hide: true } }, (request, reply) => {
      const path = pathOf(request.url)
      if (!isOpenToAnyOrigin(intendedMethod(request), path)) return reply.callNotFound()
      return reply
        .code(204)
        .headers(OPEN_FOR_POSTING.some((pattern) => pattern.test(path)) ? READ_AND_POST : READ_ONLY)
        .send()
    })
  },
  { name: 'cors' },
)

const pathOf = (url: string) => {
  const q = url.indexOf('?')
  return q < 0 ? url : url.slice(0, q)
}
