/** How place names are compared: the ZIP table and the GeoNames table spell them alike once normalized. */

/** Lowercase, no punctuation, single spaces, "saint" spelled "st", "fort" "ft". Example: normalizePlace('Saint Louis, MO') → 'st louis mo'. */
export function normalizePlace(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,;#()]/g, ' ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bfort\b/g, 'ft')
    .replace(/\s+/g, ' ')
    .trim()
}
