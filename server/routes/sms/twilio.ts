/**
 * POST /sms/twilio: Twilio's Messaging webhook. Twilio posts the text as a form (From, To,
 * Body, MessageSid, …) signed with X-Twilio-Signature over PUBLIC_URL + /sms/twilio; a
 * request whose signature is missing or wrong gets 403 and no search. The answer is TwiML:
 * one <Message> with the reply. When the database is away the person still gets a text
 * saying to try again (Twilio does not retry a failed webhook: a 503 would be silence).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { databaseFault } from '../../db/faults.js'
import { ApiError, ErrorCode } from '../../errors.js'
import { plainReply } from '../../sms/compose.js'
import { answerMessage, type SmsDeps } from '../../sms/conversation.js'
import { interpretMessage } from '../../sms/parse.js'
import { isValidTwilioSignature, type FormFields } from '../../sms/twilio-signature.js'
import { SMS_WORDS } from '../../sms/words.js'
import type { SmsLimits } from './limits.js'

const PATH = '/sms/twilio'

/** The fields read; Twilio sends a dozen more (all of them signed), which are allowed. */
const twilioBody = Type.Object(
  {
    From: Type.String({ minLength: 1, maxLength: 64 }),
    Body: Type.Optional(Type.String({ maxLength: 1600 })),
  },
  { additionalProperties: true },
)

/** Text as XML character data. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** TwiML answering with one message. */
export function twimlMessage(text: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xmlText(text)}</Message></Response>`
}

const twilioRoute: FastifyPluginAsyncTypebox<{ authToken: string; publicUrl: string; deps: SmsDeps; limits: SmsLimits }> = async (
  app,
  { authToken, publicUrl, deps, limits },
) => {
  app.post(
    PATH,
    {
      schema: { hide: true, body: twilioBody },
      bodyLimit: 16 * 1024,
      // The global per-address limit would count all of Twilio's traffic as a few clients; these count per gateway and per sender.
      config: { rateLimit: false },
      // Before validation, so an unsigned request learns nothing about the fields.
      preValidation: async (request) => {
        const signature = request.headers['x-twilio-signature']
        if (typeof signature !== 'string' || signature === '') throw new ApiError(403, ErrorCode.FORBIDDEN, 'X-Twilio-Signature is missing')
        // The URL Twilio was given: PUBLIC_URL and this path, with the query string if the console URL had one.
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
        const body = (request.body ?? {}) as FormFields
        if (typeof body !== 'object' || !isValidTwilioSignature(authToken, publicUrl + PATH + query, body, signature)) {
          throw new ApiError(403, ErrorCode.FORBIDDEN, 'X-Twilio-Signature does not match this request (check SMS_AUTH_TOKEN and PUBLIC_URL)')
        }
      },
      preHandler: async (request, reply) => limits(request, reply, 'twilio', (request.body as { From: string }).From),
    },
    async (request, reply) => {
      const { From: from, Body: text = '' } = request.body
      let answer: string
      try {
        answer = (await answerMessage(deps, from, text)).text
      } catch (err) {
        const fault = databaseFault(err)
        if (!fault) throw err
        request.log.warn({ fault }, 'sms search could not reach the database; answered "try again"')
        answer = plainReply(SMS_WORDS[interpretMessage(text).lang].unavailable)
      }
      return reply.type('text/xml; charset=utf-8').send(twimlMessage(answer))
    },
  )
}

export default twilioRoute
