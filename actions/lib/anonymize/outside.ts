import nlp from 'compromise'
import { COMMON_WORD_NAMES } from './policy.js'

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

/** Known to compromise as something other than a person ("Monday", "Then", "Slack"). */
function isKnownNonPerson(lower: string): boolean {
  return Object.hasOwn(LEXICON, lower) && !PERSON_WORDS.has(lower)
}

const POSSESSIVE = 1
const CONTRACTION = 2
const NON_ASCII = 4
const CONTRACTION_ENDS = new Set(['t', 're', 've', 'll', 'd', 'm'])
const LETTER = /[\p{L}\p{M}]/u

/** The words of a text, found once: offsets in typed arrays, lower case and case worked out on demand. */
class Words {
  readonly starts: number[] = []
  /** End of the word without a possessive "'s". */
  readonly ends: number[] = []
  private readonly flags: number[] = []
  private readonly lowers: Array<string | undefined> = []

  constructor(readonly text: string) {
    const isLetter = (i: number) => {
      const c = text.charCodeAt(i)
      if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
      return LETTER.test(text[i] as string)
    }
    for (let i = 0; i < text.length;) {
      if (!isLetter(i)) {
        i++
        continue
      }
      const start = i
      let flags = 0
      let apostrophe = -1
      while (i < text.length) {
        if (isLetter(i)) {
          if (text.charCodeAt(i) >= 0x80) flags |= NON_ASCII
          i++
        } else {
          const c = text[i]
          if ((c === "'" || c === '’' || c === '-') && i + 1 < text.length && isLetter(i + 1)) {
            if (c !== '-') apostrophe = i
            i++
          } else break
        }
      }
      let end = i
      if (apostrophe >= 0) {
        const tail = text.slice(apostrophe + 1, end).toLowerCase()
        if (tail === 's') {
          end = apostrophe
          flags |= POSSESSIVE
        } else if (CONTRACTION_ENDS.has(tail)) flags |= CONTRACTION
      }
      this.starts.push(start)
      this.ends.push(end)
      this.flags.push(flags)
    }
  }

  get length(): number {
    return this.starts.length
  }
  word(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i])
  }
  lower(i: number): string {
    let lower = this.lowers[i]
    if (lower === undefined) {
      const word = this.word(i)
      lower =
        (this.flags[i] as number) & NON_ASCII
          ? word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
          : word.toLowerCase()
      this.lowers[i] = lower
    }
    return lower
  }
  /** "Priya", "Mei-Ling", "McAdams"; not "priya" and not an acronym like "CTO". */
  capitalized(i: number): boolean {
    if (i < 0 || i >= this.starts.length) return false
    const first = this.text[this.starts[i] as number] as string
    if (first === first.toLowerCase()) return false
    const word = this.word(i)
    return word.length === 1 || word !== word.toUpperCase()
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
    return i > 0 && i < this.length && !this.possessive(i - 1) && /^[ \t]{1,2}$/.test(this.gap(i))
  }
  /** No sentence ends between word i-1 and word i. */
  sameSentence(i: number): boolean {
    return i > 0 && i < this.length && !/[!?\n]|\.\s/.test(this.gap(i).replace(/^\./, ''))
  }
}

type Span = [number, number]

/**
 * People named in `text` who are not covered already (`covered(start, end)` says whether a span
 * overlaps a roster or contact replacement).
 */
export function findOutsideNames(
  text: string,
  covered: (start: number, end: number) => boolean,
  options: SafetyNetOptions = {},
): OutsideName[] {
  const words = new Words(text)
  const found: Span[] = []
  if (options.compromise !== false) found.push(...lexiconAndParser(words, covered))
  if (options.rules !== false) found.push(...contextRules(words), ...mentions(text))
  return mergeSpans(
    found.filter(([s, e]) => !covered(s, e)),
    text,
  )
}

function lexiconAndParser(words: Words, covered: (s: number, e: number) => boolean): Span[] {
  const out: Span[] = []
  const isCovered = (i: number) => covered(words.starts[i] as number, words.ends[i] as number)
  for (let i = 0; i < words.length; i++) {
    if (words.contraction(i)) continue
    const lower = words.lower(i)
    const honorific = HONORIFICS.has(lower)
    if (!honorific && !PERSON_WORDS.has(lower)) continue
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
  const nameLike = (i: number) =>
    words.capitalized(i) &&
    !words.contraction(i) &&
    !isKnownNonPerson(words.lower(i)) &&
    !NOT_NAMES.has(words.lower(i)) &&
    !isCovered(i)
  let first = at
  let last = at
  while (last - at < 3 && words.adjacent(last + 1) && nameLike(last + 1)) last++
  while (at - first < 2 && words.adjacent(first) && nameLike(first - 1)) first--
  return [first, last]
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

// Context rules, read from the words with set lookups (hyphens and spaces inside a role are
// dropped, so "tech lead", "tech-lead" and "techlead" are one role).
const ROLES = new Set(
  `manager boss skiplevel report reports directreport wife husband partner spouse girlfriend
  boyfriend fiance fiancee son daughter kid child mom mum mother dad father brother sister cousin
  friend colleague coworker peer teammate cto ceo cfo coo cpo vp svp evp founder cofounder director
  lead techlead mentor mentee coach therapist recruiter hire newhire intern engineer designer pm
  productmanager em staffengineer architect investor customer client neighbour neighbor landlord
  doctor`.split(/\s+/),
)
const DETERMINERS = new Set([
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
const ROLE_ADJECTIVES = new Set([
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
const RELATIONS = new Set(
  `wife husband partner kid kids children son daughter manager boss team feedback idea report reports
  promotion review mom dad mother father advice comment question reaction resignation departure
  burnout offer leave`.split(/\s+/),
)
const RULE_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'dr', 'prof'])

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
    if (k >= words.length) return 0
    const one = words.lower(k).replace(/-/g, '')
    if (ROLES.has(one)) return 1
    if (k + 1 < words.length && words.adjacent(k + 1) && ROLES.has(one + words.lower(k + 1)))
      return 2
    return 0
  }
  const roleAfterDeterminer = (k: number): number => {
    let at = k
    if (at < words.length && ROLE_ADJECTIVES.has(words.lower(at).replace(/-$/, ''))) at++
    const length = roleAt(at)
    return length === 0 ? 0 : at + length - k
  }

  for (let i = 0; i < words.length; i++) {
    const lower = words.lower(i)
    // "my manager Priya", "our CTO, Kenji Watanabe"
    if (DETERMINERS.has(lower) && i + 1 < words.length && words.sameSentence(i + 1)) {
      const length = roleAfterDeterminer(i + 1)
      const name = i + 1 + length
      if (length > 0 && words.capitalized(name) && /^\s*,?\s+$/.test(words.gap(name))) {
        add(name, nameStartingAt(name), true)
      }
    }
    // "Kenji said", "Oluwaseun pushed back"
    const verbs = VERBS_AFTER.get(lower)
    if (verbs && words.capitalized(i - 1) && words.adjacent(i)) {
      const fits = verbs.some((rest) =>
        rest.every((w, k) => words.lower(i + 1 + k) === w && words.adjacent(i + 1 + k)),
      )
      if (fits) add(nameEndingAt(i - 1), i - 1, false)
    }
    // "hired Xiomara", "talked to Priya", "1:1 with Raj"
    let target = -1
    if (VERBS_BEFORE.has(lower)) target = i + 1
    else if (
      VERBS_WITH.has(lower) &&
      (words.lower(i + 1) === 'to' || words.lower(i + 1) === 'with')
    )
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
    // "Raj's advice"
    if (
      words.possessive(i) &&
      words.capitalized(i) &&
      RELATIONS.has(words.lower(i + 1)) &&
      /^\s+$/.test(words.gap(i + 1))
    ) {
      add(nameEndingAt(i), i, false)
    }
    // "Thandiwe, a new hire"
    if (
      words.capitalized(i) &&
      i + 1 < words.length &&
      /^,\s+$/.test(words.gap(i + 1)) &&
      DETERMINERS.has(words.lower(i + 1)) &&
      roleAfterDeterminer(i + 2) > 0
    ) {
      add(nameEndingAt(i), i, true)
    }
    // "Chidi from Cyberdyne"
    if (lower === 'from' && words.capitalized(i - 1) && words.adjacent(i)) {
      const next = words.lower(i + 1) === 'the' ? i + 2 : i + 1
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
  const isName = (i: number) =>
    !words.contraction(i) &&
    !NOT_NAMES.has(words.lower(i)) &&
    (strong || !isKnownNonPerson(words.lower(i)))
  let first = from
  let last = to
  while (first <= last && !isName(first)) first++
  while (last >= first && !isName(last)) last--
  return first > last ? undefined : [words.starts[first] as number, words.ends[last] as number]
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

/**
 * Words of a flagged name worth looking for elsewhere: once "Xiomara" is known to be someone,
 * "Xiomara is now our strongest engineer" is caught too. Common words are not propagated.
 */
export function propagatableWords(name: string): string[] {
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

/** Every capitalized occurrence of names flagged before, where nothing else was replaced. */
export function findKnownNames(
  text: string,
  names: ReadonlySet<string>,
  covered: (start: number, end: number) => boolean,
): OutsideName[] {
  if (names.size === 0) return []
  const alternatives = [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  )
  const out: OutsideName[] = []
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length
    if (!covered(m.index, end)) out.push({ start: m.index, end, text: m[0] })
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
