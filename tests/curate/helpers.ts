/**
 * What the curator tests share: an app over a fresh database with two sites (one in
 * Maryland, one in Virginia) and accounts of every kind, each with an API token.
 */
import type { FastifyInstance } from 'fastify'
import { createAccount, updateAccount } from '../../server/curate/accounts.js'
import { createApiToken } from '../../server/curate/sessions.js'
import type { Account } from '../../server/db/schema.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { appFor } from '../helpers/app.js'
import { type BackendName, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'

export const PASSWORD = 'correct horse battery staple'

/** A site of the fixture in another state. */
export function inState(record: SiteRecord, region: string, city: string): SiteRecord {
  return { ...record, location: { ...record.location, region, city } }
}

export const MD_SITE = site({ id: 'md-site', name: 'Charm City Syringe Program', lat: 39.2946, lon: -76.6252 })
export const VA_SITE = inState(site({ id: 'va-site', name: 'Richmond Harm Reduction', lat: 37.5407, lon: -77.436 }), 'VA', 'Richmond')

export type Who = 'admin' | 'curatorMd' | 'curatorVa' | 'disabled'

export interface CurationFixture {
  database: TestDatabase
  app: FastifyInstance
  accounts: Record<Who, Account>
  tokens: Record<Who, string>
  close(): Promise<void>
}

export async function curationFixture(backend: BackendName, sites: SiteRecord[] = [MD_SITE, VA_SITE]): Promise<CurationFixture> {
  const database = await freshDatabase(backend)
  await insertSites(database.db, sites)
  await rebuildSearchTables(database.db)
  const app = await appFor(database)
  const db = database.db
  // One real password (the login tests use it); the others are never signed in with one.
  const accounts: Record<Who, Account> = {
    admin: await createAccount(db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD }),
    curatorMd: await createAccount(db, { email: 'md@example.org', name: 'Mo Maryland', role: 'curator', scopeStates: ['MD'] }),
    curatorVa: await createAccount(db, { email: 'va@example.org', name: 'Val Virginia', role: 'curator', scopeStates: ['VA'] }),
    disabled: await createAccount(db, { email: 'gone@example.org', name: 'Gone', role: 'curator' }),
  }
  const tokens = {} as Record<Who, string>
  for (const who of Object.keys(accounts) as Who[]) tokens[who] = (await createApiToken(db, accounts[who].id, 'tests')).token
  await updateAccount(db, accounts.disabled.id, { disabled: true })
  return {
    database,
    app,
    accounts,
    tokens,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

/** Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
