/**
 * TSPLIB95 `.tsp` reader and its distance functions, following Reinelt's TSPLIB95
 * document (and its reference C code where the document is ambiguous: GEO truncates
 * the degrees with `(int)`).
 */
import type { RouteProblem } from '../../../common/planner/solver/types.js'

export type EdgeWeightType = 'EUC_2D' | 'ATT' | 'GEO' | 'CEIL_2D' | 'EXPLICIT'

export interface TsplibInstance {
  name: string
  type: string
  comment: string
  dimension: number
  edgeWeightType: EdgeWeightType
  edgeWeightFormat?: string
  /** Node coordinates in file order (node i of the file is index i-1). */
  coords?: [number, number][]
  /** Full matrix for EXPLICIT instances. */
  weights?: number[][]
}

/** TSPLIB's nint: round half up, as `(int)(x + 0.5)`. */
export function nint(x: number): number {
  return Math.trunc(x + 0.5)
}

/** EUC_2D: Euclidean distance rounded to the nearest integer. */
export function euc2d(a: readonly [number, number], b: readonly [number, number]): number {
  return nint(Math.hypot(a[0] - b[0], a[1] - b[1]))
}

/** CEIL_2D: Euclidean distance rounded up. */
export function ceil2d(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.ceil(Math.hypot(a[0] - b[0], a[1] - b[1]))
}

/** ATT pseudo-Euclidean distance (the att48/att532 instances). */
export function att(a: readonly [number, number], b: readonly [number, number]): number {
  const dx = a[0] - b[0]
  const dy = a[1] - b[1]
  const r = Math.sqrt((dx * dx + dy * dy) / 10)
  const t = nint(r)
  return t < r ? t + 1 : t
}

// biome-ignore lint/suspicious/noApproximativeNumericConstant: TSPLIB's GEO distance defines PI as 3.141592
const PI = 3.141592
const RRR = 6378.388

/** DDD.MM (degrees.minutes) to radians, exactly as TSPLIB does it. */
export function geoRadians(x: number): number {
  const deg = Math.trunc(x)
  const min = x - deg
  return (PI * (deg + (5.0 * min) / 3.0)) / 180.0
}

/** GEO: great-circle distance in km on TSPLIB's idealised sphere, truncated. */
export function geo(a: readonly [number, number], b: readonly [number, number]): number {
  const latI = geoRadians(a[0])
  const lonI = geoRadians(a[1])
  const latJ = geoRadians(b[0])
  const lonJ = geoRadians(b[1])
  const q1 = Math.cos(lonI - lonJ)
  const q2 = Math.cos(latI - latJ)
  const q3 = Math.cos(latI + latJ)
  return Math.trunc(RRR * Math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0)
}

/** Parses the text of a `.tsp` file. Throws on unsupported weight types. */
export function parseTsplib(text: string): TsplibInstance {
  const header = new Map<string, string>()
  const tokens: string[] = []
  let section: 'coords' | 'weights' | 'skip' | null = null
  const coordLines: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line === 'EOF') continue
    if (/^[A-Z_]+_SECTION\s*:?\s*$/.test(line)) {
      section = line.startsWith('NODE_COORD') ? 'coords' : line.startsWith('EDGE_WEIGHT') ? 'weights' : 'skip'
      continue
    }
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line)
    if (kv) {
      header.set(kv[1]!, kv[2]!.trim())
      section = null
      continue
    }
    if (section === 'coords') coordLines.push(line)
    else if (section === 'weights') tokens.push(...line.split(/\s+/))
  }
  const dimension = Number(header.get('DIMENSION'))
  if (!Number.isInteger(dimension) || dimension <= 0) throw new Error('TSPLIB: missing DIMENSION')
  const edgeWeightType = (header.get('EDGE_WEIGHT_TYPE') ?? '') as EdgeWeightType
  if (!['EUC_2D', 'ATT', 'GEO', 'CEIL_2D', 'EXPLICIT'].includes(edgeWeightType)) {
    throw new Error(`TSPLIB: unsupported EDGE_WEIGHT_TYPE ${edgeWeightType}`)
  }
  const inst: TsplibInstance = {
    name: header.get('NAME') ?? '',
    type: header.get('TYPE') ?? 'TSP',
    comment: header.get('COMMENT') ?? '',
    dimension,
    edgeWeightType,
  }
  if (coordLines.length > 0) {
    inst.coords = new Array<[number, number]>(dimension)
    for (const l of coordLines) {
      const [id, x, y] = l.split(/\s+/).map(Number)
      if (id === undefined || x === undefined || y === undefined || id < 1 || id > dimension) throw new Error(`TSPLIB: bad coordinate line "${l}"`)
      inst.coords[id - 1] = [x, y]
    }
  }
  if (edgeWeightType === 'EXPLICIT') {
    inst.edgeWeightFormat = header.get('EDGE_WEIGHT_FORMAT') ?? 'FULL_MATRIX'
    inst.weights = explicitMatrix(dimension, inst.edgeWeightFormat, tokens.map(Number))
  }
  return inst
}

function explicitMatrix(n: number, format: string, v: number[]): number[][] {
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  let k = 0
  const take = (): number => {
    const x = v[k++]
    if (x === undefined) throw new Error('TSPLIB: EDGE_WEIGHT_SECTION too short')
    return x
  }
  const set = (i: number, j: number): void => {
    const x = take()
    W[i]![j] = x
    W[j]![i] = x
  }
  if (format === 'FULL_MATRIX') {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[i]![j] = take()
  } else if (format === 'UPPER_ROW') {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(i, j)
  } else if (format === 'UPPER_DIAG_ROW') {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) set(i, j)
  } else if (format === 'LOWER_ROW') {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) set(i, j)
  } else if (format === 'LOWER_DIAG_ROW') {
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) set(i, j)
  } else throw new Error(`TSPLIB: unsupported EDGE_WEIGHT_FORMAT ${format}`)
  return W
}

/** Distance matrix of an instance, per its EDGE_WEIGHT_TYPE. */
export function tsplibMatrix(inst: TsplibInstance): number[][] {
  if (inst.weights) return inst.weights
  const c = inst.coords
  if (!c) throw new Error('TSPLIB: no coordinates')
  const f = { EUC_2D: euc2d, ATT: att, GEO: geo, CEIL_2D: ceil2d }[inst.edgeWeightType as Exclude<EdgeWeightType, 'EXPLICIT'>]
  return c.map((a, i) => c.map((b, j) => (i === j ? 0 : f(a, b))))
}

/** A closed tour from node 1 through every node, as a one-vehicle route problem. */
export function tspToRouteProblem(inst: TsplibInstance): RouteProblem {
  const d = tsplibMatrix(inst)
  return {
    durations: d,
    distances: d,
    objective: 'distance',
    stops: Array.from({ length: inst.dimension - 1 }, (_, i) => ({ location: i + 1, id: String(i + 2) })),
    vehicles: [{ startLocation: 0, endLocation: 0 }],
  }
}
