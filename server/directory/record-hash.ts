/**
 * A short, stable hash of a source record: an import compares it with the stored one to skip
 * unchanged records, so it must not depend on key order (jsonb reorders keys).
 */
import { createHash } from 'node:crypto'

/**
 * The value with every object's keys in sorted order, as JSON.stringify would see it (toJSON
 * applied). Objects already in order are returned as they are, so a record built in sorted
 * order (canonicalRecord) costs a key check, not a copy.
 */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortedKeys((value as { toJSON: () => unknown }).toJSON())
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item = sortedKeys(value[i])
      if (item !== value[i]) (copy ??= value.slice())[i] = item
    }
    return copy ?? value
  }
  const keys = Object.keys(value)
  let changed = false
  for (let i = 1; i < keys.length && !changed; i++) changed = (keys[i - 1] as string) > (keys[i] as string)
  const entries = keys.map((key) => {
    const item = (value as Record<string, unknown>)[key]
    const sorted = sortedKeys(item)
    if (sorted !== item) changed = true
    return [key, sorted] as const
  })
  if (!changed) return value
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** JSON with object keys sorted, so a value read back from jsonb hashes like the original. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value))
}

/** A short, stable hash of any JSON-able value (key order does not matter). */
export function hashOf(value: unknown): string {
  return createHash('sha1').update(stableJson(value)).digest('base64url').slice(0, 22)
}
