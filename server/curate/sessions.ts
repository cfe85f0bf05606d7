/**
 * Console sessions and API tokens. Both are bearer secrets of which only a hash is stored.
 * A session ends after a spell without use (idle) and a fixed time after sign-in (absolute);
 * an API token lasts until revoked.
 */
import { randomUUID } from 'node:crypto'
import type { Account, Db } from '../db/schema.js'
import { newToken, tokenHash } from './secrets.js'

export interface SessionLimits {
  idleMinutes: number
  hours: number
}

export interface NewSession {
  token: string
  idleExpiresAt: Date
  expiresAt: Date
}

/** Starts a session for an account; the token goes in the cookie and nowhere else. */
export async function createSession(db: Db, accountId: string, limits: SessionLimits, now = new Date()): Promise<NewSession> {
  const token = newToken()
  const expiresAt = new Date(now.getTime() + limits.hours * 3_600_000)
  await db
    .insertInto('curator_sessions')
    .values({ token_hash: tokenHash(token), account_id: accountId, created_at: now, last_seen_at: now, expires_at: expiresAt })
    .execute()
  // Sessions that ended are no use to anyone: drop them while here.
  await db.deleteFrom('curator_sessions').where('expires_at', '<', now).execute()
  return { token, expiresAt, idleExpiresAt: idleEnd(now, expiresAt, limits) }
}

const idleEnd = (lastSeen: Date, expiresAt: Date, limits: SessionLimits) =>
  new Date(Math.min(lastSeen.getTime() + limits.idleMinutes * 60_000, expiresAt.getTime()))

export interface ActiveSession {
  account: Account
  idleExpiresAt: Date
  expiresAt: Date
}

/**
 * The session's account, if the session is still alive and the account enabled; touching it
 * moves the idle limit. An expired session is removed.
 */
export async function findSession(db: Db, token: string, limits: SessionLimits, now = new Date()): Promise<ActiveSession | null> {
  const hash = tokenHash(token)
  const row = await db
    .selectFrom('curator_sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .selectAll('a')
    .select(['s.last_seen_at', 's.expires_at'])
    .where('s.token_hash', '=', hash)
    .executeTakeFirst()
  if (!row) return null
  const { last_seen_at, expires_at, ...account } = row
  const expiresAt = new Date(expires_at)
  if (idleEnd(new Date(last_seen_at), expiresAt, limits) <= now || account.disabled) {
    await endSession(db, token)
    return null
  }
  // Written at most once a minute: every request of a busy console need not be a write.
  if (now.getTime() - new Date(last_seen_at).getTime() > 60_000) {
    await db.updateTable('curator_sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute()
  }
  return { account, expiresAt, idleExpiresAt: idleEnd(now, expiresAt, limits) }
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('curator_sessions').where('token_hash', '=', tokenHash(token)).execute()
}

/** API tokens carry this prefix, so a leaked one is recognisable (and a session token is never taken for one). */
export const API_TOKEN_PREFIX = 'hrl_'

export interface ApiTokenView {
  id: string
  name: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/** Creates a token for an account: the secret is returned once and never stored. */
export async function createApiToken(db: Db, accountId: string, name: string): Promise<{ token: string; view: ApiTokenView }> {
  const token = newToken(API_TOKEN_PREFIX)
  const row = await db
    .insertInto('api_tokens')
    .values({ id: randomUUID(), account_id: accountId, name: name.trim(), token_hash: tokenHash(token) })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token, view: { id: row.id, name: row.name, created_at: iso(row.created_at) as string, last_used_at: null, revoked_at: null } }
}

export async function listApiTokens(db: Db, accountId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    created_at: iso(r.created_at) as string,
    last_used_at: iso(r.last_used_at),
    revoked_at: iso(r.revoked_at),
  }))
}

/** The token's owner id, or undefined when no such token. */
export async function apiTokenOwner(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('api_tokens').select('account_id').where('id', '=', id).executeTakeFirst())?.account_id
}

/** Revokes a token (idempotent); false when no such token. */
export async function revokeApiToken(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return !!row || !!(await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst())
}

/** The account behind an API token, if the token is live and the account enabled. */
export async function findApiToken(db: Db, token: string, now = new Date()): Promise<Account | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .selectAll('a')
    .select(['t.id as token_id', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row || row.disabled) return null
  const { token_id, last_used_at, ...account } = row
  if (!last_used_at || now.getTime() - new Date(last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', token_id).execute()
  }
  return account
}
