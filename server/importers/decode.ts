/**
 * Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 with a BOM, or
 * Latin-1/cp1252 (the SAMHSA OTP list). Anything else is refused rather than guessed.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export class EncodingError extends Error {}

/** Bytes that cp1252 leaves undefined, and C0 controls other than tab, CR, LF, FF. */
function looksBinary(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 1 << 20)
  for (let i = 0; i < limit; i++) {
    const b = bytes[i] as number
    if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) return true
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return true
  }
  return false
}

/** The file's encoding; `forced` (from a mapping) is checked, not trusted. */
export function detectEncoding(bytes: Uint8Array, forced?: Encoding): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  let utf8 = true
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    utf8 = false
  }
  if (forced === 'utf-8' && !utf8) throw new EncodingError('is declared UTF-8 but is not valid UTF-8')
  if (utf8) {
    if (forced && forced !== 'utf-8' && forced !== 'windows-1252') throw new EncodingError(`is not ${forced}`)
    // Plain ASCII decodes the same either way; a cp1252 file with only ASCII bytes is valid UTF-8.
    if (looksBinary(bytes)) throw new EncodingError('is in an unknown encoding (binary data or UTF-16 without a byte-order mark)')
    return 'utf-8'
  }
  if (looksBinary(bytes)) throw new EncodingError('is in an unknown encoding (neither UTF-8 nor Latin-1/cp1252)')
  return 'windows-1252'
}

/** Decodes a whole file, dropping a byte-order mark. */
export function decodeText(bytes: Uint8Array, forced?: Encoding): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes, forced)
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes)
  return { text, encoding }
}
