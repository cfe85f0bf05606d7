/**
 * Kysely table types: one interface per table, with Selectable/Insertable/Updateable aliases.
 */
import type { HoursRule } from '../../common/schedule/rule.js'
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string | T, string | T>

interface Provenance {
  source: string
  source_id: string
  imported_at: Timestamp
  /** "Last verified" date, 'YYYY-MM-DD'. */
  assured_date: string | null
  demo: ColumnType<boolean, boolean | undefined, boolean>
  /** Source codes and fields that have no home in the vocabulary: kept, never dropped. */
  source_attributes: Json<Record<string, unknown>>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface OrganizationTable extends Provenance {
  id: string
  name: string
  alternate_name: string | null
  description: string | null
  email: string | null
  website: string | null
}

export interface LocationTable extends Provenance {
  id: string
  organization_id: string
  name: string
  /** A second name the primary record gives (SAMHSA's program name, name2; HSDS alternate_name). */
  alternate_name: ColumnType<string | null, string | null | undefined, string | null>
  description: string | null
  location_type: ColumnType<string, string | undefined, string>
  mobile: ColumnType<boolean, boolean | undefined, boolean>
  address_1: string | null
  address_2: string | null
  /** A mailing address the source gave in its street lines (a P.O. box): not where the site is. */
  mailing_address: ColumnType<string | null, string | null | undefined, string | null>
  city: string | null
  region: string | null
  postal_code: string | null
  country: ColumnType<string, string | undefined, string>
  latitude: number | null
  longitude: number | null
  /** Written with makePoint(); read through ST_ functions only. */
  geog: unknown
  geocode_precision: ColumnType<GeocodePrecision, GeocodePrecision | undefined, GeocodePrecision>
  timezone: string
  status: ColumnType<string, string | undefined, string>
  website: string | null
  types: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  /** A short public note from a curator ("call ahead — dosing hours change on holidays"). */
  public_note: ColumnType<string | null, string | null | undefined, string | null>
  /** With status temporarily_closed: until when ('YYYY-MM-DD') and why. */
  status_until: ColumnType<string | null, string | null | undefined, string | null>
  status_reason: ColumnType<string | null, string | null | undefined, string | null>
  /** Service codes a curator set for the whole site (null: the union of its services' codes). */
  services_override: ColumnType<string[] | null, string[] | null | undefined, string[] | null>
  /** A mobile unit's stop: the unit's location id (migration 2026-12-05-04); null for any other site. */
  stop_of: ColumnType<string | null, string | null | undefined, string | null>
}

export type GeocodePrecision = 'exact' | 'street' | 'zip_centroid' | 'city' | 'unknown'

export interface ServiceTable extends Provenance {
  id: string
  organization_id: string
  name: string
  description: string | null
  status: ColumnType<string, string | undefined, string>
  codes: string[]
}

export interface ServiceAtLocationTable {
  id: string
  service_id: string
  location_id: string
}

export interface ScheduleTable {
  id: string
  location_id: string | null
  service_at_location_id: string | null
  freq: ColumnType<string, string | undefined, string>
  /** 'MO,TU,WE'. */
  byday: string
  /** 'HH:MM:SS'. */
  opens_at: string
  closes_at: string
  valid_from: string | null
  valid_to: string | null
  timezone: string | null
  description: string | null
  /** Every n weeks or months (migration 2026-12-03-06). */
  interval: ColumnType<number, number | undefined, number>
  /** '1,15,-1' with freq MONTHLY. */
  bymonthday: ColumnType<string | null, string | null | undefined, string | null>
  dtstart: ColumnType<string | null, string | null | undefined, string | null>
}

export interface PhoneTable {
  id: string
  location_id: string | null
  organization_id: string | null
  service_id: string | null
  number: string
  extension: string | null
  type: ColumnType<string, string | undefined, string>
  description: string | null
  ordinal: ColumnType<number, number | undefined, number>
}

export interface TaxonomyTermTable {
  id: string
  kind: string
  code: string
  label_en: string
  label_es: string
  term_group: string | null
}

export interface AuditLogTable {
  id: Generated<number>
  entity_type: string
  entity_id: string
  action: string
  field_name: string | null
  previous_value: Json<unknown> | null
  new_value: Json<unknown> | null
  source: string | null
  batch_id: string | null
  changed_at: Timestamp
  /** The curator account behind the change (null for imports). */
  account_id: ColumnType<string | null, string | null | undefined, string | null>
  reason: ColumnType<string | null, string | null | undefined, string | null>
}

export type { HoursRule }

export interface SiteSearchTable {
  location_id: string
  organization_id: string
  name: string
  organization_name: string
  address_1: string | null
  address_2: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  phone: string | null
  latitude: number
  longitude: number
  geog: unknown
  geocode_precision: GeocodePrecision
  types: number
  services: number
  payment: number
  populations: number
  access: number
  languages: string[]
  timezone: string
  hours: Json<HoursRule[]>
  status: string
  source: string
  assured_date: string | null
  demo: boolean
  public_note: ColumnType<string | null, string | null | undefined, string | null>
  status_until: ColumnType<string | null, string | null | undefined, string | null>
  status_reason: ColumnType<string | null, string | null | undefined, string | null>
  /** The search result's search-independent members, as JSON text without braces (server/directory/search-card.ts). */
  card: string
  /** `hours` as text (generated). */
  hours_text: Generated<string>
}

/** One row per (walkable term, active site), carrying what the search filters test. */
export interface SiteFacetTable
  extends Pick<SiteSearchTable, 'location_id' | 'geog' | 'types' | 'services' | 'payment' | 'populations' | 'access' | 'languages' | 'timezone' | 'demo'> {
  term: number
  /** The site's undated weekly hours (null when it has none). */
  open_week: unknown
  /** The site also has hours valid only on some dates (checked in site_hours). */
  dated_hours: boolean
}

export interface SiteFacetCountTable {
  term: number
  /** Active sites carrying the term (term 0: all active sites). */
  sites: number
  /** The term has rows in site_facets (a walkable facet). */
  indexed: Generated<boolean>
}

export interface SiteHoursTable {
  location_id: string
  valid: string | null
  open_week: string
}

/** A person's report that a listing is wrong; nothing about the reporter is kept. */
export interface ProblemReportTable {
  id: string
  location_id: string
  kind: string
  message: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  status: ColumnType<string, string | undefined, string>
  resolution: ColumnType<string | null, string | null | undefined, string | null>
  resolution_note: ColumnType<string | null, string | null | undefined, string | null>
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>
}

/** A person's anonymous "got supplies / they were out / they were closed"; nothing about the reporter is kept. */
export interface AvailabilityReportTable {
  id: string
  location_id: string
  kind: string
  supply: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
}

/** One source record of a location: its primary record, or one merged into it (import de-duplication). */
export interface LocationSourceTable {
  source: string
  source_id: string
  location_id: string
  service_id: string | null
  record: Json<Record<string, unknown>>
  record_hash: string
  batch_id: string | null
  merged_at: Timestamp | null
  imported_at: Timestamp
  /** Why the matcher merged this record into the site, and how sure it was (0–1); null for a site's own record. */
  merge_reason: ColumnType<string | null, string | null | undefined, string | null>
  merge_score: ColumnType<number | null, number | null | undefined, number | null>
}

/** One run of the importer, with its summary counts. */
export interface ImportBatchTable {
  id: string
  source: string
  format: string
  files: string[]
  full_import: ColumnType<boolean, boolean | undefined, boolean>
  summary: Json<Record<string, unknown>>
  started_at: Timestamp
  finished_at: Timestamp
}

export type Role = 'admin' | 'curator'

/** A curator or admin account. */
export interface AccountTable {
  id: string
  email: string
  name: ColumnType<string, string | undefined, string>
  role: Role
  scope_states: ColumnType<string[], string[] | undefined, string[]>
  scope_sources: ColumnType<string[], string[] | undefined, string[]>
  password_hash: string | null
  disabled: ColumnType<boolean, boolean | undefined, boolean>
  failed_logins: ColumnType<number, number | undefined, number>
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

/** A console session; the cookie holds the token, the table only its hash. */
export interface CuratorSessionTable {
  token_hash: string
  account_id: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: ColumnType<Date, Date | string, Date | string>
}

/** An API token for scripts (shown once, stored hashed). */
export interface ApiTokenTable {
  id: string
  account_id: string
  name: string
  token_hash: string
  created_at: Timestamp
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A field a curator holds: imports never overwrite it. */
export interface CuratorOverrideTable {
  location_id: string
  field: string
  value: Json<unknown>
  account_id: string | null
  set_at: Timestamp
}

export interface SiteVerificationTable {
  location_id: string
  field: string
  verified_on: string
  how: string
  account_id: string | null
  verified_at: Timestamp
}

export interface MergeReviewTable {
  source: string
  source_id: string
  location_id: string
  doubts: string[]
  name_similarity: number
  status: ColumnType<string, string | undefined, string>
  batch_id: string | null
  created_at: Timestamp
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface SourceDisagreementTable {
  id: string
  location_id: string
  field: string
  source: string
  source_value: Json<unknown>
  curator_value: Json<unknown>
  value_hash: string
  status: ColumnType<string, string | undefined, string>
  batch_id: string | null
  created_at: Timestamp
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface QueueAssignmentTable {
  item_key: string
  account_id: string
  assigned_at: Timestamp
}

/** A provider update link for one site (the token is shown once; only its hash is kept). */
export interface ProviderLinkTable {
  id: string
  location_id: string
  token_hash: string
  created_by: string | null
  created_at: Timestamp
  expires_at: ColumnType<Date, Date | string, Date | string>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_by: ColumnType<string | null, string | null | undefined, string | null>
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  confirmations: ColumnType<number, number | undefined, number>
  last_confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** One live-status post per site and topic (migration 2026-12-05-02); the latest replaces the last. */
export interface SiteStatusTable {
  location_id: string
  topic: string
  value: Json<unknown>
  /** "today" posts only: when it keeps the site closed, or open beyond its hours ('[a,b)'). */
  closed_during: string | null
  open_during: string | null
  posted_at: Timestamp
  expires_at: Timestamp
  posted_by: 'curator' | 'provider'
  account_id: string | null
  link_id: string | null
}

/** A provider's proposed changes to one site, made through an update link (migration 2026-12-05-01). */
export interface ChangeRequestTable {
  id: string
  location_id: string
  link_id: string | null
  created_at: Timestamp
  status: ColumnType<'open' | 'decided', 'open' | 'decided' | undefined, 'open' | 'decided'>
  auto_applied: ColumnType<boolean, boolean | undefined, boolean>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** One field of a change request: its value then, the value proposed, and the decision on it. */
export interface ChangeRequestFieldTable {
  request_id: string
  field: string
  ordinal: number
  current_value: Json<unknown>
  proposed_value: Json<unknown>
  decision: ColumnType<'approved' | 'rejected' | null, 'approved' | 'rejected' | null | undefined, 'approved' | 'rejected' | null>
  decided_by: ColumnType<string | null, string | null | undefined, string | null>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A site whose provider's proposals apply without review. */
export interface TrustedProviderTable {
  location_id: string
  set_by: string | null
  set_at: Timestamp
}

export interface Database {
  site_status: SiteStatusTable
  provider_links: ProviderLinkTable
  change_requests: ChangeRequestTable
  change_request_fields: ChangeRequestFieldTable
  trusted_providers: TrustedProviderTable
  accounts: AccountTable
  curator_sessions: CuratorSessionTable
  api_tokens: ApiTokenTable
  curator_overrides: CuratorOverrideTable
  site_verifications: SiteVerificationTable
  merge_reviews: MergeReviewTable
  source_disagreements: SourceDisagreementTable
  queue_assignments: QueueAssignmentTable
  organizations: OrganizationTable
  locations: LocationTable
  services: ServiceTable
  service_at_location: ServiceAtLocationTable
  schedules: ScheduleTable
  phones: PhoneTable
  taxonomy_terms: TaxonomyTermTable
  audit_log: AuditLogTable
  site_search: SiteSearchTable
  site_facets: SiteFacetTable
  site_facet_counts: SiteFacetCountTable
  site_hours: SiteHoursTable
  location_sources: LocationSourceTable
  import_batches: ImportBatchTable
  problem_reports: ProblemReportTable
  availability_reports: AvailabilityReportTable
}

/** The database or a transaction on it: what repository functions take first. */
export type Db = Kysely<Database> | Transaction<Database>

export type Organization = Selectable<OrganizationTable>
export type NewOrganization = Insertable<OrganizationTable>
export type Location = Selectable<LocationTable>
export type NewLocation = Insertable<LocationTable>
export type LocationUpdate = Updateable<LocationTable>
export type Service = Selectable<ServiceTable>
export type NewService = Insertable<ServiceTable>
export type NewSchedule = Insertable<ScheduleTable>
export type NewPhone = Insertable<PhoneTable>
export type SiteSearchRow = Selectable<SiteSearchTable>
export type ProblemReport = Selectable<ProblemReportTable>
export type NewProblemReport = Insertable<ProblemReportTable>
export type Account = Selectable<AccountTable>
