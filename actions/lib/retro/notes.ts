import { parseFrontMatter } from '../templates/front-matter.js'
import type { NotesComment, NotesFile, RetroSession, Section } from './types.js'

/** One thing someone wrote down: a bullet or a paragraph. */
export interface Point {
  section: Section
  text: string
  session?: number
}

export interface ReadNotes {
  points: Point[]
  problems: string[]
}

/** Headings, checked in this order ("What didn't work" is hard, not worked). */
const HEADING_SECTIONS: Array<[RegExp, Section]> = [
  [
    /\b(hard|difficult|challeng|struggl|didn.?t work|did not work|went wrong|problems?|issues?|improve|frustrat|tough|obstacles?)/,
    'hard',
  ],
  [/\b(learn|lessons?|insights?|realiz|realis|discover)/, 'learned'],
  [/\b(stor(y|ies)|takeaways?|anecdotes?|examples?|quotes?)/, 'stories'],
  [/\b(work(ed|s)?|went well|good|positive|highlights?|keep|liked|wins?|helped)\b/, 'worked'],
]

/** Free text, sorted by its words ("I learned..." before "it was hard..."). */
const KEYWORD_SECTIONS: Array<[RegExp, Section]> = [
  [
    /\b(learn(ed|t|ing)?|lessons?|realiz\w*|realis\w*|insights?|discovered|now i know)\b/,
    'learned',
  ],
  [
    /\b(hard|difficult|struggl\w*|challeng\w*|didn.?t work|did not work|went wrong|frustrat\w*|painful|tough|fizzled|stuck|awkward)\b/,
    'hard',
  ],
  [
    /\b(worked( well)?|went well|helped|helpful|liked|loved|great|useful|effective|energi[sz]ing)\b/,
    'worked',
  ],
]

const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/
const FENCE = /^\s{0,3}(```|~~~)/
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/

/** Reads notes files (front matter optional) into points. */
export function readNotesFiles(
  files: readonly NotesFile[],
  sessions: readonly RetroSession[],
): ReadNotes {
  const points: Point[] = []
  const problems: string[] = []
  for (const file of files) {
    let content = file.text
    let data: Record<string, unknown> = {}
    try {
      ;({ data, content } = parseFrontMatter(file.text, file.path))
    } catch (e) {
      problems.push(e instanceof Error ? e.message : `${file.path}: front matter could not be read`)
      content = file.text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '')
    }
    const session = sessionOf(file.path, data, sessions)
    points.push(...readMarkdown(content, session))
  }
  return { points, problems }
}

/** Reads `/notes` comments into points. */
export function readComments(comments: readonly NotesComment[]): Point[] {
  return comments.flatMap((c) => readMarkdown(c.body, c.session))
}

/** `session: 3` or `date: 2026-09-20` in the front matter, else a number or date in the file name. */
function sessionOf(
  path: string,
  data: Record<string, unknown>,
  sessions: readonly RetroSession[],
): number | undefined {
  const numbered = Number(data['session'])
  if (Number.isInteger(numbered) && numbered > 0) return numbered
  const byDate = (date: string) => sessions.find((s) => s.date === date)?.number
  const date =
    data['date'] instanceof Date
      ? data['date'].toISOString().slice(0, 10)
      : String(data['date'] ?? '')
  const dated = byDate(date) ?? byDate(/(\d{4}-\d{2}-\d{2})/.exec(path)?.[1] ?? '')
  if (dated !== undefined) return dated
  const named = /(?:session|week|s)[-_ ]?0*(\d{1,3})(?!\d)/i.exec(path.split('/').pop() ?? '')
  return named ? Number(named[1]) : undefined
}

/** Splits markdown into points: each list item and each paragraph, under the section its heading names. */
export function readMarkdown(markdown: string, session?: number): Point[] {
  const points: Point[] = []
  let section: Section | undefined
  let current: string[] = []
  let currentIndent = -1
  let inFence = false
  const flush = () => {
    if (current.length === 0) return
    // Line breaks stay until anonymization: a name may be hyphenated across them ("Kowal-\nski").
    let text = current.length === 1 ? (current[0] as string) : current.join('\n')
    if (text.includes('  ') || text.includes('\t')) text = text.replace(/[ \t]+/g, ' ')
    text = text.trim()
    if (text.includes('; ')) text = text.replace(/\s+; /g, '; ')
    current = []
    currentIndent = -1
    if (!/[\p{L}\p{N}]{2}/u.test(text)) return
    const kind = section ?? classify(text)
    points.push(session === undefined ? { section: kind, text } : { section: kind, text, session })
  }
  for (const raw of stripComments(markdown).split(/\r?\n/)) {
    // Dispatch on the first character: most lines are plain text or a bullet.
    const first = raw.trimStart().charAt(0)
    if ((first === '`' || first === '~') && FENCE.test(raw)) {
      flush()
      inFence = !inFence
      continue
    }
    if (inFence) continue
    const line = first === '>' ? raw.replace(/^\s*(?:>\s?)+/, '') : raw
    const lead = first === '>' ? line.trimStart().charAt(0) : first
    const heading = lead === '#' ? HEADING.exec(line) : null
    if (heading) {
      flush()
      section = sectionOfHeading(heading[1] as string)
      continue
    }
    if (
      lead === '' ||
      ('|:-*_'.includes(lead) &&
        (TABLE_RULE.test(line) || /^\s*(?:---+|\*\*\*+|___+)\s*$/.test(line)))
    ) {
      flush()
      continue
    }
    const item = '-*+0123456789'.includes(lead) ? LIST_ITEM.exec(line) : null
    if (item) {
      const indent = (item[1] as string).length
      // A nested bullet elaborates its parent: keep them together.
      if (current.length > 0 && currentIndent >= 0 && indent > currentIndent) {
        current.push(`; ${item[2] as string}`)
        continue
      }
      flush()
      current.push(item[2] as string)
      currentIndent = indent
      continue
    }
    const text = line.trim()
    current.push(
      text.includes('|') ? text.replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*/g, ' · ') : text,
    )
  }
  flush()
  return points
}

function stripComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
}

function sectionOfHeading(title: string): Section | undefined {
  const lower = title.toLowerCase()
  return HEADING_SECTIONS.find(([pattern]) => pattern.test(lower))?.[1]
}

/** Where a point written without a known heading goes; stories by default. */
export function classify(text: string): Section {
  const lower = text.toLowerCase()
  return KEYWORD_SECTIONS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'stories'
}
