/**
 * What `npm run verification -- <command>` does, as a function over a database (tests call it):
 *   links --due --as CURATOR [--state MD] [--days N] [--out file.csv] [--email]
 *   links --site ID --as CURATOR [--days N] [--out file.csv] [--email] [--to ADDRESS]
 *   links revoke LINK_ID --as CURATOR
 * "Due" is what the review queue's verification kind lists: active, non-demo sites within the
 * curator's scope never verified or last verified more than VERIFY_AFTER_DAYS ago. One link is
 * made per site, as the named curator (the audit says who); --days is how long links live.
 * The CSV (site_id, site_name, email, phone, link, expires_at) is for a mail merge, so its
 * links are absolute and need PUBLIC_URL. It goes to --out (readable by its owner only) or
 * stdout; the summary goes to stderr and never holds a link or token.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { findAccount, findAccountByEmail } from '../curate/accounts.js'
import { absoluteLink, type SiteContact, siteContact } from '../curate/link-delivery.js'
import { createMailer, isMailAddress, MailError, type Mailer } from '../curate/mailer.js'
import { createLink, DEFAULT_LINK_DAYS, findLink, MAX_LINK_DAYS, revokeLink } from '../curate/provider-links.js'
import { listQueue } from '../curate/queue.js'
import { type Actor, siteAccess } from '../curate/scope.js'
import type { Database } from '../db/schema.js'

export interface VerificationIo {
  /** Standard output: the CSV when there is no --out. */
  out: (line: string) => void
  /** Standard error: what was done. */
  err: (line: string) => void
}

/** A wrong command line or a refused action: exit status 2. */
export class UsageError extends Error {}
/** Something the configuration lacks (PUBLIC_URL, SMTP_URL): exit status 78, as a bad setting. */
export class NotConfiguredError extends Error {}
/** Some mail was not taken by the mail server: exit status 1 (the links were made and are in the CSV). */
export class PartialFailure extends Error {}

export const USAGE = `usage: npm run verification -- <command>
  links --due --as CURATOR [--state MD] [--days N] [--out file.csv] [--email] [--again]
  links --site ID --as CURATOR [--days N] [--out file.csv] [--email] [--to ADDRESS]
  links revoke LINK_ID --as CURATOR
CURATOR is the email or id of the account the links are made as. --days: how long links work (default ${DEFAULT_LINK_DAYS}).
--due skips sites that already have a working link (a provider mailed last week is not mailed again); --again makes new ones anyway.`

export const CSV_COLUMNS = ['site_id', 'site_name', 'email', 'phone', 'link', 'expires_at'] as const

/** One CSV field (RFC 4180); a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula. */
export function csvField(value: string | null): string {
  let v = value ?? ''
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

async function actorOf(db: Kysely<Database>, who: string | undefined): Promise<Actor & { email: string }> {
  if (!who) throw new UsageError('--as is required: the email or id of the curator account the links are made as (the audit names it)')
  const account = who.includes('@') ? await findAccountByEmail(db, who) : await findAccount(db, who)
  if (!account) throw new UsageError(`no account ${who}`)
  if (account.disabled) throw new UsageError(`the account ${account.email} is disabled`)
  return account
}

function daysOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LINK_DAYS
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LINK_DAYS) throw new UsageError(`--days must be a whole number from 1 to ${MAX_LINK_DAYS}`)
  return Number(raw)
}

/** The sites due for verification within the actor's scope (and state), oldest first. */
async function dueSites(db: Kysely<Database>, actor: Actor, state: string | undefined, verifyAfterDays: number): Promise<string[]> {
  const ids: string[] = []
  const limit = 500
  for (let offset = 0; ; offset += limit) {
    const page = await listQueue(db, actor, { kind: 'verification', ...(state ? { state } : {}), limit, offset }, verifyAfterDays)
    ids.push(...page.items.map((item) => item.site.id))
    if (page.items.length < limit) return ids
  }
}

/** Of these sites, those with a link that is neither revoked nor expired. */
async function sitesWithWorkingLinks(db: Kysely<Database>, siteIds: readonly string[]): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('provider_links')
    .select('location_id')
    .distinct()
    .where('location_id', 'in', [...siteIds])
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .execute()
  return new Set(rows.map((r) => r.location_id))
}

/** Runs one command. Throws UsageError, NotConfiguredError or PartialFailure (see their exit statuses). */
export async function runVerificationCommand(
  db: Kysely<Database>,
  argv: readonly string[],
  io: VerificationIo,
  config: Pick<Config, 'publicUrl' | 'mail' | 'curation'>,
  options: { mailer?: Mailer | null } = {},
): Promise<void> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values, positionals } = parsed
  const [command, sub, linkId, ...extra] = positionals
  if (command !== 'links') throw new UsageError(command ? `unknown command "${command}"` : 'no command given')

  if (sub === 'revoke') {
    if (!linkId || extra.length) throw new UsageError('links revoke needs one link id')
    const actor = await actorOf(db, values.as)
    const link = await findLink(db, linkId)
    if (!link) throw new UsageError(`no update link ${linkId}`)
    if ((await siteAccess(db, actor, link.site_id)) !== 'inside') throw new UsageError(`the site of link ${linkId} is outside the scope of ${actor.email}`)
    const revoked = await revokeLink(db, link.id, actor)
    io.err(`revoked link ${link.id} of site ${link.site_id} (it was ${link.state})`)
    if (revoked?.state !== 'revoked') throw new Error('the link was not revoked')
    return
  }
  if (sub !== undefined) throw new UsageError(`unknown links command "${sub}"`)
  if (!values.due === !values.site) throw new UsageError('links needs either --due or --site ID')
  if (values.to !== undefined && !(values.site && values.email)) throw new UsageError('--to is only used with --site and --email')
  if (values.to !== undefined && !isMailAddress(values.to)) throw new UsageError('--to must be an email address such as provider@example.org')
  if (values.state !== undefined && !/^[A-Za-z]{2}$/.test(values.state)) throw new UsageError('--state must be a two-letter state code, e.g. MD')
  if (values.state !== undefined && !values.due) throw new UsageError('--state is only used with --due')
  if (values.again && !values.due) throw new UsageError('--again is only used with --due')
  const days = daysOf(values.days)
  if (!config.publicUrl) {
    throw new NotConfiguredError(
      'links to mail or mail-merge must be absolute: set PUBLIC_URL (where the public reaches this server, e.g. https://help.example.org)',
    )
  }
  const mailer = values.email ? (options.mailer !== undefined ? options.mailer : createMailer(config)) : null
  if (values.email && !mailer) throw new NotConfiguredError('--email needs mail configured: set SMTP_URL (smtp:// or smtps://) and MAIL_FROM')
  const actor = await actorOf(db, values.as)

  let sites: SiteContact[]
  if (values.site) {
    const access = await siteAccess(db, actor, values.site)
    if (access === 'missing') throw new UsageError(`no site ${values.site}`)
    if (access === 'outside') throw new UsageError(`site ${values.site} is outside the scope of ${actor.email}`)
    sites = [(await siteContact(db, values.site)) as SiteContact]
    if (values.to) sites = sites.map((s) => ({ ...s, email: values.to?.trim() ?? s.email }))
    if (values.email && !sites[0]?.email) throw new UsageError(`site ${values.site} has no email address: give one with --to`)
  } else {
    sites = []
    const due = await dueSites(db, actor, values.state, config.curation.verifyAfterDays)
    const linked = values.again ? new Set<string>() : await sitesWithWorkingLinks(db, due)
    if (linked.size) io.err(`skipped ${linked.size} site(s) that already have a working link (--again makes new ones)`)
    for (const id of due.filter((site) => !linked.has(site))) {
      const contact = await siteContact(db, id)
      if (contact) sites.push(contact)
    }
  }

  const lines = [CSV_COLUMNS.join(',')]
  let emailed = 0
  let noEmail = 0
  let failed = 0
  try {
    for (const site of sites) {
      const made = await createLink(db, { siteId: site.id, curator: actor, days })
      const link = absoluteLink(config.publicUrl, made.url) as string
      lines.push([site.id, site.name, site.email, site.phone, link, made.link.expires_at].map(csvField).join(','))
      if (!mailer) continue
      if (!site.email || !isMailAddress(site.email)) {
        noEmail++
        continue
      }
      try {
        await mailer.sendLink({ to: site.email, siteName: site.name, url: link, expiresAt: made.link.expires_at })
        emailed++
      } catch (err) {
        if (!(err instanceof MailError)) throw err
        failed++
        io.err(`site ${site.id}: ${err.message}`)
      }
    }
  } finally {
    if (mailer && options.mailer === undefined) mailer.close()
  }
  const text = `${lines.join('\n')}\n`
  if (values.out) writeFileSync(values.out, text, { mode: 0o600 })
  else for (const line of lines) io.out(line)
  const what = values.due ? `${sites.length} site(s) due for verification${values.state ? ` in ${values.state.toUpperCase()}` : ''}` : `site ${values.site}`
  io.err(`made ${sites.length} link(s) as ${actor.email} for ${what}, working ${days} day(s)${values.out ? `; CSV written to ${values.out}` : ''}`)
  if (mailer) io.err(`emailed ${emailed}; ${noEmail} site(s) have no email address${failed ? `; ${failed} mail(s) failed` : ''}`)
  if (failed) throw new PartialFailure(`${failed} mail(s) were not sent; their links are in the CSV`)
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      due: { type: 'boolean' },
      site: { type: 'string' },
      state: { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
      email: { type: 'boolean' },
      again: { type: 'boolean' },
      to: { type: 'string' },
      as: { type: 'string' },
    },
  })
}
