/** Benchmark instance readers: TSPLIB95 symmetric TSP and Solomon VRPTW. */
export { parseTsplib, tsplibMatrix, tspToRouteProblem, euc2d, att, geo, geoRadians, ceil2d, nint, type TsplibInstance, type EdgeWeightType } from './tsplib.js'
export { parseSolomon, solomonToRouteProblem, type SolomonInstance, type SolomonCustomer, type SolomonOptions } from './solomon.js'
