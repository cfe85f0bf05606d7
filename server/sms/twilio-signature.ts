/**
 * Twilio's request signature (X-Twilio-Signature): base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the URL Twilio called followed by every POST parameter's name
 * and value, sorted by name. The URL is the public one the deployer typed in Twilio's
 * console (PUBLIC_URL + /sms/twilio), never rebuilt from the request's Host header, which a
 * caller controls.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Form fields as parsed: one value, or several for a repeated name. */
export type FormFields = Record<string, string | string[]>

/** The data Twilio signs: the URL, then each parameter's name and value by name (a repeated name's values sorted). */
function signedData(url: string, params: FormFields): string {
  let data = url
  for (const name of Object.keys(params).sort()) {
    const value = params[name] as string | string[]
    for (const v of Array.isArray(value) ? [...value].sort() : [value]) data += name + v
  }
  return data
}

/**
 * The signature Twilio sends for this URL and these parameters.
 * Example (Twilio's documented case): twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2',
 * { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' })
 * → 'RSOYDt4T1cUTdK1PDd93/VVr8B8='.
 */
export function twilioSignature(authToken: string, url: string, params: FormFields): string {
  return createHmac('sha1', authToken).update(signedData(url, params), 'utf8').digest('base64')
}

/** Whether `signature` is the one for this request, compared in constant time. */
export function isValidTwilioSignature(authToken: string, url: string, params: FormFields, signature: string | undefined): boolean {
  if (!signature) return false
  const expected = Buffer.from(twilioSignature(authToken, url, params))
  const given = Buffer.from(signature)
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same either way.
  return given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected)
}

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  const a = createHmac('sha256', 'sms-secret').update(given).digest()
  const b = createHmac('sha256', 'sms-secret').update(expected).digest()
  return timingSafeEqual(a, b)
}
