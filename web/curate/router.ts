/**
 * Screens by location hash: #/queue/reports, #/sites/{id}, #/sites/{id}/history, #/accounts,
 * #/tokens. The hash keeps only the screen and a site id, never a filter or a search.
 */
import type { QueueKind } from './types.js'
import { QUEUE_KINDS } from './types.js'

export type Route =
  | { screen: 'queue'; kind: QueueKind }
  | { screen: 'site'; id: string }
  | { screen: 'history'; id: string }
  | { screen: 'accounts' }
  | { screen: 'tokens' }

/** The route a hash names (the queue's reports by default). */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => decodeURIComponent(p))
  if (parts[0] === 'sites' && parts[1]) return parts[2] === 'history' ? { screen: 'history', id: parts[1] } : { screen: 'site', id: parts[1] }
  if (parts[0] === 'accounts') return { screen: 'accounts' }
  if (parts[0] === 'tokens') return { screen: 'tokens' }
  const kind = QUEUE_KINDS.find((k) => k === parts[1]) ?? 'reports'
  return { screen: 'queue', kind }
}

/** The hash of a route: routeHash({ screen: 'site', id: 'x' }) === '#/sites/x'. */
export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'queue':
      return `#/queue/${route.kind}`
    case 'site':
      return `#/sites/${encodeURIComponent(route.id)}`
    case 'history':
      return `#/sites/${encodeURIComponent(route.id)}/history`
    default:
      return `#/${route.screen}`
  }
}

/** Goes to a route (a hashchange renders it). */
export function go(route: Route): void {
  location.hash = routeHash(route)
}
