/**
 * Validators from the HSDS 3.0 specification's own JSON schemas and openapi.json
 * (../shared/data/hsds/specification-3.0/schema, read at test time, never copied).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

export const SCHEMA_DIR = fileURLToPath(new URL('../../../shared/data/hsds/specification-3.0/schema/', import.meta.url))
/** Where openapi.json's $refs point; every schema is registered under it. */
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/'

const read = (path: string) => JSON.parse(readFileSync(SCHEMA_DIR + path, 'utf8')) as Record<string, unknown>
// ajv-formats is CommonJS: at run time the default import is the plugin function itself,
// though its NodeNext typing describes the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

function build(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  addFormats(ajv)
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
    ajv.addSchema({ ...read(file), $id: BASE + file })
  }
  for (const file of readdirSync(SCHEMA_DIR + 'compiled').filter((f) => f.endsWith('.json'))) {
    ajv.addSchema({ ...read('compiled/' + file), $id: BASE + 'compiled/' + file })
  }
  // The copy leaves out the large compiled/service.json and compiled/organization.json that
  // openapi.json names: the compiled service with definitions and organization.json stand in.
  ajv.addSchema({ ...read('compiled/service_with_definitions.json'), $id: BASE + 'compiled/service.json' })
  ajv.addSchema({ $id: BASE + 'compiled/organization.json', $ref: BASE + 'organization.json' })
  ajv.addSchema({ ...read('openapi.json'), $id: BASE + 'openapi.json' })
  return ajv
}

let shared: Ajv2020 | undefined
const ajv = () => (shared ??= build())

/** A validator for an object schema by file name, e.g. 'compiled/service.json' or 'taxonomy_term.json'. */
export function objectValidator(file: string): ValidateFunction {
  return ajv().getSchema(BASE + file) ?? ajv().compile({ $ref: BASE + file })
}

/** A validator for the 200 body of GET `path` as openapi.json defines it, e.g. '/services' or '/services/{id}'. */
export function responseValidator(path: string): ValidateFunction {
  const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`
  return ajv().compile({ $ref: BASE + 'openapi.json' + pointer })
}

/** Ajv's errors as short lines, for failure messages. */
export function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n')
}

/** Great-circle metres (good to ~0.5 % here; the test radius keeps every site well away from the edge). */
export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a))
}
