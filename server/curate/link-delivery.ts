/**
 * Getting a provider update link to its provider (issue 16): the absolute link (a mailed or
 * mail-merged link must open from anywhere, so it needs PUBLIC_URL) and where the site can be
 * reached (its organization's email, its phone).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** The absolute link of a path such as '/update/<token>', or null without PUBLIC_URL. */
export function absoluteLink(publicUrl: string | null, path: string): string | null {
  return publicUrl ? publicUrl + path : null
}

export interface SiteContact {
  id: string
  name: string
  email: string | null
  phone: string | null
}

/** A site's name, its organization's email and its phone, or undefined for an unknown id. */
export async function siteContact(db: Kysely<Database>, siteId: string): Promise<SiteContact | undefined> {
  const row = await db
    .selectFrom('locations as l')
    .leftJoin('organizations as o', 'o.id', 'l.organization_id')
    .select((eb) => [
      'l.id',
      'l.name',
      'o.email',
      eb.selectFrom('phones as p').select('p.number').where('p.location_id', '=', eb.ref('l.id')).orderBy('p.ordinal').orderBy('p.id').limit(1).as('phone'),
    ])
    .where('l.id', '=', siteId)
    .executeTakeFirst()
  if (!row) return undefined
  return { id: row.id, name: row.name, email: row.email?.trim() || null, phone: row.phone?.trim() || null }
}
