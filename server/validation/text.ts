/**
 * Text the directory can store and compare: PostgreSQL refuses U+0000 in text (error 22021),
 * and an unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD).
 */

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The rule a refused string broke, worded for a 400 after the field name. */
export const SAFE_TEXT_RULE = 'must not contain NUL characters or unpaired UTF-16 surrogates'

/**
 * True when `value` has no NUL and no unpaired surrogate.
 * Example: isSafeText('naloxone') → true; isSafeText('a\u0000b') → false; isSafeText('\ud800') → false.
 */
export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value)
}
