/**
 * GET /api/v1/export.geojson | export.csv | export.hsds.json: the directory as a download,
 * streamed a page at a time (the same code as `npm run export`). The query is validated and
 * the first page read before the first byte goes out, so a bad request or a database that
 * refuses it is an error response, not a 200 cut short.
 */
import { Readable } from 'node:stream'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../errors.js'
import { exportChunks, exportFileName, MEDIA_TYPES, type ExportFormat } from '../../exports/formats.js'

const querySchema = Type.Object(
  {
    include_inactive: Type.Boolean({ default: false, description: 'Also inactive, defunct and temporarily closed sites' }),
    demo: Type.Boolean({ default: true, description: 'false leaves demo records out (they carry demo: true otherwise)' }),
    source: Type.String({ minLength: 1, maxLength: 100, description: 'Only sites with a record from this source (e.g. findtreatment)' }),
  },
  { additionalProperties: false },
)

/**
 * Reads an export's first two chunks — every format yields its opening, then one chunk per
 * page — and gives back all of it as one stream: a failure in the first page's query rejects
 * here, while a reply can still be sent.
 */
async function firstPageRead(chunks: AsyncGenerator<string>): Promise<AsyncGenerator<string>> {
  const head: string[] = []
  while (head.length < 2) {
    const next = await chunks.next()
    if (next.done) break
    head.push(next.value)
  }
  return (async function* () {
    yield* head
    yield* chunks
  })()
}

const ROUTES: [string, ExportFormat, string][] = [
  ['/export.geojson', 'geojson', 'Every site as an RFC 7946 GeoJSON FeatureCollection ([lon, lat])'],
  ['/export.csv', 'csv', 'Every site as CSV, one row per site, codes joined with ";" (columns in docs/data.md)'],
  ['/export.hsds.json', 'hsds', 'Every service as an HSDS 3.0 JSON array of fully nested services'],
]

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const [url, format, summary] of ROUTES) {
    app.get(
      url,
      {
        schema: {
          tags: ['exports'],
          summary,
          querystring: Type.Partial(querySchema, { additionalProperties: false }),
          response: { '4xx': errorBodySchema, '5xx': errorBodySchema },
        },
      },
      async (request, reply) => {
        const q = request.query
        const filter = { includeInactive: q.include_inactive ?? false, includeDemo: q.demo ?? true, source: q.source ?? null }
        const chunks = await firstPageRead(exportChunks(app.db, format, filter))
        reply
          .header('content-disposition', `attachment; filename="${exportFileName(format)}"`)
          .header('cache-control', 'no-store')
          .type(MEDIA_TYPES[format])
        return reply.send(Readable.from(chunks))
      },
    )
  }
}

export default exportRoutes
