/**
 * The curator API (docs/curation.md), one function per endpoint. Answers are read into the
 * console's own types (types.ts) here, so the screens never see the wire shapes.
 */
import type { LiveStatusItem, LiveStatusPost } from '../../common/contract/live-status.js'
import { request, setCsrfToken } from './http.js'
import type {
  Account,
  ApiToken,
  EditableFields,
  EditableSite,
  FieldName,
  HistoryEntry,
  NewAccount,
  ProviderLink,
  QueueFilters,
  QueueKind,
  QueuePage,
  SessionInfo,
  SiteHit,
  VerifiedField,
  VerifyHow,
} from './types.js'

const BASE = '/api/v1/curate'
const seg = encodeURIComponent

/** Signs in; keeps the CSRF token in memory. */
export async function signIn(email: string, password: string): Promise<SessionInfo> {
  const session = await request<SessionInfo>('POST', `${BASE}/session`, { email, password }, { quiet401: true })
  setCsrfToken(session.csrf_token)
  return session
}

/** Who is signed in (null: nobody); keeps the CSRF token again after a reload. */
export async function currentSession(): Promise<SessionInfo | null> {
  try {
    const session = await request<SessionInfo>('GET', `${BASE}/session`, undefined, { quiet401: true })
    setCsrfToken(session.csrf_token)
    return session
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null
    throw err
  }
}

export async function signOut(): Promise<void> {
  try {
    await request('DELETE', `${BASE}/session`, undefined, { quiet401: true })
  } finally {
    setCsrfToken(null)
  }
}

/** One page of queue items of a kind, with the open counts of every kind. */
export function fetchQueue(kind: QueueKind, filters: QueueFilters, offset: number, limit = 25): Promise<QueuePage> {
  const query = new URLSearchParams({ kind, limit: String(limit), offset: String(offset) })
  if (filters.state) query.set('state', filters.state)
  if (filters.source) query.set('source', filters.source)
  if (filters.assigned) query.set('assigned', filters.assigned)
  if (filters.older_than_days) query.set('older_than_days', filters.older_than_days)
  return request('GET', `${BASE}/queue?${query}`)
}

/** Assigns a queue item (null: unassigns). */
export function assignItem(item: string, accountId: string | null): Promise<unknown> {
  return request('PUT', `${BASE}/assignments`, { item, account_id: accountId })
}

/** Sites by name, city, ZIP or id. */
export async function findSites(q: string, limit = 20): Promise<SiteHit[]> {
  const res = await request<{ sites?: SiteHit[]; results?: SiteHit[]; items?: SiteHit[] }>(
    'GET',
    `${BASE}/sites?${new URLSearchParams({ q, limit: String(limit) })}`,
  )
  return res.sites ?? res.results ?? res.items ?? []
}

type Wire = Record<string, unknown>
const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String((x as Wire)?.number ?? ''))) : [])

/** The wire listing as the editor's fields: nulls become empty text, phones a list of numbers. */
function editableFields(s: Wire): EditableFields {
  const point =
    (s.point as { lat: number; lon: number } | null | undefined) ?? (typeof s.lat === 'number' && typeof s.lon === 'number' ? { lat: s.lat, lon: s.lon } : null)
  return {
    name: text(s.name),
    organization_name: text(s.organization_name),
    description: text(s.description),
    address_1: text(s.address_1),
    address_2: text(s.address_2),
    city: text(s.city),
    region: text(s.region),
    postal_code: text(s.postal_code),
    point: point ? { lat: point.lat, lon: point.lon } : null,
    phones: list(s.phones),
    website: text(s.website),
    types: list(s.types),
    services: list(s.services),
    payment: list(s.payment),
    populations: list(s.populations),
    access: list(s.access),
    languages: list(s.languages),
    hours: (Array.isArray(s.hours) ? (s.hours as Wire[]) : []).map((r) => ({
      byday: text(r.byday),
      opens: text(r.opens).slice(0, 5),
      closes: text(r.closes).slice(0, 5),
      valid_from: (r.valid_from as string | null | undefined) ?? null,
      valid_to: (r.valid_to as string | null | undefined) ?? null,
    })),
    timezone: text(s.timezone),
    status: (text(s.status) || 'active') as EditableFields['status'],
    status_until: text(s.status_until),
    status_reason: text(s.status_reason),
    public_note: text(s.public_note),
  }
}

/** The editable listing. */
export async function fetchEditableSite(id: string): Promise<EditableSite> {
  const res = await request<Wire>('GET', `${BASE}/sites/${seg(id)}`)
  const listing = (res.listing as Wire | undefined) ?? (res.site as Wire | undefined) ?? res
  const held = Array.isArray(listing.held) ? (listing.held as (string | { field: string })[]) : []
  const open = (listing.open ?? {}) as Partial<EditableSite['open_counts']>
  return {
    id: text(listing.id) || id,
    fields: editableFields((listing.values as Wire | undefined) ?? listing),
    held: held.map((x) => (typeof x === 'string' ? x : x.field)) as FieldName[],
    assured_date: (listing.assured_date as string | null | undefined) ?? null,
    verification: (listing.verifications ?? listing.verification ?? {}) as EditableSite['verification'],
    open_counts: { reports: open.reports ?? 0, disagreements: open.disagreements ?? 0, merges: open.merges ?? 0 },
    open_items: (Array.isArray(listing.open_items) ? listing.open_items : []) as EditableSite['open_items'],
  }
}

/** Saves changed fields (one audit entry each). */
export function saveSite(id: string, changes: Partial<Record<FieldName, unknown>>, reason: string): Promise<unknown> {
  return request('PATCH', `${BASE}/sites/${seg(id)}`, { changes, ...(reason ? { reason } : {}) })
}

/** Confirms the site (no fields) or some of its fields as correct. */
export function verifySite(id: string, fields: Exclude<VerifiedField, 'site'>[], how: VerifyHow, note: string): Promise<unknown> {
  return request('POST', `${BASE}/sites/${seg(id)}/verify`, { ...(fields.length ? { fields } : {}), how, ...(note ? { note } : {}) })
}

/** The site's audit entries, newest first. */
export async function fetchHistory(id: string): Promise<HistoryEntry[]> {
  const res = await request<{ entries?: Wire[]; history?: Wire[]; items?: Wire[] }>('GET', `${BASE}/sites/${seg(id)}/history`)
  return (res.entries ?? res.history ?? res.items ?? []).map((e) => {
    const by = (e.by ?? {}) as { kind?: string; name?: string | null; source?: string | null }
    return {
      id: String(e.id),
      entity_type: text(e.entity_type) || 'location',
      field: text(e.field),
      action: text(e.action),
      previous: e.previous_value ?? null,
      value: e.new_value ?? null,
      who: by.kind === 'curator' ? (by.name ?? null) : null,
      source: by.kind === 'curator' ? null : (by.source ?? null),
      at: text(e.changed_at),
      reason: (e.reason as string | null | undefined) ?? null,
    }
  })
}

/** Puts a field back to an entry's previous value (a new audited edit). */
export function revertEntry(entryId: string): Promise<unknown> {
  return request('POST', `${BASE}/history/${seg(entryId)}/revert`, {})
}

export type Resolution = 'fixed' | 'no_change' | 'duplicate'
export const RESOLUTIONS: readonly Resolution[] = ['fixed', 'no_change', 'duplicate']

/** Resolves every open report of a kind for a site. */
export function resolveReports(siteId: string, kind: string, resolution: Resolution, note: string): Promise<unknown> {
  return request('POST', `${BASE}/sites/${seg(siteId)}/reports/resolve`, { kind, resolution, ...(note ? { note } : {}) })
}

export function confirmMerge(source: string, sourceId: string): Promise<unknown> {
  return request('POST', `${BASE}/merges/${seg(source)}/${seg(sourceId)}/confirm`, {})
}

/** Splits a merged record off into a site of its own. */
export function unmerge(source: string, sourceId: string): Promise<{ site_id: string }> {
  return request('POST', `${BASE}/merges/${seg(source)}/${seg(sourceId)}/unmerge`, {})
}

export function acceptDisagreement(id: string): Promise<unknown> {
  return request('POST', `${BASE}/disagreements/${seg(id)}/accept`, {})
}

export function keepDisagreement(id: string): Promise<unknown> {
  return request('POST', `${BASE}/disagreements/${seg(id)}/keep`, {})
}

/** Approves or rejects fields of a provider's change request. */
export function decideChanges(id: string, decisions: Record<string, 'approve' | 'reject'>, reason: string): Promise<unknown> {
  return request('POST', `${BASE}/change-requests/${seg(id)}/decisions`, { decisions, ...(reason ? { reason } : {}) })
}

/** Whether the site's provider is trusted (its proposals apply without review). */
/** A site's unexpired live status. */
export async function fetchLiveStatus(siteId: string): Promise<LiveStatusItem[]> {
  return (await request<{ live_status: LiveStatusItem[] }>('GET', `${BASE}/sites/${seg(siteId)}/status`)).live_status
}

/** Posts live status (each topic named replaces its last post; null withdraws it). */
export async function postLiveStatus(siteId: string, post: LiveStatusPost): Promise<LiveStatusItem[]> {
  return (await request<{ live_status: LiveStatusItem[] }>('PUT', `${BASE}/sites/${seg(siteId)}/status`, post)).live_status
}

export async function fetchProviderTrust(siteId: string): Promise<boolean> {
  return (await request<{ trusted: boolean }>('GET', `${BASE}/sites/${seg(siteId)}/provider-trust`)).trusted
}

export function setProviderTrust(siteId: string, trusted: boolean): Promise<unknown> {
  return request('PUT', `${BASE}/sites/${seg(siteId)}/provider-trust`, { trusted })
}

/** A site's provider update links, newest first. */
export async function fetchProviderLinks(siteId: string): Promise<ProviderLink[]> {
  return (await request<{ links: ProviderLink[] }>('GET', `${BASE}/sites/${seg(siteId)}/update-links`)).links
}

/** Makes a link (and mails it, when asked); the answer's url carries the token, shown once. */
export function createProviderLink(siteId: string, days: number, email: boolean): Promise<{ id: string; url: string; expires_at: string; emailed: boolean }> {
  return request('POST', `${BASE}/sites/${seg(siteId)}/update-links`, { days, ...(email ? { email: true } : {}) })
}

export function revokeProviderLink(linkId: string): Promise<unknown> {
  return request('DELETE', `${BASE}/update-links/${seg(linkId)}`)
}

export async function fetchAccounts(): Promise<Account[]> {
  const res = await request<{ accounts?: Account[]; items?: Account[] } | Account[]>('GET', `${BASE}/accounts`)
  return Array.isArray(res) ? res : (res.accounts ?? res.items ?? [])
}

export function createAccount(account: NewAccount): Promise<Account> {
  return request('POST', `${BASE}/accounts`, account)
}

export function updateAccount(id: string, changes: Partial<NewAccount & { disabled: boolean }>): Promise<Account> {
  return request('PATCH', `${BASE}/accounts/${seg(id)}`, changes)
}

export async function fetchTokens(accountId: string): Promise<ApiToken[]> {
  const res = await request<{ tokens?: ApiToken[]; items?: ApiToken[] } | ApiToken[]>('GET', `${BASE}/accounts/${seg(accountId)}/tokens`)
  return Array.isArray(res) ? res : (res.tokens ?? res.items ?? [])
}

/** Creates an API token; the answer carries the secret, shown once. */
export function createToken(accountId: string, name: string): Promise<ApiToken & { token: string }> {
  return request('POST', `${BASE}/accounts/${seg(accountId)}/tokens`, { name })
}

export function revokeToken(tokenId: string): Promise<unknown> {
  return request('DELETE', `${BASE}/tokens/${seg(tokenId)}`)
}
