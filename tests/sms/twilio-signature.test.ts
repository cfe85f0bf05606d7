/**
 * Twilio's signature as its documentation computes it, and a comparison that accepts only
 * the exact signature (the route tests check the webhook itself).
 */
import { describe, expect, it } from 'vitest'
import { isValidTwilioSignature, secretsMatch, twilioSignature } from '../../server/sms/twilio-signature.js'

const DOC_PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' }
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2'

describe("Twilio's request signature", () => {
  it("matches the example in Twilio's documentation", () => {
    expect(twilioSignature('12345', DOC_URL, DOC_PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
    expect(isValidTwilioSignature('12345', DOC_URL, DOC_PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=')).toBe(true)
  })

  it('does not depend on the order the parameters came in', () => {
    const reversed = Object.fromEntries(Object.entries(DOC_PARAMS).reverse())
    expect(twilioSignature('12345', DOC_URL, reversed)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
  })

  it('refuses a missing, truncated, altered or differently-cased signature, and one for other parameters or another URL', () => {
    const good = 'RSOYDt4T1cUTdK1PDd93/VVr8B8='
    for (const bad of [undefined, '', good.slice(0, -1), good.replace('R', 'S'), good.toLowerCase(), good + '=']) {
      expect(isValidTwilioSignature('12345', DOC_URL, DOC_PARAMS, bad)).toBe(false)
    }
    expect(isValidTwilioSignature('12345', DOC_URL, { ...DOC_PARAMS, Digits: '1235' }, good)).toBe(false)
    expect(isValidTwilioSignature('12345', DOC_URL.replace('https', 'http'), DOC_PARAMS, good)).toBe(false)
    expect(isValidTwilioSignature('12346', DOC_URL, DOC_PARAMS, good)).toBe(false)
  })

  it('signs a repeated parameter with each of its values', () => {
    const one = twilioSignature('12345', DOC_URL, { MediaUrl: ['b', 'a'] })
    expect(one).toBe(twilioSignature('12345', DOC_URL, { MediaUrl: ['a', 'b'] }))
    expect(one).not.toBe(twilioSignature('12345', DOC_URL, { MediaUrl: 'a' }))
  })

  it('compares shared secrets exactly', () => {
    expect(secretsMatch('s'.repeat(20), 's'.repeat(20))).toBe(true)
    expect(secretsMatch('s'.repeat(19), 's'.repeat(20))).toBe(false)
    expect(secretsMatch(undefined, 's'.repeat(20))).toBe(false)
  })
})
