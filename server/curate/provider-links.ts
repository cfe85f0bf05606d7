/**
 * Provider update links (issue 16): a curator makes a link for one site; whoever holds it —
 * the provider, with no account — sees the listing as the public does at /update/<token> and
 * can confirm it is correct. The token is 256 random bits, shown once when the link is made;
 * the database keeps only its SHA-256 hash, so a copy of it opens no link. A link expires
 * (30 days by default) and can be revoked. Every token that does not open a live link —
 * unknown, expired, revoked, malformed — costs one hash and one lookup and gets the same
 * answer. Making, revoking and confirming through a link are audited on the site; the audit
 * names the link by id, never by token.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { writeAudit } from '../directory/location-sources.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'
import type { Actor } from './scope.js'
import { newToken, tokenHash } from './secrets.js'
import { recordVerification } from './verification.js'

/** The audit source of what a provider does through a link (the curator source is for accounts). */
export const PROVIDER_SOURCE = 'provider'
export const DEFAULT_LINK_DAYS = 30
export const MAX_LINK_DAYS = 365
/** The path a link opens (the token follows). */
export const UPDATE_PATH = '/update/'
/** What a token looks like: 43 base64url characters (256 bits). Anything else is refused like an unknown token. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

export interface ProviderLinkView {
  id: string
  site_id: string
  created_by: string | null
  created_at: string
  expires_at: string
  revoked_at: string | null
  revoked_by: string | null
  last_used_at: string | null
  confirmations: number
  last_confirmed_at: string | null
  /** 'active', 'expired' or 'revoked'. */
  state: 'active' | 'expired' | 'revoked'
}

/** A live link, as the update page needs it. */
export interface ResolvedLink {
  id: string
  siteId: string
  expiresAt: string
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

type LinkRow = {
  id: string
  location_id: string
  created_by: string | null
  created_at: Date | string
  expires_at: Date | string
  revoked_at: Date | string | null
  revoked_by: string | null
  last_used_at: Date | string | null
  confirmations: number
  last_confirmed_at: Date | string | null
}

function view(r: LinkRow, now: Date): ProviderLinkView {
  return {
    id: r.id,
    site_id: r.location_id,
    created_by: r.created_by,
    created_at: iso(r.created_at) as string,
    expires_at: iso(r.expires_at) as string,
    revoked_at: iso(r.revoked_at),
    revoked_by: r.revoked_by,
    last_used_at: iso(r.last_used_at),
    confirmations: Number(r.confirmations),
    last_confirmed_at: iso(r.last_confirmed_at),
    state: r.revoked_at ? 'revoked' : new Date(r.expires_at) <= now ? 'expired' : 'active',
  }
}

const COLUMNS = [
  'id',
  'location_id',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
  'revoked_by',
  'last_used_at',
  'confirmations',
  'last_confirmed_at',
] as const

const curatorAudit = (actor: Actor, action: string) => ({ source: CURATOR_SOURCE, batchId: null, action, accountId: actor.id, reason: null })

/**
 * Makes a link for a site (the caller has checked the site exists and is in scope). The
 * token is in this answer only. Example: `(await createLink(db, { siteId, curator })).url`
 * → '/update/3q…' (43 characters after the slash).
 */
export async function createLink(
  db: Kysely<Database>,
  options: { siteId: string; curator: Actor; days?: number; now?: Date },
): Promise<{ token: string; url: string; link: ProviderLinkView }> {
  const now = options.now ?? new Date()
  const days = options.days ?? DEFAULT_LINK_DAYS
  if (!Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) throw new RangeError(`days must be a whole number from 1 to ${MAX_LINK_DAYS}`)
  const token = newToken()
  const expires = new Date(now.getTime() + days * 86_400_000)
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('provider_links')
      .values({
        id: randomUUID(),
        location_id: options.siteId,
        token_hash: tokenHash(token),
        created_by: options.curator.id,
        created_at: now,
        expires_at: expires,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
    await writeAudit(
      trx,
      [
        {
          entity_type: 'location',
          entity_id: options.siteId,
          action: 'provider_link_created',
          field_name: 'provider_link',
          previous_value: null,
          new_value: { link_id: inserted.id, expires_at: expires.toISOString() },
        },
      ],
      curatorAudit(options.curator, 'provider_link_created'),
    )
    return inserted
  })
  return { token, url: UPDATE_PATH + token, link: view(row, now) }
}

/** A site's links, newest first (never their tokens: only hashes are kept). */
export async function listLinks(db: Kysely<Database>, siteId: string, now = new Date()): Promise<ProviderLinkView[]> {
  const rows = await db.selectFrom('provider_links').select(COLUMNS).where('location_id', '=', siteId).orderBy('created_at', 'desc').orderBy('id').execute()
  return rows.map((r) => view(r, now))
}

/** One link by id (for revoking: the caller checks its site is in scope), or undefined. */
export async function findLink(db: Kysely<Database>, id: string, now = new Date()): Promise<ProviderLinkView | undefined> {
  const row = await db.selectFrom('provider_links').select(COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? view(row, now) : undefined
}

/** Revokes a link (idempotent: revoking a revoked link changes and audits nothing); returns the link as it now is. */
export async function revokeLink(db: Kysely<Database>, id: string, curator: Actor, now = new Date()): Promise<ProviderLinkView | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('provider_links')
      .set({ revoked_at: now, revoked_by: curator.id })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst()
    if (!row) {
      const existing = await trx.selectFrom('provider_links').select(COLUMNS).where('id', '=', id).executeTakeFirst()
      return existing ? view(existing, now) : undefined
    }
    await writeAudit(
      trx,
      [
        {
          entity_type: 'location',
          entity_id: row.location_id,
          action: 'provider_link_revoked',
          field_name: 'provider_link',
          previous_value: null,
          new_value: { link_id: row.id },
        },
      ],
      curatorAudit(curator, 'provider_link_revoked'),
    )
    return view(row, now)
  })
}

/**
 * The live link a token opens, or null — the same null, after the same hash and the same one
 * lookup, for an unknown, expired, revoked or malformed token. Marks the link as used.
 */
export async function resolveToken(db: Kysely<Database>, token: string, now = new Date()): Promise<ResolvedLink | null> {
  // A malformed token is hashed and looked up like any other: no shortcut to tell it apart by speed.
  const wellFormed = TOKEN_SHAPE.test(token)
  const hash = tokenHash(wellFormed ? token : `malformed:${token.slice(0, 200)}`)
  const row = await db
    .updateTable('provider_links')
    .set({ last_used_at: now })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'location_id', 'expires_at'])
    .executeTakeFirst()
  if (!row || !wellFormed) return null
  return { id: row.id, siteId: row.location_id, expiresAt: iso(row.expires_at) as string }
}

/**
 * The provider says the whole listing is correct: the site's assured_date becomes today and
 * its audit trail says "provider confirmed" with the link's id. Returns the date written.
 */
export async function confirmThroughLink(db: Kysely<Database>, link: ResolvedLink, now = new Date()): Promise<string> {
  return recordVerification(
    db,
    link.siteId,
    { how: 'provider_confirmed' },
    {
      accountId: null,
      source: PROVIDER_SOURCE,
      action: 'provider_confirmed',
      reason: 'provider confirmed',
      detail: { link_id: link.id },
      alsoInTransaction: async (trx) => {
        await trx
          .updateTable('provider_links')
          .set((eb) => ({ confirmations: eb('confirmations', '+', 1), last_confirmed_at: now, last_used_at: now }))
          .where('id', '=', link.id)
          .execute()
      },
    },
    now,
  )
}
