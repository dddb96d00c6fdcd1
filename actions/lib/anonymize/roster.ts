import { foldString, type Folded } from './fold.js'
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

/** One spelling to find, already folded, and who or what it stands for. */
export interface Identifier {
  category: IdentifierCategory
  /** Folded spelling, e.g. "anne-marie", "ana-dev", "acme.io". */
  value: string
  /** Index of the member it identifies; employers and `redact` words stand for no one person. */
  member?: number
  /** Capitalized-only: a bare common word ("Will", "Grace") or a very short name ("Li"). */
  lenient: boolean
}

export interface RosterMatch {
  /** Skeleton offsets. */
  from: number
  to: number
  category: IdentifierCategory
  /** The member, when every identifier spelled this way belongs to the same one. */
  member?: number
  /** What it stands for when not a single member. */
  stand: 'member' | 'members' | 'employer' | 'redact'
}

/**
 * A letter or digit of the skeleton, where everything beyond ASCII is one (see Folded): a plain
 * class keeps the regex free of Unicode property tables, which V8 compiles slowly at this size.
 */
const WORD = '[a-z0-9\\u0080-\\uffff]'
const LETTER = '[a-z\\u0080-\\uffff]'
/** Not inside a longer word; a possessive "'s" may follow, a contraction ("Don't") may not. */
const NAME_END = `(?!${WORD}|'(?!s(?!${WORD}))${LETTER})`
/** Logins may contain hyphens, so "ana" must not match the start of "ana-dev". */
const LOGIN_END = `(?!${WORD}|-${WORD})`

/** Every spelling of every roster identifier, folded with the replacement's own folding. */
export function rosterIdentifiers(roster: Roster): Identifier[] {
  const out: Identifier[] = []
  const add = (category: IdentifierCategory, raw: string, member?: number, lenient = false) => {
    const value = foldString(raw).replace(/^[^\p{L}\p{N}@]+|[^\p{L}\p{N}]+$/gu, '')
    if ([...value.replace(/[^\p{L}\p{N}]/gu, '')].length < MIN_IDENTIFIER_LENGTH) return
    out.push({ category, value, lenient, ...(member === undefined ? {} : { member }) })
  }
  roster.members.forEach((m, member) => {
    addPhrase(m.name, (part, lenient) => add('name', part, member, lenient))
    for (const alias of m.aliases ?? [])
      add('alias', alias, member, isLenientWord(foldString(alias)))
    const login = foldString(m.github)
    add('login', login, member, isLenientWord(login))
    if (m.email) addEmail(m.email, member, add)
    if (m.employer) addEmployer(m.employer, add)
  })
  for (const word of roster.redact ?? []) add('redact', word)
  return out
}

/** The whole phrase, each run of two or more of its words, and each word that is not a particle. */
function addPhrase(phrase: string, add: (part: string, lenient: boolean) => void) {
  const words = foldString(phrase)
    .split(' ')
    .map((w) => w.replace(/\.+$/, ''))
    .filter((w) => w.length > 0)
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 2; j <= words.length; j++) {
      const run = words.slice(i, j)
      add(
        run.join(' '),
        run.every((w) => isLenientWord(w) || SURNAME_PARTICLES.has(w)),
      )
    }
  }
  for (const word of words) {
    const pieces = word.includes('-') ? [word, ...word.split('-')] : [word]
    for (const piece of pieces) {
      if (SURNAME_PARTICLES.has(piece)) continue
      add(piece, isLenientWord(piece))
    }
  }
}

function addEmail(
  email: string,
  member: number,
  add: (category: IdentifierCategory, raw: string, member?: number, lenient?: boolean) => void,
) {
  const folded = foldString(email)
  const at = folded.lastIndexOf('@')
  if (at < 0) return
  const local = folded.slice(0, at)
  const domain = folded.slice(at + 1)
  add('email', folded, member)
  add('email', local, member, isLenientWord(local))
  if (!FREE_MAIL_DOMAINS.has(domain)) {
    add('employer', domain)
    const label = organizationLabel(domain)
    if (label) add('employer', label, undefined, isLenientWord(label))
  }
}

function addEmployer(
  employer: string,
  add: (category: IdentifierCategory, raw: string, member?: number, lenient?: boolean) => void,
) {
  const words = foldString(employer).split(' ')
  add(
    'employer',
    words.join(' '),
    undefined,
    words.length === 1 && isLenientWord(words[0] as string),
  )
  const core = [...words]
  while (core.length > 1 && EMPLOYER_SUFFIXES.has((core.at(-1) as string).replace(/\./g, '')))
    core.pop()
  if (core.length < words.length) {
    add(
      'employer',
      core.join(' '),
      undefined,
      core.length === 1 && isLenientWord(core[0] as string),
    )
  }
}

/** "acme" for acme.io, eng.acme.com or acme.co.uk. */
function organizationLabel(domain: string): string | undefined {
  const labels = domain.split('.')
  labels.pop()
  if (
    labels.length > 1 &&
    ['co', 'com', 'org', 'net', 'ac', 'gov', 'edu'].includes(labels.at(-1) as string)
  ) {
    labels.pop()
  }
  const label = labels.at(-1)
  return label && label.length >= 3 ? label : undefined
}

function isLenientWord(word: string): boolean {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '')
  return COMMON_WORD_NAMES.has(word) || [...letters].length <= SHORT_NAME_LENGTH
}

/** Letters and digits only: "Anne-Marie", "anne marie" and "annemarie" share one key. */
function identifierKey(folded: string): string {
  // Most matches are plain letters and digits already: no regex for them.
  return PLAIN_KEY.test(folded) ? folded : folded.replace(/[^\p{L}\p{N}]/gu, '')
}

const PLAIN_KEY = /^[a-z0-9]*$/

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const SEPARATOR_ATOM = '[- ]{0,3}'

/**
 * One identifier as regex atoms, one step each: a character, an optional separator, the end
 * check. A separator inside a name may be spaces, hyphens or nothing; a login may be written with
 * "@" (a second spelling) and may lose a hyphen at a line break ("ana-\ndev" folds to "anadev").
 */
function spellings(id: Identifier): string[][] {
  const chars = (value: string) => [...value].map(escape)
  if (id.category === 'login') {
    const body = [...id.value].map((c) => (c === '-' ? '-?' : escape(c)))
    return [
      [...body, LOGIN_END],
      ['@', ...body, LOGIN_END],
    ]
  }
  if (id.category === 'email' && id.value.includes('@'))
    return [[...chars(id.value), `(?!${WORD})`]]
  const atoms: string[] = []
  for (const c of id.value) {
    const atom =
      c === ' ' || c === '-' ? SEPARATOR_ATOM : c === "'" ? "'?" : c === '.' ? '\\.? ?' : escape(c)
    if (atom === SEPARATOR_ATOM && atoms.at(-1) === SEPARATOR_ATOM) continue
    atoms.push(atom)
  }
  const plural =
    !id.lenient &&
    (id.category === 'name' || id.category === 'alias') &&
    !id.value.includes(' ') &&
    [...id.value].length >= 3
  return [[...atoms, ...(plural ? ['s?'] : []), NAME_END]]
}

interface TrieNode {
  next: Map<string, TrieNode>
  /** End checks of the spellings that stop here. */
  ends: Set<string>
}

/**
 * The whole roster as one regex shaped like a trie: "ana", "ana-dev" and "anne-marie" share their
 * "an", so the engine reads each position once, however many members there are. Longer paths come
 * before spellings that stop, so "ana-dev" wins over "ana".
 */
function trieRegex(spelled: string[][]): string {
  const root: TrieNode = { next: new Map(), ends: new Set() }
  for (const atoms of spelled) {
    let node = root
    for (const atom of atoms.slice(0, -1)) {
      let child = node.next.get(atom)
      if (!child) {
        child = { next: new Map(), ends: new Set() }
        node.next.set(atom, child)
      }
      node = child
    }
    node.ends.add(atoms.at(-1) as string)
  }
  const emit = (node: TrieNode): string => {
    const parts = [...node.next.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([atom, child]) => atom + emit(child))
      .concat([...node.ends].sort())
    return parts.length === 1 ? (parts[0] as string) : `(?:${parts.join('|')})`
  }
  return emit(root)
}

interface KeyInfo {
  ids: Identifier[]
  lenient: boolean
  /** What a match stands for, worked out once per key (as written, and as an @mention). */
  resolved?: Omit<RosterMatch, 'from' | 'to'>
  mentioned?: Omit<RosterMatch, 'from' | 'to'>
}

/**
 * Finds roster identifiers in a skeleton with one regex for the whole roster, built once: the
 * alternatives are tried longest first, so "ana-dev" wins over "ana" at the same place.
 */
export class RosterMatcher {
  private readonly regex: RegExp | undefined
  private readonly keys = new Map<string, KeyInfo>()
  /** Every beginning of every key ("a", "an", "ana", ...), and keys with a plural "s". */
  private readonly beginnings = new Set<string>()
  /**
   * Those beginnings hashed into a small table: one read, without making a string of the word,
   * turns nearly every word of a text away.
   */
  private readonly filter = new Uint8Array(FILTER_SIZE)
  private longest = 0

  constructor(roster: Roster) {
    const ids = rosterIdentifiers(roster)
    for (const id of ids) {
      const key = identifierKey(id.value)
      const info = this.keys.get(key)
      if (info) {
        info.ids.push(id)
        info.lenient &&= id.lenient
      } else this.keys.set(key, { ids: [id], lenient: id.lenient })
    }
    for (const key of this.keys.keys()) {
      for (let n = 1; n <= key.length; n++) this.beginnings.add(key.slice(0, n))
      this.beginnings.add(`${key}s`)
      this.longest = Math.max(this.longest, key.length + 1)
    }
    for (const beginning of this.beginnings) {
      let hash = FNV_OFFSET
      for (let k = 0; k < beginning.length; k++) {
        hash = Math.imul(hash ^ beginning.charCodeAt(k), FNV_PRIME)
      }
      this.filter[hash & (FILTER_SIZE - 1)] = 1
    }
    this.regex = ids.length === 0 ? undefined : new RegExp(trieRegex(ids.flatMap(spellings)), 'y')
  }

  /**
   * Matches in the skeleton; `source` decides the capitalized-only rule on the original letters.
   * The regex runs only where a word starts that could begin a key, so a long text costs a hash
   * and a table read per word, whatever the size of the roster.
   */
  find(folded: Folded, source: string): RosterMatch[] {
    if (!this.regex) return []
    const out: RosterMatch[] = []
    const text = folded.text
    const regex = new RegExp(this.regex)
    const tryAt = (at: number): RosterMatch | undefined => {
      regex.lastIndex = at
      const m = regex.exec(text)
      return m ? this.accept(m[0], at, folded, source) : undefined
    }
    for (let i = 0; i < text.length;) {
      if (!isWordUnit(text, i)) {
        i++
        continue
      }
      let hash = Math.imul(FNV_OFFSET ^ text.charCodeAt(i), FNV_PRIME)
      let end = i + 1
      while (end < text.length && isWordUnit(text, end)) {
        hash = Math.imul(hash ^ text.charCodeAt(end), FNV_PRIME)
        end++
      }
      if (
        end - i > this.longest ||
        this.filter[hash & (FILTER_SIZE - 1)] === 0 ||
        !this.beginnings.has(text.slice(i, end))
      ) {
        i = end
        continue
      }
      const mention = i > 0 && text.charCodeAt(i - 1) === AT_SIGN && !isWordUnit(text, i - 2)
      const match = (mention ? tryAt(i - 1) : undefined) ?? tryAt(i)
      if (match) {
        out.push(match)
        i = Math.max(match.to, end)
      } else i = end
    }
    return out
  }

  private accept(
    text: string,
    from: number,
    folded: Folded,
    source: string,
  ): RosterMatch | undefined {
    const to = from + text.length
    const info = this.lookup(text)
    if (!info) return undefined
    const strict = text.startsWith('@')
    if (!strict && info.lenient) {
      if (!startsCapitalized(source, folded.origin[from] as number)) return undefined
      if (isMonth(identifierKey(text), folded.text, from, to)) return undefined
    }
    const meaning = strict
      ? (info.mentioned ??= resolve(info.ids, true))
      : (info.resolved ??= resolve(info.ids, false))
    return { from, to, ...meaning }
  }

  private lookup(matched: string): KeyInfo | undefined {
    const key = identifierKey(matched)
    return this.keys.get(key) ?? (key.endsWith('s') ? this.keys.get(key.slice(0, -1)) : undefined)
  }
}

const AT_SIGN = 0x40
const FILTER_SIZE = 1 << 16
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

function isWordUnit(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false
  const c = text.charCodeAt(at)
  return c >= 0x80 || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
}

/** "in May", "May 2027": the month, not the member (see MONTH_NAMES). Reads the skeleton. */
function isMonth(key: string, skeleton: string, from: number, to: number): boolean {
  if (!MONTH_NAMES.has(key)) return false
  const after = skeleton.slice(to, to + 3)
  if (after.startsWith("'s")) return false
  if (/^ \d/.test(after)) return true
  const before = /([a-z]+)[ -]$/.exec(skeleton.slice(Math.max(0, from - 12), from))
  return before !== null && MONTH_LEAD_WORDS.has(before[1] as string)
}

function startsCapitalized(source: string, at: number): boolean {
  const code = source.charCodeAt(at)
  if (code < 0x80) return code >= 0x41 && code <= 0x5a
  const ch = String.fromCodePoint(source.codePointAt(at) as number)
  return ch !== ch.toLowerCase()
}

const CATEGORY_ORDER: IdentifierCategory[] = [
  'name',
  'alias',
  'login',
  'email',
  'employer',
  'redact',
]

function resolve(ids: Identifier[], mention: boolean): Omit<RosterMatch, 'from' | 'to'> {
  const category = mention
    ? 'login'
    : (CATEGORY_ORDER.find((c) => ids.some((id) => id.category === c)) as IdentifierCategory)
  const members = new Set(ids.map((id) => id.member))
  if (members.size === 1 && !members.has(undefined)) {
    return { category, member: ids[0]?.member as number, stand: 'member' }
  }
  if (!members.has(undefined)) return { category, stand: 'members' }
  if (ids.every((id) => id.category === 'employer')) return { category, stand: 'employer' }
  if (ids.every((id) => id.category === 'redact')) return { category, stand: 'redact' }
  return { category, stand: members.size > 1 ? 'members' : 'redact' }
}
