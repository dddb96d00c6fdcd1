import { FORMS, type FormEntry, type FormKind } from './catalog.js'

export type Answers = Readonly<Record<string, string | readonly string[] | undefined>>

/**
 * An issue body exactly as GitHub writes it when a form is submitted: a `### Label` heading per
 * field, the answer, `_No response_` for an empty one, and `- [X]` lines for checkboxes (answers
 * are option values). The rehearsal uses it to play members; tests use it for realistic input.
 * `shape` writes a body on an earlier shape of the form, e.g. homework's score form.
 */
export function renderFormBody(
  kind: FormKind,
  answers: Answers,
  shape: FormEntry = FORMS[kind],
): string {
  return shape.fields
    .map((field) => {
      const answer = answers[field.id]
      if (field.type === 'checkboxes') {
        const ticked = new Set(Array.isArray(answer) ? answer : answer ? [answer] : [])
        const lines = (field.options ?? []).map(
          (o) => `- [${ticked.has(o.value) ? 'X' : ' '}] ${o.label}`,
        )
        return `### ${field.label}\n\n${lines.join('\n')}`
      }
      const option = field.options?.find((o) => o.value === answer)
      const text =
        option?.label ?? (typeof answer === 'string' && answer.trim() ? answer : '_No response_')
      return `### ${field.label}\n\n${text}`
    })
    .join('\n\n')
}
