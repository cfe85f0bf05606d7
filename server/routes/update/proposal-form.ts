/**
 * The "Propose changes" form of the update page as plain data: what the form shows for a
 * listing, what a submitted form says, and the fields that differ, as raw values for
 * change-requests.ts to validate like a curator's edit. Hours are a weekly table, one
 * opening per day; a day left closed has no rule. Pure functions, no I/O.
 */
import { DAY_CODES } from '../../../common/format.js'
import type { ProposableField } from '../../curate/change-requests.js'

export type DayCode = (typeof DAY_CODES)[number]
export const TEXT_FIELDS = ['name', 'address_1', 'address_2', 'city', 'region', 'postal_code', 'website', 'description'] as const
export type TextField = (typeof TEXT_FIELDS)[number]
export const CODE_FIELDS = ['services', 'payment', 'languages'] as const
export type CodeField = (typeof CODE_FIELDS)[number]

export interface DayHours {
  day: DayCode
  closed: boolean
  opens: string
  closes: string
}

export interface ProposalForm {
  text: Record<TextField, string>
  /** One number per line. */
  phones: string[]
  hours: DayHours[]
  codes: Record<CodeField, string[]>
}

/** A day's opening the table cannot show (two openings in a day, or dated rules). */
export class HoursTableError extends Error {
  constructor(readonly day: DayCode) {
    super(`hours.${day} needs an opening and a closing time, or "closed"`)
  }
}

type Rule = { byday: string; opens: string; closes: string; valid_from?: string | null; valid_to?: string | null }

const asText = (v: unknown) => (typeof v === 'string' ? v : '')
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])

/**
 * The form for a listing's values (loadListing's `values`). `complexHours` says the weekly
 * table shows only part of the hours (more than one opening in a day, or dated rules).
 */
export function formOfListing(values: Record<string, unknown>): { form: ProposalForm; complexHours: boolean } {
  const rules = (Array.isArray(values.hours) ? values.hours : []) as Rule[]
  let complexHours = rules.some((r) => r.valid_from || r.valid_to)
  const hours = DAY_CODES.map((day): DayHours => {
    // Dated rules show only on a day with no undated one (the note then says the table is partial).
    const onDay = rules.filter((r) => r.byday.split(',').includes(day))
    const undated = onDay.filter((r) => !r.valid_from && !r.valid_to)
    const today = undated.length ? undated : onDay
    if (today.length > 1) complexHours = true
    const first = today[0]
    return first ? { day, closed: false, opens: first.opens, closes: first.closes } : { day, closed: true, opens: '', closes: '' }
  })
  return {
    form: {
      text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, asText(values[f])])) as Record<TextField, string>,
      phones: asList(values.phones),
      hours,
      codes: Object.fromEntries(CODE_FIELDS.map((f) => [f, asList(values[f])])) as Record<CodeField, string[]>,
    },
    complexHours,
  }
}

/** '9:00' → '09:00' (a phone without a time picker sends what was typed); anything else as it is. */
const clock = (text: string) => (/^\d:\d\d$/.test(text) ? `0${text}` : text)

/** The form as submitted (urlencoded: repeated names are lists). */
export function formOfBody(body: Record<string, unknown>): ProposalForm {
  const one = (name: string) => {
    const v = body[name]
    return (Array.isArray(v) ? asText(v[0]) : asText(v)).trim()
  }
  return {
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, one(f)])) as Record<TextField, string>,
    phones: one('phones')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    hours: DAY_CODES.map((day) => {
      const closed = one(`hours.${day}.closed`) !== ''
      return { day, closed, opens: closed ? '' : clock(one(`hours.${day}.opens`)), closes: closed ? '' : clock(one(`hours.${day}.closes`)) }
    }),
    codes: Object.fromEntries(CODE_FIELDS.map((f) => [f, [...new Set(asList(body[f]).map((c) => c.trim()))]])) as Record<CodeField, string[]>,
  }
}

const dayKey = (d: DayHours) => (d.closed ? 'closed' : `${d.opens}-${d.closes}`)
const same = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())

/** The weekly table as hours rules: days with the same opening share a rule. Throws HoursTableError for a half-filled day. */
export function rulesOfTable(hours: readonly DayHours[]): Rule[] {
  const groups = new Map<string, DayCode[]>()
  for (const d of hours) {
    if (d.closed) continue
    if (!d.opens || !d.closes) throw new HoursTableError(d.day)
    const days = groups.get(dayKey(d))
    if (days) days.push(d.day)
    else groups.set(dayKey(d), [d.day])
  }
  return [...groups].map(([key, days]) => {
    const [opens, closes] = key.split('-') as [string, string]
    return { byday: days.join(','), opens, closes }
  })
}

/**
 * The fields where the submitted form differs from the listing's form, as raw values
 * (empty text is null, except the name, which must not be empty). Example: a form where only
 * the ZIP was retyped gives `{ postal_code: '21230' }`.
 */
export function proposedFields(submitted: ProposalForm, current: ProposalForm): Partial<Record<ProposableField, unknown>> {
  const out: Partial<Record<ProposableField, unknown>> = {}
  for (const f of TEXT_FIELDS) {
    if (submitted.text[f] === current.text[f].trim()) continue
    out[f] = f === 'name' ? submitted.text[f] : submitted.text[f] || null
  }
  if (JSON.stringify(submitted.phones) !== JSON.stringify(current.phones.map((p) => p.trim()))) out.phones = submitted.phones
  if (submitted.hours.some((d, i) => dayKey(d) !== dayKey(current.hours[i] as DayHours))) out.hours = rulesOfTable(submitted.hours)
  for (const f of CODE_FIELDS) if (!same(submitted.codes[f], current.codes[f])) out[f] = submitted.codes[f]
  return out
}
