import { FORMS, type FormKind } from '../forms/catalog.js'
import { readSubmission } from '../forms/read.js'
import type { SubmissionOf } from '../forms/submissions.js'
import type { Group } from '../group-file/schema.js'
import type { IssueView, Repository } from '../github/repository.js'

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
 * The accepted submissions of one kind for one group, read back from the issues themselves (the
 * forms action keeps no other record): issues labelled `<kind>` and `group:<slug>`, open or
 * closed, without `needs-fix`, written by a member of the group and still a valid form.
 * Oldest first; a member may have several (one per session, or a resubmission): callers decide.
 */
export async function collectSubmissions<K extends FormKind>(
  github: Repository,
  options: CollectOptions<K>,
): Promise<Array<CollectedSubmission<K>>> {
  const issues = await github.listIssues({
    labels: [FORMS[options.kind].label, `group:${options.group.slug}`],
    state: 'all',
  })
  return readSubmissions(issues, options)
}

/** The pure half of collectSubmissions: which of these issues are accepted submissions. */
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
