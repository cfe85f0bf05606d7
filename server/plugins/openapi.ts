/**
 * /openapi.json from the route schemas, and Swagger UI at /docs served from the package
 * (no CDN: the docs work offline like everything else).
 */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Harm Reduction Locator API',
          version: '1.0.0',
          description: 'Nearest syringe services, naloxone, treatment and clinics — open now — with no tracking.',
        },
        tags: [
          { name: 'search', description: 'Nearest-site search' },
          { name: 'sites', description: 'Site details' },
          { name: 'taxonomy', description: 'Filter codes and labels' },
          { name: 'geocode', description: 'Offline ZIP and place lookup' },
          { name: 'health', description: 'Liveness and readiness' },
          { name: 'curate', description: 'Curators keep listings true (docs/curation.md): sign in, review queue, edits, verification, history, accounts' },
        ],
        components: {
          securitySchemes: {
            curatorSession: {
              type: 'apiKey',
              in: 'cookie',
              name: 'hrl_session',
              description: 'Console session from POST /api/v1/curate/session; unsafe methods also need the X-CSRF-Token header',
            },
            curatorToken: { type: 'http', scheme: 'bearer', description: 'API token (hrl_…) from `npm run curator -- token create`' },
          },
        },
      },
    })
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      // Swagger UI sets style attributes as it renders; on this page only (no user content), inline styles are allowed.
      transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
      // No badge from validator.swagger.io: /docs, like every page, makes no third-party request.
      uiConfig: { docExpansion: 'list', validatorUrl: null },
    })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
