/**
 * Signing in and out of the console. A wrong email and a wrong password get the same 401;
 * after repeated failures the account is locked for a doubling while (429 with Retry-After);
 * the login route has its own tight rate limit per client address.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { accountView, checkLogin } from '../../curate/accounts.js'
import { csrfTokenFor } from '../../curate/secrets.js'
import { createSession, endSession } from '../../curate/sessions.js'
import { ApiError, ErrorCode, errorBodySchema } from '../../errors.js'
import { accountSchema, curatorSecurity } from './schemas.js'
import { callerOf, sessionCookie } from './auth.js'

const sessionSchema = Type.Object({
  account: accountSchema,
  /** Send as X-CSRF-Token with every POST, PUT, PATCH and DELETE made with the session cookie. */
  csrf_token: Type.Union([Type.String(), Type.Null()]),
  idle_expires_at: Type.Union([Type.String(), Type.Null()]),
  expires_at: Type.Union([Type.String(), Type.Null()]),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
})

const secureRequest = (config: Config, request: FastifyRequest) => request.protocol === 'https' || !!config.publicUrl?.startsWith('https:')

const sessionRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const limits = { idleMinutes: config.curation.sessionIdleMinutes, hours: config.curation.sessionHours }
  app.post(
    '/session',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['curate'],
        summary: 'Sign in to the console (sets the session cookie)',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false, examples: [{ email: 'curator@health.example.org', password: '<your password>' }] },
        ),
        response: { 200: sessionSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request, reply) => {
      const result = await checkLogin(app.db, request.body.email, request.body.password)
      if (!result.ok) {
        if (result.reason === 'locked') {
          reply.header('retry-after', String(result.retryAfterS))
          throw new ApiError(429, ErrorCode.LOGIN_LOCKED, `too many wrong passwords: try again in ${result.retryAfterS} s`)
        }
        throw new ApiError(401, ErrorCode.UNAUTHENTICATED, 'wrong email or password')
      }
      const session = await createSession(app.db, result.account.id, limits)
      reply.header('set-cookie', sessionCookie(session.token, (session.expiresAt.getTime() - Date.now()) / 1000, secureRequest(config, request)))
      return {
        account: accountView(result.account),
        csrf_token: csrfTokenFor(session.token),
        idle_expires_at: session.idleExpiresAt.toISOString(),
        expires_at: session.expiresAt.toISOString(),
        via: 'session' as const,
      }
    },
  )

  app.get(
    '/session',
    {
      schema: {
        tags: ['curate'],
        summary: 'Who is signed in',
        security: curatorSecurity,
        response: { 200: sessionSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      return {
        account: accountView(caller.account),
        csrf_token: caller.sessionToken ? csrfTokenFor(caller.sessionToken) : null,
        idle_expires_at: caller.idleExpiresAt?.toISOString() ?? null,
        expires_at: caller.expiresAt?.toISOString() ?? null,
        via: caller.via,
      }
    },
  )

  app.delete(
    '/session',
    {
      schema: {
        tags: ['curate'],
        summary: 'Sign out (ends the session)',
        security: [{ curatorSession: [] }],
        response: { 204: Type.Null(), '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      if (caller.sessionToken) {
        await endSession(app.db, caller.sessionToken)
        reply.header('set-cookie', sessionCookie('', 0, secureRequest(config, request)))
      }
      return reply.code(204).send(null)
    },
  )
}

export default sessionRoutes
