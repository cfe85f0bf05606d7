/**
 * Layers that only point down (npm run check:layers). From the top:
 *   server/main.ts, server/cli/  →  server/app.ts  →  server/routes/  →  server/plugins/
 *   →  use cases (search, planner, importers, exports, hsds, sites, reports, demo, startup)
 *   →  server/directory/ (writing the directory, the source-record model)  →  server/db/
 * with common/ (pure code the server and the page share) underneath both server/ and web/;
 * common/contract/ (the public API's schemas) is read by the routes and, as types, by the page.
 * tests/ and bench/ may import anything; nothing imports them.
 */
const SERVER_FOLDERS_ABOVE_DIRECTORY = '^server/(importers|routes|plugins|cli|startup|demo)/|^server/(app|main)\\.ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import loops between modules, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-loops',
      comment: 'No loops between folders of the product (directory/ ↔ importers/ was one). Test folders sharing helpers are leaves, so they may.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(server|common|web)/' },
      to: { circular: true },
    },
    {
      name: 'db-at-the-bottom',
      comment: 'server/db/ (connection, schema, migrations runner) imports only itself, errors.ts and config.ts from server/.',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/', pathNot: '^server/(db/|errors\\.ts$|config\\.ts$)' },
    },
    {
      name: 'directory-below-its-users',
      comment: 'server/directory/ is written by importers, the demo seed and start-up; it never imports them, routes or plugins.',
      severity: 'error',
      from: { path: '^server/directory/' },
      to: { path: SERVER_FOLDERS_ABOVE_DIRECTORY },
    },
    {
      name: 'importers-below-http',
      comment: 'server/importers/ is a use case: it never imports routes, plugins, the app or the CLIs that run it.',
      severity: 'error',
      from: { path: '^server/importers/' },
      to: { path: '^server/(routes|plugins|cli|startup)/|^server/(app|main)\\.ts$' },
    },
    {
      name: 'routes-on-top',
      comment: 'Routes import use cases, never the reverse: only app.ts and routes/ import routes/.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(routes/|app\\.ts$)' },
      to: { path: '^server/routes/' },
    },
    {
      name: 'entry-points-on-top',
      comment: 'The CLIs and main.ts are entry points: nothing in server/ imports them.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/cli/' },
      to: { path: '^server/cli/|^server/main\\.ts$' },
    },
    {
      name: 'server-stays-in-server',
      comment: 'The server never imports the page, the tests or the benchmarks; code it shares with the page lives in common/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(web|tests|bench)/' },
    },
    {
      name: 'web-only-through-common',
      comment: 'The page shares code with the server through common/ only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|tests|bench)/' },
    },
    {
      name: 'web-contract-types-only',
      comment: 'The page reads the API contract (common/contract/) as types; a value import would bundle TypeBox and the schemas.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^common/contract/|^node_modules/@sinclair/typebox/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-is-pure',
      comment: 'common/contract/ is the API as data: it imports only TypeBox and the rest of common/ (never the server, Node or other packages).',
      severity: 'error',
      from: { path: '^common/contract/' },
      to: { pathNot: '^common/|^node_modules/@sinclair/typebox/' },
    },
    {
      name: 'common-is-shared-ground',
      comment: 'common/ runs on both sides, so it imports nothing of server/, web/, tests/ or bench/.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(server|web|tests|bench)/' },
    },
    {
      name: 'data-holds-data',
      comment: 'data/ holds data files (mappings, code tables) read at run time, never code to import.',
      severity: 'error',
      from: {},
      to: { path: '^data/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type import loop is still a loop, and still couples the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|web/dist)/' },
  },
}
