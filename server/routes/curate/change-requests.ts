/**
 * Providers' change requests (issue 16): read one, decide it field by field, list a site's;
 * and the trusted-provider flag of a site, whose proposals apply without review. A curator
 * works on requests and flags of sites in its scope; every decision and flag is audited.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ChangeRequestError,
  DECISIONS,
  decideChangeRequest,
  findChangeRequest,
  isTrusted,
  PROPOSABLE_FIELDS,
  setTrusted,
  siteChangeRequests,
} from '../../curate/change-requests.js'
import type { Actor } from '../../curate/scope.js'
import { ApiError, ErrorCode, errorBodySchema, invalidField, notFound } from '../../errors.js'
import { callerOf } from './auth.js'
import { curatorSecurity as security, siteIdParams } from './schemas.js'
import { requireSite } from './sites.js'

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const reason = Type.Optional(Type.String({ maxLength: 500 }))

const changeRequestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const requestOf = async (id: string, actor: Actor) => {
    const request = await findChangeRequest(app.db, id)
    if (!request) throw notFound(`no change request with id "${id.slice(0, 80)}"`)
    await requireSite(app.db, actor, request.site_id)
    return request
  }

  app.get(
    '/change-requests/:id',
    {
      schema: {
        tags: ['curate'],
        summary: "A provider's change request: each field's value then, the value proposed and the decision",
        security,
        params: idParams,
        response: errors,
      },
    },
    async (request) => requestOf(request.params.id, callerOf(request).account),
  )

  app.post(
    '/change-requests/:id/decisions',
    {
      schema: {
        tags: ['curate'],
        summary: 'Approve or reject fields of a change request (approved fields are applied and held; the request closes when every field is decided)',
        security,
        params: idParams,
        body: Type.Object(
          {
            decisions: Type.Record(Type.String({ maxLength: 40 }), Type.Union(DECISIONS.map((d) => Type.Literal(d))), {
              minProperties: 1,
              maxProperties: PROPOSABLE_FIELDS.length,
              description: 'field → "approve" or "reject"',
            }),
            reason,
          },
          { additionalProperties: false, examples: [{ decisions: { phones: 'approve', hours: 'reject' }, reason: 'Called the site' }] },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const found = await requestOf(request.params.id, actor)
      try {
        return await decideChangeRequest(app.db, found.id, request.body.decisions, actor, request.body.reason?.trim() || null)
      } catch (err) {
        if (!(err instanceof ChangeRequestError)) throw err
        if (err.kind === 'unknown_field')
          throw invalidField(`decisions.${err.field}`, `is not a field of this change request (it has ${found.fields.map((f) => f.field).join(', ')})`)
        throw new ApiError(409, ErrorCode.CONFLICT, err.message)
      }
    },
  )

  app.get(
    '/sites/:id/change-requests',
    { schema: { tags: ['curate'], summary: "A site's change requests, newest first", security, params: siteIdParams, response: errors } },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      return { change_requests: await siteChangeRequests(app.db, request.params.id), trusted: await isTrusted(app.db, request.params.id) }
    },
  )

  app.get(
    '/sites/:id/provider-trust',
    {
      schema: {
        tags: ['curate'],
        summary: "Whether the site's provider is trusted (its proposals apply without review)",
        security,
        params: siteIdParams,
        response: { 200: Type.Object({ trusted: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      return { trusted: await isTrusted(app.db, request.params.id) }
    },
  )

  app.put(
    '/sites/:id/provider-trust',
    {
      schema: {
        tags: ['curate'],
        summary: "Trust the site's provider, or stop: a trusted provider's proposals apply at once (audited)",
        security,
        params: siteIdParams,
        body: Type.Object(
          { trusted: Type.Boolean(), reason },
          { additionalProperties: false, examples: [{ trusted: true, reason: 'Known program director' }] },
        ),
        response: { 200: Type.Object({ trusted: Type.Boolean(), changed: Type.Boolean() }), ...errors },
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      await requireSite(app.db, actor, request.params.id)
      const changed = await setTrusted(app.db, request.params.id, request.body.trusted, actor, request.body.reason?.trim() || null)
      return { trusted: request.body.trusted, changed }
    },
  )
}

export default changeRequestRoutes
