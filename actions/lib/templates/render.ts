import type { FrontMatterDocument } from './front-matter.js'

/** Values a template may use. Strings are inserted as they are and never evaluated again. */
export type TemplateContext = Record<string, string | number | undefined>

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
export function fillPlaceholders(text: string, context: TemplateContext): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = context[name]
    return value === undefined ? '' : String(value)
  })
}

/** Placeholders a template uses that the context does not provide (for `skill-share validate`). */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string)
  return [...new Set(names.filter((name) => !known.includes(name)))]
}

export function renderIssue(
  template: FrontMatterDocument,
  context: TemplateContext,
): RenderedIssue {
  const title = fillPlaceholders(String(template.data['title'] ?? ''), context)
    .replace(/\s+/g, ' ')
    .replace(/( · )+$/, '')
    .trim()
  const labels = Array.isArray(template.data['labels']) ? template.data['labels'].map(String) : []
  const body = `${fillPlaceholders(template.content, context).trim()}\n`
  return { title, labels, body }
}
