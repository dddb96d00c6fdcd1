import {
  COMMON_WORD_NAMES,
  EMPLOYER_SUFFIXES,
  FREE_MAIL_DOMAINS,
  MIN_IDENTIFIER_LENGTH,
  MONTH_LEAD_WORDS,
  MONTH_NAMES,
  SHORT_NAME_LENGTH,
  SURNAME_PARTICLES,
  type IdentifierCategory,
  type Roster,
} from './policy.js'

/**
 * The leak gate: scans rendered output for every roster identifier in every spelling, with its own
 * normalization, its own identifier list and token matching instead of the replacement's regex, so
 * one bug cannot hide another. It shares only the policy (which words are common, which are
 * particles). A leak names a category and a place, never the identifier.
 */

export type LeakCategory = IdentifierCategory | 'contact'

export interface Leak {
  category: LeakCategory
  /** 1-based line and column (UTF-16 code units, as editors count) in the scanned text. */
  line: number
  column: number
}

export interface LeakGate {
  scan(text: string): Leak[]
}

interface GateId {
  category: IdentifierCategory
  /** Capitalized-only (a common word or a very short name). */
  lenient: boolean
  /** May be written with an extra trailing "s" (plural, possessive without apostrophe). */
  plural: boolean
}

interface Sequence {
  tokens: string[]
  id: GateId
}

/** Separator kinds between two tokens, as the matcher needs them. */
const Gap = {
  /** Nothing but invisible characters, or nothing at all. */
  None: 0,
  /** Whitespace, hyphens and emphasis marks: may sit inside a name. */
  Space: 1,
  /** ".", "@", "+", "_" or a hyphen at a line break: may sit inside an address or a word. */
  Tight: 2,
  Other: 3,
} as const
type Gap = (typeof Gap)[keyof typeof Gap]

/** Folded word tokens of a text; separators and places are read only for the few that matter. */
interface Tokens {
  text: string
  count: number
  /** Keys of tokens that needed more than lower-casing, made while tokenizing. */
  folded: Map<number, string>
  /** Offset of each token's first character, and just after its last. */
  starts: Int32Array
  ends: Int32Array
  /** FNV-1a hash of each key (see HASH_MASK), computed while reading: lookups without the string. */
  hashes: Uint32Array
  /** Offset where the separator before each token begins (the previous token's end). */
  gapStarts: Int32Array
  capitalized: Uint8Array
}

// Look-alikes that canonical decomposition leaves apart, as "from to" pairs, kept separate from
// the replacement's table on purpose.
const LOOK_ALIKES = new Map<number, string>(
  (
    '0430 a|0435 e|0451 e|043e o|0440 p|0441 c|0443 y|0445 x|0455 s|0456 i|0457 i|0458 j|04bb h|0501 d|051b q|051d w|04cf l|' +
    '0432 b|043a k|043c m|043d h|0442 t|0433 r|044c b|03b1 a|03b2 b|03b3 y|03b5 e|03b7 n|03b9 i|03ba k|03bd v|03bf o|' +
    '03c1 p|03c4 t|03c5 u|03c7 x|03c9 w|03f2 c|0251 a|0261 g|0269 i|028f y|0142 l|00f8 o|0111 d|0127 h|0131 i|00df ss|' +
    '00e6 ae|0153 oe|00fe th|00f0 d|014b n'
  )
    .split('|')
    .map((pair) => {
      const [code, to] = pair.split(' ') as [string, string]
      return [parseInt(code, 16), to]
    }),
)
/** Capitals that look like a different Latin letter than their lower case (Greek Eta looks like H). */
const CAPITAL_LOOK_ALIKES = new Map<number, string>([
  [0x0397, 'h'],
  [0x039d, 'n'],
  [0x0392, 'b'],
  [0x03a1, 'p'],
  [0x03a7, 'x'],
  [0x03a5, 'y'],
  [0x03a4, 't'],
  [0x039c, 'm'],
  [0x039a, 'k'],
  [0x0396, 'z'],
  [0x0399, 'i'],
  [0x0412, 'b'],
  [0x041d, 'h'],
  [0x0422, 't'],
  [0x041c, 'm'],
  [0x041a, 'k'],
  [0x0413, 'r'],
])

const letterCache = new Map<number, string | null>()

/** Letters and digits a character contributes; `null` for invisible ones; '' for separators. */
function gateLetters(code: number): string | null {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))
      return String.fromCharCode(code)
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32)
    return ''
  }
  const cached = letterCache.get(code)
  if (cached !== undefined) return cached
  let result: string | null
  const ch = String.fromCodePoint(code)
  if (/^(?:[\p{Cf}\u00ad\u115f\u1160\u3164\uffa0]|\u034f|\u17b4|\u17b5)$/u.test(ch)) result = null
  else if (CAPITAL_LOOK_ALIKES.has(code)) result = CAPITAL_LOOK_ALIKES.get(code) as string
  else {
    result = ''
    for (const c of ch.normalize('NFKD').toLowerCase()) {
      const cp = c.codePointAt(0) as number
      if (/\p{M}/u.test(c)) continue
      const mapped = LOOK_ALIKES.get(cp)
      if (mapped !== undefined) result += mapped
      else if (/[\p{L}\p{N}]/u.test(c)) result += c
    }
  }
  letterCache.set(code, result)
  return result
}

const isApostrophe = (c: string) => c === "'" || c === '’' || c === 'ʼ' || c === '‘'
const isHyphen = (c: string) => c === '-' || (c >= '\u2010' && c <= '\u2015') || c === '\u2212'
const isEmphasis = (c: string) => c === '*' || c === '_' || c === '~' || c === '`'

/** Splits text into folded word tokens. Plain ASCII words take a fast path without per-character strings. */
function tokenize(text: string): Tokens {
  // A token takes at least two characters with its separator: room for all without growing.
  const capacity = (text.length >> 1) + 1
  const tokens: Tokens = {
    text,
    count: 0,
    folded: new Map(),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hashes: new Uint32Array(capacity),
    gapStarts: new Int32Array(capacity),
    capitalized: new Uint8Array(capacity),
  }
  let start = -1
  /** The key so far once the word needed folding; undefined while it is plain ASCII. */
  let folded: string | undefined
  /** FNV-1a of the plain ASCII key so far. */
  let hash = 0
  let lastEnd = 0
  let previousEnd = 0
  const flush = (end: number) => {
    if (start < 0) return
    const index = tokens.count++
    if (folded !== undefined) tokens.folded.set(index, folded)
    tokens.starts[index] = start
    tokens.ends[index] = end
    tokens.hashes[index] = folded === undefined ? hash & HASH_MASK : hashKey(folded)
    tokens.gapStarts[index] = previousEnd
    const first = text.codePointAt(start) as number
    tokens.capitalized[index] =
      first < 0x80
        ? Number(first >= 0x41 && first <= 0x5a)
        : Number(String.fromCodePoint(first) !== String.fromCodePoint(first).toLowerCase())
    previousEnd = end
    start = -1
    folded = undefined
  }
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i)
    if (code < 0x80) {
      if (ASCII_WORD[code]) {
        if (start < 0) {
          start = i
          hash = FNV_OFFSET
        } else if (folded !== undefined) folded += String.fromCharCode(lowerUnit(code))
        hash = Math.imul(hash ^ lowerUnit(code), FNV_PRIME)
        lastEnd = i + 1
      } else if (start >= 0 && code === 0x27 && isWordApostrophe(text, i + 1)) {
        // "O'Brien" is one word; "Priya's" ends before the possessive (see isWordApostrophe).
        folded ??= text.slice(start, i).toLowerCase()
      } else flush(lastEnd)
      i++
      continue
    }
    const point = text.codePointAt(i) as number
    const width = point > 0xffff ? 2 : 1
    const letters = gateLetters(point)
    if (letters === null) {
      // Invisible: neither a letter nor a separator; the word goes on.
      if (start >= 0 && folded === undefined) folded = text.slice(start, i).toLowerCase()
    } else if (letters !== '') {
      if (start < 0) {
        start = i
        folded = letters
      } else {
        folded = (folded ?? text.slice(start, i).toLowerCase()) + letters
      }
      lastEnd = i + width
    } else if (start >= 0 && isApostrophe(text[i] as string) && isWordApostrophe(text, i + width)) {
      folded ??= text.slice(start, i).toLowerCase()
    } else {
      flush(lastEnd)
    }
    i += width
  }
  flush(lastEnd)
  return tokens
}

/**
 * The folded key of token i, or undefined past the end. Made on demand and not kept: most tokens
 * are never looked at closely, and those that are cost a short slice.
 */
function keyAt(tokens: Tokens, i: number): string | undefined {
  if (i < 0 || i >= tokens.count) return undefined
  return tokens.folded.get(i) ?? tokens.text.slice(tokens.starts[i], tokens.ends[i]).toLowerCase()
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/**
 * Hashes are cut to 30 bits, numbers V8 keeps unboxed ("small integers"): a set of them is read
 * without allocating. A hash only lets a token through to the comparison of its key.
 */
const HASH_MASK = 0x3fffffff

function hashKey(key: string): number {
  let hash = FNV_OFFSET
  for (let k = 0; k < key.length; k++) hash = Math.imul(hash ^ key.charCodeAt(k), FNV_PRIME)
  return hash & HASH_MASK
}

function lowerUnit(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c
}

const ASCII_WORD: boolean[] = Array.from({ length: 128 }, (_, c) =>
  /[A-Za-z0-9]/.test(String.fromCharCode(c)),
)

/** An apostrophe inside a word, unless it starts a possessive "'s" at the word's end. */
function isWordApostrophe(text: string, next: number): boolean {
  const after = text[next] ?? ''
  if (!/\p{L}/u.test(after)) return false
  if ((after === 's' || after === 'S') && !/[\p{L}\p{N}]/u.test(text[next + 1] ?? '')) return false
  return true
}

function classifyGap(separator: string): Gap {
  if (separator === '') return Gap.None
  // Most separators are one space: decided without the character tests below.
  if (separator === ' ') return Gap.Space
  if ([...separator].every((c) => /\s/.test(c) || isHyphen(c) || isEmphasis(c))) {
    const hyphenBreak = /^[*_~`]*[-\u2010-\u2015\u2212][ \t]*\r?\n[ \t>]*$/.test(separator)
    return hyphenBreak ? Gap.Tight : Gap.Space
  }
  if (/^[.@+_-]$/.test(separator)) return Gap.Tight
  return Gap.Other
}

function gateKeyOf(value: string): string[] {
  const tokens = tokenize(value)
  return Array.from({ length: tokens.count }, (_, i) => keyAt(tokens, i) as string)
}

const gateLenient = (word: string) =>
  COMMON_WORD_NAMES.has(word) || [...word].length <= SHORT_NAME_LENGTH

/** The gate's own list of identifiers, derived from the roster independently of roster.ts. */
function gateIdentifiers(roster: Roster): {
  singles: Map<string, GateId>
  sequences: Map<string, Sequence[]>
} {
  const singles = new Map<string, GateId>()
  const sequences = new Map<string, Sequence[]>()
  const addSingle = (key: string, id: GateId) => {
    if ([...key].length < MIN_IDENTIFIER_LENGTH) return
    const known = singles.get(key)
    // The strictest reading wins: a word that is a login somewhere is never lenient.
    singles.set(
      key,
      known
        ? { ...known, lenient: known.lenient && id.lenient, plural: known.plural || id.plural }
        : id,
    )
  }
  const add = (category: IdentifierCategory, raw: string, lenientWord = false) => {
    const tokens = gateKeyOf(raw).filter((t) => t.length > 0)
    if (tokens.length === 0) return
    if (tokens.length === 1) {
      const word = tokens[0] as string
      const lenient = lenientWord || gateLenient(word)
      addSingle(word, {
        category,
        lenient,
        plural: !lenient && (category === 'name' || category === 'alias') && [...word].length >= 3,
      })
      return
    }
    const lenient = tokens.every((t) => gateLenient(t) || SURNAME_PARTICLES.has(t))
    const list = sequences.get(tokens[0] as string) ?? []
    list.push({ tokens, id: { category, lenient, plural: false } })
    sequences.set(tokens[0] as string, list)
    addSingle(tokens.join(''), { category, lenient, plural: false })
  }

  for (const member of roster.members) {
    const nameTokens = gateKeyOf(member.name)
    add('name', member.name)
    for (let i = 0; i < nameTokens.length; i++) {
      for (let j = i + 2; j <= nameTokens.length; j++) add('name', nameTokens.slice(i, j).join(' '))
      const token = nameTokens[i] as string
      if (!SURNAME_PARTICLES.has(token)) add('name', token)
    }
    for (const alias of member.aliases ?? []) add('alias', alias)
    add('login', member.github)
    if (member.email) {
      const [local = '', domain = ''] = splitEmail(member.email)
      add('email', member.email)
      add('email', local)
      if (!FREE_MAIL_DOMAINS.has(domain.toLowerCase())) {
        add('employer', domain)
        const labels = domain.toLowerCase().split('.').slice(0, -1)
        if (labels.length > 1 && /^(co|com|org|net|ac|gov|edu)$/.test(labels.at(-1) as string))
          labels.pop()
        const label = labels.at(-1)
        if (label && label.length >= 3) add('employer', label)
      }
    }
    if (member.employer) {
      add('employer', member.employer)
      const words = member.employer.trim().split(/\s+/)
      while (
        words.length > 1 &&
        EMPLOYER_SUFFIXES.has((words.at(-1) as string).toLowerCase().replace(/\./g, ''))
      ) {
        words.pop()
      }
      add('employer', words.join(' '))
    }
  }
  for (const word of roster.redact ?? []) add('redact', word)
  return { singles, sequences }
}

function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@')
  return at < 0 ? [email, ''] : [email.slice(0, at), email.slice(at + 1)]
}

/** Markers the replacement writes; they may share letters with a name ("Link"), so they are blanked. */
const OWN_MARKERS =
  /\[(?:a member|a company|redacted|email|phone|link removed|someone)\]|\bMember [A-Z]{1,2}\b/g
const EMAIL_DOMAIN = /@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy
const LOCAL_PART = /[\p{L}\p{N}._%+-]/u
const PROFILE_LINK =
  /linkedin\.com\/(?:in|pub)\/|mailto:|(?:twitter|x|facebook|instagram)\.com\/@?[a-z0-9_]/giu
const MAX_JOINED_TOKENS = 8
const FILTER_SIZE = 1 << 16

export function createLeakGate(roster: Roster): LeakGate {
  const { singles, sequences } = gateIdentifiers(roster)
  // Any key that could begin a match: prefixes of single keys (a token may be glued to the next,
  // "kowal" + "ski") and the first words of sequences.
  const starters = new Set<string>(sequences.keys())
  for (const [key, id] of singles) {
    for (let n = 1; n <= key.length; n++) starters.add(key.slice(0, n))
    if (id.plural) starters.add(`${key}s`)
  }
  const starterHashes = new Set([...starters].map(hashKey))
  // Most tokens start nothing: one read of this table turns nearly all of them away.
  const starterFilter = new Uint8Array(FILTER_SIZE)
  for (const hash of starterHashes) starterFilter[hash & (FILTER_SIZE - 1)] = 1

  const scan = (input: string): Leak[] => {
    const text = input.replace(OWN_MARKERS, (m) => ' '.repeat(m.length))
    const tokens = tokenize(text)
    const found: Array<{ category: LeakCategory; offset: number }> = []
    for (let i = 0; i < tokens.count; i++) {
      const hash = tokens.hashes[i] as number
      if (starterFilter[hash & (FILTER_SIZE - 1)] === 0 || !starterHashes.has(hash)) continue
      const key = keyAt(tokens, i) as string
      if (!starters.has(key)) continue
      const match = matchSequence(tokens, i, sequences.get(key)) ?? matchJoined(tokens, i, singles)
      if (match) {
        found.push({ category: match.category, offset: tokens.starts[i] as number })
        i = match.last
      }
    }
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      EMAIL_DOMAIN.lastIndex = at
      if (at === 0 || !LOCAL_PART.test(text[at - 1] as string) || !EMAIL_DOMAIN.test(text)) continue
      let from = at
      while (from > 0 && LOCAL_PART.test(text[from - 1] as string)) from--
      found.push({ category: 'email', offset: from })
    }
    for (const m of text.matchAll(PROFILE_LINK))
      found.push({ category: 'contact', offset: m.index })
    if (found.length === 0) return []
    const places = positions(
      text,
      found.map((f) => f.offset),
    )
    return dedupe(
      found.map(({ category }, i) => ({
        category,
        ...(places[i] as { line: number; column: number }),
      })),
    )
  }
  return { scan }
}

const CATEGORY_WORDS: Record<LeakCategory, string> = {
  name: "a member's name",
  alias: "a member's alias",
  login: "a member's GitHub login",
  email: 'an email address',
  employer: "a member's employer",
  redact: 'a word from the redact list',
  contact: 'a link to a person',
}

/**
 * One line per leak for logs and job summaries: where and what kind, never the identifier, e.g.
 * `groups/fall/retros/2026-12-06.md:12:5: a member's GitHub login would be published`.
 */
export function formatLeak(leak: Leak, file: string): string {
  return `${file}:${leak.line}:${leak.column}: ${CATEGORY_WORDS[leak.category]} would be published`
}

/** Scans `text` for roster identifiers once; see `createLeakGate` to scan several texts. */
export function findLeaks(text: string, roster: Roster): Leak[] {
  return createLeakGate(roster).scan(text)
}

function gapOf(tokens: Tokens, i: number): string {
  return tokens.text.slice(tokens.gapStarts[i], tokens.starts[i])
}

function matchSequence(
  tokens: Tokens,
  at: number,
  candidates: Sequence[] | undefined,
): { category: IdentifierCategory; last: number } | undefined {
  let best: { category: IdentifierCategory; last: number } | undefined
  for (const { tokens: want, id } of candidates ?? []) {
    let k = 1
    for (; k < want.length; k++) {
      if (keyAt(tokens, at + k) !== want[k]) break
      const gap = gapOf(tokens, at + k)
      if (
        id.category === 'login'
          ? !(gap.length === 1 && isHyphen(gap))
          : classifyGap(gap) > Gap.Tight
      )
        break
    }
    if (k < want.length) continue
    if (id.lenient && !isEmphatic(tokens, at)) continue
    const last = at + want.length - 1
    if (!best || last > best.last) best = { category: id.category, last }
  }
  return best
}

/** The token alone, or glued to the next ones across "", ".", "@", "-" or a hyphenated line break. */
function matchJoined(
  tokens: Tokens,
  at: number,
  singles: Map<string, GateId>,
): { category: IdentifierCategory; last: number } | undefined {
  let key = ''
  let best: { category: IdentifierCategory; last: number } | undefined
  for (let k = at; k < tokens.count && k - at < MAX_JOINED_TOKENS; k++) {
    if (k > at) {
      const gap = gapOf(tokens, k)
      const kind = classifyGap(gap)
      if (kind !== Gap.None && kind !== Gap.Tight && !(gap.length === 1 && isHyphen(gap))) break
    }
    key += keyAt(tokens, k)
    const id = singles.get(key) ?? pluralOf(key, singles)
    if (!id) continue
    if (id.lenient && (!isEmphatic(tokens, at) || (k === at && isMonthDate(tokens, at)))) continue
    best = { category: id.category, last: k }
  }
  return best
}

/** "in May", "mid-June", "May 2027" name the month; "May's" and "May said" do not. */
function isMonthDate(tokens: Tokens, at: number): boolean {
  const key = keyAt(tokens, at) as string
  if (!MONTH_NAMES.has(key) || gapOf(tokens, at).endsWith('@')) return false
  const bare = (separator: string) => separator.replace(/[*_~`]/g, '')
  const next = keyAt(tokens, at + 1)
  if (next !== undefined) {
    const gap = gapOf(tokens, at + 1)
    if (next === 's' && /^['’ʼ]$/.test(gap)) return false
    if (/^\d/.test(next) && /^\s+$/.test(bare(gap))) return true
  }
  const previous = keyAt(tokens, at - 1)
  return (
    previous !== undefined &&
    MONTH_LEAD_WORDS.has(previous) &&
    /^(?:\s+|-)$/.test(bare(gapOf(tokens, at)))
  )
}

/** Capitalized or an @mention: a common-word name counts as a name. */
function isEmphatic(tokens: Tokens, at: number): boolean {
  return tokens.capitalized[at] === 1 || gapOf(tokens, at).endsWith('@')
}

function pluralOf(key: string, singles: Map<string, GateId>): GateId | undefined {
  if (!key.endsWith('s')) return undefined
  const id = singles.get(key.slice(0, -1))
  return id?.plural ? id : undefined
}

/** Line and column of each offset, from one pass over the line breaks. */
function positions(text: string, offsets: number[]): Array<{ line: number; column: number }> {
  const lineStarts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  return offsets.map((offset) => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((lineStarts[mid] as number) <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 }
  })
}

function dedupe(leaks: Leak[]): Leak[] {
  const seen = new Set<string>()
  return leaks
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((l) => {
      const key = `${l.line}:${l.column}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
}
