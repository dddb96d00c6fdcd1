import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'

/**
 * The labelled corpus, and a third, deliberately simple scanner for roster identifiers that shares
 * no code with the replacement or the gate: its own folding and a plain regex per labelled word.
 */

export const CORPUS_DIR = join(import.meta.dirname, 'corpus')

export interface Labels {
  outsideNames: string[]
  heldOutNames: string[]
  heldOutFile: string
  rosterIdentifiers: { anyCase: string[]; capitalizedOnly: string[] }
  lessons: string[]
}

export function loadCorpus(): {
  group: Group
  labels: Labels
  notes: Array<{ path: string; text: string }>
} {
  const file = join(CORPUS_DIR, 'group.yml')
  const { group, problems } = parseGroupFile(readFileSync(file, 'utf8'), { file, slug: 'corpus' })
  if (!group) throw new Error(`corpus group.yml: ${problems.map((p) => p.message).join('; ')}`)
  const labels = JSON.parse(readFileSync(join(CORPUS_DIR, 'labels.json'), 'utf8')) as Labels
  const notes = readdirSync(join(CORPUS_DIR, 'notes'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ path: `notes/${f}`, text: readFileSync(join(CORPUS_DIR, 'notes', f), 'utf8') }))
  return { group, labels, notes }
}

/** Look-alikes used in the corpus, mapped by hand (Cyrillic A, Greek omicron, and a few more). */
const LOOK_ALIKES: Record<string, string> = {
  '\u0410': 'A',
  '\u0430': 'a',
  '\u043e': 'o',
  '\u03bf': 'o',
  '\u0435': 'e',
  '\u0441': 'c',
  '\u0440': 'p',
}

export function testFold(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u0410\u0430\u043e\u03bf\u0435\u0441\u0440]/g, (c) => LOOK_ALIKES[c] as string)
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/(\p{L})-[ \t]*\r?\n[ \t>]*(\p{L})/gu, '$1$2')
    .replace(/[*_~`]/g, '')
    .replace(/[’‘]/g, "'")
}

function termPattern(term: string, flags: string): RegExp {
  const body = term
    .split(/([ -])/)
    .map((piece) =>
      piece === ' ' || piece === '-'
        ? '[\\s-]*'
        : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?"),
    )
    .join('')
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags)
}

const MONTH_CONTEXT = /\b(?:in|since|until|during|early|late|mid|next|last|this)[ -]$/i

/** Roster identifiers the test scanner finds in `text` (terms from labels.json). */
export function scanRoster(text: string, labels: Labels): string[] {
  const folded = testFold(text)
  const found: string[] = []
  for (const term of labels.rosterIdentifiers.anyCase) {
    if (termPattern(term, 'giu').test(folded)) found.push(term)
  }
  for (const term of labels.rosterIdentifiers.capitalizedOnly) {
    for (const m of folded.matchAll(termPattern(term, 'gu'))) {
      const before = folded.slice(Math.max(0, m.index - 8), m.index)
      const after = folded.slice(m.index + term.length, m.index + term.length + 2)
      if (term === 'May' && (MONTH_CONTEXT.test(before) || /^ \d/.test(after))) continue
      found.push(term)
      break
    }
  }
  for (const [what, pattern] of [
    ['an email address', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}]{2,}/u],
    ['a phone number', /\+\d[\d ]{8,}/],
    ['a profile link', /linkedin\.com\/in|github\.com\/[a-z]/i],
  ] as const) {
    if (pattern.test(folded)) found.push(what)
  }
  return found
}

/** How many times the labelled names occur (any case, whole words). */
export function countNames(text: string, names: readonly string[]): number {
  const folded = testFold(text)
  return names.reduce(
    (sum, name) => sum + [...folded.matchAll(termPattern(testFold(name), 'giu'))].length,
    0,
  )
}
