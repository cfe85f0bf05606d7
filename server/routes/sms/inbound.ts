/**
 * POST /sms/inbound: the generic webhook for gateways other than Twilio. The gateway posts
 * JSON { from, text } with the shared secret in X-SMS-Secret and gets { reply, encoding,
 * segments } to send back to `from`. Wrong or missing secret: 401. Database away: 503 with
 * Retry-After, for the gateway to retry.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { ApiError, ErrorCode } from '../../errors.js'
import { answerMessage, type SmsDeps } from '../../sms/conversation.js'
import { countSegments } from '../../sms/segments.js'
import { secretsMatch } from '../../sms/twilio-signature.js'
import type { SmsLimits } from './limits.js'

/** The header the gateway sends the shared secret in. */
export const INBOUND_SECRET_HEADER = 'x-sms-secret'

const inboundBody = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 64, description: "The sender's number, as the gateway gives it (+14105550100)" }),
    text: Type.String({ maxLength: 1600, description: 'The message text' }),
  },
  // A gateway may add its own fields (to, id, received_at); they are ignored.
  { additionalProperties: true },
)

const inboundReply = Type.Object({
  reply: Type.String({ description: 'The text to send back to `from`' }),
  encoding: Type.Union([Type.Literal('GSM-7'), Type.Literal('UCS-2')]),
  segments: Type.Integer({ minimum: 1, maximum: 2 }),
})

const inboundRoute: FastifyPluginAsyncTypebox<{ secret: string; deps: SmsDeps; limits: SmsLimits }> = async (app, { secret, deps, limits }) => {
  app.post(
    '/sms/inbound',
    {
      schema: { hide: true, body: inboundBody, response: { 200: inboundReply, '4xx': errorBodySchema, '5xx': errorBodySchema } },
      bodyLimit: 16 * 1024,
      config: { rateLimit: false },
      preValidation: async (request) => {
        const given = request.headers[INBOUND_SECRET_HEADER]
        if (!secretsMatch(typeof given === 'string' ? given : undefined, secret)) {
          throw new ApiError(401, ErrorCode.UNAUTHENTICATED, `${INBOUND_SECRET_HEADER} is missing or wrong (see SMS_INBOUND_SECRET)`)
        }
      },
      preHandler: async (request, reply) => limits(request, reply, 'inbound', (request.body as { from: string }).from),
    },
    async (request) => {
      const { text } = await answerMessage(deps, request.body.from, request.body.text)
      const { encoding, segments } = countSegments(text)
      return { reply: text, encoding, segments }
    },
  )
}

export default inboundRoute
