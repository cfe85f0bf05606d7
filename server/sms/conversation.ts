/**
 * The SMS lookup use case: one text in, one reply out. A search goes through the same search
 * use case as the API and /lite (searchSites), three places a message; MORE continues it from
 * memory (sessions.ts); STOP forgets the sender. Nothing here logs or stores the number, the
 * text or the place. Database faults are thrown for the route to answer.
 */
import type { SearchFields, SearchResponse, SearchResult } from '../../common/contract/search.js'
import type { Lang } from '../../common/format.js'
import { ApiError, ErrorCode } from '../errors.js'
import { searchSites, type SearchDeps } from '../search/search-sites.js'
import { composeResults, plainReply } from './compose.js'
import { TOPICS } from './keywords.js'
import { interpretMessage, type Interpretation } from './parse.js'
import type { MoreSessions, MoreState } from './sessions.js'
import { SMS_WORDS } from './words.js'

/** Places a reply holds at most. */
export const PLACES_PER_REPLY = 3
/** How far an SMS search looks. */
export const SMS_RADIUS_MI = 50
/** A place name longer than this is not one (the search allows 200). */
const MAX_PLACE_CHARS = 100

export interface SmsDeps {
  search: Omit<SearchDeps, 'now'>
  sessions: MoreSessions
  /** PUBLIC_URL for the /lite links, or null: replies without links. */
  publicUrl: string | null
  now: () => Date
}

export interface SmsReply {
  text: string
  /** What the message was read as (for tests; never logged). */
  interpretation: Interpretation
}

const topicLabel = (ids: readonly string[], lang: Lang) => {
  const labels = ids.map((id) => TOPICS.find((t) => t.id === id)?.label[lang]).filter(Boolean) as string[]
  return labels.length ? labels.join(lang === 'es' ? ' o ' : ' or ') : SMS_WORDS[lang].anything
}

/** "21201" for a ZIP, "Baltimore, MD" for a city: what the heading names. */
function placeLabel(response: SearchResponse, typed: string): string {
  const label = response.origin.label ?? typed
  return /^ZIP (\d{5})\b/.exec(label)?.[1] ?? label
}

function notesOf(response: SearchResponse | null, results: readonly SearchResult[], lang: Lang, label: string): string[] {
  const notes: string[] = []
  if (results.some((r) => r.demo)) notes.push(SMS_WORDS[lang].demo)
  if (response?.origin.ambiguous) notes.push(SMS_WORDS[lang].ambiguous(label.split(',')[0] ?? label))
  return notes
}

async function runSearch(deps: SmsDeps, fields: SearchFields, now: Date): Promise<SearchResponse> {
  return searchSites({ ...deps.search, now: () => now }, fields)
}

function fieldsOf(state: Pick<MoreState, 'near' | 'services' | 'types' | 'openNow'>, limit: number, cursor?: string): SearchFields {
  return {
    near: state.near,
    radius_mi: SMS_RADIUS_MI,
    ...(state.services.length ? { services: state.services } : {}),
    ...(state.services.length > 1 ? { match: 'any' as const } : {}),
    ...(state.types.length ? { types: state.types } : {}),
    ...(state.openNow ? { open_now: true } : {}),
    limit,
    ...(cursor ? { cursor } : {}),
  }
}

/** Sends the page and keeps what MORE needs (or forgets the sender when the list is done). */
function sendPage(deps: SmsDeps, from: string, state: MoreState, results: SearchResult[], heading: string, notes: string[], now: Date): string {
  const { text, shown } = composeResults({
    lang: state.lang,
    heading,
    notes,
    results,
    firstNumber: state.shown + 1,
    morePages: state.cursor !== null,
    publicUrl: deps.publicUrl,
    now,
  })
  const pending = results.slice(shown)
  if (pending.length || state.cursor) deps.sessions.set(from, { ...state, pending, shown: state.shown + shown }, now)
  else deps.sessions.forget(from)
  return text
}

async function search(deps: SmsDeps, from: string, asked: Interpretation, now: Date): Promise<string> {
  const w = SMS_WORDS[asked.lang]
  const what = topicLabel(asked.topics, asked.lang)
  if (asked.place === null) return plainReply(w.needPlace(what.toUpperCase()))
  const near = asked.place.slice(0, MAX_PLACE_CHARS)
  const wanted = { near, services: asked.services, types: asked.types, openNow: asked.openNow }
  let response: SearchResponse
  try {
    response = await runSearch(deps, fieldsOf(wanted, PLACES_PER_REPLY), now)
  } catch (err) {
    if (err instanceof ApiError && (err.code === ErrorCode.PLACE_NOT_FOUND || err.code === ErrorCode.INVALID_FIELD)) {
      deps.sessions.forget(from)
      return plainReply(w.placeNotFound(near.slice(0, 40)))
    }
    throw err
  }
  const label = placeLabel(response, near)
  if (response.results.length === 0) {
    deps.sessions.forget(from)
    return plainReply((asked.openNow ? w.noneOpen : w.none)(what.toLowerCase(), label, SMS_RADIUS_MI))
  }
  const state: MoreState = { lang: asked.lang, topics: asked.topics, ...wanted, placeLabel: label, cursor: response.next_cursor, pending: [], shown: 0 }
  const heading = w.heading(asked.topics.length ? what : capitalize(what), label, asked.openNow)
  return sendPage(deps, from, state, response.results, heading, notesOf(response, response.results, asked.lang, label), now)
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

async function more(deps: SmsDeps, from: string, lang: Lang, now: Date): Promise<string> {
  const w = SMS_WORDS[lang]
  const saved = deps.sessions.get(from, now)
  if (!saved) return plainReply(w.noMore)
  const state: MoreState = { ...saved, lang }
  let results = [...state.pending]
  if (results.length < PLACES_PER_REPLY && state.cursor) {
    try {
      const page = await runSearch(deps, fieldsOf(state, PLACES_PER_REPLY - results.length, state.cursor), now)
      results = [...results, ...page.results]
      state.cursor = page.next_cursor
    } catch (err) {
      // A cursor from before a restart of the search tables: start again rather than fail.
      if (!(err instanceof ApiError)) throw err
      deps.sessions.forget(from)
      return plainReply(w.noMore)
    }
  }
  if (results.length === 0) {
    deps.sessions.forget(from)
    return plainReply(w.endOfList(SMS_RADIUS_MI))
  }
  const what = topicLabel(state.topics, lang)
  return sendPage(deps, from, state, results, w.headingMore(what.toLowerCase(), state.placeLabel), notesOf(null, results, lang, state.placeLabel), now)
}

/**
 * Answers one text from `from`. Example: answerMessage(deps, '+14105550100', 'NALOXONE 21201')
 * → { text: 'Naloxone near 21201:\n1) …', interpretation: { intent: 'search', … } }.
 */
export async function answerMessage(deps: SmsDeps, from: string, text: string): Promise<SmsReply> {
  const asked = interpretMessage(text)
  const now = deps.now()
  const w = SMS_WORDS[asked.lang]
  let reply: string
  switch (asked.intent) {
    case 'stop':
      // Nothing is kept past STOP: the MORE state goes now.
      deps.sessions.forget(from)
      reply = plainReply(w.stop)
      break
    case 'start':
      reply = plainReply(w.start)
      break
    case 'help':
      reply = plainReply(w.help)
      break
    case 'unclear':
      reply = plainReply(w.unclear)
      break
    case 'more':
      reply = await more(deps, from, asked.lang, now)
      break
    case 'search':
      reply = await search(deps, from, asked, now)
      break
  }
  return { text: reply, interpretation: asked }
}
