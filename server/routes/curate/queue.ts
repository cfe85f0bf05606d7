/**
 * The review queue and its decisions: list items by kind, assign them, confirm or undo
 * merges, accept or refuse a source's value.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { findAccount } from '../../curate/accounts.js'
import { listQueue, QUEUE_KINDS, queueCounts, siteOfItem } from '../../curate/queue.js'
import { acceptSource, assignItem, confirmMerge, findDisagreement, findMergeReview, keepOurs, undoMerge } from '../../curate/reviews.js'
import { UnmergeError } from '../../directory/merge.js'
import { ApiError, ErrorCode, errorBodySchema, invalidField, notFound } from '../../errors.js'
import { callerOf } from './auth.js'
import { curatorSecurity as security } from './schemas.js'
import { requireSite } from './sites.js'

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
const alreadyDecided = (what: string) => new ApiError(409, ErrorCode.CONFLICT, `this ${what} was already decided`)
const mergeParams = Type.Object({ source: Type.String({ minLength: 1, maxLength: 100 }), source_id: Type.String({ minLength: 1, maxLength: 300 }) })
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

const queueRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const verifyAfterDays = config.curation.verifyAfterDays

  app.get(
    '/queue',
    {
      schema: {
        tags: ['curate'],
        summary: 'Queue items of one kind, oldest first, and the open count of every kind',
        security,
        querystring: Type.Object(
          {
            kind: Type.Union(
              QUEUE_KINDS.map((k) => Type.Literal(k)),
              { default: 'reports' },
            ),
            state: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2 })),
            source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            assigned: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '"me", "none" or an account id' })),
            older_than_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 36500 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const { kind, state, source, assigned, older_than_days, limit, offset } = request.query
      const filter = {
        kind,
        limit,
        offset,
        ...(state ? { state } : {}),
        ...(source ? { source } : {}),
        ...(assigned ? { assigned } : {}),
        ...(older_than_days !== undefined ? { olderThanDays: older_than_days } : {}),
      }
      const [page, counts] = await Promise.all([listQueue(app.db, actor, filter, verifyAfterDays), queueCounts(app.db, actor, filter, verifyAfterDays)])
      return { counts, total: page.total, items: page.items }
    },
  )

  app.put(
    '/assignments',
    {
      schema: {
        tags: ['curate'],
        summary: 'Assign a queue item to a curator (null unassigns)',
        security,
        body: Type.Object(
          { item: Type.String({ minLength: 3, maxLength: 600 }), account_id: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]) },
          { additionalProperties: false, examples: [{ item: 'verify:<site id>', account_id: null }] },
        ),
        response: errors,
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const { item, account_id } = request.body
      const siteId = await siteOfItem(app.db, item)
      if (!siteId) throw invalidField('item', 'names no queue item (report:<site>:<kind>, verify:<site>, merge:<source>:<id> or disagreement:<id>)')
      await requireSite(app.db, actor, siteId)
      if (account_id !== null) {
        const assignee = await findAccount(app.db, account_id)
        if (!assignee || assignee.disabled) throw invalidField('account_id', 'names no enabled account')
      }
      await assignItem(app.db, item, account_id)
      return { item, account_id }
    },
  )

  const reviewOf = async (source: string, sourceId: string, actor: Parameters<typeof requireSite>[1]) => {
    const review = await findMergeReview(app.db, source, sourceId)
    if (!review) throw notFound(`no merge review for ${source}:${sourceId.slice(0, 80)}`)
    await requireSite(app.db, actor, review.location_id)
    if (review.status !== 'open') throw alreadyDecided('merge')
    return review
  }

  app.post(
    '/merges/:source/:source_id/confirm',
    { schema: { tags: ['curate'], summary: 'The merge was right', security, params: mergeParams, response: errors } },
    async (request) => {
      const actor = callerOf(request).account
      const review = await reviewOf(request.params.source, request.params.source_id, actor)
      await confirmMerge(app.db, review, actor)
      return { status: 'confirmed' as const }
    },
  )

  app.post(
    '/merges/:source/:source_id/unmerge',
    { schema: { tags: ['curate'], summary: 'The merge was wrong: the record becomes a site of its own', security, params: mergeParams, response: errors } },
    async (request) => {
      const actor = callerOf(request).account
      const review = await reviewOf(request.params.source, request.params.source_id, actor)
      const siteId = await undoMerge(app.db, review, actor).catch((err: unknown) => {
        if (err instanceof UnmergeError) throw new ApiError(409, ErrorCode.CONFLICT, err.message)
        throw err
      })
      return { status: 'unmerged' as const, site_id: siteId, from_site_id: review.location_id }
    },
  )

  const disagreementOf = async (id: string, actor: Parameters<typeof requireSite>[1]) => {
    const item = await findDisagreement(app.db, id)
    if (!item) throw notFound(`no source disagreement ${id.slice(0, 80)}`)
    await requireSite(app.db, actor, item.location_id)
    if (item.status !== 'open') throw alreadyDecided('disagreement')
    return item
  }

  app.post(
    '/disagreements/:id/accept',
    { schema: { tags: ['curate'], summary: "Take the source's value (the field follows the source again)", security, params: idParams, response: errors } },
    async (request) => {
      const actor = callerOf(request).account
      await acceptSource(app.db, await disagreementOf(request.params.id, actor), actor)
      return { status: 'accepted' as const }
    },
  )

  app.post(
    '/disagreements/:id/keep',
    { schema: { tags: ['curate'], summary: "Keep the curator's value", security, params: idParams, response: errors } },
    async (request) => {
      const actor = callerOf(request).account
      await keepOurs(app.db, await disagreementOf(request.params.id, actor), actor)
      return { status: 'kept' as const }
    },
  )
}

export default queueRoutes
