import { parseIssue, type ParsedBody } from '@github/issue-parser'
import type { FormEntry, FormField } from './catalog.js'
import { optionText, type TemplateFields } from './template.js'

/** The answers of one submitted issue, read against the form it came from. */
export interface Answers {
  /** True when at least one of the form's questions appears in the body. */
  readonly found: boolean
  /** Whether the body has the question with this id (answered or `_No response_`). */
  has(id: string): boolean
  /** A free-text answer, trimmed; undefined when blank or `_No response_`. */
  text(id: string): string | undefined
  /**
   * The chosen options of a dropdown or checkbox list, as catalog values in form order.
   * `unknown` counts answers that match no option (e.g. a hand-edited "12").
   */
  choices(id: string): { values: string[]; unknown: number }
}

export function readAnswers(
  form: FormEntry,
  body: string,
  yaml: string,
  fields: TemplateFields,
): Answers {
  const parsed: ParsedBody = parseIssue(body, yaml)

  return {
    // A `_No response_` answer is present with an undefined value, so look at the keys.
    found: form.fields.some((field) => Object.hasOwn(parsed, field.id)),
    has: (id) => Object.hasOwn(parsed, id),
    text(id) {
      const value = parsed[id]
      if (typeof value === 'string') return value.trim() || undefined
      if (Array.isArray(value)) return value.join(', ').trim() || undefined
      return undefined
    },
    choices(id) {
      const template = fields[id]
      const answers = rawChoices(parsed[id], template?.multiple ?? false)
      const options = (template?.options ?? []).map(optionText)
      const values = new Set<string>()
      let unknown = 0
      for (const answer of answers) {
        const value = toCatalogValue(answer, options, fieldIn(form, id))
        if (value === undefined) unknown++
        else values.add(value)
      }
      const order = fieldIn(form, id)?.options?.map((option) => option.value) ?? []
      return { values: order.filter((value) => values.has(value)), unknown }
    },
  }
}

function fieldIn(form: FormEntry, id: string): FormField | undefined {
  return form.fields.find((field) => field.id === id)
}

function rawChoices(value: ParsedBody[string], multiple: boolean): string[] {
  if (value === undefined) return []
  if (typeof value === 'string') return value.trim() ? [value] : []
  // The parser splits a dropdown answer on commas; a single choice may contain one.
  if (Array.isArray(value)) return multiple ? value : value.length ? [value.join(', ')] : []
  return value.selected
}

/**
 * Options are matched by position in the group's own form first, so a reworded option keeps its
 * meaning; then by the catalog's default wording or value, for bodies written against the default.
 */
function toCatalogValue(
  answer: string,
  templateOptions: readonly string[],
  field: FormField | undefined,
): string | undefined {
  const options = field?.options ?? []
  const wanted = normalize(answer)
  const position = templateOptions.findIndex((option) => normalize(option) === wanted)
  if (position >= 0 && position < options.length) return options[position]?.value
  return options.find(
    (option) => normalize(option.label) === wanted || normalize(option.value) === wanted,
  )?.value
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}
