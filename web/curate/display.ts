/**
 * Values as a curator reads them: dates in the console's language, field values (code
 * lists, hours rows, points) as short text.
 */
import { localeOf, type PageLang } from '../../common/format.js'
import { label, type TermKind } from '../src/taxonomy.js'
import { currentLang, t } from './i18n.js'

const CODE_KINDS = new Set<string>(['types', 'services', 'payment', 'populations', 'access', 'languages'])

/** "Dec 2, 2026, 3:04 PM" (or in Spanish). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' })
}

/** "Dec 2, 2026" for a 'YYYY-MM-DD' date (read as a calendar day, not a UTC midnight). */
export function dateOnly(date: string | null | undefined): string {
  if (!date) return t().never
  const [y, m, d] = date.slice(0, 10).split('-').map(Number)
  if (!y || !m || !d) return date
  return new Date(y, m - 1, d).toLocaleDateString(locale(), { dateStyle: 'medium' })
}

/** Whole days between an instant and now. */
export function daysSince(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000))
}

function locale(lang: PageLang = currentLang()): string {
  return localeOf(lang)
}

/** A field's value as text: code lists by label, hours as "MO,TU 09:00–17:00", a point as "lat, lon". */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t().empty
  const lang = currentLang()
  if (Array.isArray(value)) {
    if (value.length === 0) return t().empty
    if (CODE_KINDS.has(field)) return value.map((code) => label(field as TermKind, String(code), lang)).join(', ')
    return value.map((v) => (typeof v === 'object' && v !== null ? hoursText(v as Record<string, unknown>) : String(v))).join('; ')
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (typeof o.lat === 'number' && typeof o.lon === 'number') return `${o.lat.toFixed(5)}, ${o.lon.toFixed(5)}`
    return JSON.stringify(value)
  }
  if (field === 'status') return t().statuses[String(value)] ?? String(value)
  return String(value)
}

function hoursText(rule: Record<string, unknown>): string {
  if (typeof rule.byday === 'string') return `${rule.byday} ${String(rule.opens ?? '')}–${String(rule.closes ?? '')}`
  if (typeof rule.number === 'string') return rule.number
  return JSON.stringify(rule)
}

/** A field's name in the console's language. */
export function fieldName(field: string): string {
  return t().fields[field] ?? field.replace(/_/g, ' ')
}
