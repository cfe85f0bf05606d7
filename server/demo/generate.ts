/**
 * Deterministic demo directory: plausible sites placed around real US ZIP centroids
 * (from the `zipcodes` package). The same seed always yields the same sites, ids included.
 * Every record is marked demo so the page can say "demo data — not real services".
 */
import { createRequire } from 'node:module'
import type { SiteRecord } from '../directory/site-record.js'
import { timezoneFor } from './state-timezones.js'
import { SERVICES, type CodeOf } from '../vocabulary.js'
import { ARCHETYPES, type Archetype } from './archetypes.js'

interface ZipCentroid {
  zip: string
  latitude: number
  longitude: number
  city: string
  state: string
}

const require = createRequire(import.meta.url)
let zips: ZipCentroid[] | null = null

/** Real ZIP centroids of the 50 states, DC and Puerto Rico, sorted by ZIP (stable order). */
export function zipCentroids(): ZipCentroid[] {
  if (!zips) {
    const codes = (require('zipcodes/lib/codes.js') as { codes: Record<string, ZipCentroid> }).codes
    zips = Object.values(codes)
      .filter((z) => timezoneFor(z.state, z.longitude) !== null && Number.isFinite(z.latitude) && z.latitude !== 0)
      .sort((a, b) => a.zip.localeCompare(b.zip))
  }
  return zips
}

let cumulative: Float64Array | null = null

/**
 * A ZIP centroid chosen with weight = √(ZIP codes in its city), so demo sites
 * cluster in cities (where services are) rather than spreading evenly over rural ZIPs.
 */
function pickZip(centroids: ZipCentroid[], u: number): ZipCentroid {
  if (!cumulative) {
    const perCity = new Map<string, number>()
    for (const z of centroids) perCity.set(z.city + '|' + z.state, (perCity.get(z.city + '|' + z.state) ?? 0) + 1)
    cumulative = new Float64Array(centroids.length)
    let sum = 0
    centroids.forEach((z, i) => {
      sum += Math.sqrt(perCity.get(z.city + '|' + z.state) as number)
      ;(cumulative as Float64Array)[i] = sum
    })
  }
  const target = u * (cumulative[cumulative.length - 1] as number)
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((cumulative[mid] as number) < target) lo = mid + 1
    else hi = mid
  }
  return centroids[lo] as ZipCentroid
}

/** mulberry32: small, fast, seedable. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const STREETS = [
  'Main',
  'Oak',
  'Maple',
  'Washington',
  'Lincoln',
  'Park',
  'Pine',
  'Cedar',
  'Elm',
  'Market',
  'Church',
  'Broad',
  'Water',
  'Mill',
  'Union',
  'Franklin',
  'Jefferson',
  'Madison',
]
const SUFFIXES = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Way']
const OTHER_LANGUAGES: [string, number][] = [
  ['zh', 0.03],
  ['vi', 0.025],
  ['ko', 0.01],
  ['ru', 0.015],
  ['ar', 0.01],
  ['ht', 0.01],
  ['tl', 0.01],
  ['fr', 0.01],
  ['pt', 0.01],
  ['so', 0.005],
  ['hmn', 0.003],
  ['nv', 0.002],
  ['ase', 0.02],
]
const POPULATION_CHOICES: [CodeOf<'populations'>, number][] = [
  ['adults', 0.9],
  ['adolescents', 0.15],
  ['seniors', 0.3],
  ['women', 0.15],
  ['pregnant', 0.1],
  ['men', 0.1],
  ['lgbtq', 0.15],
  ['veterans', 0.1],
  ['justice_involved', 0.1],
]
const SERVICE_LABEL = new Map<string, string>(SERVICES.map((s) => [s.code, s.en]))

/** Generates `count` demo sites for a seed (default 42); index i is always the same site. */
export function* generateDemoSites(count: number, seed = 42): Generator<SiteRecord> {
  const centroids = zipCentroids()
  const totalWeight = ARCHETYPES.reduce((sum, a) => sum + a.weight, 0)
  for (let i = 0; i < count; i++) {
    const rnd = random(seed * 1_000_003 + i)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T
    const chance = (p: number) => rnd() < p
    const optional = <Code extends string>(table: Partial<Record<Code, number>>) =>
      (Object.entries(table) as [Code, number][]).filter(([, p]) => chance(p)).map(([code]) => code)

    let w = rnd() * totalWeight
    let archetype: Archetype = ARCHETYPES[0] as Archetype
    for (const a of ARCHETYPES) {
      w -= a.weight
      if (w <= 0) {
        archetype = a
        break
      }
    }
    const zip = pickZip(centroids, rnd())
    // Up to ~4 km from the centroid, uniform over the disc.
    const r = 4000 * Math.sqrt(rnd())
    const theta = rnd() * 2 * Math.PI
    const latitude = round6(zip.latitude + (r * Math.cos(theta)) / 111_320)
    const longitude = round6(zip.longitude + (r * Math.sin(theta)) / (111_320 * Math.cos((zip.latitude * Math.PI) / 180)))
    const hoursChoice = weighted(archetype.hours, rnd)
    const services = [...archetype.services, ...optional(archetype.optionalServices)]
    const languages = ['en', ...(chance(0.4) ? ['es'] : []), ...OTHER_LANGUAGES.filter(([, p]) => chance(p)).map(([c]) => c)]
    const status = chance(0.03) ? 'inactive' : chance(0.01) ? 'temporarily_closed' : 'active'
    const id = `demo-${String(i + 1).padStart(7, '0')}`
    const name = pick(archetype.names).replace('{city}', titleCase(zip.city))
    const daysAgo = Math.floor(rnd() * 730)
    const phoneTail = String(Math.floor(rnd() * 100)).padStart(2, '0')
    yield {
      source: 'demo',
      sourceId: id,
      demo: true,
      assuredDate: new Date(Date.UTC(2026, 10, 1) - daysAgo * 86_400_000).toISOString().slice(0, 10),
      organization: { id, name, website: null, description: 'Demo data — not a real service.' },
      location: {
        id,
        name,
        mobile: archetype.key === 'ssp' && chance(0.15),
        address1: `${1 + Math.floor(rnd() * 4999)} ${pick(STREETS)} ${pick(SUFFIXES)}`,
        address2: chance(0.2) ? `Suite ${100 + Math.floor(rnd() * 400)}` : null,
        city: titleCase(zip.city),
        region: zip.state,
        postalCode: zip.zip,
        latitude,
        longitude,
        geocodePrecision: 'exact',
        timezone: timezoneFor(zip.state, zip.longitude) as string,
        status,
        types: [...archetype.types, ...(archetype.key === 'clinic' && services.includes('mental_health_care') && chance(0.3) ? ['mental_health'] : [])],
        payment: [...archetype.payment, ...optional(archetype.optionalPayment)],
        populations: POPULATION_CHOICES.filter(([, p]) => chance(p)).map(([c]) => c),
        access: [...archetype.access, ...optional(archetype.optionalAccess)],
        languages,
      },
      services: [{ id: `${id}-s`, name: services.map((c) => SERVICE_LABEL.get(c) ?? c).join(', '), codes: services }],
      hours: hoursChoice.rules.map((h) => ({ ...h, valid_from: null, valid_to: null })),
      phones: [{ number: `(${zip.zip.slice(0, 3).replace(/^0/, '2')}) 555-01${phoneTail}` }],
    }
  }
}

function weighted<T extends { weight: number }>(items: readonly T[], rnd: () => number): T {
  let w = rnd() * items.reduce((s, x) => s + x.weight, 0)
  for (const item of items) {
    w -= item.weight
    if (w <= 0) return item
  }
  return items[items.length - 1] as T
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase())
}
