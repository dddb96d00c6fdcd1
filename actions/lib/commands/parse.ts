/**
 * Finds slash commands in a comment body, the way a reader sees them on GitHub.
 *
 * A command is a line that starts with `/name` (after at most three spaces; four or a tab make an
 * indented code block). Only what renders as plain text counts: lines inside fenced code (``` or
 * ~~~, an unclosed fence runs to the end), indented code, block quotes (`>` at any depth), HTML
 * comments (an unclosed one runs to the end), `<pre>`-style raw blocks and multi-line inline code
 * spans are skipped, and a `/name` in the middle of a sentence is just text. A line right after a
 * quote that does not itself start with `>` counts as a command, even though Markdown would render
 * it as a lazy continuation of the quote: "a line that starts with /" is the rule people can see.
 *
 * Unicode policy. Only the command token (the slash and the name) is NFKC-normalised, so an IME
 * user's fullwidth `／ｒｓｖｐ` works exactly like `/rsvp`; look-alike slashes without a
 * compatibility mapping (division slash `∕`, fraction slash `⁄`) are not slashes and the line is
 * text. A name that still contains non-ASCII letters after NFKC (a Cyrillic `р` in `/rsvр`) is
 * returned as written so the caller can answer "unknown command", but it never matches a known
 * command and is never executed (see `isAsciiName`).
 *
 * The work is bounded: the body is cut at GitHub's 65,536-character comment limit, every pass is
 * linear in its length, and at most `MAX_COMMANDS_PER_COMMENT` commands are returned.
 */

export interface ParsedCommand {
  /** Lower-case name without the slash, after NFKC. */
  name: string
  /** Whitespace-separated words after the name, NFKC-normalised (keywords, numbers, logins). */
  args: string[]
  /** The rest of the line after the name exactly as typed, trimmed (free text). */
  rest: string
  /** The lines after the command up to the next command or the end, trimmed (multi-line notes). */
  block: string
  /** 1-based line number within the comment. */
  line: number
}

export interface ParseOptions {
  /** How many commands to honour; the rest of the comment is ignored. */
  limit?: number
}

export const MAX_COMMENT_CHARS = 65_536
export const MAX_COMMANDS_PER_COMMENT = 20
export const MAX_NAME_LENGTH = 32

type LineKind = 'text' | 'blank' | 'ignored'

interface Fence {
  char: '`' | '~'
  length: number
  /** Deepest indentation a closing fence may have (list items indent their content). */
  maxCloseIndent: number
}

const COMMAND_LINE = /^[ \u3000]{0,3}[/\uFF0F]([^\s/\uFF0F]{1,64})(?=\s|$)(.*)$/
const NAME = new RegExp(`^\\p{L}[\\p{L}\\p{N}_-]{0,${MAX_NAME_LENGTH - 1}}$`, 'u')
const ASCII_NAME = /^[a-z][a-z0-9_-]*$/
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])( {1,4})/
const RAW_BLOCK = /^<(pre|script|style|textarea)(?=[\s>]|$)/i
const BACKTICKS = /`+/g

export function parseCommands(body: string, options: ParseOptions = {}): ParsedCommand[] {
  const limit = options.limit ?? MAX_COMMANDS_PER_COMMENT
  if (limit <= 0 || !body) return []
  const lines = body.slice(0, MAX_COMMENT_CHARS).split(/\r\n|\r|\n/)
  const kinds = classifyLines(lines)
  hideInlineCodeContinuations(lines, kinds)

  const found: Array<{ index: number; token: string; tail: string }> = []
  for (let i = 0; i < lines.length && found.length <= limit; i++) {
    if (kinds[i] !== 'text') continue
    const match = COMMAND_LINE.exec(lines[i] as string)
    if (!match) continue
    const token = (match[1] as string).normalize('NFKC')
    if (!NAME.test(token)) continue
    found.push({ index: i, token, tail: match[2] as string })
  }

  return found.slice(0, limit).map((hit, k) => {
    const next = found[k + 1]?.index ?? lines.length
    const rest = hit.tail.trim()
    return {
      name: hit.token.toLowerCase(),
      args: rest.normalize('NFKC').split(/\s+/).filter(Boolean),
      rest,
      block: lines
        .slice(hit.index + 1, next)
        .join('\n')
        .trim(),
      line: hit.index + 1,
    }
  })
}

/** True when a parsed name is plain ASCII, the only kind that can name a known command. */
export function isAsciiName(name: string): boolean {
  return ASCII_NAME.test(name)
}

function classifyLines(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = []
  let fence: Fence | undefined
  let inComment = false
  let rawEnd: string | undefined
  let previous: LineKind = 'blank'
  for (const line of lines) {
    const kind = classify(line)
    kinds.push(kind)
    previous = kind
  }
  return kinds

  function classify(line: string): LineKind {
    if (fence) {
      if (closesFence(line, fence)) fence = undefined
      return 'ignored'
    }
    if (inComment) {
      inComment = endsInsideComment(line, true)
      return 'ignored'
    }
    if (rawEnd !== undefined) {
      if (line.toLowerCase().includes(rawEnd)) rawEnd = undefined
      return 'ignored'
    }
    if (line.trim() === '') return 'blank'
    const indent = indentation(line)
    // An indented line cannot start a code block in the middle of a paragraph: it continues it.
    if (indent.columns >= 4) {
      if (previous !== 'text') return 'ignored'
      inComment = endsInsideComment(line, false)
      return 'text'
    }
    const content = line.slice(indent.chars)
    const opened = openFence(content, indent.columns)
    if (opened) {
      fence = opened
      return 'ignored'
    }
    if (content.startsWith('>')) return 'ignored'
    if (content.startsWith('<!--')) {
      inComment = endsInsideComment(line, false)
      return 'ignored'
    }
    const raw = RAW_BLOCK.exec(content)
    if (raw) {
      const end = `</${(raw[1] as string).toLowerCase()}>`
      if (!content.toLowerCase().includes(end)) rawEnd = end
      return 'ignored'
    }
    // A comment opened mid-line hides the following lines; the line itself starts as text.
    inComment = endsInsideComment(line, false)
    return 'text'
  }
}

function indentation(line: string): { columns: number; chars: number } {
  let columns = 0
  let chars = 0
  for (; chars < line.length; chars++) {
    const c = line[chars]
    if (c === ' ' || c === '\u3000') columns++
    else if (c === '\t') columns += 4 - (columns % 4)
    else break
    if (columns >= 4) return { columns, chars: chars + 1 }
  }
  return { columns, chars }
}

function openFence(content: string, indent: number): Fence | undefined {
  const list = LIST_MARKER.exec(content)
  const offset = list ? list[0].length : 0
  const match = FENCE_OPEN.exec(content.slice(offset))
  if (!match) return undefined
  const run = match[1] as string
  const char = run[0] as '`' | '~'
  // ```foo``` on one line is inline code, not a fence: a backtick fence's info has no backticks.
  if (char === '`' && (match[2] as string).includes('`')) return undefined
  return { char, length: run.length, maxCloseIndent: (list ? indent + offset : 0) + 3 }
}

function closesFence(line: string, fence: Fence): boolean {
  const indent = indentation(line)
  if (indent.columns > fence.maxCloseIndent) return false
  const content = line.slice(indent.chars).trimEnd()
  if (content.length < fence.length) return false
  for (const c of content) if (c !== fence.char) return false
  return true
}

/** Follows `<!--` and `-->` through one line; returns whether the line ends inside a comment. */
function endsInsideComment(line: string, startsInside: boolean): boolean {
  let inside = startsInside
  let from = 0
  for (;;) {
    if (inside) {
      const end = line.indexOf('-->', from)
      if (end < 0) return true
      from = end + 3
      inside = false
    } else {
      const start = line.indexOf('<!--', from)
      if (start < 0) return false
      from = start + 4
      inside = true
    }
  }
}

interface BacktickRun {
  line: number
  length: number
}

/**
 * Inline code can span lines within a paragraph: "`` `a ``" on one line and "/rsvp yes`" on the
 * next render as code. Pairs backtick runs of equal length in one linear pass per paragraph and
 * hides every line that starts inside a span.
 */
function hideInlineCodeContinuations(lines: readonly string[], kinds: LineKind[]): void {
  for (let start = 0; start < lines.length;) {
    if (kinds[start] !== 'text') {
      start++
      continue
    }
    let end = start
    while (end < lines.length && kinds[end] === 'text') end++
    hideInParagraph(lines, kinds, start, end)
    start = end
  }
}

function hideInParagraph(lines: readonly string[], kinds: LineKind[], from: number, to: number) {
  const runs: BacktickRun[] = []
  for (let i = from; i < to; i++) {
    const line = lines[i] as string
    for (const match of line.matchAll(BACKTICKS)) {
      const escaped = precededByOddBackslashes(line, match.index)
      const length = match[0].length - (escaped ? 1 : 0)
      if (length > 0) runs.push({ line: i, length })
    }
  }
  if (runs.length < 2) return
  const nextSameLength = new Array<number>(runs.length).fill(-1)
  const lastSeen = new Map<number, number>()
  for (let r = runs.length - 1; r >= 0; r--) {
    const length = (runs[r] as BacktickRun).length
    nextSameLength[r] = lastSeen.get(length) ?? -1
    lastSeen.set(length, r)
  }
  for (let r = 0; r < runs.length;) {
    const closer = nextSameLength[r] as number
    if (closer < 0) {
      r++
      continue
    }
    const open = (runs[r] as BacktickRun).line
    const close = (runs[closer] as BacktickRun).line
    for (let l = open + 1; l <= close; l++) kinds[l] = 'ignored'
    r = closer + 1
  }
}

function precededByOddBackslashes(line: string, index: number): boolean {
  let count = 0
  for (let i = index - 1; i >= 0 && line[i] === '\\'; i--) count++
  return count % 2 === 1
}
