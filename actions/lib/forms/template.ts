import { parseTemplate, type FormattedField } from '@github/issue-parser'
import { stringify } from 'yaml'
import { FORMS, formShapes, type FormEntry, type FormKind } from './catalog.js'
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
 * its type, a single choice where one is expected, and the expected number of options. A form in
 * an earlier shape the actions still read (homework's score form) passes as it is.
 */
export function checkTemplate(kind: FormKind, yaml: string): FormProblem[] {
  let fields: TemplateFields
  try {
    fields = templateFields(kind, yaml)
  } catch (error) {
    return [{ field: '', message: (error as Error).message }]
  }
  const [current, ...earlier] = formShapes(kind)
  const problems = shapeProblems(current ?? FORMS[kind], fields)
  if (problems.length === 0) return []
  if (earlier.some((shape) => shapeProblems(shape, fields).length === 0)) return []
  return problems
}

/**
 * Which of the form's shapes a repository's YAML has: the shape with the largest share of its
 * fields present (by id and type); on a tie the newest. A customized form keeps its shape.
 */
export function shapeOfTemplate(kind: FormKind, fields: TemplateFields): FormEntry {
  const shapes = formShapes(kind)
  let best = shapes[0] ?? FORMS[kind]
  let bestFit = -1
  for (const shape of shapes) {
    const count = shape.fields.filter((field) => fields[field.id]?.type === field.type).length
    const fit = count / shape.fields.length
    if (fit > bestFit) {
      best = shape
      bestFit = fit
    }
  }
  return best
}

/** The shipped YAML of a form shape, for reading an issue written on a shape the repository no longer has. */
export function defaultFormYaml(shape: FormEntry): string {
  return stringify({
    name: shape.name,
    description: shape.name,
    body: shape.fields.map((field) => ({
      type: field.type,
      id: field.id,
      attributes: {
        label: field.label,
        ...(field.options
          ? {
              options:
                field.type === 'checkboxes'
                  ? field.options.map((option) => ({ label: option.label }))
                  : field.options.map((option) => option.label),
            }
          : {}),
      },
      validations: { required: field.required },
    })),
  })
}

function shapeProblems(shape: FormEntry, fields: TemplateFields): FormProblem[] {
  const { template, fields: expected } = shape
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
