/**
 * A curator's work on one site: find it, read it as editable, change fields, confirm it as
 * correct, read its history and revert a change, resolve its reports. Every route checks the
 * site is within the caller's scope.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { holdFields, NotRevertibleError, revertEntry } from '../../curate/edits.js'
import { normalizeChanges, partialChangesSchema } from '../../curate/fields.js'
import { findAuditEntry, loadListing, siteHistory } from '../../curate/listing.js'
import { resolveReports, RESOLUTIONS } from '../../curate/reviews.js'
import { inScope, siteAccess, type Actor } from '../../curate/scope.js'
import { CRITICAL_FIELDS, VERIFICATION_METHODS, verifySite } from '../../curate/verification.js'
import type { Database } from '../../db/schema.js'
import { ApiError, ErrorCode, errorBodySchema, invalidField, notFound } from '../../errors.js'
import { REPORT_KINDS } from '../../reports/repository.js'
import { callerOf } from './auth.js'
import { curatorSecurity, siteIdParams } from './schemas.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
const security = curatorSecurity

/** 404 for no such site, 403 outside the caller's scope. */
export async function requireSite(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const access = await siteAccess(db, actor, id)
  if (access === 'missing') throw notFound(`no site with id "${id.slice(0, 80)}"`)
  if (access === 'outside') throw new ApiError(403, ErrorCode.FORBIDDEN, 'this site is outside your scope (states and sources)')
}

const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sites',
    {
      schema: {
        tags: ['curate'],
        summary: 'Find sites to edit by name, city, ZIP or id',
        security,
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const { q, state, limit } = request.query
      const pattern = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
      const rows = await app.db
        .selectFrom('locations as l')
        .select(['l.id', 'l.name', 'l.address_1', 'l.city', 'l.region', 'l.postal_code', 'l.status', 'l.source', 'l.assured_date', 'l.demo'])
        .where((eb) => eb.or([eb('l.id', '=', q), eb('l.name', 'ilike', pattern), eb('l.city', 'ilike', pattern), eb('l.postal_code', '=', q.trim())]))
        .where(inScope(actor))
        .$if(!!state, (qb) => qb.where('l.region', '=', (state as string).toUpperCase()))
        .orderBy(sql`l.id = ${q}`, 'desc')
        .orderBy('l.name')
        .orderBy('l.id')
        .limit(limit)
        .execute()
      return { sites: rows }
    },
  )

  app.get(
    '/sites/:id',
    { schema: { tags: ['curate'], summary: 'A site as a curator edits it', security, params: siteIdParams, response: errors } },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      return loadListing(app.db, request.params.id)
    },
  )

  app.patch(
    '/sites/:id',
    {
      schema: {
        tags: ['curate'],
        summary: 'Change fields of a site (each change audited; re-imports never overwrite them)',
        security,
        params: siteIdParams,
        body: Type.Object(
          { changes: partialChangesSchema, reason: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false, examples: [{ changes: { phones: ['(410) 555-0100'] }, reason: 'Called the site: new number' }] },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const id = request.params.id
      await requireSite(app.db, actor, id)
      const values = normalizeChanges(request.body.changes)
      await holdFields(app.db, id, values, { actor, action: 'edit', reason: request.body.reason?.trim() || null })
      return loadListing(app.db, id)
    },
  )

  app.post(
    '/sites/:id/verify',
    {
      schema: {
        tags: ['curate'],
        summary: 'Confirm a site (or some critical fields) as correct',
        security,
        params: siteIdParams,
        body: Type.Object(
          {
            fields: Type.Optional(Type.Array(literals(CRITICAL_FIELDS), { maxItems: CRITICAL_FIELDS.length, uniqueItems: true })),
            how: literals(VERIFICATION_METHODS),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false, examples: [{ fields: ['phone', 'hours'], how: 'called', note: 'Spoke to the front desk' }] },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      await requireSite(app.db, actor, request.params.id)
      const date = await verifySite(app.db, request.params.id, request.body, actor)
      return { verified_on: date, listing: await loadListing(app.db, request.params.id) }
    },
  )

  app.get(
    '/sites/:id/history',
    {
      schema: {
        tags: ['curate'],
        summary: 'Every change to a site, newest first',
        security,
        params: siteIdParams,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Entries older than this entry id' })),
          },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      const { limit, before } = request.query
      return { entries: await siteHistory(app.db, request.params.id, { limit, ...(before !== undefined ? { before } : {}) }) }
    },
  )

  app.post(
    '/history/:entry/revert',
    {
      schema: {
        tags: ['curate'],
        summary: "Put a field back to an audit entry's previous value",
        security,
        params: Type.Object({ entry: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
        body: Type.Optional(
          Type.Object(
            { reason: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false, examples: [{ reason: 'The old hours were right' }] },
          ),
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const found = await findAuditEntry(app.db, request.params.entry)
      if (!found) throw notFound(`no history entry ${request.params.entry}`)
      await requireSite(app.db, actor, found.siteId)
      const reason = [`revert of change #${found.entry.id}`, request.body?.reason?.trim()].filter(Boolean).join(': ')
      try {
        const field = await revertEntry(app.db, found.siteId, found.entry, { actor, action: 'revert', reason })
        return { site_id: found.siteId, field, listing: await loadListing(app.db, found.siteId) }
      } catch (err) {
        if (err instanceof NotRevertibleError) throw invalidField('entry', err.message)
        throw err
      }
    },
  )

  app.post(
    '/sites/:id/reports/resolve',
    {
      schema: {
        tags: ['curate'],
        summary: 'Resolve every open report of one kind about a site',
        security,
        params: siteIdParams,
        body: Type.Object(
          { kind: literals(REPORT_KINDS), resolution: literals(RESOLUTIONS), note: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false, examples: [{ kind: 'wrong_hours', resolution: 'fixed', note: 'Hours updated after a call' }] },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      await requireSite(app.db, actor, request.params.id)
      const { kind, resolution, note } = request.body
      const resolved = await resolveReports(app.db, request.params.id, kind, resolution, note?.trim() || null, actor)
      if (resolved === 0) throw notFound(`no open "${kind}" reports about this site`)
      return { resolved }
    },
  )
}

export default siteRoutes
