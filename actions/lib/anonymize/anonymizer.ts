import { findContacts, type ContactContext } from './contact.js'
import { foldString, foldText, originalSpan } from './fold.js'
import { findOutsideNames, type SafetyNetOptions } from './outside.js'
import {
  REPLACEMENT_CATEGORIES,
  SURNAME_PARTICLES,
  type ReplacementCategory,
  type Roster,
} from './policy.js'
import { RosterMatcher } from './roster.js'

export type { SafetyNetOptions } from './outside.js'

/** What stands in for what was removed. Members get `Member A`, `Member B`, ... in `finish`. */
export const MARKERS = {
  members: '[a member]',
  employer: '[a company]',
  redact: '[redacted]',
  email: '[email]',
  phone: '[phone]',
  link: '[link removed]',
  outside: '[someone]',
} as const

export interface AnonymizerOptions {
  safetyNet?: SafetyNetOptions
}

export interface AnonymizationReport {
  /** How many spans were replaced, per category. */
  replacements: Record<ReplacementCategory, number>
  /**
   * Names the safety net replaced with `[someone]`, for reviewers to check in the pull request of a
   * private repository. Never log them.
   */
  flagged: string[]
}

export interface Anonymizer {
  /**
   * Replaces roster identifiers, contact details and outside names in one piece of text. Members
   * come out as placeholders so that texts can be merged and reordered before `finish` numbers
   * them; don't publish the result of `redact` itself.
   */
  redact(text: string): string
  /** `redact` for many texts in one pass (much faster than one call per text). */
  redactAll(texts: readonly string[]): string[]
  /** Turns placeholders into `Member A`, `Member B`, ... in order of first appearance in `text`. */
  finish(text: string): string
  report(): AnonymizationReport
}

const OPEN = '\uE000'
const CLOSE = '\uE001'
const PLACEHOLDER = /\uE000(\d+)\uE001/g
const PRIVATE_MARKS = /[\uE000\uE001\uE002]/g
/** Between texts redacted together: a paragraph break no name, address or sentence runs across. */
const BETWEEN = '\n\n\uE002\n\n'
const MARKUP = /[*_~`]/

interface Replacement {
  start: number
  end: number
  text: string
  category?: ReplacementCategory
}

/** One anonymizer per retrospective: pseudonyms stay consistent across all the texts it sees. */
export function createAnonymizer(roster: Roster, options: AnonymizerOptions = {}): Anonymizer {
  const matcher = new RosterMatcher(roster)
  const context: ContactContext = {
    logins: new Map(
      roster.members.map((m, member) => [foldString(m.github), member] as [string, number]),
    ),
    emails: new Map(
      roster.members.flatMap((m, member) =>
        m.email ? [[foldString(m.email), member] as [string, number]] : [],
      ),
    ),
  }
  const replacements = Object.fromEntries(REPLACEMENT_CATEGORIES.map((c) => [c, 0])) as Record<
    ReplacementCategory,
    number
  >
  const flagged = new Map<string, string>()
  /** Words of outside names found so far, looked for again everywhere (see findOutsideNames). */
  const known = new Set<string>()
  const flag = (name: string) => {
    const shown = name
      .replace(/[*_~`]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
    const key = shown.toLowerCase()
    if (!flagged.has(key)) flagged.set(key, shown)
  }
  const labels = new Map<string, string>()

  /** `text` holds no placeholder marks of its own (callers strip them). */
  const redactClean = (text: string): string => {
    const folded = foldText(text)
    const taken = new Uint8Array(text.length)
    const isTaken = (start: number, end: number) => {
      for (let i = start; i < end; i++) if (taken[i]) return true
      return false
    }
    const accepted: Replacement[] = []
    const accept = (r: Replacement) => {
      taken.fill(1, r.start, r.end)
      accepted.push(r)
    }

    const contacts = findContacts(folded, context)
      .map((c) => {
        const [start, end] = originalSpan(folded, text, c.from, c.to)
        return { ...c, start, end }
      })
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
    for (const c of contacts) {
      if (isTaken(c.start, c.end)) continue
      if (c.kind === 'link-markup') {
        accept({ start: c.start, end: c.end, text: '' })
        continue
      }
      const category = c.member === undefined ? 'contact' : c.kind === 'email' ? 'email' : 'login'
      const marker = c.kind === 'link-target' ? '' : MARKERS[c.kind]
      accept({ start: c.start, end: c.end, text: marker, category })
    }

    const members: Array<Replacement & { member?: number }> = []
    for (const m of matcher.find(folded, text)) {
      const [start, end] = originalSpan(folded, text, m.from, m.to)
      if (isTaken(start, end)) continue
      const replacement = m.stand === 'member' ? `${OPEN}${m.member}${CLOSE}` : MARKERS[m.stand]
      members.push({
        start,
        end,
        text: replacement,
        category: m.category,
        ...(m.member === undefined ? {} : { member: m.member }),
      })
    }
    for (const r of coalesce(members, text)) accept(absorbMarkup(r, text, taken))

    for (const name of findOutsideNames(text, isTaken, options.safetyNet, known)) {
      accept({ start: name.start, end: name.end, text: MARKERS.outside, category: 'outside' })
      flag(name.text)
    }

    accepted.sort((a, b) => a.start - b.start)
    let out = ''
    let at = 0
    for (const r of accepted) {
      out += text.slice(at, r.start) + r.text
      at = r.end
      if (r.category) replacements[r.category]++
    }
    return out + text.slice(at)
  }

  const finish = (text: string): string =>
    text.replace(PLACEHOLDER, (_, member: string) => {
      let label = labels.get(member)
      if (!label) {
        label = `Member ${pseudonymLetters(labels.size)}`
        labels.set(member, label)
      }
      return label
    })

  const redact = (text: string): string => redactClean(text.replace(PRIVATE_MARKS, ''))

  const redactAll = (texts: readonly string[]): string[] => {
    if (texts.length === 0) return []
    const parts = redactClean(texts.map((t) => t.replace(PRIVATE_MARKS, '')).join(BETWEEN)).split(
      BETWEEN,
    )
    if (parts.length !== texts.length)
      throw new Error('anonymize: texts could not be told apart after redaction')
    return parts
  }

  return {
    redact,
    redactAll,
    finish,
    report: () => ({ replacements: { ...replacements }, flagged: [...flagged.values()] }),
  }
}

/** Anonymizes one text on its own (a fresh set of pseudonyms). */
export function anonymize(
  text: string,
  roster: Roster,
  options: AnonymizerOptions = {},
): AnonymizationReport & { text: string } {
  const anonymizer = createAnonymizer(roster, options)
  const out = anonymizer.finish(anonymizer.redact(text))
  return { text: out, ...anonymizer.report() }
}

/** A, B, ..., Z, AA, AB, ... */
export function pseudonymLetters(index: number): string {
  let n = index
  let out = ''
  do {
    out = String.fromCharCode(65 + (n % 26)) + out
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return out
}

/**
 * "Ana Lima", "Ana **Lima**" or "Pieter van der Berg" found piecewise become one pseudonym, not
 * "Member A Member A".
 */
function coalesce<T extends Replacement & { member?: number }>(spans: T[], text: string): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  const out: T[] = []
  for (const span of sorted) {
    const last = out.at(-1)
    if (
      last &&
      last.member !== undefined &&
      last.member === span.member &&
      isNameGap(text.slice(last.end, span.start))
    ) {
      last.end = span.end
      continue
    }
    out.push({ ...span })
  }
  return out
}

function isNameGap(gap: string): boolean {
  // Spaces, emphasis marks and at most one line break: never across a paragraph.
  if (/^[ \t*_~`]*(?:\r?\n[ \t>*_~`]*)?$/.test(gap)) return gap.length <= 6
  const words = gap
    .replace(/[*_~`]/g, ' ')
    .trim()
    .split(/\s+/)
  return (
    words.every((w) => SURNAME_PARTICLES.has(w.toLowerCase())) && /^\s/.test(gap) && /\s$/.test(gap)
  )
}

/** A span with emphasis inside ("_Ana_ Lima") takes the marks around it too, so none dangle. */
function absorbMarkup(r: Replacement, text: string, taken: Uint8Array): Replacement {
  if (!MARKUP.test(text.slice(r.start, r.end))) return r
  let start = r.start
  let end = r.end
  while (start > 0 && !taken[start - 1] && MARKUP.test(text[start - 1] as string)) start--
  while (end < text.length && !taken[end] && MARKUP.test(text[end] as string)) end++
  return { ...r, start, end }
}
