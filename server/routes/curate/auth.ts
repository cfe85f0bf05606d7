/**
 * Who is calling the curator API. A console session (cookie `hrl_session`, scoped to
 * /api/v1/curate) or an API token (Authorization: Bearer hrl_…); a change made with the
 * cookie must carry the session's X-CSRF-Token. Routes say who may call them in
 * `config.access`: 'public' (signing in), 'curator' (the default) or 'admin'. Every answer
 * under the prefix is no-store. Registered inside the curator prefix only, so no public
 * route ever reads or sets the cookie.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Account } from '../../db/schema.js'
import { ApiError, ErrorCode } from '../../errors.js'
import { csrfTokenFor, sameSecret } from '../../curate/secrets.js'
import { findApiToken, findSession, type SessionLimits } from '../../curate/sessions.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export const SESSION_COOKIE = 'hrl_session'
export const COOKIE_PATH = '/api/v1/curate'

export type Access = 'public' | 'curator' | 'admin'

export interface Caller {
  account: Account
  via: 'session' | 'token'
  /** The session token (session callers only): the CSRF token derives from it. */
  sessionToken?: string
  idleExpiresAt?: Date
  expiresAt?: Date
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null
  }
  interface FastifyContextConfig {
    access?: Access
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null
  }
  return null
}

/** The Set-Cookie value for a session (empty token and maxAge 0 clear it). */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

const unauthenticated = (message: string) => new ApiError(401, ErrorCode.UNAUTHENTICATED, message)

/** The onRequest hook: identifies the caller and enforces `config.access` and CSRF. */
export function authenticate(db: () => Kysely<Database>, limits: SessionLimits) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('cache-control', 'no-store')
    request.caller = null
    const access: Access = request.routeOptions.config.access ?? 'curator'
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE)
    if (bearer) {
      const account = await findApiToken(db(), bearer)
      if (!account) throw unauthenticated('the API token is unknown, revoked, or its account is disabled')
      request.caller = { account, via: 'token' }
    } else if (cookie) {
      const session = await findSession(db(), cookie, limits)
      if (session)
        request.caller = { account: session.account, via: 'session', sessionToken: cookie, idleExpiresAt: session.idleExpiresAt, expiresAt: session.expiresAt }
      else if (access !== 'public') throw unauthenticated('the session has ended: sign in again')
    }
    if (access === 'public') return
    const caller = request.caller
    if (!caller) throw unauthenticated('sign in first (POST /api/v1/curate/session) or send an API token')
    if (caller.via === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token']
      if (typeof sent !== 'string' || !sameSecret(sent, csrfTokenFor(caller.sessionToken as string))) {
        throw new ApiError(403, ErrorCode.CSRF, 'the X-CSRF-Token header is missing or wrong (it comes with the session)')
      }
    }
    if (access === 'admin' && caller.account.role !== 'admin') throw new ApiError(403, ErrorCode.FORBIDDEN, 'only an admin may do this')
  }
}

/** The caller of a route that required one. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthenticated('sign in first')
  return request.caller
}
