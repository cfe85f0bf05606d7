/**
 * The curator API's shapes as the console uses them (docs/curation.md). The console reads
 * answers through these types only, so an API change is adapted in api.ts, in one place.
 */

export type Role = 'admin' | 'curator'

export interface Account {
  id: string
  email: string
  name: string
  role: Role
  scope_states: string[]
  scope_sources: string[]
  disabled: boolean
}

export interface SessionInfo {
  account: Account
  csrf_token: string
  idle_expires_at: string
  expires_at: string
}

export type QueueKind = 'reports' | 'verification' | 'merges' | 'disagreements' | 'changes'
export const QUEUE_KINDS: readonly QueueKind[] = ['reports', 'verification', 'merges', 'disagreements', 'changes']

export interface QueueFilters {
  state: string
  source: string
  /** '' anyone, 'me', 'none' (unassigned). */
  assigned: '' | 'me' | 'none'
  older_than_days: string
}

interface QueueItemBase {
  key: string
  site: { id: string; name: string; city: string | null; region: string | null; source: string }
  since: string
  assigned_to: { id: string; name: string } | null
}
export interface ReportItem extends QueueItemBase {
  kind: 'reports'
  report_kind: string
  count: number
  messages: { id: string; message: string; created_at: string }[]
}
export interface VerificationItem extends QueueItemBase {
  kind: 'verification'
  assured_date: string | null
  /** Public "closed" reports of the last 7 days since the last verification (3 raise the item). */
  closed_reports?: number
  availability_reports?: { got_supplies: number; out_of_supplies: number; closed: number }
}
export interface MergeItem extends QueueItemBase {
  kind: 'merges'
  source: string
  source_id: string
  record_name: string
  doubts: string[]
  name_similarity: number
}
export interface DisagreementItem extends QueueItemBase {
  kind: 'disagreements'
  id: string
  field: string
  source: string
  source_value: unknown
  curator_value: unknown
}
/** A provider's open change request: each field's value then and the value proposed. */
export interface ChangeItem extends QueueItemBase {
  kind: 'changes'
  id: string
  link_id: string | null
  fields: { field: string; current: unknown; proposed: unknown; decision: 'approved' | 'rejected' | null }[]
}
export type QueueItem = ReportItem | VerificationItem | MergeItem | DisagreementItem | ChangeItem

/** A provider update link of a site (GET /sites/{id}/update-links; never with its token). */
export interface ProviderLink {
  id: string
  created_at: string
  expires_at: string
  last_used_at: string | null
  confirmations: number
  state: 'active' | 'expired' | 'revoked'
}

export interface QueuePage {
  counts: Record<QueueKind, number>
  items: QueueItem[]
  total: number
}

export interface SiteHit {
  id: string
  name: string
  city: string | null
  region: string | null
  postal_code: string | null
  source: string | null
}

export interface HoursRow {
  byday: string
  opens: string
  closes: string
  /** Kept as the listing has them; the editor shows but does not edit them. */
  valid_from?: string | null
  valid_to?: string | null
}

export type SiteStatus = 'active' | 'temporarily_closed' | 'defunct' | 'inactive'

/** Every field PATCH /sites/{id} takes, with the value the console edits. */
export interface EditableFields {
  name: string
  organization_name: string
  description: string
  address_1: string
  address_2: string
  city: string
  region: string
  postal_code: string
  point: { lat: number; lon: number } | null
  phones: string[]
  website: string
  types: string[]
  services: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  hours: HoursRow[]
  timezone: string
  status: SiteStatus
  status_until: string
  status_reason: string
  public_note: string
}
export type FieldName = keyof EditableFields

export const CODE_FIELDS = ['types', 'services', 'payment', 'populations', 'access', 'languages'] as const
export type CodeField = (typeof CODE_FIELDS)[number]

export type VerifiedField = 'site' | 'phone' | 'address' | 'hours' | 'services'
export type VerifyHow = 'called' | 'visited' | 'provider_confirmed' | 'website'
export const VERIFY_HOWS: readonly VerifyHow[] = ['called', 'visited', 'provider_confirmed', 'website']

export interface Verification {
  verified_on: string
  how: string
}

/** GET /sites/{id}: the listing, the fields curators hold, per-field verification, open items. */
export interface EditableSite {
  id: string
  fields: EditableFields
  held: FieldName[]
  assured_date: string | null
  verification: Partial<Record<VerifiedField, Verification>>
  /** How many items of each kind wait for this site. */
  open_counts: { reports: number; disagreements: number; merges: number }
  /** The site's open queue items, where the API lists them. */
  open_items: QueueItem[]
}

export interface HistoryEntry {
  id: string
  /** 'location', 'organization' or 'service'. */
  entity_type: string
  field: string
  /** 'update', 'verify', 'revert', … */
  action: string
  previous: unknown
  value: unknown
  /** The curator's name (null for an import, or a curator whose account is gone). */
  who: string | null
  /** The source whose import made the change (null for a curator's). */
  source: string | null
  at: string
  reason: string | null
}

export interface ApiToken {
  id: string
  name: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export interface NewAccount {
  email: string
  name: string
  role: Role
  scope_states: string[]
  scope_sources: string[]
  password: string
}
