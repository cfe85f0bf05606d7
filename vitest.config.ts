import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A migrated database image (PGlite dump, PostgreSQL template) that every test file copies.
    globalSetup: ['tests/global-setup.ts'],
    // PGlite loads PostGIS in several seconds; PostgreSQL test databases are created per file.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
