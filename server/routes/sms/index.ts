/**
 * The SMS lookup's webhooks: POST /sms/twilio (Twilio's Messaging webhook: a signed form post,
 * answered with TwiML) and POST /sms/inbound (a generic JSON webhook with a shared secret
 * header, for other gateways). Each is off — 404, as for any unknown path — until its secret
 * is configured (SMS_AUTH_TOKEN, SMS_INBOUND_SECRET). Neither logs or keeps the sender's
 * number, the text or the place: the request log line holds method, route, status and time
 * only (log-controller.ts), and the rate limits count by a keyed hash of the number.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import type { SmsDeps } from '../../sms/conversation.js'
import { MoreSessions } from '../../sms/sessions.js'
import { noStore } from '../no-store.js'
import inboundRoute from './inbound.js'
import { smsLimits } from './limits.js'
import twilioRoute from './twilio.js'

/** A form post from Twilio is about 1 kB; a text is at most 1,600 characters. */
export const SMS_BODY_LIMIT = 16 * 1024

export interface SmsRouteOptions {
  config: Config
  geocoder: Geocoder
  /** Tests move the clock; the app uses the real one. */
  now?: () => Date
  sessions?: MoreSessions
}

const smsRoutes: FastifyPluginAsyncTypebox<SmsRouteOptions> = async (app, options) => {
  const { config } = options
  const { twilioAuthToken, inboundSecret } = config.sms
  if (!twilioAuthToken && !inboundSecret) return
  const sessions = options.sessions ?? new MoreSessions()
  const deps: SmsDeps = {
    search: { db: app.db, geocoder: options.geocoder, facetStats: app.facetStats, staleHideAfterDays: config.staleHideAfterDays },
    sessions,
    publicUrl: config.publicUrl,
    now: options.now ?? (() => new Date()),
  }

  // A reply names the place the person asked about.
  app.addHook('onSend', noStore)
  // Twilio's form posts, for these routes only (this plugin is encapsulated), as /lite parses its forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: SMS_BODY_LIMIT }, (_request, body, done) => {
    const params = new URLSearchParams(body as string)
    const fields: Record<string, string | string[]> = {}
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key)
      fields[key] = values.length === 1 ? (values[0] as string) : values
    }
    done(null, fields)
  })

  const limits = smsLimits(app, { gatewayPerMinute: config.rateLimitPerMinute, keyOf: sessions.keyOf })

  if (twilioAuthToken && config.publicUrl) await app.register(twilioRoute, { authToken: twilioAuthToken, publicUrl: config.publicUrl, deps, limits })
  if (inboundSecret) await app.register(inboundRoute, { secret: inboundSecret, deps, limits })
}

export default smsRoutes
