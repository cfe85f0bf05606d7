/**
 * Curator and admin accounts: created by an admin (or the first one by the CLI), disabled
 * rather than deleted so the audit trail keeps its names. Wrong passwords lock an account
 * for a while, doubling with each further failure.
 */
import { createHash, randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Account, Database, Db, Role } from '../db/schema.js'
import { hashPassword, verifyPassword } from './secrets.js'

/** An account as the API shows it (never the password hash). */
export interface AccountView {
  id: string
  email: string
  name: string
  role: Role
  scope_states: string[]
  scope_sources: string[]
  disabled: boolean
  created_at: string
}

export function accountView(a: Account): AccountView {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    scope_states: a.scope_states,
    scope_sources: a.scope_sources,
    disabled: a.disabled,
    created_at: new Date(a.created_at).toISOString(),
  }
}

export interface NewAccount {
  email: string
  name?: string
  role: Role
  scopeStates?: readonly string[]
  scopeSources?: readonly string[]
  password?: string | null
}

export class AccountExistsError extends Error {}

const normalEmail = (email: string) => email.trim().toLowerCase()

/** Creates an account; throws AccountExistsError when the email is taken. */
export async function createAccount(db: Db, input: NewAccount): Promise<Account> {
  const row = await db
    .insertInto('accounts')
    .values({
      id: randomUUID(),
      email: normalEmail(input.email),
      name: input.name?.trim() ?? '',
      role: input.role,
      scope_states: [...new Set((input.scopeStates ?? []).map((s) => s.toUpperCase()))],
      scope_sources: [...new Set(input.scopeSources ?? [])],
      password_hash: input.password ? await hashPassword(input.password) : null,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new AccountExistsError(`an account with email ${normalEmail(input.email)} already exists`)
  return row
}

export async function findAccount(db: Db, id: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', normalEmail(email)).executeTakeFirst()
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return db.selectFrom('accounts').selectAll().orderBy('role').orderBy('email').execute()
}

export interface AccountChanges {
  name?: string
  role?: Role
  scopeStates?: readonly string[]
  scopeSources?: readonly string[]
  disabled?: boolean
  password?: string
}

/** Applies changes; a new password or disabling ends the account's sessions. Undefined when no such account. */
export async function updateAccount(db: Db, id: string, changes: AccountChanges): Promise<Account | undefined> {
  const row = await db
    .updateTable('accounts')
    .set({
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.scopeStates ? { scope_states: [...new Set(changes.scopeStates.map((s) => s.toUpperCase()))] } : {}),
      ...(changes.scopeSources ? { scope_sources: [...new Set(changes.scopeSources)] } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      ...(changes.password ? { password_hash: await hashPassword(changes.password), failed_logins: 0, locked_until: null } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (row && (changes.password || changes.disabled)) await db.deleteFrom('curator_sessions').where('account_id', '=', id).execute()
  return row
}

/** Failures allowed before the first lock, the first lock's length and the longest. */
export const LOGIN_FREE_FAILURES = 5
const FIRST_LOCK_S = 30
const MAX_LOCK_S = 15 * 60

/** How long the n-th failure in a row locks the account (0 below the threshold). */
export function lockSecondsAfter(failures: number): number {
  if (failures < LOGIN_FREE_FAILURES) return 0
  return Math.min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - LOGIN_FREE_FAILURES))
}

/**
 * Failures against emails that have no account, in memory only (keyed by a hash of the email,
 * at most MAX_UNKNOWN entries): they lock like a real account does, so the answers do not tell
 * which emails have accounts.
 */
const unknownFailures = new Map<string, { failures: number; lockedUntil: number }>()
const MAX_UNKNOWN = 10_000

function failUnknown(email: string, now: Date): LoginResult {
  const key = createHash('sha256').update(normalEmail(email)).digest('base64url')
  const entry = unknownFailures.get(key) ?? { failures: 0, lockedUntil: 0 }
  if (entry.lockedUntil > now.getTime()) return { ok: false, reason: 'locked', retryAfterS: Math.ceil((entry.lockedUntil - now.getTime()) / 1000) }
  entry.failures++
  const lock = lockSecondsAfter(entry.failures)
  if (lock > 0) entry.lockedUntil = now.getTime() + lock * 1000
  unknownFailures.delete(key)
  unknownFailures.set(key, entry)
  if (unknownFailures.size > MAX_UNKNOWN) unknownFailures.delete(unknownFailures.keys().next().value as string)
  return lock > 0 ? { ok: false, reason: 'locked', retryAfterS: lock } : { ok: false, reason: 'invalid' }
}

export type LoginResult = { ok: true; account: Account } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; retryAfterS: number }

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all answer
 * 'invalid' (in about the same time); a locked account answers 'locked' until the lock ends,
 * without checking the password.
 */
export async function checkLogin(db: Kysely<Database>, email: string, password: string, now = new Date()): Promise<LoginResult> {
  const account = await findAccountByEmail(db, email)
  if (account?.locked_until && new Date(account.locked_until) > now) {
    return { ok: false, reason: 'locked', retryAfterS: Math.ceil((new Date(account.locked_until).getTime() - now.getTime()) / 1000) }
  }
  const good = await verifyPassword(password, account?.password_hash ?? null)
  if (!account) return failUnknown(email, now)
  if (!good) {
    const row = await db
      .updateTable('accounts')
      .set({ failed_logins: sql<number>`failed_logins + 1` })
      .where('id', '=', account.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow()
    const lock = lockSecondsAfter(row.failed_logins)
    if (lock > 0) {
      await db
        .updateTable('accounts')
        .set({ locked_until: new Date(now.getTime() + lock * 1000) })
        .where('id', '=', account.id)
        .execute()
      return { ok: false, reason: 'locked', retryAfterS: lock }
    }
    return { ok: false, reason: 'invalid' }
  }
  if (account.disabled) return { ok: false, reason: 'invalid' }
  if (account.failed_logins > 0 || account.locked_until) {
    await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute()
  }
  return { ok: true, account }
}
