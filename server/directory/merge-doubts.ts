/**
 * What makes a merge uncertain enough for a curator to look at: names that share few words, two
 * different units (one health center over two floors), no phone number in common. The matcher
 * (facility-match.ts) names the doubts of every merge it makes; merge.ts puts the merges with
 * doubts in the review queue (merge_reviews), which the curator merge review reads.
 */

export const MERGE_DOUBTS = ['low_name_similarity', 'different_unit', 'different_phone'] as const
export type MergeDoubt = (typeof MERGE_DOUBTS)[number]

/** Below this share of distinctive name words, a merge is worth a look (e.g. an OTP listed under its operator's name). */
export const LOW_NAME_SIMILARITY = 0.5

/** A merge with any doubt is uncertain: it is queued for review. */
export const isUncertain = (doubts: readonly MergeDoubt[]) => doubts.length > 0
