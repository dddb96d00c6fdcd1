import { inertText, titleText } from '../markdown/inert.js'
import type { FrontMatterDocument } from './front-matter.js'

/**
 * Text someone typed (the organizer's group name, theme or place): shown as exactly that text,
 * never as a link, mention or HTML. In a title it is plain; in a body it is made inert Markdown.
 */
export interface TypedText {
  typed: string
}

export function typed(text: string): TypedText {
  return { typed: text }
}

/**
 * Values a template may use. Strings are the bot's own Markdown, inserted as they are; `typed()`
 * values are someone's text. Nothing is evaluated again.
 */
export type TemplateContext = Record<string, string | number | TypedText | undefined>

export interface RenderedIssue {
  title: string
  labels: string[]
  body: string
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g

/**
 * Fills `{{ name }}` placeholders in one pass. Values are never re-scanned, so a member who writes
 * `{{ secrets }}` or `<%= %>` in an answer sees it printed, not evaluated. There is no logic in
 * templates: anything conditional is computed in code and passed in as a value.
 */
export function fillPlaceholders(
  text: string,
  context: TemplateContext,
  into: 'markdown' | 'title' = 'markdown',
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = context[name]
    if (value === undefined) return ''
    if (typeof value === 'object')
      return into === 'title' ? titleText(value.typed) : inertText(value.typed)
    return String(value)
  })
}

/** Where a placeholder is used in a template file, 1-based, front matter included. */
export interface PlaceholderUse {
  name: string
  line: number
  col: number
}

/** Every `{{ name }}` in a whole template file (front matter and body), with its line and column. */
export function placeholderUses(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => {
    const before = text.slice(0, match.index)
    const lineStart = before.lastIndexOf('\n') + 1
    return {
      name: match[1] as string,
      line: before.split('\n').length,
      col: match.index - lineStart + 1,
    }
  })
}

export function renderIssue(
  template: FrontMatterDocument,
  context: TemplateContext,
): RenderedIssue {
  const title = fillPlaceholders(String(template.data['title'] ?? ''), context, 'title')
    .replace(/\s+/g, ' ')
    .replace(/( · )+$/, '')
    .trim()
  const labels = Array.isArray(template.data['labels']) ? template.data['labels'].map(String) : []
  const body = `${fillPlaceholders(template.content, context).trim()}\n`
  return { title, labels, body }
}
