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
import cors from '@fastify/cors'
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

const shared = {
  origin: '*',
  credentials: false,
  allowedHeaders: ['Content-Type', 'Accept', 'Accept-Language'],
  exposedHeaders: ['Retry-After', 'Content-Disposition'],
  // Browsers cap it (Chromium at 2 h); one preflight per page session is plenty.
  maxAge: 7200,
}
/** Built once: the delegator runs on every request. */
const READ_ONLY = { ...shared, methods: ['GET', 'HEAD'] }
const READ_AND_POST = { ...shared, methods: ['GET', 'HEAD', 'POST'] }
const CLOSED = { origin: false }

export default fp(
  async (app) => {
    await app.register(cors, {
      // Decided per request: the preflight arrives at @fastify/cors's catch-all OPTIONS route, so
      // per-route config cannot see which route it asks about.
      delegator: (request, callback) => {
        const path = request.url.split('?')[0] ?? ''
        if (!isOpenToAnyOrigin(intendedMethod(request), path)) return callback(null, CLOSED)
        callback(null, OPEN_FOR_POSTING.some((pattern) => pattern.test(path)) ? READ_AND_POST : READ_ONLY)
      },
    })
  },
  { name: 'cors' },
)
