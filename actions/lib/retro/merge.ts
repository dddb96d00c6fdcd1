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
const MAX_CANDIDATES = 12
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

const NON_ASCII = /[^\x00-\x7f]/

/** Content words, folded and lightly stemmed: "Delegating outcomes" and "delegate the outcome" meet. */
export function contentWords(text: string): string[] {
  let plain = text
  if (plain.includes('\uE000')) plain = plain.replace(/\uE000(\d+)\uE001/g, ' member$1 ')
  if (plain.includes('](')) plain = plain.replace(/\]\([^)]*\)/g, ' ')
  if (NON_ASCII.test(plain)) plain = plain.normalize('NFKD').replace(/\p{M}/gu, '')
  const words = plain.toLowerCase().match(WORD)
  if (!words) return []
  const out = new Set<string>()
  for (const word of words) {
    const bare = word.includes("'") || word.includes('’') ? word.replace(/['’]/g, '') : word
    if (!STOP_WORDS.has(bare)) out.add(stem(bare))
  }
  return [...out]
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu

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
  sessions: Set<number>
}

/**
 * Merges duplicates within each section, keeping the order of first appearance: exact matches of
 * the content words at once, near-duplicates through MinHash buckets (linear, not pairwise).
 */
export function mergePoints(points: readonly PointToMerge[]): MergedPoint[] {
  const ids = new Map<string, number>()
  const entries: Entry[] = []
  const exact = new Map<string, Entry>()
  const buckets = Array.from({ length: BANDS }, () => new Map<number, Entry[]>())

  for (const p of points) {
    const words = Int32Array.from(
      contentWords(p.text).map((w) => {
        let id = ids.get(w)
        if (id === undefined) {
          id = ids.size
          ids.set(w, id)
        }
        return id
      }),
    ).sort()
    const key = `${p.section}|${words.length > 0 ? words.join(',') : p.text.trim().toLowerCase()}`
    const bands = words.length >= MIN_WORDS_FOR_NEAR ? minHashBands(words, p.section) : undefined
    const entry = exact.get(key) ?? (bands ? nearDuplicate(words, bands, buckets) : undefined)
    if (entry) {
      entry.point.count++
      if (p.session !== undefined) entry.sessions.add(p.session)
      entry.point.sessions = entry.sessions.size
      exact.set(key, entry)
      continue
    }
    const sessions = new Set(p.session === undefined ? [] : [p.session])
    const created: Entry = {
      point: { section: p.section, text: p.text.trim(), count: 1, sessions: sessions.size },
      words,
      sessions,
    }
    entries.push(created)
    exact.set(key, created)
    bands?.forEach((band, b) => {
      const bucket = (buckets[b] as Map<number, Entry[]>).get(band)
      if (!bucket) (buckets[b] as Map<number, Entry[]>).set(band, [created])
      else if (bucket.length < MAX_BUCKET) bucket.push(created)
    })
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
    for (const candidate of buckets[b]?.get(bands[b] as number) ?? []) {
      if (seen.includes(candidate)) continue
      if (seen.length >= MAX_CANDIDATES) return undefined
      seen.push(candidate)
      if (similarEnough(words, candidate.words)) return candidate
    }
  }
  return undefined
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
const BANDS = 8
const SEEDS = Array.from({ length: ROWS * BANDS }, (_, i) => Math.imul(0x9e3779b1, i + 1) >>> 0)
/** A bucket keeps its first entries only: enough to find a duplicate, never a quadratic scan. */
const MAX_BUCKET = 12

/** Banded MinHash signature: points that share a band are compared; s=0.8 collides ~99.9%. */
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
