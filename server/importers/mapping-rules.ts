/**
 * A mapping's conditional rules (`rules` in data/mappings/*.json): terms a row gets only when
 * its own columns say so, e.g. pharmacy for the vivitrol.com rows whose name is a pharmacy's,
 * primary care unless the site's name says it is dental-only. Pure.
 *
 *   { "when": { "column": "source", "matches": "^vivitrolWeb$" }, "types": ["pharmacy"] }
 *   { "unless": [{ "column": "name", "matches": "school" }], "services": ["primary_care"] }
 */
import { VOCABULARY_FIELDS, type Terms } from './codes.js'
import { cleanText } from './normalize.js'
import type { MappingRule, MappingSpec, RuleCondition } from './mapping-spec.js'

type Test = (row: Record<string, string>) => boolean
type Apply = (row: Record<string, string>, terms: Terms) => void

/** A pattern as curators write it: case-insensitive, a leading (?i) (other engines' flag) accepted. */
const patternOf = (pattern: string) => new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i')

function conditionTest(condition: RuleCondition): Test {
  const matches = condition.matches === undefined ? null : patternOf(condition.matches)
  const notMatches = condition.notMatches === undefined ? null : patternOf(condition.notMatches)
  return (row) => {
    const value = cleanText(row[condition.column]) ?? ''
    return (matches?.test(value) ?? true) && !notMatches?.test(value)
  }
}

function ruleApply(rule: MappingRule): Apply {
  const when = [rule.when ?? []].flat().map(conditionTest)
  const unless = [rule.unless ?? []].flat().map(conditionTest)
  const fields = VOCABULARY_FIELDS.filter((field) => rule[field]?.length)
  return (row, terms) => {
    if (!when.every((test) => test(row)) || unless.some((test) => test(row))) return
    for (const field of fields) terms[field].push(...(rule[field] as string[]))
  }
}

const compiled = new WeakMap<MappingSpec, Apply[]>()

/** Adds to `terms` the codes of every rule of the mapping that the row satisfies. */
export function applyRules(spec: MappingSpec, row: Record<string, string>, terms: Terms): void {
  if (!spec.rules?.length) return
  let rules = compiled.get(spec)
  if (!rules) {
    rules = spec.rules.map(ruleApply)
    compiled.set(spec, rules)
  }
  for (const apply of rules) apply(row, terms)
}
