import { parseTemplate, type FormattedField } from '@github/issue-parser'
import { FORMS, type FormKind } from './catalog.js'
import type { FormProblem } from './problems.js'

/** The form YAML itself is broken: a repository problem for the organizer, not the member. */
export class FormTemplateError extends Error {
  constructor(
    readonly template: string,
    reason: string,
  ) {
    super(`.github/ISSUE_TEMPLATE/${template}: ${reason}`)
    this.name = 'FormTemplateError'
  }
}

export type TemplateFields = Record<string, FormattedField>

/** The fields of a form's YAML, keyed by id (or by GitHub's slug of the label when id is absent). */
export function templateFields(kind: FormKind, yaml: string): TemplateFields {
  const { template } = FORMS[kind]
  try {
    return parseTemplate(yaml)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new FormTemplateError(template, `not a readable issue form (${reason})`)
  }
}

/** A template option's text, whether it came from a dropdown or a checkbox list. */
export function optionText(option: string | { label: string }): string {
  return typeof option === 'string' ? option : option.label
}

/**
 * Checks that a (possibly customized) form still has what the actions read: every field id with
 * its type, a single choice where one is expected, and the expected number of options.
 */
export function checkTemplate(kind: FormKind, yaml: string): FormProblem[] {
  const { template, fields: expected } = FORMS[kind]
  let fields: TemplateFields
  try {
    fields = templateFields(kind, yaml)
  } catch (error) {
    return [{ field: '', message: (error as Error).message }]
  }
  const problems: FormProblem[] = []
  for (const want of expected) {
    const have = fields[want.id]
    const needs = `${withArticle(want.type)}${want.options ? ` with ${want.options.length} options` : ''}`
    if (!have) {
      problems.push({
        field: want.id,
        message: `${template} has no field with id "${want.id}"; the actions need it (${needs}).`,
      })
      continue
    }
    if (have.type !== want.type) {
      problems.push({
        field: want.id,
        message: `"${want.id}" in ${template} is ${withArticle(have.type)}; the actions read it as ${needs}.`,
      })
      continue
    }
    if (have.multiple) {
      problems.push({
        field: want.id,
        message: `"${want.id}" in ${template} allows several answers; the actions expect exactly one (remove "multiple").`,
      })
    }
    const count = have.options?.length ?? 0
    if (want.options && count !== want.options.length) {
      const defaults = want.options.map((option) => option.label).join(', ')
      problems.push({
        field: want.id,
        message: `"${want.id}" in ${template} has ${count} options; the actions read them by position and expect ${want.options.length} (${defaults}), in that order.`,
      })
    }
  }
  return problems
}

function withArticle(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`
}
