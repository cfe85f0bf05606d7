/**
 * What `npm run curator -- <command>` does, as a function over a database (tests call it):
 *   add --email E --role admin|curator [--name N] [--states MD,VA] [--sources S1,S2] [--password-stdin]
 *   list
 *   disable --email E | enable --email E
 *   reset-password --email E [--password-stdin]
 *   token create --email E --name N
 *   token revoke --id ID
 * Without --password-stdin a strong password is generated and printed once.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { AccountExistsError, createAccount, findAccountByEmail, listAccounts, updateAccount } from '../curate/accounts.js'
import { MIN_PASSWORD_LENGTH } from '../curate/secrets.js'
import { createApiToken, revokeApiToken } from '../curate/sessions.js'
import type { Database } from '../db/schema.js'

export interface CommandIo {
  out: (line: string) => void
  /** The password given on stdin (--password-stdin). */
  readPassword: () => Promise<string>
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run curator -- <command>
  add --email E --role admin|curator [--name N] [--states MD,VA] [--sources S1,S2] [--password-stdin]
  list
  disable --email E
  enable --email E
  reset-password --email E [--password-stdin]
  token create --email E --name N
  token revoke --id ID`

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

const generatedPassword = () => randomBytes(15).toString('base64url')

async function passwordFrom(values: { 'password-stdin'?: boolean }, io: CommandIo): Promise<{ password: string; generated: boolean }> {
  if (!values['password-stdin']) return { password: generatedPassword(), generated: true }
  const password = (await io.readPassword()).replace(/\r?\n$/, '')
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  return { password, generated: false }
}

/** Runs one command; throws UsageError for a wrong command line or a refused change. */
export async function runCuratorCommand(db: Kysely<Database>, argv: readonly string[], io: CommandIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      states: { type: 'string' },
      sources: { type: 'string' },
      id: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  })
  const [command, sub] = positionals
  const account = async () => {
    if (!values.email) throw new UsageError('--email is required')
    const found = await findAccountByEmail(db, values.email)
    if (!found) throw new UsageError(`no account with email ${values.email}`)
    return found
  }
  switch (command) {
    case 'add': {
      if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) throw new UsageError('--email must be an email address')
      if (values.role !== 'admin' && values.role !== 'curator') throw new UsageError('--role must be admin or curator')
      const states = list(values.states)
      if (states.some((s) => !/^[A-Za-z]{2}$/.test(s))) throw new UsageError('--states must be two-letter state codes, e.g. MD,VA')
      const { password, generated } = await passwordFrom(values, io)
      try {
        const created = await createAccount(db, {
          email: values.email,
          role: values.role,
          name: values.name ?? '',
          scopeStates: states,
          scopeSources: list(values.sources),
          password,
        })
        io.out(`created ${created.role} ${created.email} (${created.id})`)
        if (generated) io.out(`password (shown once): ${password}`)
      } catch (err) {
        if (err instanceof AccountExistsError) throw new UsageError(err.message)
        throw err
      }
      return
    }
    case 'list':
      for (const a of await listAccounts(db)) {
        const scope = [a.scope_states.join(',') || 'all states', a.scope_sources.join(',') || 'all sources'].join('; ')
        io.out(`${a.email}\t${a.role}\t${a.disabled ? 'disabled' : 'enabled'}\t${a.role === 'admin' ? 'everywhere' : scope}\t${a.id}`)
      }
      return
    case 'disable':
    case 'enable': {
      const a = await account()
      await updateAccount(db, a.id, { disabled: command === 'disable' })
      io.out(`${command}d ${a.email}`)
      return
    }
    case 'reset-password': {
      const a = await account()
      const { password, generated } = await passwordFrom(values, io)
      await updateAccount(db, a.id, { password })
      io.out(`password reset for ${a.email}; its sessions have ended`)
      if (generated) io.out(`password (shown once): ${password}`)
      return
    }
    case 'token': {
      if (sub === 'create') {
        const a = await account()
        if (!values.name) throw new UsageError('--name is required (what the token is for)')
        const { token, view } = await createApiToken(db, a.id, values.name)
        io.out(`token ${view.id} for ${a.email} (shown once): ${token}`)
        return
      }
      if (sub === 'revoke') {
        if (!values.id) throw new UsageError('--id is required')
        if (!(await revokeApiToken(db, values.id))) throw new UsageError(`no token ${values.id}`)
        io.out(`revoked token ${values.id}`)
        return
      }
      throw new UsageError('token needs create or revoke')
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given')
  }
}
