/**
 * A CSV row's opening hours, as its mapping's `hours` names them: one column in OSM
 * opening_hours syntax or in free text, or one column per weekday. A cell that cannot be read
 * is a warning quoting the cell: the row is kept (with no hours, never with part of them) and
 * the cell's text goes into source_attributes under its column's name. Pure.
 */
import { DAY_CODES } from '../../../common/format.js'
import type { HoursRule } from '../../db/schema.js'
import { parseOsmHours } from './osm.js'
import { parseDayCell, parseTextHours } from './text.js'
import { rulesOfOpenings, type HoursReading, type Opening } from './week.js'

export type DayCode = (typeof DAY_CODES)[number]

/** The `hours` key of a mapping file. */
export type HoursSpec = { column: string; format: 'osm' | 'text' } | { days: Partial<Record<DayCode, string>> }

export interface RowHours {
  rules: HoursRule[]
  /** One per unreadable cell: the column and the message (which quotes the cell). */
  warnings: { field: string; message: string }[]
  /** The unreadable cells' text by column, for source_attributes. */
  kept: Record<string, string>
}

const quote = (cell: string) => JSON.stringify(cell.length > 200 ? `${cell.slice(0, 200)}…` : cell)

/**
 * Readings by format and cell: a file repeats a few hundred hours texts over its rows, and
 * reading one is 0.1–0.6 ms (a million rows would spend minutes). Rules are copied out, so a
 * caller's edits cannot reach the cache.
 */
const readings = new Map<string, HoursReading>()
function cachedReading(format: 'osm' | 'text', cell: string): HoursReading {
  const key = `${format}|${cell}`
  let reading = readings.get(key)
  if (!reading) {
    reading = format === 'osm' ? parseOsmHours(cell) : parseTextHours(cell)
    if (readings.size >= 5_000) readings.clear()
    readings.set(key, reading)
  }
  return 'problem' in reading ? reading : { rules: reading.rules.map((r) => ({ ...r })) }
}

/** Reads the hours of one row. */
export function readRowHours(row: Record<string, string | undefined>, spec: HoursSpec): RowHours {
  const result: RowHours = { rules: [], warnings: [], kept: {} }
  const unreadable = (column: string, cell: string, problem: string) => {
    result.warnings.push({ field: column, message: `${quote(cell)} ${problem}; the site is kept without hours, the text in source_attributes` })
    result.kept[column] = cell
  }
  if ('column' in spec) {
    const cell = (row[spec.column] ?? '').trim()
    if (!cell) return result
    const reading = cachedReading(spec.format, cell)
    if ('problem' in reading) unreadable(spec.column, cell, reading.problem)
    else result.rules = reading.rules
    return result
  }
  const openings: Opening[] = []
  DAY_CODES.forEach((code, day) => {
    const column = spec.days[code]
    if (!column) return
    const cell = (row[column] ?? '').trim()
    const reading = parseDayCell(cell)
    if ('problem' in reading) unreadable(column, cell, reading.problem)
    else for (const [start, end] of reading.ranges) openings.push({ day, start, end })
  })
  // One unreadable day would leave that day looking closed: the row gets no hours instead,
  // and every day's cell is kept.
  if (result.warnings.length === 0) {
    if (openings.length) result.rules = rulesOfOpenings(openings)
    return result
  }
  for (const column of Object.values(spec.days)) {
    const cell = (row[column] ?? '').trim()
    if (column && cell) result.kept[column] = cell
  }
  return result
}
