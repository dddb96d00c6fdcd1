import type { Section } from './types.js'

/** A point after merging: the first wording, how often it came up and in how many sessions. */
export interface MergedPoint {
  section: Section
  text: string
  count: number
  sessions: number
}

export interface PointToMerge {
  section: Section
  text: string
  session?: number | undefined
}

/** Two points whose content words overlap this much (Jaccard) say the same thing. */
export const NEAR_DUPLICATE = 0.8
/** Compared per point at most, so a bucket of look-alike points cannot make merging quadratic. */
const MAX_CANDIDATES = 8
/** Shorter points are merged only when their words are the same. */
const MIN_WORDS_FOR_NEAR = 4

const STOP_WORDS = new Set(
  `a an the and or but if so of to in on at by for with from as is are was were be been being it its
  this that these those we our us i me my you your he she they them their his her there here then
  than too very just also really about into over out up down what which who whom when where why how
  do does did doing have has had having can could would should will may might must shall am`.split(
    /\s+/,
  ),
)

/** Content words, folded and lightly stemmed: "Delegating outcomes" and "delegate the outcome" meet. */
export function contentWords(text: string): string[] {
  const vocabulary = new Vocabulary()
  return vocabulary.idsOf(text).map((id) => vocabulary.word(id))
}

/**
 * Content words as small integers, numbered in order of first appearance. A plain word is hashed
 * and compared where it stands in the lower-cased text and looked up in a table of the words seen
 * so far, so a year of notes makes one string (and one stem) per distinct word, not per word.
 */
class Vocabulary {
  /** Stems by id, and ids by stem. */
  private readonly words: string[] = []
  private readonly ids = new Map<string, number>()
  /** Plain words seen so far with their stem's id (-1 for a stop word), by 30-bit hash. */
  private readonly seen = new Map<number, number>()
  private readonly seenWords: string[] = []
  private readonly seenIds: number[] = []
  /** The next plain word with the same hash, or -1. */
  private readonly seenNext: number[] = []
  /** The last text each id was found in, so a text lists each word once. */
  private readonly foundIn: number[] = []
  private texts = 0

  word(id: number): string {
    return this.words[id] as string
  }

  /** The distinct content words of `text`, in order of first appearance. */
  idsOf(text: string): number[] {
    const stamp = ++this.texts
    let plain = text
    if (plain.includes('\uE000')) plain = plain.replace(/\uE000(\d+)\uE001/g, ' member$1 ')
    if (plain.includes('](')) plain = plain.replace(/\]\([^)]*\)/g, ' ')
    const lower = plain.toLowerCase()
    const out: number[] = []
    let start = -1
    let joined = ''
    let accented = false
    /** FNV-1a of the word so far. */
    let hash = FNV_OFFSET
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 0
      if (isWordUnit(c)) {
        if (start < 0) {
          start = i
          hash = FNV_OFFSET
        }
        if (c >= 0x80) accented = true
        hash = Math.imul(hash ^ c, FNV_PRIME)
      } else if (
        (c === 0x27 || c === 0x2019) &&
        start >= 0 &&
        isWordUnit(lower.charCodeAt(i + 1))
      ) {
        // "don't" reads "dont"
        joined += lower.slice(start, i)
        start = i + 1
      } else if (start >= 0) {
        const id =
          accented || joined !== ''
            ? this.idOf(joined + lower.slice(start, i), accented)
            : this.idOfPlain(lower, start, i, hash & HASH_MASK)
        if (id >= 0 && this.foundIn[id] !== stamp) {
          this.foundIn[id] = stamp
          out.push(id)
        }
        start = -1
        joined = ''
        accented = false
      }
    }
    return out
  }

  /** The id of the plain word lower[start, end) with the given hash, or -1 for a stop word. */
  private idOfPlain(lower: string, start: number, end: number, hash: number): number {
    const first = this.seen.get(hash) ?? -1
    for (let at = first; at >= 0; at = this.seenNext[at] as number) {
      if (sameText(this.seenWords[at] as string, lower, start, end))
        return this.seenIds[at] as number
    }
    const word = lower.slice(start, end)
    const id = this.idOf(word, false)
    this.seen.set(hash, this.seenWords.length)
    this.seenWords.push(word)
    this.seenIds.push(id)
    this.seenNext.push(first)
    return id
  }

  /** The id of a word's stem, made on first sight; -1 for a stop word. */
  private idOf(raw: string, accented: boolean): number {
    const word = accented ? raw.normalize('NFKD').replace(/\p{M}/gu, '') : raw
    if (STOP_WORDS.has(word)) return -1
    const stemmed = stem(word)
    let id = this.ids.get(stemmed)
    if (id === undefined) {
      id = this.words.length
      this.words.push(stemmed)
      this.ids.set(stemmed, id)
      this.foundIn.push(0)
    }
    return id
  }
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** 30 bits: a Map key V8 keeps unboxed. */
const HASH_MASK = 0x3fffffff

function sameText(word: string, source: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false
  for (let k = 0; k < word.length; k++) {
    if (word.charCodeAt(k) !== source.charCodeAt(start + k)) return false
  }
  return true
}

const letterCache = new Map<number, boolean>()

/** ASCII letters and digits, and any letter, digit or accent beyond ASCII. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
  if (c >= 0xd800 && c <= 0xdfff) return true
  let known = letterCache.get(c)
  if (known === undefined) {
    known = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c))
    letterCache.set(c, known)
  }
  return known
}

/** "delegating", "delegated", "delegates" and "delegate" all become "delegat". */
function stem(word: string): string {
  if (word.length <= 4) return word
  let w = word
  if (w.endsWith('ing')) w = w.slice(0, -3)
  else if (w.endsWith('ed') || w.endsWith('es')) w = w.slice(0, -2)
  else if (w.endsWith('s')) w = w.slice(0, -1)
  return w.endsWith('e') ? w.slice(0, -1) : w
}

interface Entry {
  point: MergedPoint
  /** Sorted ids of the content words. */
  words: Int32Array
  /** Sessions the point came up in (a short list; most points come up once). */
  sessions: number[]
}

/**
 * Merges duplicates within each section, keeping the order of first appearance: exact matches of
 * the content words at once, near-duplicates through MinHash buckets (linear, not pairwise).
 */
export function mergePoints(points: readonly PointToMerge[]): MergedPoint[] {
  const vocabulary = new Vocabulary()
  const entries: Entry[] = []
  // Keyed by the sorted word ids; a numeric key can collide, so a hit is checked word for word.
  const exact = new Map<number | string, Entry>()
  const buckets = Array.from({ length: BANDS }, () => new Map<number, Entry[]>())

  for (const p of points) {
    const words = Int32Array.from(vocabulary.idsOf(p.text))
    words.sort()
    const key =
      words.length > 0 ? idsKey(words, p.section) : `${p.section}|${p.text.trim().toLowerCase()}`
    const bands = words.length >= MIN_WORDS_FOR_NEAR ? minHashBands(words, p.section) : undefined
    const same = exact.get(key)
    const entry =
      (same && same.point.section === p.section && sameWords(same.words, words)
        ? same
        : undefined) ?? (bands ? nearDuplicate(words, bands, buckets) : undefined)
    if (entry) {
      entry.point.count++
      if (p.session !== undefined && !entry.sessions.includes(p.session)) {
        entry.sessions.push(p.session)
      }
      entry.point.sessions = entry.sessions.length
      exact.set(key, entry)
      continue
    }
    const sessions = p.session === undefined ? [] : [p.session]
    const created: Entry = {
      point: { section: p.section, text: p.text.trim(), count: 1, sessions: sessions.length },
      words,
      sessions,
    }
    entries.push(created)
    exact.set(key, created)
    for (let b = 0; bands && b < bands.length; b++) {
      const index = buckets[b] as Map<number, Entry[]>
      const bucket = index.get(bands[b] as number)
      if (!bucket) index.set(bands[b] as number, [created])
      else if (bucket.length < MAX_BUCKET) bucket.push(created)
    }
  }
  return entries.map((e) => e.point)
}

function nearDuplicate(
  words: Int32Array,
  bands: number[],
  buckets: Array<Map<number, Entry[]>>,
): Entry | undefined {
  const seen: Entry[] = []
  for (let b = 0; b < bands.length; b++) {
    const bucket = buckets[b]?.get(bands[b] as number)
    if (!bucket) continue
    for (const candidate of bucket) {
      if (seen.includes(candidate)) continue
      if (seen.length >= MAX_CANDIDATES) return undefined
      seen.push(candidate)
      if (similarEnough(words, candidate.words)) return candidate
    }
  }
  return undefined
}

/** Two hashes of the sorted ids in one safe integer (53 bits), with the section mixed in. */
function idsKey(words: Int32Array, section: Section): number {
  let high = SECTION_SALT[section]
  let low = mix(high)
  for (const id of words) {
    high = mix(high ^ id)
    low = Math.imul(low ^ id, 0x01000193) >>> 0
  }
  return (high & 0x1fffff) * 0x100000000 + low
}

function sameWords(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Jaccard of two sorted id lists is at least NEAR_DUPLICATE; stops as soon as it cannot be. */
function similarEnough(a: Int32Array, b: Int32Array): boolean {
  const small = Math.min(a.length, b.length)
  const large = Math.max(a.length, b.length)
  if (small < NEAR_DUPLICATE * large) return false
  const needed = Math.ceil((NEAR_DUPLICATE * (a.length + b.length)) / (1 + NEAR_DUPLICATE))
  let shared = 0
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (shared + Math.min(a.length - i, b.length - j) < needed) return false
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return shared >= needed
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 1 : shared / union
}

const ROWS = 2
const BANDS = 4
const SEEDS = Array.from({ length: ROWS * BANDS }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0)
/** A bucket keeps its first entries only: enough to find a duplicate, never a quadratic scan. */
const MAX_BUCKET = 8

/** Banded MinHash signature: points that share a band are compared; at s=0.8 they do ~98% of the time. */
function minHashBands(words: Int32Array, section: Section): number[] {
  const salt = SECTION_SALT[section]
  const bands: number[] = []
  for (let b = 0; b < BANDS; b++) {
    let band = salt
    for (let r = 0; r < ROWS; r++) {
      const seed = SEEDS[b * ROWS + r] as number
      let min = 0xffffffff
      for (const word of words) {
        const value = mix(word ^ seed)
        if (value < min) min = value
      }
      band = mix(band ^ min)
    }
    bands.push(band)
  }
  return bands
}

const SECTION_SALT: Record<Section, number> = {
  worked: 0x1234567,
  hard: 0x2345678,
  learned: 0x3456789,
  stories: 0x456789a,
}

function mix(value: number): number {
  let x = value >>> 0
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  return x >>> 0
}
