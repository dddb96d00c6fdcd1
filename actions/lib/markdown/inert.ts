/**
 * Turns member-written text into Markdown that renders as exactly that text and does nothing else,
 * for embedding in what the bot posts (the status comment, replies).
 *
 * - HTML is escaped, so `-->`, `<!--`, `<details>` or `<img>` cannot close the bot's markers or
 *   open elements; `&` is escaped too, so entities cannot smuggle them back in.
 * - Markdown punctuation that could open emphasis, links, images, code, math or table cells is
 *   backslash-escaped (`|` included, so a cell stays one cell).
 * - `@` before a login is dropped: the bot mentions nobody a member typed, only people it checked
 *   against the roster itself. An `@` inside a word (an email address) cannot mention and stays.
 * - `{` and `}` become entities, so `{{ secrets }}` survives any later template pass as text;
 *   `<%= %>` is already inert once `<` is escaped.
 * - Control and bidirectional-override characters are removed and lines are joined (with `<br>`
 *   when `multiline`), so no line of user text can start a heading, list, quote or fence.
 * - `maxLength` cuts the text (in characters, before escaping) and marks the cut with "…".
 */
export interface InertOptions {
  maxLength?: number
  multiline?: boolean
}

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

function escapeLine(line: string): string {
  return line.replace(MENTION_AT, '').replace(SPECIAL, (c) => HTML[c] ?? `\\${c}`)
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
