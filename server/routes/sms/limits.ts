/**
 * The SMS routes' rate limits, checked once the body is parsed (the sender is in it): one
 * counter per gateway (RATE_LIMIT_PER_MINUTE texts a minute) and one per sender, keyed by a
 * keyed hash of the number, never the number. Built on @fastify/rate-limit's counters, as the
 * rest of the app's limits are.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, ErrorCode } from '../../errors.js'
import type { SenderKey } from '../../sms/sessions.js'

/** Texts one number may send in SENDER_WINDOW_MS: a person searching and paging, not a script. */
export const SENDER_MAX = 20
export const SENDER_WINDOW_MS = 10 * 60_000

/** Checks one request against the per-gateway and per-sender limits; throws a 429 ApiError (with Retry-After) past either. */
export type SmsLimits = (request: FastifyRequest, reply: FastifyReply, gateway: string, from: string) => Promise<void>

type Limiter = ReturnType<FastifyInstance['createRateLimit']>

/** The limits for this app's SMS routes. */
export function smsLimits(app: FastifyInstance, options: { gatewayPerMinute: number; keyOf: SenderKey }): SmsLimits {
  // The key generator sees only the request: the sender's hash rides on it from the check below.
  const senderHash = new WeakMap<FastifyRequest, string>()
  const perSender = app.createRateLimit({
    max: SENDER_MAX,
    timeWindow: SENDER_WINDOW_MS,
    keyGenerator: (request) => `sms-sender:${senderHash.get(request) ?? ''}`,
  })
  const perGateway = new Map<string, Limiter>()
  return async (request, reply, gateway, from) => {
    let gatewayLimit = perGateway.get(gateway)
    if (!gatewayLimit) {
      gatewayLimit = app.createRateLimit({ max: options.gatewayPerMinute, timeWindow: 60_000, keyGenerator: () => `sms-gateway:${gateway}` })
      perGateway.set(gateway, gatewayLimit)
    }
    senderHash.set(request, options.keyOf(from))
    for (const limit of [gatewayLimit, perSender]) {
      const result = await limit(request)
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds))
        throw new ApiError(429, ErrorCode.RATE_LIMITED, `too many messages; try again in ${result.ttlInSeconds} s`)
      }
    }
  }
}
