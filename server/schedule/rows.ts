/**
 * A schedules row ↔ an HoursRule: the recurrence columns (freq, interval, bymonthday, dtstart)
 * become the rule's optional fields only when they differ from a plain weekly rule, so weekly
 * rules keep the shape they always had. Pure.
 */
import type { HoursRule } from '../db/schema.js'

/** The schedules columns a rule is read from. */
export const RULE_COLUMNS = ['byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'freq', 'interval', 'bymonthday', 'dtstart'] as const

export interface ScheduleRuleRow {
  byday: string
  opens_at: string
  closes_at: string
  valid_from: string | null
  valid_to: string | null
  freq: string
  interval: number
  bymonthday: string | null
  dtstart: string | null
}

/** The rule a schedules row holds (times 'HH:MM'). */
export function ruleOfRow(row: ScheduleRuleRow): HoursRule {
  const rule: HoursRule = {
    byday: row.byday,
    opens: row.opens_at.slice(0, 5),
    closes: row.closes_at.slice(0, 5),
    valid_from: row.valid_from,
    valid_to: row.valid_to,
  }
  return withRecurrence(rule, row)
}

/** A rule with the recurrence fields a row (or any record of them) gives, the defaults left out. */
export function withRecurrence(rule: HoursRule, r: { freq: string; interval: number; bymonthday: string | null; dtstart: string | null }): HoursRule {
  if (r.freq === 'MONTHLY') rule.freq = 'MONTHLY'
  if (r.interval !== 1) rule.interval = r.interval
  if (r.bymonthday !== null) rule.bymonthday = r.bymonthday
  if (r.dtstart !== null) rule.dtstart = r.dtstart
  return rule
}

/** The recurrence columns of a rule, for writing. */
export function recurrenceColumns(rule: HoursRule): { freq: string; interval: number; bymonthday: string | null; dtstart: string | null } {
  return { freq: rule.freq ?? 'WEEKLY', interval: rule.interval ?? 1, bymonthday: rule.bymonthday ?? null, dtstart: rule.dtstart ?? null }
}

/** A rule in one canonical form: the five weekly fields, then the recurrence fields that are not defaults (for comparing and holding). */
export function canonicalRule(h: HoursRule): HoursRule {
  const rule: HoursRule = { byday: h.byday, opens: h.opens, closes: h.closes, valid_from: h.valid_from ?? null, valid_to: h.valid_to ?? null }
  return withRecurrence(rule, { freq: h.freq ?? 'WEEKLY', interval: h.interval ?? 1, bymonthday: h.bymonthday ?? null, dtstart: h.dtstart ?? null })
}
