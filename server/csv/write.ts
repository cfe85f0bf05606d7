/**
 * The one CSV writer (the export and the import's rejects file): RFC 4180 with CRLF line ends,
 * a cell quoted when it holds a comma, a quote or a line break; and, because both files are
 * opened in spreadsheets, text a spreadsheet would run as a formula is defused.
 */
import { stringify, type Options } from 'csv-stringify/sync'

/** What a cell may hold: null and undefined are empty cells, booleans are "true"/"false". */
export type CsvValue = string | number | boolean | null | undefined

// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)") gets a leading apostrophe;
// numbers and phone numbers ("-76.6", "+1 410 …") are left alone. (csv-stringify's own
// escape_formulas would also prefix those.)
const FORMULA = /^[=+\-@\t\r]/
const NUMBER_OR_PHONE = /^[+-]?[\d\s().-]+$/

/** Text as a spreadsheet should show it: "'=SUM(A1)" for "=SUM(A1)", "+1 410 555 0100" unchanged. */
export function defuseFormula(text: string): string {
  return FORMULA.test(text) && !NUMBER_OR_PHONE.test(text) ? `'${text}` : text
}

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // Given a record_delimiter, csv-stringify stops quoting a lone \n or \r unless told to.
  quote_record_delimiter: true,
  cast: { boolean: (value) => String(value), string: (value) => defuseFormula(value) },
}

/**
 * Records as CSV text, each line ending with CRLF.
 * Example: csvLines([['id', 'name'], ['a1', 'Clinic, "East"']]) === 'id,name\r\na1,"Clinic, ""East"""\r\n'
 */
export function csvLines(records: readonly (readonly CsvValue[])[]): string {
  return records.length ? stringify(records as CsvValue[][], OPTIONS) : ''
}

/** One cell as it appears in a line (quoted and defused as needed). */
export function csvCell(value: CsvValue): string {
  return csvLines([[value]]).slice(0, -2)
}
