/**
 * Folding for the replacement: a lower-case, accent-free, look-alike-free "skeleton" of a text in
 * which a name is spelled one way however it was typed, with a map back to the original offsets.
 * (The leak gate folds with its own code in gate.ts; keep the two independent.)
 */

/** Look-alikes of Latin letters that Unicode normalization keeps apart (Cyrillic, Greek, IPA). */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ь: 'b',
  г: 'r',
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ɑ: 'a',
  ɡ: 'g',
  ɩ: 'i',
  ʏ: 'y',
}
/** Capitals whose lower case no longer looks like the Latin letter (Greek Eta is "H", not "n"). */
const UPPER_CONFUSABLES: Record<string, string> = {
  Η: 'h',
  Ν: 'n',
  Β: 'b',
  Ρ: 'p',
  Χ: 'x',
  Υ: 'y',
  Τ: 't',
  Μ: 'm',
  Κ: 'k',
  Ζ: 'z',
  Ι: 'i',
  В: 'b',
  Н: 'h',
  Т: 't',
  М: 'm',
  К: 'k',
  Г: 'r',
}
/** Letters that do not decompose into a base letter plus an accent. */
const LIGATURES: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
  ŋ: 'n',
}
/** Markdown emphasis and code marks: `**Ana**`, `_Ana_`, `~~Ana~~`, `` `ana` `` all read as Ana. */
const MARKUP = new Set(['*', '_', '~', '`'])
const HYPHENS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\uFF07`´]/
/** Zero-width, bidi and other invisible format characters, plus the soft hyphen. */
const INVISIBLE = /^(?:[\p{Cf}\u00AD\u115F\u1160\u3164\uFFA0]|\u034F|\u17B4|\u17B5)$/u
const COMBINING = /\p{M}/gu

const cache = new Map<string, string>()

/** Folds one character (a code point) to zero or more skeleton characters. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0)
  if (code < 0x80) return ASCII_FOLD[code] as string
  const hit = cache.get(ch)
  if (hit !== undefined) return hit
  const folded = foldUnicode(ch)
  cache.set(ch, folded)
  return folded
}

function foldUnicode(ch: string): string {
  if (INVISIBLE.test(ch)) return ''
  if (HYPHENS.test(ch)) return '-'
  if (APOSTROPHES.test(ch)) return "'"
  if (/^\s$/u.test(ch)) return ' '
  const upper = UPPER_CONFUSABLES[ch]
  if (upper) return upper
  let out = ''
  for (const part of ch.normalize('NFKC').normalize('NFD').replace(COMBINING, '').toLowerCase()) {
    const code = part.charCodeAt(0)
    if (code < 0x80) out += ASCII_FOLD[code] as string
    else {
      const mapped = CONFUSABLES[part] ?? LIGATURES[part] ?? part
      // The skeleton's promise: anything beyond ASCII is a letter or a digit.
      out += LETTER_OR_DIGIT.test(mapped) ? mapped : OTHER_SYMBOL
    }
  }
  return out
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]+$/u
/** What a symbol beyond ASCII ("•", "«", an emoji) becomes: punctuation, never part of a word. */
const OTHER_SYMBOL = '#'

const ASCII_FOLD: string[] = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code)
  if (MARKUP.has(ch)) return ''
  if (/\s/.test(ch)) return ' '
  return ch.toLowerCase()
})

const ASCII_ALNUM: boolean[] = Array.from({ length: 128 }, (_, code) =>
  /[A-Za-z0-9]/.test(String.fromCharCode(code)),
)

function endsWithLetter(folded: string): boolean {
  const code = folded.charCodeAt(folded.length - 1)
  return code < 0x80 ? (ASCII_ALNUM[code] as boolean) : /[\p{L}\p{N}]$/u.test(folded)
}

export interface Folded {
  /**
   * The skeleton: lower case, no accents or look-alikes, markup dropped, whitespace runs as one
   * space; every code unit beyond ASCII belongs to a letter or a digit.
   */
  text: string
  /** For each skeleton character, the offset in the original text of the character it came from. */
  origin: Int32Array
}

/**
 * Builds the skeleton of `text`. A hyphen at a line break between letters is dropped together with
 * the break ("Kowal-\nski" reads "kowalski"); names spelled with a hyphen match with or without it.
 */
export function foldText(text: string): Folded {
  let units = new Uint16Array(text.length + 16)
  let origin = new Int32Array(text.length + 16)
  let length = 0
  const grow = (needed: number) => {
    const size = Math.max(units.length * 2, length + needed + 16)
    const moreUnits = new Uint16Array(size)
    moreUnits.set(units)
    units = moreUnits
    const moreOrigin = new Int32Array(size)
    moreOrigin.set(origin)
    origin = moreOrigin
  }
  const SPACE = 0x20
  let lastWasSpace = true
  let lastLetter = false
  for (let i = 0; i < text.length;) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) {
      // The common case, without allocating: one ASCII character in, at most one out.
      const mapped = ASCII_CODE[unit] as number
      if (mapped === HYPHEN && lastLetter) {
        const next = lineBreakAfterHyphen(text, i + 1)
        if (next > 0) {
          i = next
          continue
        }
      }
      if (mapped === SPACE) {
        if (!lastWasSpace) {
          if (length >= units.length) grow(1)
          units[length] = SPACE
          origin[length++] = i
        }
        lastWasSpace = true
        lastLetter = false
      } else if (mapped !== DROPPED) {
        if (length >= units.length) grow(1)
        units[length] = mapped
        origin[length++] = i
        lastWasSpace = false
        lastLetter = ASCII_ALNUM[unit] as boolean
      }
      i++
      continue
    }
    const code = text.codePointAt(i) as number
    const width = code > 0xffff ? 2 : 1
    const folded = foldChar(String.fromCodePoint(code))
    if (folded === '-' && lastLetter) {
      const next = lineBreakAfterHyphen(text, i + width)
      if (next > 0) {
        i = next
        continue
      }
    }
    if (folded === ' ') {
      if (!lastWasSpace) {
        if (length >= units.length) grow(1)
        units[length] = SPACE
        origin[length++] = i
      }
      lastWasSpace = true
      lastLetter = false
    } else if (folded !== '') {
      if (length + folded.length > units.length) grow(folded.length)
      for (let k = 0; k < folded.length; k++) {
        units[length] = folded.charCodeAt(k)
        origin[length++] = i
      }
      lastWasSpace = false
      lastLetter = endsWithLetter(folded)
    }
    i += width
  }
  return { text: decodeUnits(units.subarray(0, length)), origin: origin.subarray(0, length) }
}

const HYPHEN = 0x2d
const DROPPED = -1
const ASCII_CODE: number[] = ASCII_FOLD.map((s) => (s === '' ? DROPPED : s.charCodeAt(0)))

// Typed arrays use the platform's byte order, little-endian on every platform Node runs on.
const UTF16 = new TextDecoder('utf-16le')

function decodeUnits(units: Uint16Array): string {
  return UTF16.decode(units)
}

/** If a line break (and indentation) follows the hyphen and a letter follows that, where it resumes. */
function lineBreakAfterHyphen(text: string, from: number): number {
  let j = from
  let sawBreak = false
  while (j < text.length) {
    const c = text[j] as string
    if (c === '\n') sawBreak = true
    else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '>') break
    j++
  }
  return sawBreak && j < text.length && /\p{L}/u.test(text[j] as string) ? j : -1
}

/** Folds a short string (an identifier) the same way as a text, without the offset map. */
export function foldString(value: string): string {
  return foldText(value).text.trim()
}

/** The original span [start, end) for a skeleton span [from, to). */
export function originalSpan(
  folded: Folded,
  source: string,
  from: number,
  to: number,
): [number, number] {
  const start = folded.origin[from] as number
  const last = folded.origin[to - 1] as number
  const code = source.codePointAt(last) as number
  return [start, last + (code > 0xffff ? 2 : 1)]
}
