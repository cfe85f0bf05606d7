/**
 * Accounts and API tokens. Admins manage every account; any account may list, create and
 * revoke its own tokens. A token's secret is in the creating answer only.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccountExistsError, accountView, createAccount, findAccount, listAccounts, updateAccount } from '../../curate/accounts.js'
import { MIN_PASSWORD_LENGTH } from '../../curate/secrets.js'
import { apiTokenOwner, createApiToken, listApiTokens, revokeApiToken } from '../../curate/sessions.js'
import type { Account } from '../../db/schema.js'
import { ApiError, ErrorCode, errorBodySchema, notFound } from '../../errors.js'
import { callerOf } from './auth.js'
import { accountSchema, curatorSecurity as security } from './schemas.js'

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
const role = Type.Union([Type.Literal('admin'), Type.Literal('curator')])
const states = Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2 }), { maxItems: 60, uniqueItems: true })
const sources = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, uniqueItems: true })
const password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1000 })
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

const forbidden = () => new ApiError(403, ErrorCode.FORBIDDEN, 'only an admin, or the account itself, may do this')
const selfOrAdmin = (caller: Account, accountId: string) => caller.role === 'admin' || caller.id === accountId

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/accounts',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['curate'],
        summary: 'Every account (admin)',
        security,
        response: { 200: Type.Object({ accounts: Type.Array(accountSchema) }), ...errors },
      },
    },
    async () => ({ accounts: (await listAccounts(app.db)).map(accountView) }),
  )

  app.post(
    '/accounts',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['curate'],
        summary: 'Create an account (admin)',
        security,
        body: Type.Object(
          {
            email: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254 }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            role,
            scope_states: Type.Optional(states),
            scope_sources: Type.Optional(sources),
            password: Type.Optional(password),
          },
          { additionalProperties: false, examples: [{ email: 'curator@health.example.org', name: 'Pat Curator', role: 'curator', scope_states: ['MD'] }] },
        ),
        response: { 201: accountSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body
      try {
        const account = await createAccount(app.db, {
          email: b.email,
          role: b.role,
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.scope_states ? { scopeStates: b.scope_states } : {}),
          ...(b.scope_sources ? { scopeSources: b.scope_sources } : {}),
          password: b.password ?? null,
        })
        return reply.code(201).send(accountView(account))
      } catch (err) {
        if (err instanceof AccountExistsError) throw new ApiError(409, ErrorCode.CONFLICT, err.message)
        throw err
      }
    },
  )

  app.patch(
    '/accounts/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['curate'],
        summary: 'Change an account: name, role, scope, disabled, password (admin)',
        security,
        params: idParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            role: Type.Optional(role),
            scope_states: Type.Optional(states),
            scope_sources: Type.Optional(sources),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(password),
          },
          { additionalProperties: false, minProperties: 1, examples: [{ scope_states: ['MD', 'DC'] }] },
        ),
        response: { 200: accountSchema, ...errors },
      },
    },
    async (request) => {
      const b = request.body
      const caller = callerOf(request).account
      if (request.params.id === caller.id && (b.disabled === true || b.role === 'curator')) {
        throw new ApiError(409, ErrorCode.CONFLICT, 'an admin cannot disable or demote their own account (ask another admin)')
      }
      const updated = await updateAccount(app.db, request.params.id, {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.role ? { role: b.role } : {}),
        ...(b.scope_states ? { scopeStates: b.scope_states } : {}),
        ...(b.scope_sources ? { scopeSources: b.scope_sources } : {}),
        ...(b.disabled !== undefined ? { disabled: b.disabled } : {}),
        ...(b.password ? { password: b.password } : {}),
      })
      if (!updated) throw notFound(`no account ${request.params.id.slice(0, 80)}`)
      return accountView(updated)
    },
  )

  app.get(
    '/accounts/:id/tokens',
    { schema: { tags: ['curate'], summary: "An account's API tokens (admin or the account itself)", security, params: idParams, response: errors } },
    async (request) => {
      if (!selfOrAdmin(callerOf(request).account, request.params.id)) throw forbidden()
      if (!(await findAccount(app.db, request.params.id))) throw notFound(`no account ${request.params.id.slice(0, 80)}`)
      return { tokens: await listApiTokens(app.db, request.params.id) }
    },
  )

  app.post(
    '/accounts/:id/tokens',
    {
      schema: {
        tags: ['curate'],
        summary: 'Create an API token (the secret is in this answer only)',
        security,
        params: idParams,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false, examples: [{ name: 'nightly import' }] }),
        response: errors,
      },
    },
    async (request, reply) => {
      if (!selfOrAdmin(callerOf(request).account, request.params.id)) throw forbidden()
      const account = await findAccount(app.db, request.params.id)
      if (!account || account.disabled) throw notFound(`no enabled account ${request.params.id.slice(0, 80)}`)
      const { token, view } = await createApiToken(app.db, account.id, request.body.name)
      return reply.code(201).send({ ...view, token })
    },
  )

  app.delete('/tokens/:id', { schema: { tags: ['curate'], summary: 'Revoke an API token', security, params: idParams, response: errors } }, async (request) => {
    const owner = await apiTokenOwner(app.db, request.params.id)
    if (!owner) throw notFound(`no token ${request.params.id.slice(0, 80)}`)
    if (!selfOrAdmin(callerOf(request).account, owner)) throw forbidden()
    await revokeApiToken(app.db, request.params.id)
    return { id: request.params.id, revoked: true }
  })
}

export default accountRoutes
