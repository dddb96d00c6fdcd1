import { FORMS, type FormKind } from '../forms/catalog.js'
import {
  readSubmissions,
  type CollectedSubmission,
  type CollectOptions,
} from '../submissions/collect.js'
import type { Repository } from './repository.js'

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
