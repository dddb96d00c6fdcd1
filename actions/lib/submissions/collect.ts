import { FORMS, type FormKind } from '../forms/catalog.js'
import { readSubmission } from '../forms/read.js'
import type { SubmissionOf } from '../forms/submissions.js'
import type { Group } from '../group-file/schema.js'
import type { IssueView } from '../github/repository.js'

/** Label of a submission the forms action found problems in; it counts nowhere until fixed. */
export const NEEDS_FIX_LABEL = 'needs-fix'

export interface CollectedSubmission<K extends FormKind> {
  issue: IssueView
  /** The author's login as GitHub spells it. */
  author: string
  submission: SubmissionOf<K>
}

export interface CollectOptions<K extends FormKind> {
  kind: K
  group: Group
  /** The form's YAML as the repository has it (see loadFormTemplates). */
  formYaml: string
}

/**
 * Which of these issues are accepted submissions (collectSubmissions in github/submissions.ts
 * lists them from GitHub).
 */
export function readSubmissions<K extends FormKind>(
  issues: readonly IssueView[],
  { kind, group, formYaml }: CollectOptions<K>,
): Array<CollectedSubmission<K>> {
  const members = new Set(group.members.map((m) => m.github.toLowerCase()))
  const slug = group.slug.toLowerCase()
  return [...issues]
    .filter(
      (issue) =>
        !issue.isPullRequest &&
        issue.author.type !== 'Bot' &&
        members.has(issue.author.login.toLowerCase()) &&
        issue.labels.some((l) => l.name === FORMS[kind].label) &&
        !issue.labels.some((l) => l.name === NEEDS_FIX_LABEL),
    )
    .sort((a, b) => a.number - b.number)
    .flatMap((issue) => {
      const read = readSubmission(kind, issue.body, formYaml)
      if (!read.ok || read.submission.group.toLowerCase() !== slug) return []
      return [{ issue, author: issue.author.login, submission: read.submission }]
    })
}
