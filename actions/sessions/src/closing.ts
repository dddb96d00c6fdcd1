import { createOnce } from '../../lib/github/idempotent.js'
import { withLease } from '../../lib/github/lease.js'
import { isOwnBot, type Repository } from '../../lib/github/repository.js'

/**
 * Comments first, closes second: an issue stays open (and so in the next run's observation) until
 * its closing comment is certainly there. The comment is looked up by its marker first, so a run
 * that died between the two steps never posts it twice; the look-up and the post happen under a
 * lease, so two runs at once never both post it. A duplicate left by an older version is removed.
 * `exclusively` is the caller's lease when it holds one for the whole run; by default the comment
 * gets a lease of its own.
 */
export async function closeWithComment(
  github: Repository,
  issue: number,
  comment: string,
  closingMarker: string,
  exclusively: (section: () => Promise<void>) => Promise<void> = (section) =>
    withLease(github, `closing comment on #${issue}`, section),
  /**
   * How many comments the issue has, as last listed under the caller's lease (undefined when not
   * known): with none, there is no closing comment to look for.
   */
  commentCount: () => number | undefined = () => undefined,
): Promise<void> {
  const closings = async () =>
    (await github.listComments(issue)).filter(
      (c) => isOwnBot(c.author) && c.body.includes(closingMarker),
    )
  await exclusively(async () => {
    const [first, ...extra] = commentCount() === 0 ? [] : await closings()
    if (!first) {
      await createOnce({
        create: () => github.createComment(issue, comment),
        lookup: async () => (await closings())[0],
      })
    }
    for (const duplicate of extra) await github.deleteComment(duplicate.id)
  })
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
