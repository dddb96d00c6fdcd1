import nlp from 'compromise'
import { COMMON_WORD_NAMES } from './policy.js'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/**
 * Hashes are cut to 30 bits: V8 keeps such numbers unboxed (a "small integer"), so a Map keyed by
 * them costs no allocation per lookup. Every hit is checked against the word itself.
 */
const HASH_MASK = 0x3fffffff
/** Slots of a word set's filter: one read of a small table turns nearly every word away. */
const FILTER_SIZE = 1 << 16

/**
 * The safety net for people outside the roster (a boss, a report, a partner in a story), built on
 * compromise. Its full parser costs about half a millisecond per sentence, far too slow for a year
 * of notes, so the text is split into words once and read in three tiers:
 * 1. compromise's lexicon of first and last names decides the clear cases directly: a capitalized
 *    word it knows only as a name ("Sarah", "Watanabe"), grown over neighbouring capitalized words;
 * 2. compromise's parser reads a short window around the ambiguous ones (a lower-case "sarah", a
 *    name that is also a word, "Grace"), cached by window;
 * 3. context rules catch names the lexicon has never seen ("my manager Priya", "Kenji said").
 */

export interface OutsideName {
  /** Offsets in the text given to `findOutsideNames`. */
  start: number
  end: number
  /** The name as written, for the reviewers' list; never logged. */
  text: string
}

export interface SafetyNetOptions {
  /** Tiers 1 and 2 (compromise). Default true. */
  compromise?: boolean
  /** Tier 3 (context rules and @mentions). Default true. */
  rules?: boolean
}

type Lexicon = Record<string, string | string[]>
/** compromise's public typings describe world() as `object`; the lexicon is a plain word → tag map. */
const LEXICON = (nlp.world() as { model: { one: { lexicon: Lexicon } } }).model.one.lexicon
const PERSON_TAGS = new Set(['Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName'])
const PERSON_WORDS: ReadonlySet<string> = new Set(
  Object.entries(LEXICON)
    .filter(([, tags]) => (Array.isArray(tags) ? tags : [tags]).some((t) => PERSON_TAGS.has(t)))
    .map(([word]) => word),
)
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'madam'])
/** Capitalized words that start sentences and never name anyone, for the context rules. */
const NOT_NAMES = new Set(
  `i i'm i've i'd we they he she him them us it you who this that these those there here then when
  what why how the a an my our your his her their its everyone everybody someone somebody nobody
  anyone people team teams management leadership engineering product design sales marketing
  finance legal support ops hr also but and or so yet because after before later today tomorrow
  yesterday monday tuesday wednesday thursday friday saturday sunday january february march april
  may june july august september october november december member members group facilitator
  co-facilitator one each all both`.split(/\s+/),
)

const LEXICON_TRIGGERS = wordSet([...PERSON_WORDS, ...HONORIFICS])

/** Known to compromise as something other than a person ("Monday", "Then", "Slack"). */
function isKnownNonPerson(lower: string): boolean {
  return Object.hasOwn(LEXICON, lower) && !PERSON_WORDS.has(lower)
}

const POSSESSIVE = 1
const CONTRACTION = 2
const NON_ASCII = 4
const CONTRACTION_ENDS = new Set(['t', 're', 've', 'll', 'd', 'm'])
const LETTER = /[\p{L}\p{M}]/u

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
  return LETTER.test(text[i] as string)
}

function hashOf(word: string): number {
  let hash = FNV_OFFSET
  for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), FNV_PRIME)
  return hash & HASH_MASK
}

/** A set of lower-case words, indexed by hash so a word of a text is checked without a string. */
interface WordSet {
  words: ReadonlySet<string>
  byHash: ReadonlyMap<number, readonly string[]>
  /** 1 where some word's hash ends in these bits. */
  filter: Uint8Array
}

function wordSet(words: Iterable<string>): WordSet {
  const set = new Set(words)
  const byHash = new Map<number, string[]>()
  const filter = new Uint8Array(FILTER_SIZE)
  for (const word of set) {
    const hash = hashOf(word)
    byHash.set(hash, [...(byHash.get(hash) ?? []), word])
    filter[hash & (FILTER_SIZE - 1)] = 1
  }
  return { words: set, byHash, filter }
}

/** The words of a text, found once: offsets in typed arrays, lower case and case worked out on demand. */
class Words {
  readonly starts: Int32Array
  /** End of the word without a possessive "'s". */
  readonly ends: Int32Array
  /** Hash of each word in lower case: set lookups without making a string per word. */
  readonly hashes: Uint32Array
  private readonly flags: Uint8Array
  /** Lower case of the words beyond ASCII, which take normalizing. */
  private readonly folded = new Map<number, string>()
  /** For each word, 1 + its index in TRIGGERS, or 0 when it is no trigger word. */
  private readonly triggerIds: Uint16Array
  private count = 0

  constructor(readonly text: string) {
    // A word takes at least two characters with its separator: room for all without growing.
    const capacity = (text.length >> 1) + 1
    this.starts = new Int32Array(capacity)
    this.ends = new Int32Array(capacity)
    this.hashes = new Uint32Array(capacity)
    this.flags = new Uint8Array(capacity)
    this.triggerIds = new Uint16Array(capacity)
    const triggers = triggerTable()
    for (let i = 0; i < text.length;) {
      if (!isLetterAt(text, i)) {
        i++
        continue
      }
      const start = i
      let flags = 0
      let apostrophe = -1
      let hash = FNV_OFFSET
      let hashBeforeApostrophe = hash
      while (i < text.length) {
        const c = text.charCodeAt(i)
        if (c < 0x80 ? (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) : isLetterAt(text, i)) {
          if (c >= 0x80) flags |= NON_ASCII
          hash = Math.imul(hash ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), FNV_PRIME)
          i++
        } else if (
          (c === 0x27 || c === 0x2019 || c === 0x2d) &&
          i + 1 < text.length &&
          isLetterAt(text, i + 1)
        ) {
          if (c !== 0x2d) {
            apostrophe = i
            hashBeforeApostrophe = hash
          }
          hash = Math.imul(hash ^ c, FNV_PRIME)
          i++
        } else break
      }
      let end = i
      if (apostrophe >= 0) {
        const tail = text.slice(apostrophe + 1, end).toLowerCase()
        if (tail === 's') {
          end = apostrophe
          flags |= POSSESSIVE
          hash = hashBeforeApostrophe
        } else if (CONTRACTION_ENDS.has(tail)) flags |= CONTRACTION
      }
      const index = this.count++
      this.starts[index] = start
      this.ends[index] = end
      this.flags[index] = flags
      this.hashes[index] = flags & NON_ASCII ? hashOf(this.lower(index)) : hash & HASH_MASK
      // One lookup per word serves both the lexicon tier and the context rules.
      const wordHash = this.hashes[index] as number
      const candidates =
        triggers.filter[wordHash & (FILTER_SIZE - 1)] === 0
          ? undefined
          : triggers.byHash.get(wordHash)
      if (candidates) {
        for (const id of candidates) {
          if (this.is(index, TRIGGERS[id] as string)) {
            this.triggerIds[index] = id + 1
            break
          }
        }
      }
    }
  }

  /** The lexicon name or rule word that word i is (in lower case), if any. */
  trigger(i: number): string | undefined {
    const id = this.triggerIds[i] as number
    return id === 0 ? undefined : TRIGGERS[id - 1]
  }

  /** What word i starts (LEXICON_TRIGGER, RULE_TRIGGER), as bits; 0 for most words. */
  triggerKinds(i: number): number {
    const id = this.triggerIds[i] as number
    return id === 0 ? 0 : (TRIGGER_KINDS[id - 1] as number)
  }

  get length(): number {
    return this.count
  }
  word(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i])
  }
  lower(i: number): string {
    if (((this.flags[i] as number) & NON_ASCII) === 0) return this.word(i).toLowerCase()
    let lower = this.folded.get(i)
    if (lower === undefined) {
      lower = this.word(i).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
      this.folded.set(i, lower)
    }
    return lower
  }
  /** The word of `set` that word i is, in lower case (hash first: most words cost no string). */
  match(i: number, set: WordSet): string | undefined {
    if (i < 0 || i >= this.count) return undefined
    const hash = this.hashes[i] as number
    if (set.filter[hash & (FILTER_SIZE - 1)] === 0) return undefined
    const candidates = set.byHash.get(hash)
    if (!candidates) return undefined
    for (const candidate of candidates) if (this.is(i, candidate)) return candidate
    return undefined
  }
  /** Word i, in lower case, is `word` (compared in place for plain ASCII words). */
  is(i: number, word: string): boolean {
    if (i < 0 || i >= this.count) return false
    if ((this.flags[i] as number) & NON_ASCII) return this.lower(i) === word
    const start = this.starts[i] as number
    if ((this.ends[i] as number) - start !== word.length) return false
    for (let k = 0; k < word.length; k++) {
      const c = this.text.charCodeAt(start + k)
      if ((c >= 0x41 && c <= 0x5a ? c + 32 : c) !== word.charCodeAt(k)) return false
    }
    return true
  }
  /** "Priya", "Mei-Ling", "McAdams"; not "priya" and not an acronym like "CTO". */
  capitalized(i: number): boolean {
    if (i < 0 || i >= this.count) return false
    const start = this.starts[i] as number
    const end = this.ends[i] as number
    const first = this.text.charCodeAt(start)
    if (first < 0x80) {
      if (first < 0x41 || first > 0x5a) return false
    } else {
      const c = this.text[start] as string
      if (c === c.toLowerCase()) return false
    }
    if (end - start === 1) return true
    for (let k = start + 1; k < end; k++) {
      const c = this.text.charCodeAt(k)
      if (c >= 0x61 && c <= 0x7a) return true
      if (c >= 0x80) {
        const ch = this.text[k] as string
        if (ch !== ch.toUpperCase()) return true
      }
    }
    return false
  }
  possessive(i: number): boolean {
    return ((this.flags[i] as number) & POSSESSIVE) !== 0
  }
  contraction(i: number): boolean {
    return ((this.flags[i] as number) & CONTRACTION) !== 0
  }
  /** The characters between word i-1 (and its possessive) and word i. */
  gap(i: number): string {
    const previousEnd = (this.ends[i - 1] as number) + (this.possessive(i - 1) ? 2 : 0)
    return this.text.slice(previousEnd, this.starts[i])
  }
  /** Word i follows word i-1 after a space or two, as the parts of a name do. */
  adjacent(i: number): boolean {
    if (i <= 0 || i >= this.count || this.possessive(i - 1)) return false
    const gap = this.gap(i)
    return gap === ' ' || /^[ \t]{1,2}$/.test(gap)
  }
  /** No sentence ends between word i-1 and word i. */
  sameSentence(i: number): boolean {
    if (i <= 0 || i >= this.count) return false
    const gap = this.gap(i)
    return gap === ' ' || !/[!?\n]|\.\s/.test(gap.replace(/^\./, ''))
  }
}

type Span = [number, number]

/**
 * People named in `text` who are not covered already (`covered(start, end)` says whether a span
 * overlaps a roster or contact replacement). `known` carries the words of names found so far, in
 * this text or earlier ones: once "Xiomara" is flagged, "Xiomara is now our strongest engineer" is
 * caught too, where no rule fires. Common words are not carried over.
 */
export function findOutsideNames(
  text: string,
  covered: (start: number, end: number) => boolean,
  options: SafetyNetOptions = {},
  known: Set<string> = new Set(),
): OutsideName[] {
  const words = new Words(text)
  const found: Span[] = []
  if (options.compromise !== false) found.push(...lexiconAndParser(words, covered))
  if (options.rules !== false) found.push(...contextRules(words), ...mentions(text))
  const names = mergeSpans(
    found.filter(([s, e]) => !covered(s, e)),
    text,
  )
  // The same few names come up again and again: each spelling is read once.
  const spellings = new Set(names.map((name) => name.text))
  for (const spelling of spellings) for (const word of propagatableWords(spelling)) known.add(word)
  if (known.size === 0) return names
  const knownWords = wordSet([...known].map((w) => w.toLowerCase()))
  const again: Span[] = []
  for (let i = 0, count = words.length; i < count; i++) {
    if (words.match(i, knownWords) === undefined || !known.has(words.word(i))) continue
    const span: Span = [words.starts[i] as number, words.ends[i] as number]
    if (!covered(span[0], span[1])) again.push(span)
  }
  return again.length === 0
    ? names
    : mergeSpans([...names.map((n): Span => [n.start, n.end]), ...again], text)
}

function lexiconAndParser(words: Words, covered: (s: number, e: number) => boolean): Span[] {
  const out: Span[] = []
  const isCovered = (i: number) => covered(words.starts[i] as number, words.ends[i] as number)
  for (let i = 0, count = words.length; i < count; i++) {
    if ((words.triggerKinds(i) & LEXICON_TRIGGER) === 0 || words.contraction(i)) continue
    const lower = words.trigger(i) as string
    const honorific = HONORIFICS.has(lower)
    if (isCovered(i)) continue
    if (honorific) {
      if (words.capitalized(i + 1) && words.sameSentence(i + 1) && !isCovered(i + 1)) {
        const [, last] = growName(words, i + 1, isCovered)
        out.push([words.starts[i] as number, words.ends[last] as number])
        i = last
      }
      continue
    }
    const common = COMMON_WORD_NAMES.has(lower)
    const capitalized = words.capitalized(i)
    if (capitalized && !common) {
      const [first, last] = growName(words, i, isCovered)
      out.push([words.starts[first] as number, words.ends[last] as number])
      i = last
    } else if (capitalized || !common) {
      out.push(...parseWindow(words, i, covered))
    }
  }
  return out
}

/** Extends a name over neighbouring capitalized words the lexicon does not know as something else. */
function growName(words: Words, at: number, isCovered: (i: number) => boolean): Span {
  let first = at
  let last = at
  while (last - at < 3 && words.adjacent(last + 1) && nameLike(words, last + 1, isCovered)) last++
  while (at - first < 2 && words.adjacent(first) && nameLike(words, first - 1, isCovered)) first--
  return [first, last]
}

function nameLike(words: Words, i: number, isCovered: (i: number) => boolean): boolean {
  return (
    words.capitalized(i) &&
    !words.contraction(i) &&
    !isKnownNonPerson(words.lower(i)) &&
    !NOT_NAMES.has(words.lower(i)) &&
    !isCovered(i)
  )
}

const windowCache = new Map<string, Span[]>()
const WINDOW_WORDS = 4

/** Lets compromise's parser judge an ambiguous word from the few words around it. */
function parseWindow(words: Words, at: number, covered: (s: number, e: number) => boolean): Span[] {
  let first = at
  let last = at
  while (first > 0 && at - first < WINDOW_WORDS && words.sameSentence(first)) first--
  while (last + 1 < words.length && last - at < WINDOW_WORDS && words.sameSentence(last + 1)) last++
  const from = words.starts[first] as number
  const window = words.text.slice(from, words.ends[last])
  const people = windowCache.get(window) ?? parsePeople(window)
  const targetStart = words.starts[at] as number
  const targetEnd = words.ends[at] as number
  return people
    .map(([s, e]) => trimSpan(words.text, from + s, from + e))
    .filter(([s, e]) => e > s && s < targetEnd && e > targetStart && !covered(s, e))
    .filter(([s, e]) => !isOnlyCommonWords(words.text.slice(s, e)))
}

interface CompromisePerson {
  offset: { start: number; length: number }
}

function parsePeople(window: string): Span[] {
  const people = (nlp(window).people().json({ offset: true }) as CompromisePerson[]).map(
    (p): Span => [p.offset.start, p.offset.start + p.offset.length],
  )
  if (windowCache.size > 50_000) windowCache.clear()
  windowCache.set(window, people)
  return people
}

/** compromise's spans carry trailing punctuation and the possessive: "Sarah Connor," "Fatima's". */
function trimSpan(text: string, start: number, end: number): Span {
  let e = end
  const trailing = /[^\p{L}\p{M}]/u
  while (e > start && trailing.test(text[e - 1] as string)) e--
  if (/['’][sS]$/.test(text.slice(start, e))) e -= 2
  while (e > start && trailing.test(text[e - 1] as string)) e--
  return [start, e]
}

function isOnlyCommonWords(span: string): boolean {
  const words = new Words(span)
  for (let i = 0; i < words.length; i++) {
    if (words.capitalized(i) || !COMMON_WORD_NAMES.has(words.lower(i))) return false
  }
  return true
}

// Context rules, read from the words with set lookups.
const ROLE_WORDS =
  `manager boss report reports wife husband partner spouse girlfriend boyfriend fiance
  fiancee son daughter kid child mom mum mother dad father brother sister cousin friend colleague
  coworker co-worker peer teammate cto ceo cfo coo cpo vp svp evp founder cofounder co-founder
  director lead techlead tech-lead mentor mentee coach therapist recruiter hire newhire new-hire
  intern engineer designer pm em architect investor customer client neighbour neighbor landlord
  doctor skip-level skiplevel direct-report product-manager staff-engineer`.split(/\s+/)
/** Roles written as one word ("manager", "co-founder"). */
const ROLES = wordSet(ROLE_WORDS)
/** Roles written as two ("tech lead", "skip level"), by their first word. */
const TWO_WORD_ROLES = new Map<string, string[]>(
  ROLE_WORDS.filter((w) => w.includes('-'))
    .map((w) => w.split('-') as [string, string])
    .reduce(
      (map, [first, second]) => map.set(first, [...(map.get(first) ?? []), second]),
      new Map<string, string[]>(),
    ),
)
const ROLE_FIRST_WORDS = wordSet(TWO_WORD_ROLES.keys())
const DETERMINERS = wordSet([
  'my',
  'our',
  'his',
  'her',
  'their',
  'your',
  'a',
  'the',
  'new',
  'former',
])
const ROLE_ADJECTIVES = wordSet([
  'new',
  'former',
  'old',
  'current',
  'previous',
  'ex',
  'senior',
  'junior',
])
/** Verbs after a name: "Kenji said"; several words where needed ("pushed back"). */
const VERBS_AFTER: ReadonlyMap<string, string[][]> = phraseIndex(
  `said says told tells asked asks thinks thought felt feels wanted wants left joined quit resigned
  replied complained argued agreed disagreed cried yelled snapped suggested mentioned admitted
  explained insisted promised refused decided shared realized realised reminded`
    .split(/\s+/)
    .concat([
      'pushed back',
      'got promoted',
      'was promoted',
      'was fired',
      'was laid off',
      'burned out',
      'went on leave',
    ]),
)
/** Verbs before a name, directly ("hired Xiomara") or with "to"/"with" ("talked to Priya"). */
const VERBS_BEFORE = new Set(
  `asked told thanked hired fired promoted mentored coached called emailed messaged pinged texted
  praised blamed interviewed onboarded convinced reminded invited introduced managing manage managed`.split(
    /\s+/,
  ),
)
const VERBS_WITH = new Set(
  `talked spoke speak talk met meeting chatted argued disagreed agreed worked paired one-on-one lunch
  coffee dinner call sync`.split(/\s+/),
)
const RELATIONS = wordSet(
  `wife husband partner kid kids children son daughter manager boss team feedback idea report reports
  promotion review mom dad mother father advice comment question reaction resignation departure
  burnout offer leave`.split(/\s+/),
)
const RULE_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof'])
const RULE_TRIGGERS = wordSet([
  ...DETERMINERS.words,
  ...VERBS_AFTER.keys(),
  ...VERBS_BEFORE,
  ...VERBS_WITH,
  'with',
  'from',
  ...RULE_HONORIFICS,
])

/** Words either tier looks at closely, each with the kinds of trigger it is. */
const TRIGGERS: readonly string[] = [
  ...new Set([...LEXICON_TRIGGERS.words, ...RULE_TRIGGERS.words]),
]
const LEXICON_TRIGGER = 1
const RULE_TRIGGER = 2
const TRIGGER_KINDS = Uint8Array.from(
  TRIGGERS,
  (w) =>
    (LEXICON_TRIGGERS.words.has(w) ? LEXICON_TRIGGER : 0) |
    (RULE_TRIGGERS.words.has(w) ? RULE_TRIGGER : 0),
)

interface TriggerTable {
  byHash: ReadonlyMap<number, readonly number[]>
  filter: Uint8Array
}
let triggers: TriggerTable | undefined
/** The ids of TRIGGERS by hash; built on first use, after both lists exist. */
function triggerTable(): TriggerTable {
  if (triggers) return triggers
  const byHash = new Map<number, number[]>()
  const filter = new Uint8Array(FILTER_SIZE)
  TRIGGERS.forEach((word, id) => {
    const hash = hashOf(word)
    byHash.set(hash, [...(byHash.get(hash) ?? []), id])
    filter[hash & (FILTER_SIZE - 1)] = 1
  })
  triggers = { byHash, filter }
  return triggers
}

function phraseIndex(phrases: string[]): Map<string, string[][]> {
  const index = new Map<string, string[][]>()
  for (const phrase of phrases) {
    const [first, ...rest] = phrase.split(' ') as [string, ...string[]]
    index.set(first, [...(index.get(first) ?? []), rest])
  }
  return index
}

/**
 * A strong context (a role word right before, an apposition, an honorific) makes even a common
 * word a name ("my partner Robin"); a weak one (a verb after) does not ("Slack said").
 */
function contextRules(words: Words): Span[] {
  const out: Span[] = []
  const add = (first: number, last: number, strong: boolean) => {
    const span = trimToName(words, first, last, strong)
    if (span) out.push(span)
  }
  /** A name of one or two capitalized words ending at word `last`. */
  const nameEndingAt = (last: number): number =>
    words.capitalized(last - 1) && words.adjacent(last) ? last - 1 : last
  /** A name of one or two capitalized words starting at word `first`. */
  const nameStartingAt = (first: number): number =>
    words.capitalized(first + 1) && words.adjacent(first + 1) ? first + 1 : first
  /** The number of words of a role starting at word k ("manager", "tech lead"), or 0. */
  const roleAt = (k: number): number => {
    if (words.match(k, ROLES) !== undefined) return 1
    const first = words.match(k, ROLE_FIRST_WORDS)
    if (first === undefined || !words.adjacent(k + 1)) return 0
    return TWO_WORD_ROLES.get(first)?.some((second) => words.is(k + 1, second)) ? 2 : 0
  }
  const roleAfterDeterminer = (k: number): number => {
    let at = k
    if (words.match(at, ROLE_ADJECTIVES) !== undefined) at++
    const length = roleAt(at)
    return length === 0 ? 0 : at + length - k
  }

  for (let i = 0, count = words.length; i < count; i++) {
    // "Raj's advice"
    if (
      words.possessive(i) &&
      words.capitalized(i) &&
      words.match(i + 1, RELATIONS) !== undefined &&
      /^\s+$/.test(words.gap(i + 1))
    ) {
      add(nameEndingAt(i), i, false)
    }
    // "Thandiwe, a new hire"
    if (
      i + 1 < count &&
      words.text.charCodeAt(words.ends[i] as number) === 0x2c &&
      words.capitalized(i) &&
      /^,\s+$/.test(words.gap(i + 1)) &&
      words.match(i + 1, DETERMINERS) !== undefined &&
      roleAfterDeterminer(i + 2) > 0
    ) {
      add(nameEndingAt(i), i, true)
    }
    // The rules below start at a rule word, which most words are not. (The order in which spans
    // are added does not matter: they are sorted and merged.)
    if ((words.triggerKinds(i) & RULE_TRIGGER) === 0) continue
    const lower = words.trigger(i) as string
    // "my manager Priya", "our CTO, Kenji Watanabe"
    const length = DETERMINERS.words.has(lower) ? roleAfterDeterminer(i + 1) : 0
    if (length > 0 && words.sameSentence(i + 1)) {
      const name = i + 1 + length
      if (words.capitalized(name) && /^\s*,?\s+$/.test(words.gap(name))) {
        add(name, nameStartingAt(name), true)
      }
    }
    // "Kenji said", "Oluwaseun pushed back"
    const verbs = VERBS_AFTER.get(lower)
    if (verbs && words.capitalized(i - 1) && words.adjacent(i)) {
      const fits = verbs.some((rest) =>
        rest.every((w, k) => words.is(i + 1 + k, w) && words.adjacent(i + 1 + k)),
      )
      if (fits) add(nameEndingAt(i - 1), i - 1, false)
    }
    // "hired Xiomara", "talked to Priya", "1:1 with Raj"
    let target = -1
    if (VERBS_BEFORE.has(lower)) target = i + 1
    else if (VERBS_WITH.has(lower) && (words.is(i + 1, 'to') || words.is(i + 1, 'with')))
      target = i + 2
    else if (lower === 'with' && /1:1\s*$/.test(words.gap(i))) target = i + 1
    if (
      target > 0 &&
      words.capitalized(target) &&
      words.sameSentence(target) &&
      !words.gap(target).includes(',')
    ) {
      add(target, nameStartingAt(target), false)
    }
    // "Chidi from Cyberdyne"
    if (lower === 'from' && words.capitalized(i - 1) && words.adjacent(i)) {
      const next = words.is(i + 1, 'the') ? i + 2 : i + 1
      if (words.capitalized(next) && words.sameSentence(next))
        add(nameEndingAt(i - 1), i - 1, false)
    }
    // "Dr. Okafor"
    if (
      RULE_HONORIFICS.has(lower) &&
      words.capitalized(i + 1) &&
      /^\.?\s+$/.test(words.gap(i + 1))
    ) {
      add(i + 1, nameStartingAt(i + 1), true)
    }
  }
  return out
}

/** Drops leading and trailing words that are no name ("Then", "The", "Monday"). */
function trimToName(words: Words, from: number, to: number, strong: boolean): Span | undefined {
  let first = from
  let last = to
  while (first <= last && !isNameWord(words, first, strong)) first++
  while (last >= first && !isNameWord(words, last, strong)) last--
  return first > last ? undefined : [words.starts[first] as number, words.ends[last] as number]
}

function isNameWord(words: Words, i: number, strong: boolean): boolean {
  const lower = words.lower(i)
  return !words.contraction(i) && !NOT_NAMES.has(lower) && (strong || !isKnownNonPerson(lower))
}

const MENTION = /@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\p{L}\p{N}@/-])/uy
const BEFORE_MENTION = /[\p{L}\p{N}._%+\-@/]/u
const GROUP_MENTIONS = new Set(['here', 'channel', 'everyone', 'all', 'team', 'room'])

/** `@someone` who is not a member (members are covered before this runs). */
function mentions(text: string): Span[] {
  const out: Span[] = []
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && BEFORE_MENTION.test(text[at - 1] as string)) continue
    MENTION.lastIndex = at
    const m = MENTION.exec(text)
    if (!m || GROUP_MENTIONS.has((m[1] as string).toLowerCase())) continue
    out.push([at, at + m[0].length])
  }
  return out
}

/** Words of a flagged name worth looking for elsewhere; common words are not. */
function propagatableWords(name: string): string[] {
  const words = new Words(name)
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const lower = words.lower(i)
    if (
      words.capitalized(i) &&
      [...lower].length >= 3 &&
      !COMMON_WORD_NAMES.has(lower) &&
      !NOT_NAMES.has(lower) &&
      !HONORIFICS.has(lower) &&
      !isKnownNonPerson(lower)
    ) {
      out.push(words.word(i))
    }
  }
  return out
}

function mergeSpans(spans: Span[], text: string): OutsideName[] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const out: OutsideName[] = []
  for (const [start, end] of spans) {
    const last = out.at(-1)
    if (last && start <= last.end) {
      if (end > last.end) {
        last.end = end
        last.text = text.slice(last.start, end)
      }
      continue
    }
    out.push({ start, end, text: text.slice(start, end) })
  }
  return out
}
