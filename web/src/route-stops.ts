/**
 * A search result or a site's details as a route stop. Tiny on purpose: the search page
 * imports it for its "Add to route" buttons before the route planner itself is loaded.
 */
import type { SiteDetail, SiteResult } from './api.js'
import { addressText } from '../../common/format.js'
import type { SiteStop } from './route-model.js'

export function siteStopFromResult(site: SiteResult): SiteStop {
  return { kind: 'site', id: site.id, name: site.name, address: addressText(site) || null, phone: site.phone, timezone: site.timezone }
}

export function siteStopFromDetail(site: SiteDetail): SiteStop {
  return { kind: 'site', id: site.id, name: site.name, address: addressText(site) || null, phone: site.phones[0]?.number ?? null, timezone: site.timezone }
}
