/**
 * Draws candidate duplicate pairs at random from the real files in ../shared/data, for hand
 * labelling into tests/fixtures/import/dedup-pairs.json. Reads each file through the shipped
 * mappings (as the importer does, ZIP-centroid placement included), pairs records whose points
 * are within a few hundred metres (or share a ZIP when one point is a ZIP centroid), and draws
 * from strata: same house number, same ZIP with similar names, nearby different names, OTP vs
 * SUD/MOUD, and two records of one source. Prints JSON lines of unlabelled pairs.
 * Usage: npx tsx bench/dedup-sample.ts [perStratum] [seed] > pairs.jsonl
 *        npx tsx bench/dedup-sample.ts --records > records.jsonl   (every record, to look up named cases)
 */
import { fileURLToPath } from 'node:url'
import { normalizeStreet } from '../server/directory/comparable-text.js'
import { nameSimilarity } from '../server/directory/facility-match.js'
import type { ImportRecord } from '../server/directory/import-record.js'
import { loadMapping } from '../server/importers/mapping.js'
import { offlinePlacer, placeRow } from '../server/importers/place.js'
import type { MappedRow } from '../server/importers/record.js'
import { mappedCsvRows } from '../server/importers/sources/mapped-csv.js'
import { openSamhsa } from '../server/importers/sources/samhsa.js'

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url))
const MAPPINGS = fileURLToPath(new URL('../data/mappings/', import.meta.url))
const args = process.argv.slice(2)
const PER_STRATUM = Number(args.find((a) => /^\d+$/.test(a)) ?? 70)
let seed = Number(args.filter((a) => /^\d+$/.test(a))[1] ?? 20261203)
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const RADIUS_M = 400

/** The real files: SAMHSA formats by their header, the others through their shipped mapping. */
export const REAL_FILES: { path: string; mapping?: string }[] = [
  { path: 'samhsa/oeps_opioid_treatment_programs.csv' },
  { path: 'samhsa/oeps_samhsa_substance_use_treatment_facilities.csv' },
  { path: 'samhsa/oeps_moud_providers_2020.csv' },
  { path: 'samhsa/oeps_samhsa_mental_health_facilities.csv' },
  { path: 'clinics/oeps_hrsa_fqhc_sites.csv', mapping: 'hrsa-health-centers.json' },
  { path: 'syringe_access/nys_esap_pharmacies.csv', mapping: 'nys-esap-pharmacies.json' },
  { path: 'syringe_access/nys_esap_healthcareFacilities.csv', mapping: 'nys-esap-health-care-facilities.json' },
  { path: 'syringe_access/nys_esap_healthcareProviders.csv', mapping: 'nys-esap-health-care-providers.json' },
]

interface Sampled extends ImportRecord {
  source: string
}

async function readAll(): Promise<Sampled[]> {
  const out: Sampled[] = []
  const placer = offlinePlacer()
  for (const f of REAL_FILES) {
    let source: string
    let rows: AsyncGenerator<MappedRow>
    if (f.mapping) {
      const mapping = loadMapping(MAPPINGS + f.mapping)
      source = mapping.spec.source
      rows = mappedCsvRows([DATA + f.path], mapping)
    } else {
      const input = await openSamhsa([DATA + f.path])
      source = input.mapping.spec.source
      rows = input.rows()
    }
    const byId = new Map<string, Sampled>()
    for await (const row of rows) {
      await placeRow(row, placer)
      if (row.record && row.record.latitude !== null && !row.problems.length) byId.set(row.record.sourceId, { ...row.record, source })
    }
    out.push(...byId.values())
    console.error(`${f.path}: ${byId.size} records`)
  }
  return out
}

function metres(a: Sampled, b: Sampled): number {
  const rad = Math.PI / 180
  const dLat = ((b.latitude as number) - (a.latitude as number)) * rad
  const dLon = ((b.longitude as number) - (a.longitude as number)) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos((a.latitude as number) * rad) * Math.cos((b.latitude as number) * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

const approx = (r: Sampled) => r.geocodePrecision !== 'exact' && r.geocodePrecision !== 'street'
const house = (r: Sampled) => /^(\d+)/.exec(normalizeStreet(r.address1))?.[1] ?? null

function stratumOf(a: Sampled, b: Sampled, d: number): string[] {
  const s: string[] = []
  const sim = nameSimilarity(a.name, b.name)
  const otp = (x: Sampled, y: Sampled) => x.source === 'samhsa_otp' && (y.source === 'samhsa_sud' || y.source === 'samhsa_moud')
  if (otp(a, b) || otp(b, a)) s.push('otp_vs_sud_moud')
  if (a.source === b.source) s.push('same_source')
  if (house(a) && house(a) === house(b)) s.push('same_street_number')
  if (a.postalCode && a.postalCode === b.postalCode && sim >= 0.5 && house(a) !== house(b)) s.push('same_zip_similar_name')
  if (d <= 300 && sim < 0.3 && !approx(a) && !approx(b)) s.push('nearby_different_name')
  return s
}

function side(r: Sampled) {
  const name2 = r.alternateName ?? (typeof r.attributes.name2 === 'string' ? r.attributes.name2 : null)
  return {
    source: r.source,
    name: r.name,
    ...(name2 ? { name2 } : {}),
    address1: r.address1,
    ...(r.address2 ? { address2: r.address2 } : {}),
    city: r.city,
    postalCode: r.postalCode,
    lat: r.latitude,
    lon: r.longitude,
    geocodePrecision: r.geocodePrecision,
    phones: r.phones,
    types: r.types,
    services: r.services,
    ...(typeof r.attributes.source === 'string' ? { listedBy: r.attributes.source } : {}),
  }
}

async function main(): Promise<void> {
  const records = await readAll()
  if (args.includes('--records')) {
    for (const r of records) console.log(JSON.stringify(side(r)))
    return
  }
  const cell = (r: Sampled) => `${Math.floor((r.latitude as number) / 0.005)}:${Math.floor((r.longitude as number) / 0.006)}`
  const grid = new Map<string, number[]>()
  records.forEach((r, i) => {
    if (approx(r)) return
    const k = cell(r)
    grid.set(k, [...(grid.get(k) ?? []), i])
  })
  const byZip = new Map<string, number[]>()
  records.forEach((r, i) => {
    if (r.postalCode) byZip.set(r.postalCode, [...(byZip.get(r.postalCode) ?? []), i])
  })
  const strata = new Map<string, { i: number; j: number; d: number }[]>()
  const add = (i: number, j: number, d: number) => {
    for (const s of stratumOf(records[i] as Sampled, records[j] as Sampled, d)) strata.set(s, [...(strata.get(s) ?? []), { i, j, d }])
  }
  records.forEach((r, i) => {
    if (approx(r)) {
      // A ZIP centroid: its candidates are the other records of its ZIP.
      for (const j of byZip.get(r.postalCode ?? '') ?? [])
        if (j !== i && (approx(records[j] as Sampled) ? j > i : true)) add(i, j, metres(r, records[j] as Sampled))
      return
    }
    const la = Math.floor((r.latitude as number) / 0.005)
    const lo = Math.floor((r.longitude as number) / 0.006)
    for (let x = -1; x <= 1; x++)
      for (let y = -1; y <= 1; y++)
        for (const j of grid.get(`${la + x}:${lo + y}`) ?? []) {
          if (j <= i) continue
          const d = metres(r, records[j] as Sampled)
          if (d <= RADIUS_M) add(i, j, d)
        }
  })
  const taken = new Set<string>()
  for (const [stratum, pairs] of [...strata].sort()) {
    console.error(`${stratum}: ${pairs.length} candidate pairs`)
    let n = 0
    while (n < PER_STRATUM && pairs.length) {
      const { i, j, d } = pairs.splice(Math.floor(rand() * pairs.length), 1)[0] as { i: number; j: number; d: number }
      const key = `${i}:${j}`
      if (taken.has(key)) continue
      taken.add(key)
      n++
      console.log(JSON.stringify({ stratum, a: side(records[i] as Sampled), b: side(records[j] as Sampled), distance_m: Math.round(d * 10) / 10 }))
    }
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
