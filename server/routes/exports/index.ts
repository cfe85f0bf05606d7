/**
 * GET /api/v1/export.geojson | export.csv | export.hsds.json: the directory as a download,
 * streamed a page at a time (the same code as `npm run export`).
 */
import { Readable } from 'node:stream'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../errors.js'
import { exportChunks, exportFileName, MEDIA_TYPES, type ExportFormat } from '../../exports/formats.js'

const querySchema = Type.Object({
  include_inactive: Type.Boolean({ default: false, description: 'Also inactive, defunct and temporarily closed sites' }),
  demo: Type.Boolean({ default: true, description: 'false leaves demo records out (they carry demo: true otherwise)' }),
  source: Type.String({ minLength: 1, maxLength: 100, description: 'Only sites with a record from this source (e.g. findtreatment)' }),
}, { additionalProperties: false })

const ROUTES: [string, ExportFormat, string][] = [
  ['/export.geojson', 'geojson', 'Every site as an RFC 7946 GeoJSON FeatureCollection ([lon, lat])'],
  ['/export.csv', 'csv', 'Every site as CSV, one row per site, codes joined with ";" (columns in docs/data.md)'],
  ['/export.hsds.json', 'hsds', 'Every service as an HSDS 3.0 JSON array of fully nested services'],
]

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [url, format, summary] of ROUTES) {
    app.get(url, {
      schema: {
        tags: ['exports'],
        summary,
        querystring: Type.Partial(querySchema, { additionalProperties: false }),
        response: { '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    }, async (request, reply) => {
      const q = request.query
      const filter = { includeInactive: q.include_inactive ?? false, includeDemo: q.demo ?? true, source: q.source ?? null }
      reply
        .header('content-disposition', `attachment; filename="${exportFileName(format)}"`)
        .header('cache-control', 'no-store')
        .type(MEDIA_TYPES[format])
      return reply.send(Readable.from(exportChunks(app.db, format, filter)))
    })
  }
}

export default exportRoutes
