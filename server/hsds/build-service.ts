/**
 * HSDS 3.0 services, service_at_locations and organizations from a loaded graph. Pure.
 * Full objects nest everything; list items carry only one-to-one fields, as the spec's
 * compiled *_list schemas describe.
 */
import type { OrganizationRow, SalRow, ServiceGraph, ServiceRow } from './graph-repository.js'
import { hsdsId } from './ids.js'
import {
  absoluteUrl,
  attributeObject,
  compact,
  locationListItem,
  locationObject,
  phoneObject,
  scheduleObject,
  validEmail,
  type HsdsObject,
} from './build-location.js'
import { DEMO_ALERT, vocabularyTerm } from './taxonomy.js'

/** Our status codes in HSDS spelling. */
export const hsdsStatus = (status: string): string => (status === 'temporarily_closed' ? 'temporarily closed' : status)

/** The organization's one-to-one fields (description is required: empty when we have none). */
export function organizationListItem(row: OrganizationRow): HsdsObject {
  return compact({
    id: hsdsId('organization', row.id),
    name: row.name,
    alternate_name: row.alternate_name,
    description: row.description ?? '',
    email: validEmail(row.email),
    website: absoluteUrl(row.website),
  })
}

/** The organization with its phones. */
export function organizationObject(row: OrganizationRow, graph: ServiceGraph): HsdsObject {
  const id = hsdsId('organization', row.id)
  return { ...organizationListItem(row), phones: (graph.phonesByOrganization.get(row.id) ?? []).map((p) => phoneObject(p, { organization_id: id })) }
}

const salsOf = (graph: ServiceGraph, service: ServiceRow): SalRow[] => graph.salsByService.get(service.id) ?? []

/**
 * A service's status as a client should see it: its own when it is not active; else, when it
 * is offered only at sites that are not active, the first site's (a closed site closes its
 * service — that is how the importer reads it back).
 */
export function serviceStatus(service: ServiceRow, graph: ServiceGraph): string {
  if (service.status !== 'active') return hsdsStatus(service.status)
  const statuses = salsOf(graph, service)
    .map((s) => graph.locations.get(s.location_id)?.status)
    .filter((s): s is string => !!s)
  return statuses.length === 0 || statuses.includes('active') ? 'active' : hsdsStatus(statuses[0] as string)
}

/** When the service, its organization or any of its sites last changed (what modified_after compares). */
export function lastModified(service: ServiceRow, graph: ServiceGraph): string {
  const times = [
    service.updated_at,
    graph.organizations.get(service.organization_id)?.updated_at,
    ...salsOf(graph, service).map((s) => graph.locations.get(s.location_id)?.updated_at),
  ]
  return new Date(Math.max(...times.filter((t): t is Date => !!t).map((t) => new Date(t).getTime()))).toISOString()
}

/** One-to-one fields of the service, with its organization's (the service_list schema). */
export function serviceListItem(service: ServiceRow, graph: ServiceGraph): HsdsObject {
  const org = graph.organizations.get(service.organization_id)
  return compact({
    id: hsdsId('service', service.id),
    organization_id: hsdsId('organization', service.organization_id),
    name: service.name,
    description: service.description,
    status: serviceStatus(service, graph),
    assured_date:
      service.assured_date ??
      salsOf(graph, service)
        .map((s) => graph.locations.get(s.location_id)?.assured_date)
        .find((d) => d),
    alert: service.demo ? DEMO_ALERT : undefined,
    last_modified: lastModified(service, graph),
    organization: org ? organizationListItem(org) : undefined,
  })
}

/**
 * What minimal=true lists: the spec asks for "just service id and modified date"; name and
 * status come too because the service_list schema of the response requires them.
 */
export function serviceMinimalItem(service: ServiceRow, graph: ServiceGraph): HsdsObject {
  return { id: hsdsId('service', service.id), name: service.name, status: serviceStatus(service, graph), last_modified: lastModified(service, graph) }
}

/** A service_at_location in full: its own schedules and the location in full. */
export function salObject(sal: SalRow, graph: ServiceGraph): HsdsObject {
  const id = hsdsId('service_at_location', sal.id)
  const location = graph.locations.get(sal.location_id)
  return compact({
    id,
    service_id: hsdsId('service', sal.service_id),
    location_id: hsdsId('location', sal.location_id),
    schedules: (graph.schedulesBySal.get(sal.id) ?? []).map((s) => scheduleObject(s, { service_at_location_id: id })),
    phones: [],
    location: location
      ? locationObject(location, {
          phones: graph.phonesByLocation.get(location.id) ?? [],
          schedules: graph.schedulesByLocation.get(location.id) ?? [],
          metadata: graph.metadataByLocation.get(location.id) ?? [],
        })
      : undefined,
  })
}

/** The service in full: organization, phones, attributes (service codes) and every service_at_location with its location. */
export function serviceObject(service: ServiceRow, graph: ServiceGraph): HsdsObject {
  const id = hsdsId('service', service.id)
  const org = graph.organizations.get(service.organization_id)
  return {
    ...serviceListItem(service, graph),
    organization: org ? organizationObject(org, graph) : undefined,
    phones: (graph.phonesByService.get(service.id) ?? []).map((p) => phoneObject(p, { service_id: id })),
    schedules: [],
    languages: [],
    service_at_locations: salsOf(graph, service).map((sal) => salObject(sal, graph)),
    attributes: service.codes.map((code) => attributeObject('service', id, vocabularyTerm('service', code))),
  }
}

/** A service_at_location list item: its location's and its service's one-to-one fields. */
export function salListItem(sal: SalRow, graph: ServiceGraph, extra: HsdsObject = {}): HsdsObject {
  const location = graph.locations.get(sal.location_id)
  const service = graph.services.find((s) => s.id === sal.service_id)
  return compact({
    id: hsdsId('service_at_location', sal.id),
    service_id: hsdsId('service', sal.service_id),
    location_id: hsdsId('location', sal.location_id),
    location: location ? locationListItem(location) : undefined,
    service: service ? serviceListItem(service, graph) : undefined,
    ...extra,
  })
}

/** A service_at_location with everything nested (full=true): the location in full, the service's one-to-one fields. */
export function salFullItem(sal: SalRow, graph: ServiceGraph, extra: HsdsObject = {}): HsdsObject {
  const service = graph.services.find((s) => s.id === sal.service_id)
  return { ...salObject(sal, graph), ...(service ? { service: serviceListItem(service, graph) } : {}), ...extra }
}
