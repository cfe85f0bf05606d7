/**
 * SMS encodings and segments. A message that uses only the GSM 03.38 alphabet goes as GSM-7:
 * 160 septets in one segment, 153 a segment once it is split (the rest carries the
 * concatenation header); the extension table's characters (€, [, ], {, }, …) take two septets
 * and never straddle a segment boundary. Any other character sends the whole message as
 * UCS-2: 70 UTF-16 units in one segment, 67 a segment when split, a surrogate pair never cut.
 */

/** The GSM 03.38 basic character set (one septet each). */
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà')
/** The extension table, reached with an escape septet: two septets each. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€')

export type SmsEncoding = 'GSM-7' | 'UCS-2'

export interface SegmentCount {
  encoding: SmsEncoding
  segments: number
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) in the whole message. */
  units: number
}

/** Whether a character can be sent in GSM-7. */
export function isGsmCharacter(ch: string): boolean {
  return GSM_BASIC.has(ch) || GSM_EXTENSION.has(ch)
}

/** Whether the whole text can be sent in GSM-7. */
export function isGsmText(text: string): boolean {
  for (const ch of text) if (!isGsmCharacter(ch)) return false
  return true
}

/** Splits sizes (in units, each character unsplittable) into segments of at most `single`, or `multi` each when more than one is needed. */
function pack(sizes: number[], single: number, multi: number): { segments: number; units: number } {
  const units = sizes.reduce((sum, n) => sum + n, 0)
  if (units === 0) return { segments: 1, units }
  if (units <= single) return { segments: 1, units }
  let segments = 1
  let used = 0
  for (const size of sizes) {
    if (used + size > multi) {
      segments++
      used = 0
    }
    used += size
  }
  return { segments, units }
}

/**
 * How the text goes over the air: its encoding and how many segments it takes.
 * Example: countSegments('a'.repeat(161)) → { encoding: 'GSM-7', segments: 2, units: 161 };
 * countSegments('más') → { encoding: 'UCS-2', segments: 1, units: 3 }.
 */
export function countSegments(text: string): SegmentCount {
  const chars = [...text]
  if (chars.every(isGsmCharacter)) {
    return {
      encoding: 'GSM-7',
      ...pack(
        chars.map((ch) => (GSM_EXTENSION.has(ch) ? 2 : 1)),
        160,
        153,
      ),
    }
  }
  return {
    encoding: 'UCS-2',
    ...pack(
      chars.map((ch) => ch.length),
      70,
      67,
    ),
  }
}

/** Punctuation people and databases use that GSM-7 lacks, as the nearest GSM-7 text. */
const GSM_LOOKALIKES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '−': '-',
  '·': '-',
  '•': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\t': ' ',
}

/**
 * The text with every character GSM-7 lacks replaced by its nearest GSM-7 form where one
 * exists — á → a, ó → o, curly quotes → straight, "·" → "-" — keeping é, ñ, ü, ¿ and ¡, which
 * GSM-7 has. A character with no such form (Chinese, an emoji) stays, and the message goes
 * as UCS-2. Example: gsmSafe('Clínica · abierto más tarde') → 'Clinica - abierto mas tarde'.
 */
export function gsmSafe(text: string): string {
  let out = ''
  for (const ch of text) {
    if (isGsmCharacter(ch)) out += ch
    else if (ch in GSM_LOOKALIKES) out += GSM_LOOKALIKES[ch]
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      out += bare && isGsmText(bare) ? bare : ch
    }
  }
  return out
}
