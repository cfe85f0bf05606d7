/**
 * The shape of a CSV source's mapping file (data/mappings/*.json) and of a loaded one: what
 * mapping.ts reads rows with and mapping-check.ts checks files against. Types only.
 */
import type { CodeTable } from './codes.js'
import type { Encoding } from './decode.js'
import type { CsvQuirk } from './sources/files.js'

/** A column name, several joined, or a constant. */
export type FieldSpec = string | { column: string } | { columns: string[]; join?: string } | { const: string | null }

/** Constant codes, or a column whose values (split on `split`) map through `map`. */
export type ListSpec = string[] | { const: string[] } | { column: string; split?: string; map?: Record<string, string[]> }

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
  serviceName?: FieldSpec
  types?: ListSpec
  services?: ListSpec
  payment?: ListSpec
  populations?: ListSpec
  access?: ListSpec
  languages?: ListSpec
  /** Source codes through a code table: columns holding codes, and/or one flag column per code. */
  codes?: { table: string; columns?: string[]; split?: string; flagColumnsAfter?: string; flagValues?: string[] }
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
