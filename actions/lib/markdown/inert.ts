/**
 * Turns text someone typed (a member's note, an organizer's group name) into Markdown that renders
 * as exactly that text and does nothing else, for embedding in what the bot posts.
 *
 * - HTML is escaped, so `-->`, `<!--`, `<details>` or `<img>` cannot close the bot's markers or
 *   open elements; `&` is escaped too, so entities cannot smuggle them back in.
 * - Markdown punctuation that could open emphasis, links, images, code, math or table cells is
 *   backslash-escaped (`|` included, so a cell stays one cell).
 * - `@` before a login is dropped: the bot mentions nobody a member typed, only people it checked
 *   against the roster itself.
 * - Addresses GitHub would turn into links (`https://…`, `www.…`, `name@example.com`) get an
 *   invisible word joiner (U+2060) after `:`, `www` or `@`: they read the same, but GitHub's
 *   autolinker no longer sees a link, so nothing clickable appears under the bot's name.
 * - `{` and `}` become entities, so `{{ secrets }}` and `${{ }}` survive any later template pass
 *   as text; `<%= %>` is already inert once `<` is escaped.
 * - Control and bidirectional-override characters are removed and lines are joined (with `<br>`
 *   when `multiline`), so no line of user text can start a heading, list, quote or fence.
 * - `maxLength` cuts the text (in characters, before escaping) and marks the cut with "…".
 */
export interface InertOptions {
  maxLength?: number
  multiline?: boolean
}

/** Invisible, and breaks no word: what stands between an address and GitHub's autolinker. */
export const WORD_JOINER = '\u2060'

const CONTROL = /(?![\t\n\r])[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu
const MENTION_AT = /(?<![A-Za-z0-9])@+(?=[A-Za-z0-9])/g
const HTML: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '{': '&#123;',
  '}': '&#125;',
}
const SPECIAL = /[&<>"{}\\`*_[\]~|$]/g
/** `scheme://` (any scheme: GitHub links http, https and ftp; the rest cost nothing to defuse). */
const SCHEME = /([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g
const WWW = /(?<![A-Za-z0-9])(www)(?=\.)/gi
/** An address's `@`: a word character before it and a domain after it. */
const EMAIL_AT = /(?<=[A-Za-z0-9._%+-])@(?=[A-Za-z0-9-]+\.)/g

export function inertText(text: string, options: InertOptions = {}): string {
  const lines = truncate(text.replace(CONTROL, ''), options.maxLength)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
  const kept = options.multiline ? trimBlankEdges(lines) : lines.filter(Boolean)
  return kept
    .map(escapeLine)
    .join(options.multiline ? '<br>' : ' ')
    .trim()
}

/**
 * An organizer's text (a group name, a theme, a place) for an issue or pull request title. Titles
 * are plain text on GitHub (no links, mentions or HTML), so only what would garble them goes:
 * control characters, direction overrides and line breaks.
 */
export function titleText(text: string): string {
  return text.replace(CONTROL, '').replace(/\s+/g, ' ').trim()
}

function escapeLine(line: string): string {
  return line
    .replace(MENTION_AT, '')
    .replace(SPECIAL, (c) => HTML[c] ?? `\\${c}`)
    .replace(SCHEME, `$1:${WORD_JOINER}`)
    .replace(WWW, `$1${WORD_JOINER}`)
    .replace(EMAIL_AT, `@${WORD_JOINER}`)
}

function truncate(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined) return text
  const chars = Array.from(text.trim())
  return chars.length <= maxLength
    ? text
    : `${chars
        .slice(0, maxLength - 1)
        .join('')
        .trimEnd()}…`
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && lines[start] === '') start++
  while (end > start && lines[end - 1] === '') end--
  return lines.slice(start, end)
}
