/**
 * Read-your-writes for curators when reads go to replicas. The curator API always uses the
 * primary; a public read (search, a site page, HSDS, exports) that carries the API token of a
 * curator who changed something through the curator API in the last REPLICA_MAX_LAG_S
 * seconds (plus one lag check) reads the primary too, so a tool that edits a site and then
 * searches sees its edit. The console's session cookie is scoped to /api/v1/curate, so the
 * public routes never see it: the console reads through curator routes, which use the primary.
 * Kept per process: a token's window starts in the process that took its write.
 */
import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/** Past this many tokens in their window, the oldest go first (a bound on memory, never reached by real curators). */
const MAX_WRITERS = 10_000

/** The bearer token a request carries, or null. */
export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null
}

// Tokens are kept hashed: the map outlives the request, and a token is a secret.
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url')

/** Tokens that wrote recently, each until its window ends. */
export class RecentWriters {
  readonly #until = new Map<string, number>()

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts (or restarts) the token's window: it just wrote. */
  wrote(token: string): void {
    const key = keyOf(token)
    this.#until.delete(key)
    this.#until.set(key, this.now() + this.windowMs)
    if (this.#until.size > MAX_WRITERS) this.#prune()
  }

  /** True while the token is inside its window. */
  isRecent(token: string | null): boolean {
    if (!token || this.#until.size === 0) return false
    const until = this.#until.get(keyOf(token))
    return until !== undefined && until > this.now()
  }

  #prune(): void {
    const now = this.now()
    for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key)
    // Insertion order is write order: the oldest windows go first.
    for (const key of this.#until.keys()) {
      if (this.#until.size <= MAX_WRITERS) break
      this.#until.delete(key)
    }
  }
}
