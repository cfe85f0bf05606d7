/**
 * One opening rule as the search table keeps it (times 'HH:MM'): weekly unless it says
 * otherwise. The optional fields carry RRULE semantics (common/schedule/recurrence.ts); a rule
 * stored before they existed is a weekly rule and reads unchanged.
 */
export interface HoursRule {
  /** 'MO,TU'; with freq MONTHLY a day may carry an ordinal ('2TU,-1FR': second Tuesday, last Friday); '' with bymonthday alone. */
  byday: string
  opens: string
  closes: string
  valid_from: string | null
  valid_to: string | null
  /** Absent: WEEKLY. */
  freq?: 'WEEKLY' | 'MONTHLY'
  /** Every n weeks or months (absent: 1). */
  interval?: number
  /** Days of the month, with freq MONTHLY: '1,15', '-1' = the last day. */
  bymonthday?: string
  /** 'YYYY-MM-DD': the first occurrence, which an interval counts from. */
  dtstart?: string
}
