/**
 * Reading a text message: what the person asks for (services, only open now), where (a ZIP,
 * "City ST", a city name — left for the geocoder to find), or a command (MORE, HELP, STOP,
 * START), and the language to answer in. Case, accents, punctuation, emojis and extra words
 * do not matter; a one-letter slip in a longer keyword ("naloxon", "methodone") is forgiven.
 */
import type { Lang } from '../../common/format.js'
import { CARRIER_WORDS, COMMANDS, FILLERS, TOPICS, type Topic } from './keywords.js'

export type Intent = 'search' | 'more' | 'help' | 'stop' | 'start' | 'unclear'

export interface Interpretation {
  intent: Intent
  lang: Lang
  /** Topic ids asked for, in the order they were written ("naloxone", "syringes"). */
  topics: string[]
  services: string[]
  types: string[]
  openNow: boolean
  /** A ZIP code, or the words left for the geocoder ("Baltimore MD"); null when none. */
  place: string | null
}

interface Token {
  raw: string
  folded: string
}

type Kind = { kind: 'topic'; topic: Topic } | { kind: 'command'; command: keyof typeof COMMANDS } | { kind: 'filler' }

interface Phrase {
  words: string[]
  lang: Lang | null
  meaning: Kind
}

/** Lower case without accents: "Más" → "mas". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

function tokenize(text: string): Token[] {
  const raw = text.normalize('NFC').match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []
  return raw.map((r) => ({ raw: r, folded: fold(r).replace(/’/g, "'") }))
}

/** Every known phrase, longest first so "needle exchange" wins over "needle". */
const PHRASES: Phrase[] = (() => {
  const list: Phrase[] = []
  const add = (alias: string, lang: Lang | null, meaning: Kind) => list.push({ words: alias.split(' '), lang, meaning })
  for (const topic of TOPICS) {
    for (const a of topic.en) add(a, 'en', { kind: 'topic', topic })
    for (const a of topic.es) add(a, 'es', { kind: 'topic', topic })
    for (const a of topic.both ?? []) add(a, null, { kind: 'topic', topic })
  }
  for (const [command, words] of Object.entries(COMMANDS) as [keyof typeof COMMANDS, { en: readonly string[]; es: readonly string[] }][]) {
    for (const a of words.en) add(a, 'en', { kind: 'command', command })
    for (const a of words.es) add(a, 'es', { kind: 'command', command })
  }
  for (const a of FILLERS.en) add(a, 'en', { kind: 'filler' })
  for (const a of FILLERS.es) add(a, 'es', { kind: 'filler' })
  for (const a of FILLERS.both) add(a, null, { kind: 'filler' })
  return list.sort((a, b) => b.words.length - a.words.length)
})()

/** Single-word topic aliases, for typo tolerance. */
const TOPIC_WORDS = PHRASES.filter((p) => p.meaning.kind === 'topic' && p.words.length === 1)
const EXACT_WORDS = new Set(PHRASES.filter((p) => p.words.length === 1).map((p) => p.words[0]))

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min((d[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, (d[i - 2] as number[])[j - 2]! + 1)
    }
  }
  return (d[a.length] as number[])[b.length]!
}

/** A misspelt topic word: one slip in a word of 6+ letters, two in one of 9+ ("methodone", "naloxen"). */
function typoOf(word: string): Phrase | null {
  if (word.length < 6 || EXACT_WORDS.has(word) || /\d/.test(word)) return null
  for (const phrase of TOPIC_WORDS) {
    const alias = phrase.words[0] as string
    if (alias.length < 6) continue
    if (editDistance(word, alias, 2) <= (alias.length >= 9 && word.length >= 9 ? 2 : 1)) return phrase
  }
  return null
}

const ZIP = /^(\d{5})(?:-\d{4})?$/
const STATE_CODES = new Set(
  'al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa pr ri sc sd tn tx ut vt va wa wv wi wy'.split(
    ' ',
  ),
)

/** A carrier word alone: "STOP", "Stop.", "stop!!". */
function carrierWord(tokens: Token[]): { intent: 'stop' | 'start'; lang: Lang } | null {
  if (tokens.length !== 1) return null
  const word = (tokens[0] as Token).folded
  for (const intent of ['stop', 'start'] as const) {
    for (const lang of ['en', 'es'] as const) if ((CARRIER_WORDS[intent][lang] as readonly string[]).includes(word)) return { intent, lang }
  }
  return null
}

/** A word in the message's order: a filler or a keyword (taken), or a word the place may hold. */
interface Leftover {
  token: Token
  filler: boolean
  keyword: boolean
}

interface Reading {
  phrase: Phrase | null
  /** How many tokens the reading covers. */
  length: number
}

function readAt(tokens: Token[], at: number): Reading {
  for (const phrase of PHRASES) {
    const n = phrase.words.length
    if (at + n > tokens.length) continue
    if (phrase.words.every((w, k) => (tokens[at + k] as Token).folded === w)) return { phrase, length: n }
  }
  return { phrase: typoOf((tokens[at] as Token).folded), length: 1 }
}

/**
 * The place among the words no keyword took: fillers are shaved off both ends ("in Baltimore
 * near me" → "Baltimore"), but a state code after a place word stays ("Portland ME").
 */
function placeWords(words: Leftover[]): string | null {
  let start = 0
  let end = words.length
  while (start < end && words[start]!.filler) start++
  while (end > start && words[end - 1]!.filler) {
    const last = words[end - 1]!
    const before = words[end - 2]
    if (end - 1 > start && STATE_CODES.has(last.token.folded) && before && !before.filler) break
    end--
  }
  const text = words
    .slice(start, end)
    .filter((w) => !w.keyword)
    .map((w) => w.token.raw)
    .join(' ')
  return text || null
}

/**
 * What a message asks. Example: interpretMessage('Narcan near 21201 pls') →
 * { intent: 'search', lang: 'en', topics: ['naloxone'], services: ['naloxone'], types: [], openNow: false, place: '21201' }.
 */
export function interpretMessage(text: string): Interpretation {
  const tokens = tokenize(text.slice(0, 1600))
  const score = { en: 0, es: 0 }
  if (/[¿¡ñáíóú]/i.test(text)) score.es += 1
  const carrier = carrierWord(tokens)
  if (carrier) return { intent: carrier.intent, lang: carrier.lang, topics: [], services: [], types: [], openNow: false, place: null }

  const topics: Topic[] = []
  const commands = new Set<keyof typeof COMMANDS>()
  const rest: Leftover[] = []
  let zip: string | null = null
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at] as Token
    const zipMatch = ZIP.exec(token.folded)
    if (zipMatch) {
      zip ??= zipMatch[1] as string
      at++
      continue
    }
    const { phrase, length } = readAt(tokens, at)
    if (phrase?.lang) score[phrase.lang] += phrase.meaning.kind === 'filler' ? 1 : 2
    if (phrase?.meaning.kind === 'topic' && !topics.includes(phrase.meaning.topic)) topics.push(phrase.meaning.topic)
    if (phrase?.meaning.kind === 'command') commands.add(phrase.meaning.command)
    if (!phrase) rest.push({ token, filler: false, keyword: false })
    // A filler inside a place name stays ("Valley of the Moon"); a keyword never is one.
    else for (let k = 0; k < length; k++) rest.push({ token: tokens[at + k] as Token, filler: true, keyword: phrase.meaning.kind !== 'filler' })
    at += length
  }
  const lang: Lang = score.es > score.en ? 'es' : 'en'
  const place = zip ?? placeWords(rest)
  const services = [...new Set(topics.flatMap((t) => t.services ?? []))]
  const types = [...new Set(topics.flatMap((t) => t.types ?? []))]
  const base = { lang, topics: topics.map((t) => t.id), services, types, openNow: commands.has('open'), place }
  if (place === null && topics.length === 0) {
    if (commands.has('more')) return { ...base, intent: 'more' }
    if (commands.has('help') || tokens.length === 0) return { ...base, intent: 'help' }
    return { ...base, intent: commands.has('open') ? 'search' : 'unclear' }
  }
  if (place === null && commands.has('more')) return { ...base, intent: 'more' }
  return { ...base, intent: 'search' }
}
