import { matchCoaching } from '../../lib/coaching/match.js'
import { matchRequest } from '../../lib/coaching/network.js'
import { readSignUps } from '../../lib/coaching/proposal.js'
import { FORMS } from '../../lib/forms/catalog.js'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { checkProposal } from './group-files.js'
import type { GroupChange } from './plan-group-files.js'
import type { RunContext } from './run.js'

/*
 * `/match` on a coaching network's issue. The first job (issues only) sees a facilitator's
 * `/match`, acknowledges it with 👀 and, when the sign-ups give pairs the group file does not have
 * yet, asks the second job for the pull request; the second job matches again from the same
 * issues, so both propose the same pairs.
 */

export async function reconcileNetworkIssue(
  issue: Pick<IssueView, 'number'>,
  group: Group,
  context: RunContext,
): Promise<void> {
  const { github } = context
  const where = `#${issue.number}`
  const { comment, nonFacilitators } = matchRequest(group, await github.listComments(issue.number))
  if (nonFacilitators.length > 0)
    context.row(
      group.slug,
      '/match',
      where,
      `ignored from ${nonFacilitators.length} non-facilitator(s)`,
    )
  if (!comment) {
    context.row(group.slug, '/match', where, 'no /match by a facilitator yet')
    return
  }
  await context.mayWrite(group)
  await context.write(`acknowledge comment ${comment.id}`, () =>
    github.reactToComment(comment.id, 'eyes'),
  )
  const change = await pairsChange(group, issue.number, context)
  const check = await checkProposal(change, context)
  if (check.plan.action === 'none') {
    context.row(group.slug, 'pairs pull request', where, check.plan.reason)
    return
  }
  context.report.groupChanges.push({ slug: group.slug, kind: 'pairs', issue: issue.number })
  context.row(group.slug, 'pairs pull request', where, `to ${check.plan.action} in the next job`)
}

/** The pairs from every sign-up issue of the group (open or closed), as of this run. */
export async function pairsChange(
  group: Group,
  issue: number,
  context: RunContext,
): Promise<Extract<GroupChange, { kind: 'pairs' }>> {
  const form = context.deps.signUpForm
  if (form === undefined) {
    throw new Error(
      '.github/ISSUE_TEMPLATE/coaching-sign-up.yml is missing: copy it from the skill-share template so sign-ups can be read',
    )
  }
  const issues = await context.github.listIssues({
    labels: [FORMS['sign-up'].label],
    state: 'all',
  })
  const { signUps, refused } = readSignUps(issues, group, form)
  const match = matchCoaching({ group, signUps, refused, now: context.now })
  context.deps.log.info(
    `group ${group.slug}: ${signUps.length} sign-ups, ${match.proposed.length} pairs, ${match.unmatched.length} unmatched`,
  )
  return { kind: 'pairs', slug: group.slug, issue, match }
}
