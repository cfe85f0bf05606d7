/**
 * Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 with a BOM, or
 * Latin-1/cp1252 (the SAMHSA OTP list). Anything else is refused rather than guessed.
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type Encoding = (typeof ENCODINGS)[number]

export class EncodingError extends Error {
  /** `byte`: the offset of the byte that decided, so the caller can name its line. */
  constructor(
    message: string,
    readonly byte?: number,
  ) {
    super(message)
  }
}

/** How much of a file the binary test looks at. */
const SAMPLE = 1 << 20
/**
 * A sample is binary when it has NULs, or more control bytes than 1% of it and than a few
 * (so one stray in a short file passes). Isolated ones are normal in exported text (a 0x1E in
 * the HCRIS hospital list) and cleanText strips them from values.
 */
const MAX_CONTROL_SHARE = 0.01
const MAX_STRAY_CONTROLS = 16

/** C0 controls other than tab, LF, CR, FF and VT (Excel/FileMaker's line break inside a cell). */
const isControl = (b: number) => b < 0x20 && (b < 9 || b > 13)

/** Why the bytes are not text (NUL bytes, or too many control bytes in the first MB), or null. */
function binaryReason(bytes: Uint8Array): EncodingError | null {
  const limit = Math.min(bytes.length, SAMPLE)
  let controls = 0
  let first = -1
  for (let i = 0; i < limit; i++) {
    const b = bytes[i] as number
    if (b === 0) {
      return new EncodingError(
        `is in an unknown encoding: it contains NUL bytes (the first at byte offset ${i}), so it is binary data or UTF-16 without a byte-order mark, not a text file`,
        i,
      )
    }
    if (isControl(b) && controls++ === 0) first = i
  }
  if (controls <= MAX_STRAY_CONTROLS || controls <= limit * MAX_CONTROL_SHARE) return null
  return new EncodingError(
    `is in an unknown encoding: ${controls} of its first ${limit} bytes are control characters (over 1%; the first at byte offset ${first}), so it is not a text file`,
    first,
  )
}

/** The first byte that cp1252 leaves undefined (the file is in another 8-bit encoding), or -1. */
function undefinedInCp1252(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, SAMPLE)
  for (let i = 0; i < limit; i++) {
    const b = bytes[i] as number
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return i
  }
  return -1
}

/** The bytes without DOS end-of-file markers (0x1A) at the very end. */
function withoutEofMarker(bytes: Uint8Array): Uint8Array {
  let end = bytes.length
  while (end > 0 && bytes[end - 1] === 0x1a) end--
  return end === bytes.length ? bytes : bytes.subarray(0, end)
}

/** The file's encoding; `forced` (from a mapping) is checked, not trusted. */
export function detectEncoding(bytes: Uint8Array, forced?: Encoding): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  const body = withoutEofMarker(bytes)
  let utf8 = true
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    utf8 = false
  }
  if (forced === 'utf-8' && !utf8) throw new EncodingError('is declared UTF-8 but is not valid UTF-8')
  const binary = binaryReason(body)
  if (binary) throw binary
  if (utf8) {
    if (forced && forced !== 'utf-8' && forced !== 'windows-1252') throw new EncodingError(`is not ${forced}`)
    // Plain ASCII decodes the same either way; a cp1252 file with only ASCII bytes is valid UTF-8.
    return 'utf-8'
  }
  // Only here: in UTF-8 these bytes are ordinary continuation bytes (” is E2 80 9D).
  const undefinedByte = undefinedInCp1252(body)
  if (undefinedByte >= 0) {
    const hex = (body[undefinedByte] as number).toString(16).toUpperCase()
    throw new EncodingError(
      `is in an unknown encoding: neither UTF-8 nor Latin-1/cp1252 (byte 0x${hex} at byte offset ${undefinedByte} is not a cp1252 character)`,
      undefinedByte,
    )
  }
  return 'windows-1252'
}

/** Decodes a whole file, dropping a byte-order mark and a trailing DOS end-of-file marker. */
export function decodeText(bytes: Uint8Array, forced?: Encoding): { text: string; encoding: Encoding } {
  const encoding = detectEncoding(bytes, forced)
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(encoding.startsWith('utf-16') ? bytes : withoutEofMarker(bytes))
  return { text, encoding }
}
