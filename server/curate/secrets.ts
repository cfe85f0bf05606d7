/**
 * Passwords and tokens. Passwords go through scrypt (memory-hard: 32 MiB per hash), stored as
 * `scrypt$N$r$p$salt$hash`; session and API tokens are 256 random bits, stored only as
 * SHA-256 hashes; a session's CSRF token is derived from its session token, so it needs no
 * storage and dies with the session.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const N = 2 ** 15
const R = 8
const P = 1
const KEY_BYTES = 32
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that, so give it room. */
const MAXMEM = 256 * N * R

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem: Math.max(MAXMEM, 256 * n * r) }, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/** Shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 12

/** A hash for storage. Example: `await hashPassword('correct horse battery')` → `'scrypt$32768$8$1$…'`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** True when `password` matches the stored hash (constant-time; false for a malformed hash). */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing account is not told apart by speed.
    await scryptAsync(password, randomBytes(16), N, R, P)
    return false
  }
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const salt = Buffer.from(parts[4] as string, 'base64url')
  const expected = Buffer.from(parts[5] as string, 'base64url')
  const key = await scryptAsync(password, salt, n, r, p)
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A fresh secret token: `prefix` + 43 base64url characters (256 bits). */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** What the database keeps of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The CSRF token that goes with a session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('csrf:').update(sessionToken).digest('base64url')
}

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
