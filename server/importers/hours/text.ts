/**
 * Opening hours as curators type them: "Mon–Fri 9am–5pm; Sat 10–2", "M-F 8:30 AM - 4:30 PM",
 * "24/7", "Open 24 hours", "Mon, Wed & Fri 9-12, 1-5", "Closed Sunday", and one weekday's
 * cell ("9-5", "9:00 AM - 5:00 PM", "closed"). A cell is read whole or not at all: a part
 * that cannot be read makes the cell a problem, so no day is quietly left out. Pure.
 *
 * Times without am/pm follow the usual reading of office hours: "9-5" is 09:00–17:00 and
 * "10-2" is 10:00–14:00 (a closing hour not after the opening one is in the afternoon); an
 * opening before 05:00 with no am/pm is too ambiguous to guess and is refused. Hours above
 * 12 or written "08:00" are read as a 24-hour clock, where "22:00-02:00" runs past midnight.
 */
import { rulesOfOpenings, type HoursReading, type Opening } from './week.js'

const DAY_WORDS: Record<string, number> = {}
const names: [number, string[]][] = [
  [0, ['mo', 'mon', 'monday', 'm', 'lun', 'lunes', 'lu']],
  [1, ['tu', 'tue', 'tues', 'tuesday', 'martes', 'ma']],
  [2, ['we', 'wed', 'weds', 'wednesday', 'w', 'mie', 'miercoles', 'mi']],
  [3, ['th', 'thu', 'thur', 'thurs', 'thursday', 'r', 'jue', 'jueves', 'ju']],
  [4, ['fr', 'fri', 'friday', 'f', 'vie', 'viernes', 'vi']],
  [5, ['sa', 'sat', 'saturday', 'sab', 'sabado']],
  [6, ['su', 'sun', 'sunday', 'dom', 'domingo', 'do']],
]
for (const [day, words] of names) for (const w of words) DAY_WORDS[w] = day

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6]
const DAY_SETS: Record<string, number[]> = {
  daily: ALL_DAYS,
  everyday: ALL_DAYS,
  weekdays: [0, 1, 2, 3, 4],
  weekday: [0, 1, 2, 3, 4],
  weekends: [5, 6],
  weekend: [5, 6],
  diario: ALL_DAYS,
}
const CLOSED = new Set(['closed', 'cerrado', 'off'])
const FILLER = new Set(['open', 'hours', 'from', 'on', 'are', 'is', 'abierto', 'horario', 'de'])

type Token =
  | { kind: 'days'; days: number[]; text: string }
  | { kind: 'time'; hour: number; minute: number; meridiem: 'am' | 'pm' | null; padded: boolean; text: string }
  | { kind: 'dash' | 'list' | 'end' | 'closed' | 'allday' }

/** Words and times of a cell, or the first part that is neither. */
function tokenize(cell: string): Token[] | string {
  let s = cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\r?\n/g, ' ')
    .replace(/[\u2010-\u2015\u2212~]/g, '-')
    .replace(/\b([ap])\.\s?m\.?/g, '$1m')
    .replace(/\b(noon|mediodia)\b/g, '12pm')
    .replace(/\bmidnight\b|\bmedianoche\b/g, '12am')
    .replace(/\b(24\s*\/\s*7|24\s*(hours|hrs|hr|h|horas)(\s*a\s*day)?|around the clock|always open)\b/g, ' allday ')
    .replace(/\b(7|seven) days( a week)?\b|\bevery day\b|\ball week\b|\btodos los dias\b/g, ' daily ')
    .replace(/\b(to|through|thru|until|till|til|hasta)\b/g, ' - ')
    .replace(/\.(?!\d)/g, ' ')
  s = s.replace(/\s+/g, ' ').trim()
  const tokens: Token[] = []
  for (s = s.trimStart(); s.length; s = s.trimStart()) {
    let m: RegExpExecArray | null
    if ((m = /^[;|]/.exec(s))) {
      tokens.push({ kind: 'end' })
    } else if ((m = /^\s*(,|&|\+|\/|\band\b|\by\b)\s*/.exec(s))) {
      tokens.push({ kind: 'list' })
    } else if ((m = /^\s*-\s*/.exec(s))) {
      tokens.push({ kind: 'dash' })
    } else if ((m = /^\s*:\s*/.exec(s))) {
      // "Mon: 9-5" — a colon after a day says nothing.
    } else if ((m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a|p)?(?![\w:])/.exec(s)) || (m = /^(\d{2})(\d{2})(?![\w:])/.exec(s))) {
      const meridiem = m[3] ? (m[3].startsWith('a') ? 'am' : 'pm') : null
      tokens.push({ kind: 'time', hour: Number(m[1]), minute: Number(m[2] ?? 0), meridiem, padded: /^0\d|^\d{4}/.test(m[0]), text: m[0].trim() })
    } else if ((m = /^\s*([a-z]+)\b\s*/.exec(s))) {
      const word = m[1] as string
      const single = word.endsWith('s') && DAY_WORDS[word.slice(0, -1)] !== undefined && word.length > 3 ? word.slice(0, -1) : word
      if (word === 'allday') tokens.push({ kind: 'allday' })
      else if (word === 'a' && tokens[tokens.length - 1]?.kind === 'days')
        tokens.push({ kind: 'dash' }) // "lunes a viernes"
      else if (DAY_WORDS[single] !== undefined) tokens.push({ kind: 'days', days: [DAY_WORDS[single] as number], text: word })
      else if (DAY_SETS[word]) tokens.push({ kind: 'days', days: DAY_SETS[word] as number[], text: word })
      else if (CLOSED.has(word)) tokens.push({ kind: 'closed' })
      else if (!FILLER.has(word)) return `"${word}" is not a day or a time`
    } else {
      return `"${s.slice(0, 12)}" is not a day or a time`
    }
    s = s.slice(m[0].length || 1)
  }
  return tokens
}

interface Clock {
  hour: number
  minute: number
  meridiem: 'am' | 'pm' | null
  padded: boolean
  text: string
}

const to24 = (c: Clock, meridiem: 'am' | 'pm') => ((c.hour % 12) + (meridiem === 'pm' ? 12 : 0)) * 60 + c.minute

/** Minutes [start, end) of one "from-to" pair, read after a range ending at `after`; end past 1440 runs past midnight. */
function rangeOf(a: Clock, b: Clock, after: number): [number, number] | string {
  const shown = `${a.text}-${b.text}`
  for (const c of [a, b]) {
    if (c.minute > 59 || c.hour > 24 || (c.meridiem && (c.hour === 0 || c.hour > 12))) return `"${c.text}" is not a time of day`
  }
  let start: number
  let end: number
  if (a.meridiem || b.meridiem) {
    const given = a.meridiem as 'am' | 'pm'
    const bm = b.meridiem ?? (to24(b, given) <= to24(a, given) ? (given === 'am' ? 'pm' : 'am') : given)
    end = to24(b, bm)
    const am = a.meridiem ?? (to24(a, bm) < end || (bm === 'pm' && end === 12 * 60) ? bm : 'am')
    start = to24(a, am)
  } else if (a.padded || b.padded || a.hour > 12 || b.hour > 12 || a.hour === 0) {
    start = a.hour * 60 + a.minute
    end = b.hour * 60 + b.minute
  } else {
    start = a.hour * 60 + a.minute
    end = b.hour * 60 + b.minute
    // "9-12, 1-5": a second range starting "before" the first ended is in the afternoon.
    if (start < after && start + 720 >= after) start += 720
    if (start < 5 * 60) return `"${shown}" is ambiguous: write am/pm or a 24-hour clock ("1pm-4pm", "13:00-16:00")`
    while (end <= start && end < 1440) end += 12 * 60
  }
  if (start >= 1440) return `"${a.text}" is not a time of day`
  if (start === 0 && end === 1440) return [0, 1440]
  end %= 1440
  if (end === start) return `"${shown}" opens and closes at the same time (write "24 hours" for all day)`
  return [start, end > start ? end : end + 1440]
}

/** Time ranges from tokens[i]: a list of "a-b" joined by commas or "and". */
function readRanges(tokens: Token[], i: number): { ranges: [number, number][]; next: number } | string {
  const ranges: [number, number][] = []
  let j = i
  for (;;) {
    const a = tokens[j]
    if (a?.kind === 'allday') {
      ranges.push([0, 1440])
      j++
    } else {
      const dash = tokens[j + 1]
      const b = tokens[j + 2]
      if (a?.kind !== 'time') break
      if (dash?.kind !== 'dash' || b?.kind !== 'time') return `"${a.text}" has no closing time`
      const range = rangeOf(a, b, ranges[ranges.length - 1]?.[1] ?? 0)
      if (typeof range === 'string') return range
      ranges.push(range)
      j += 3
    }
    const sep = tokens[j]
    if (sep?.kind === 'list' && (tokens[j + 1]?.kind === 'time' || tokens[j + 1]?.kind === 'allday')) j++
    else break
  }
  return { ranges, next: j }
}

/** Days from tokens[i]: "Mon", "Mon-Fri", "Fri-Mon", lists of them, "weekdays", "daily". */
function readDays(tokens: Token[], i: number): { days: number[]; next: number } | string {
  const days = new Set<number>()
  let j = i
  for (;;) {
    const a = tokens[j]
    if (a?.kind !== 'days') break
    const b = tokens[j + 2]
    if (tokens[j + 1]?.kind === 'dash' && b?.kind === 'days') {
      if (a.days.length !== 1 || b.days.length !== 1) return `"${a.text}-${b.text}" is not a range of days`
      for (let d = a.days[0] as number; ; d = (d + 1) % 7) {
        days.add(d)
        if (d === b.days[0]) break
      }
      j += 3
    } else {
      for (const d of a.days) days.add(d)
      j++
    }
    if (tokens[j]?.kind === 'list' && tokens[j + 1]?.kind === 'days') j++
    else break
  }
  return { days: [...days], next: j }
}

const isTime = (t: Token | undefined) => t?.kind === 'time' || t?.kind === 'allday'

function describe(reason: string): string {
  return `cannot be read as opening hours: ${reason}`
}

/** Reads free-text hours for the whole week. */
export function parseTextHours(cell: string): HoursReading {
  const tokens = tokenize(cell)
  if (typeof tokens === 'string') return { problem: describe(tokens) }
  const openings: Opening[] = []
  const closedDays = new Set<number>()
  let i = 0
  let groups = 0
  while (i < tokens.length) {
    const t = tokens[i] as Token
    if (t.kind === 'end' || t.kind === 'list') {
      i++
      continue
    }
    // A group: days then hours ("Mon-Fri 9-5", "Sun closed"), or hours then days ("9-5 Mon-Fri", "Closed Sunday").
    let days: number[] | null = null
    let ranges: [number, number][] | null = null
    let closed = false
    for (let part = 0; part < 2 && i < tokens.length; part++) {
      const here = tokens[i] as Token
      if (here.kind === 'days' && !days) {
        const read = readDays(tokens, i)
        if (typeof read === 'string') return { problem: describe(read) }
        days = read.days
        i = read.next
      } else if ((here.kind === 'time' || here.kind === 'allday') && !ranges && !closed) {
        const read = readRanges(tokens, i)
        if (typeof read === 'string') return { problem: describe(read) }
        ranges = read.ranges
        i = read.next
      } else if (here.kind === 'closed' && !ranges && !closed) {
        closed = true
        i++
      } else if (here.kind === 'list' && part === 1 && ((tokens[i + 1]?.kind === 'days' && !days) || (isTime(tokens[i + 1]) && !ranges))) {
        // "24 hours, 7 days a week", "Monday through Friday, 9 a.m. to 5 p.m."
        i++
        part--
      } else break
    }
    const shown = tokens[i]
    if (!days && !ranges && !closed) {
      return { problem: describe(shown?.kind === 'dash' ? 'a "-" stands where a day or a time should be' : 'a part names neither days nor times') }
    }
    if (!days && groups === 0 && ranges && i >= tokens.length && tokens.every((x) => x.kind !== 'days')) {
      if (ranges.length === 1 && ranges[0]?.[0] === 0 && ranges[0]?.[1] === 1440) days = [...ALL_DAYS]
      else return { problem: describe('it gives times but no days (say which: "Mon-Fri 9am-5pm", "Daily 9-5")') }
    }
    if (!days) return { problem: describe(closed ? '"closed" names no day ("Closed Sunday")' : 'some times name no day') }
    if (!ranges && !closed) return { problem: describe('some days have no times ("Sat 10am-2pm" or "Sat closed")') }
    groups++
    if (closed) for (const d of days) closedDays.add(d)
    else for (const d of days) for (const [start, end] of ranges ?? []) openings.push({ day: d, start, end })
  }
  if (groups === 0) return { problem: describe('it is empty') }
  const kept = openings.filter((o) => !closedDays.has(o.day))
  if (kept.length === 0) return { problem: describe('it gives no opening time (a site closed for good should have its status changed instead)') }
  return { rules: rulesOfOpenings(kept) }
}

const CLOSED_CELL = /^\s*(closed|cerrado|none|no|-+|x|n\/a|off)\s*$/i

/**
 * Reads one weekday's cell ("9-5", "9:00 AM - 5:00 PM", "9-12, 1-5", "24 hours", "closed")
 * into minutes of that day; an empty or "closed" cell is no opening.
 */
export function parseDayCell(cell: string): { ranges: [number, number][] } | { problem: string } {
  if (cell.trim() === '' || CLOSED_CELL.test(cell)) return { ranges: [] }
  const tokens = tokenize(cell)
  if (typeof tokens === 'string') return { problem: describe(tokens) }
  const read = readRanges(tokens, 0)
  if (typeof read === 'string') return { problem: describe(read) }
  if (read.ranges.length === 0 || tokens.slice(read.next).some((t) => t.kind !== 'end')) {
    return { problem: describe('a day column holds times only ("9-5", "9:00 AM - 5:00 PM", "closed")') }
  }
  return { ranges: read.ranges }
}
