import {
  FORM_KINDS,
  FORMS,
  formShapes,
  GROUP_FIELD,
  SESSION_FIELD,
  type FormKind,
} from './catalog.js'
import { templateFields } from './template.js'

/** Labels as the REST API returns them (objects) or as plain names. */
export type IssueLabel = string | { name?: string | null }

export interface IssueLike {
  labels?: readonly IssueLabel[] | null
  body?: string | null
}

export interface Detection {
  kind: FormKind
  /** `label` when the form's label is on the issue, `headings` when the body's questions told. */
  by: 'label' | 'headings'
}

/** Form YAML by kind, as read from the repository; kinds left out use the catalog's headings. */
export type FormTemplates = Partial<Record<FormKind, string>>

/**
 * Which form an issue came from. GitHub adds the form's label on creation, so labels decide when
 * exactly one form label is present. Labels can be missing (a label that doesn't exist in the
 * repository is silently dropped) or removed later, so the body's `### ` headings are the fallback:
 * the form with the most of its own questions present wins, if it has at least two and no other
 * form has as many. Group and session headings are shared by all forms and don't count.
 */
export function detectForm(issue: IssueLike, templates: FormTemplates = {}): Detection | undefined {
  const labelled = formsLabelled(issue.labels ?? [])
  if (labelled.length === 1) return { kind: labelled[0] as FormKind, by: 'label' }
  const candidates = labelled.length > 1 ? labelled : FORM_KINDS
  const kind = bestByHeadings(issue.body ?? '', candidates, templates)
  return kind ? { kind, by: 'headings' } : undefined
}

function formsLabelled(labels: readonly IssueLabel[]): FormKind[] {
  const names = new Set(
    labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .map((name) => name.trim().toLowerCase()),
  )
  return FORM_KINDS.filter((kind) => names.has(FORMS[kind].label))
}

const MIN_MATCHING_HEADINGS = 2

function bestByHeadings(
  body: string,
  candidates: readonly FormKind[],
  templates: FormTemplates,
): FormKind | undefined {
  const present = headingsOf(body)
  let best: FormKind | undefined
  let bestCount = 0
  let tied = false
  for (const kind of candidates) {
    const count = ownHeadings(kind, templates).filter((heading) => present.has(heading)).length
    if (count > bestCount) {
      best = kind
      bestCount = count
      tied = false
    } else if (count === bestCount) {
      tied = true
    }
  }
  return bestCount >= MIN_MATCHING_HEADINGS && !tied ? best : undefined
}

function headingsOf(body: string): Set<string> {
  const headings = [...body.matchAll(/^###[ \t]*(.*?)[ \t]*\r?$/gm)].map((match) => match[1] ?? '')
  return new Set(headings.filter(Boolean).map(normalizeHeading))
}

/** A form's own headings: the repository's wording, plus the shipped wording of earlier shapes. */
function ownHeadings(kind: FormKind, templates: FormTemplates): string[] {
  const shared = new Set([GROUP_FIELD, SESSION_FIELD])
  const yaml = templates[kind]
  const [current, ...earlier] = formShapes(kind)
  const labels = [
    ...(yaml
      ? Object.entries(templateFields(kind, yaml))
          .filter(([id]) => !shared.has(id))
          .map(([, field]) => field.label)
      : (current ?? FORMS[kind]).fields.filter((f) => !shared.has(f.id)).map((f) => f.label)),
    ...earlier.flatMap((shape) =>
      shape.fields.filter((f) => !shared.has(f.id)).map((f) => f.label),
    ),
  ]
  return [...new Set(labels.map(normalizeHeading))]
}

function normalizeHeading(heading: string): string {
  return heading.trim().replace(/\s+/g, ' ').toLowerCase()
}
