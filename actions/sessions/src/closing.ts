import { createOnce } from '../../lib/github/idempotent.js'
import { isOwnBot, type Repository } from '../../lib/github/repository.js'

/**
 * Comments first, closes second: an issue stays open (and so in the next run's observation) until
 * its closing comment is certainly there. The comment is looked up by its marker first, so a run
 * that died between the two steps never posts it twice.
 */
export async function closeWithComment(
  github: Repository,
  issue: number,
  comment: string,
  closingMarker: string,
): Promise<void> {
  const hasClosing = async () =>
    (await github.listComments(issue)).find(
      (c) => isOwnBot(c.author) && c.body.includes(closingMarker),
    )
  if (!(await hasClosing())) {
    await createOnce({ create: () => github.createComment(issue, comment), lookup: hasClosing })
  }
  await github.updateIssue(issue, { state: 'closed', state_reason: 'completed' })
}

/** Two runs that raced both opened an issue; the later one is closed in favour of the first. */
export async function closeAsDuplicate(
  github: Repository,
  issue: number,
  keep: number,
): Promise<void> {
  await github.updateIssue(issue, {
    state: 'closed',
    state_reason: 'not_planned',
    body: `Duplicate of #${keep}; please use that issue.`,
  })
}
