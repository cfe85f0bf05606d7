import { defineConfig } from 'vitest/config'

/**
 * Four projects, so a developer can run one (`npx vitest run --project unit`):
 * - unit: pure functions, no database, no process;
 * - cli: real commands and processes (import CLI, image runtime stage, a restarted cluster);
 * - browser: the page in headless Chromium;
 * - database: everything else — the API and repositories on PGlite and PostgreSQL.
 */
const unit = [
  'tests/planner/**/*.test.ts',
  'tests/hours.test.ts',
  'tests/hours-recurrence.test.ts',
  'tests/hours-text.test.ts',
  'tests/import/hours-formats.test.ts',
  'tests/geocode.test.ts',
  'tests/faults/fault-kinds.test.ts',
  'tests/export/csv-cell.test.ts',
  'tests/hsds/paging.test.ts',
  'tests/import/{decode,record-hash,row-mapping}.test.ts',
  'tests/web/route-files.test.ts',
  'tests/web/*-state.test.ts',
  'tests/web/i18n*.test.ts',
  'tests/html-template.test.ts',
  'tests/geojson-axis.test.ts',
  'tests/lite/lite-render.test.ts',
  'tests/import/rejects.test.ts',
  'tests/import/clean-values.test.ts',
  'tests/import/mapping-rules.test.ts',
  'tests/import/dedup-quality.test.ts',
  'tests/sites-provenance-unit.test.ts',
  'tests/web/offline-shell-build.test.ts',
  'tests/i18n/{string-tables,lang-choice}.test.ts',
]
const cli = [
  'tests/import/cli.test.ts',
  'tests/pglite-lock.test.ts',
  'tests/ship/**/*.test.ts',
  'tests/faults/db-restart.test.ts',
  'tests/replicas.test.ts',
  'tests/config.test.ts',
  'tests/startup.test.ts',
  'tests/cluster/**/*.test.ts',
]
const browser = [
  'tests/web/map-page.test.ts',
  'tests/web/privacy-a11y.test.ts',
  'tests/web/route-planner.test.ts',
  'tests/web/route-honest.test.ts',
  'tests/web/honest-page.test.ts',
  'tests/web/url-privacy.test.ts',
  'tests/web/cards-wording.test.ts',
  'tests/web/geocode-honest.test.ts',
  'tests/web/basemap.test.ts',
  'tests/web/basemap-pmtiles.test.ts',
  'tests/web/mobile-stops.test.ts',
  'tests/web/provider-update-page.test.ts',
  'tests/web/provider-story.test.ts',
  'tests/web/search-stale.test.ts',
  'tests/web/languages.test.ts',
  'tests/web/offline-story.test.ts',
  'tests/web/offline-shell.test.ts',
  'tests/web/text-pages-languages.test.ts',
]

export default defineConfig({
  test: {
    // A migrated database image (PGlite dump, PostgreSQL template) that every test file copies,
    // and the page built once.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/reporters/project-times.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'cli', include: cli } },
      { extends: true, test: { name: 'browser', include: browser } },
      { extends: true, test: { name: 'database', include: ['tests/**/*.test.ts'], exclude: [...unit, ...cli, ...browser] } },
    ],
  },
})
