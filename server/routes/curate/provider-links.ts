/**
 * Provider update links of a site (issue 16): make one (its token is in that answer only),
 * list them (never with tokens), revoke one. A curator manages links of sites in its scope.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { absoluteLink, siteContact } from '../../curate/link-delivery.js'
import { createMailer, isMailAddress, MailError } from '../../curate/mailer.js'
import { createLink, DEFAULT_LINK_DAYS, findLink, listLinks, MAX_LINK_DAYS, revokeLink } from '../../curate/provider-links.js'
import { ApiError, ErrorCode, errorBodySchema, invalidField, notFound } from '../../errors.js'
import { callerOf } from './auth.js'
import { curatorSecurity as security, siteIdParams } from './schemas.js'
import { requireSite } from './sites.js'

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
const when = Type.String({ format: 'date-time' })
const maybeWhen = Type.Union([when, Type.Null()])

export const providerLinkSchema = Type.Object({
  id: Type.String(),
  site_id: Type.String(),
  created_by: Type.Union([Type.String(), Type.Null()]),
  created_at: when,
  expires_at: when,
  revoked_at: maybeWhen,
  revoked_by: Type.Union([Type.String(), Type.Null()]),
  last_used_at: maybeWhen,
  confirmations: Type.Integer({ minimum: 0 }),
  last_confirmed_at: maybeWhen,
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
})

const providerLinkRoutes: FastifyPluginAsyncTypebox<{ config: Pick<Config, 'mail' | 'publicUrl'> }> = async (app, { config }) => {
  const mailer = createMailer(config)
  if (mailer) app.addHook('onClose', async () => mailer.close())

  app.post(
    '/sites/:id/update-links',
    {
      schema: {
        tags: ['curate'],
        summary: 'Make a provider update link for a site (the token is shown in this answer only)',
        description:
          'Whoever holds the link sees the listing and can confirm it as correct, without an account, until it expires or is revoked. ' +
          'Only a hash of the token is stored: keep `url` now, it cannot be read again.',
        security,
        params: siteIdParams,
        body: Type.Optional(
          Type.Object(
            {
              days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LINK_DAYS, default: DEFAULT_LINK_DAYS, description: 'Days until the link expires' })),
              email: Type.Optional(Type.Boolean({ description: "Also mail the link (needs SMTP_URL and PUBLIC_URL): to `to`, or else the site's email" })),
              to: Type.Optional(Type.String({ minLength: 3, maxLength: 254, description: "Where to mail the link instead of the site's email" })),
            },
            { additionalProperties: false, examples: [{ days: 30 }, { days: 30, email: true }] },
          ),
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            url: Type.String({ description: 'The path to give the provider: /update/<token>' }),
            expires_at: when,
            link: providerLinkSchema,
            emailed: Type.Boolean({ description: 'Whether the mail server took the message (false when no mail was asked for, or it failed)' }),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = callerOf(request).account
      await requireSite(app.db, actor, request.params.id)
      const body = request.body ?? {}
      if (body.to !== undefined && !body.email) throw invalidField('to', 'is only used with "email": true')
      // Everything a mail needs is checked before the link is made.
      let to: string | null = null
      let siteName = ''
      if (body.email) {
        if (!mailer) throw new ApiError(409, ErrorCode.CONFLICT, 'mail is not configured on this server: set SMTP_URL and MAIL_FROM to send links')
        if (!config.publicUrl) throw new ApiError(409, ErrorCode.CONFLICT, 'a mailed link must be absolute: set PUBLIC_URL to send links')
        const contact = await siteContact(app.db, request.params.id)
        siteName = contact?.name ?? ''
        to = body.to?.trim() ?? contact?.email ?? null
        if (!to) throw invalidField('to', 'is required: this site has no email address')
        if (!isMailAddress(to)) throw invalidField('to', 'must be an email address such as provider@example.org')
      }
      const made = await createLink(app.db, { siteId: request.params.id, curator: actor, days: body.days ?? DEFAULT_LINK_DAYS })
      let emailed = false
      if (mailer && to) {
        try {
          await mailer.sendLink({ to, siteName, url: absoluteLink(config.publicUrl, made.url) as string, expiresAt: made.link.expires_at })
          emailed = true
        } catch (err) {
          if (!(err instanceof MailError)) throw err
          request.log.warn({ link_id: made.link.id }, err.message)
        }
      }
      return reply.code(201).send({ id: made.link.id, url: made.url, expires_at: made.link.expires_at, link: made.link, emailed })
    },
  )

  app.get(
    '/sites/:id/update-links',
    {
      schema: {
        tags: ['curate'],
        summary: "A site's provider update links, newest first (without tokens)",
        security,
        params: siteIdParams,
        response: { 200: Type.Object({ links: Type.Array(providerLinkSchema) }), ...errors },
      },
    },
    async (request) => {
      await requireSite(app.db, callerOf(request).account, request.params.id)
      return { links: await listLinks(app.db, request.params.id) }
    },
  )

  app.delete(
    '/update-links/:linkId',
    {
      schema: {
        tags: ['curate'],
        summary: 'Revoke a provider update link (it stops working at once; revoking twice is harmless)',
        security,
        params: Type.Object({ linkId: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: Type.Object({ link: providerLinkSchema }), ...errors },
      },
    },
    async (request) => {
      const actor = callerOf(request).account
      const link = await findLink(app.db, request.params.linkId)
      if (!link) throw notFound(`no update link with id "${request.params.linkId.slice(0, 80)}"`)
      await requireSite(app.db, actor, link.site_id)
      const revoked = await revokeLink(app.db, link.id, actor)
      if (!revoked) throw notFound(`no update link with id "${request.params.linkId.slice(0, 80)}"`)
      return { link: revoked }
    },
  )
}

export default providerLinkRoutes
