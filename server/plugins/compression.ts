/**
 * Brotli or gzip, when the client's Accept-Encoding asks, for text answers of at least
 * COMPRESS_MIN_BYTES: JSON, GeoJSON, NDJSON, CSV, HTML, JavaScript, CSS. Streamed exports are
 * compressed as they stream. Never for bodies that are compressed already or are byte ranges:
 * PMTiles (its tiles are gzipped, and a range of a compressed body means nothing), images,
 * fonts, a body that carries its own Content-Encoding (the pre-gzipped map page). The
 * plugin adds `Vary: Accept-Encoding` to whatever it compresses.
 */
import compress from '@fastify/compress'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'

/**
 * The media types worth compressing. Unlike @fastify/compress's default this leaves out
 * application/octet-stream (the basemap file is served as one) and takes in NDJSON and CSV.
 */
export const COMPRESSIBLE_TYPES =
  /^text\/(?!event-stream)|[+/]json(?:;|$)|^application\/x-ndjson(?:;|$)|^(?:text|application)\/javascript(?:;|$)|[+/]xml(?:;|$)/

export default fp<{ config: Config }>(
  async (app, { config }) => {
    if (config.compressMinBytes === 0) return
    await app.register(compress, {
      global: true,
      encodings: ['br', 'gzip'],
      threshold: config.compressMinBytes,
      customTypes: COMPRESSIBLE_TYPES,
      // Request bodies stay as they were: small JSON or form posts, never inflated here.
      globalDecompression: false,
    })
  },
  { name: 'compression' },
)
