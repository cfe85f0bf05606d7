/**
 * The --full guard. A full reload makes every site of the source that the file no longer lists
 * inactive; a truncated or partial file looks exactly like a source that lost most of its
 * sites. So a full reload that would deactivate more than a share of the source's active sites
 * (20% unless --allow-deactivate says otherwise) is refused before anything is written.
 */

/** The most one --full import may deactivate: a share of the source's active sites, or a count. */
export type DeactivationLimit = { percent: number } | { count: number }

export const DEFAULT_DEACTIVATION_LIMIT: DeactivationLimit = { percent: 20 }

export interface DeactivationCheck {
  /** The source's active sites before the import. */
  active: number
  /** How many of them the files no longer list: what --full makes inactive. */
  missing: number
  /** missing / active, 0 to 1 (0 when the source has no active site). */
  share: number
  limit: DeactivationLimit
  /** More than the limit would go: the import is refused. */
  refused: boolean
}

/** Whether deactivating `missing` of `active` sites stays within the limit. Example: `checkDeactivation(1830, 831)` is refused. */
export function checkDeactivation(active: number, missing: number, limit: DeactivationLimit = DEFAULT_DEACTIVATION_LIMIT): DeactivationCheck {
  // In whole numbers: 29 of 100 against 29% must not be refused by 0.29 * 100 = 28.999….
  const refused = 'count' in limit ? missing > limit.count : missing * 100 > limit.percent * active
  return { active, missing, share: active === 0 ? 0 : missing / active, limit, refused }
}

/**
 * The value of --allow-deactivate: `N%` of the source's active sites (decimals allowed, at
 * most 100%) or `N` sites. Null for anything else. Example: `parseDeactivationLimit('50%')`.
 */
export function parseDeactivationLimit(text: string): DeactivationLimit | null {
  const percent = /^(\d{1,3}(?:\.\d+)?)%$/.exec(text.trim())
  if (percent) {
    const value = Number(percent[1])
    return value <= 100 ? { percent: value } : null
  }
  return /^\d{1,9}$/.test(text.trim()) ? { count: Number(text.trim()) } : null
}

const percentText = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`
const limitText = (limit: DeactivationLimit) => ('count' in limit ? `${limit.count} site(s)` : `${limit.percent}%`)

/** The summary line: "--full: 831 of the source's 1830 active sites (45.4%) are not in the file; limit 20%: refused". */
export function formatDeactivation(check: DeactivationCheck): string {
  return (
    `--full: ${check.missing} of the source's ${check.active} active site(s) (${percentText(check.share)}) are not in the file` +
    `; limit ${limitText(check.limit)}: ${check.refused ? 'refused' : 'within it'}`
  )
}

/** Why a --full import was refused, and the flag that lets it through when the sites really are gone. */
export function deactivationRefusal(check: DeactivationCheck): string {
  const percent = Math.ceil((check.missing * 100) / check.active)
  return (
    `--full would deactivate ${check.missing} of the source's ${check.active} active sites (${percentText(check.share)}),` +
    ` more than the limit of ${limitText(check.limit)}. A truncated or partial file looks like this: check that the file is complete.` +
    ` If these sites really are gone, run again with --allow-deactivate ${percent}% (or --allow-deactivate ${check.missing})`
  )
}
