/**
 * The shape of a CSV source's mapping file (data/mappings/*.json) and of a loaded one: what
 * mapping.ts reads rows with and mapping-check.ts checks files against. Types only.
 */
import type { CodeTable, VocabularyField } from './codes.js'
import type { Encoding } from './decode.js'
import type { CsvQuirk } from './sources/files.js'
import type { HoursSpec } from './hours/read.js'

/** A column name, several joined, or a constant. */
export type FieldSpec = string | { column: string } | { columns: string[]; join?: string } | { const: string | null }

/** Constant codes, or a column whose values (split on `split`) map through `map`. */
export type ListSpec = string[] | { const: string[] } | { column: string; split?: string; map?: Record<string, string[]> }

/** A test on one column's value: `matches` and `notMatches` are regular expressions, case-insensitive. */
export interface RuleCondition {
  column: string
  matches?: string
  notMatches?: string
}

/**
 * Terms a row gets only when its columns say so: every `when` condition holds and no `unless`
 * condition does (a rule without `when` applies to every row its `unless` lets through).
 */
export type MappingRule = { when?: RuleCondition | RuleCondition[]; unless?: RuleCondition | RuleCondition[] } & Partial<Record<VocabularyField, string[]>>

/** A mapping file's content (checked by checkSpec before use). */
export interface MappingSpec {
  description?: string
  source: string
  encoding?: Encoding
  /** Repairs for known breakage in the source's CSV. */
  quirks?: CsvQuirk[]
  /** The source's own id column, or the columns to derive a stable id from (default name + address + ZIP). */
  id?: FieldSpec | { derive: string[] }
  name: FieldSpec
  /** A second name of the site (SAMHSA's name2: the program's name). */
  alternateName?: FieldSpec
  organization?: FieldSpec
  description_field?: FieldSpec
  address1?: FieldSpec
  address2?: FieldSpec
  city?: FieldSpec
  region?: FieldSpec
  postalCode?: FieldSpec
  phone?: FieldSpec
  website?: FieldSpec
  email?: FieldSpec
  latitude?: FieldSpec
  longitude?: FieldSpec
  /** The site's IANA timezone (optional): when valid it wins over the zone of the point; an invalid one refuses the row. */
  timezone?: FieldSpec
  serviceName?: FieldSpec
  types?: ListSpec
  services?: ListSpec
  payment?: ListSpec
  populations?: ListSpec
  access?: ListSpec
  languages?: ListSpec
  /** Source codes through a code table: columns holding codes, and/or one flag column per code. */
  codes?: { table: string; columns?: string[]; split?: string; flagColumnsAfter?: string; flagValues?: string[] }
  /** Opening hours: one column in OSM opening_hours syntax or free text, or one column per weekday (hours/read.ts). */
  hours?: HoursSpec
  /** Conditional terms, added to the lists above row by row. */
  rules?: MappingRule[]
  /** Columns copied into source_attributes as they are. */
  attributes?: string[]
}

/** A checked mapping with its code table loaded. */
export interface LoadedMapping {
  spec: MappingSpec
  codeTable: CodeTable | null
  /** The mapping file's name, and the line of a (dotted) key in it, for problems. */
  file: string
  lineOf: (key: string) => number
}
