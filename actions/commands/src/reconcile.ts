import { isAssigneeRefusal, NOT_ASSIGNABLE } from '../../lib/github/assignees.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { isBudgetExhausted } from '../../lib/github/rate-limit.js'
import { isOwnBot, type CommentView, type ReactionView } from '../../lib/github/repository.js'
import { findMarker } from '../../lib/markers/markers.js'
import { recordedVotes, statusExtras } from '../../lib/github/status-extras.js'
import { findStatusComment, refreshStatus } from '../../lib/github/status.js'
import { identifyNetworkIssue } from '../../lib/coaching/network.js'
import { checkProposal } from './group-files.js'
import { reconcileNetworkIssue } from './network.js'
import {
  identifyIssue,
  planIssue,
  REPLY_MARKER,
  replyMarker,
  statusMarkerFor,
  type CommandIssue,
  type IssuePlan,
} from './plan.js'
import { continueChange, themesChange, type GroupChange } from './plan-group-files.js'
import type { CommandsInputs, RunContext } from './run.js'

/**
 * Reconciles one issue with its comments. Nothing is remembered between runs: the state is rebuilt
 * from every comment and reaction, and GitHub is brought in line with it (replies, assignees, the
 * status comment, closing a skipped session), so a rerun, a missed event or an edit converges.
 */
export async function reconcileIssue(
  number: number,
  trigger: CommandsInputs['trigger'],
  context: RunContext,
): Promise<void> {
  const { github, deps } = context
  const issue = await github.getIssue(number)
  const target = identifyIssue(issue, deps.groups, context.now)
  const network = target ? undefined : identifyNetworkIssue(issue, deps.groups)
  if (network) {
    try {
      await reconcileNetworkIssue(issue, network, context)
    } catch (e) {
      context.fail(network.slug, e)
    }
    return
  }
  if (!target) {
    context.row('-', 'issue', `#${number}`, 'not a skill-share issue with commands; nothing to do')
    return
  }
  const slug = target.group.slug
  try {
    const comments = await github.listComments(number)
    // A 👍 on a session is an RSVP, on the ground rules an agreement; pair issues ignore them.
    const reactions = target.type === 'check-in' ? [] : await github.listIssueReactions(number)
    const plan = planIssue({
      target,
      issue,
      comments,
      reactions,
      ...(trigger ? { trigger } : {}),
      now: context.now,
    })
    if (hasWrites(plan)) await context.mayWrite(target.group)
    const created = await applyPlan(number, target, plan, { comments, reactions }, context)
    if (created && !context.dryRun) await settle(number, target, latest(comments), context)
    if (plan.skip) {
      await context.write(`close #${number} as not planned`, () =>
        github.updateIssue(number, { state: 'closed', state_reason: 'not_planned' }),
      )
      context.row(slug, 'skip', `#${number}`, 'closed as not planned')
    }
    await requestProposal(number, target, plan, context)
  } catch (e) {
    // The hour's requests ran out: the next comment on the issue, or a rerun, brings it in line.
    if (isBudgetExhausted(e))
      context.wait({
        group: slug,
        what: `#${number}`,
        dueAt: context.now.toISOString(),
        reason: e.message,
      })
    else context.fail(slug, e)
  }
}

/** When the newest of the comments read was created. */
function latest(comments: readonly CommentView[]): string | undefined {
  return comments
    .map((c) => c.createdAt)
    .sort()
    .at(-1)
}

function hasWrites(plan: IssuePlan): boolean {
  const { create, update, remove } = plan.replies
  return (
    create.length + update.length + remove.length + plan.duplicates.length > 0 ||
    plan.acknowledge !== undefined ||
    plan.assignees !== undefined ||
    plan.skip !== undefined ||
    plan.status
  )
}

/** Applies the plan; returns whether a comment was created (then a racing run may have made one too). */
async function applyPlan(
  number: number,
  target: CommandIssue,
  plan: IssuePlan,
  seen: { comments: readonly CommentView[]; reactions: readonly ReactionView[] },
  context: RunContext,
): Promise<boolean> {
  const { github } = context
  const slug = target.group.slug
  let created = false
  for (const id of plan.duplicates) {
    await context.write(`delete the duplicate comment ${id}`, () => github.deleteComment(id))
    context.row(slug, 'duplicate', `#${number}`, `removed comment ${id}`)
  }
  for (const reply of plan.replies.remove) {
    await context.write(`delete the reply to ${reply.to}`, () => github.deleteComment(reply.id))
    context.row(slug, 'reply', `#${number}`, `removed (comment ${reply.to} needs none now)`)
  }
  for (const reply of plan.replies.update) {
    await context.write(`edit the reply to ${reply.to}`, () =>
      github.updateComment(reply.id, reply.body),
    )
    context.row(slug, 'reply', `#${number}`, `updated (to comment ${reply.to})`)
  }
  for (const reply of plan.replies.create) {
    const mark = replyMarker(reply.to)
    const done = await context.write(`reply to comment ${reply.to}`, () =>
      createOnce({
        create: () => github.createComment(number, reply.body),
        lookup: async () =>
          (await github.listComments(number)).find(
            (c) => isOwnBot(c.author) && c.body.includes(mark),
          ),
      }),
    )
    created ||= done === 'done'
    context.row(slug, 'reply', `#${number}`, `posted (to comment ${reply.to})`)
  }
  if (plan.acknowledge !== undefined) {
    const id = plan.acknowledge
    await context.write(`react 👀 to comment ${id}`, () => github.reactToComment(id, 'eyes'))
    context.row(slug, 'acknowledged', `#${number}`, `comment ${id}`)
  }
  if (plan.assignees) {
    const assignees = plan.assignees
    let refused = false
    await context.write(`assign #${number}`, async () => {
      try {
        await github.updateIssue(number, { assignees })
      } catch (e) {
        // Someone not assignable yet (a pending invitation) never stops the run.
        if (!isAssigneeRefusal(e)) throw e
        refused = true
      }
    })
    const who = assignees.map((l) => `@${l}`).join(', ')
    if (refused) context.deps.log.warning(`#${number}: ${who} not assigned: ${NOT_ASSIGNABLE}`)
    context.row(
      slug,
      'swap',
      `#${number}`,
      refused
        ? `${who} not assigned: ${NOT_ASSIGNABLE}`
        : `assignees updated (${assignees.length})`,
    )
  }
  if (!plan.status) return created
  if (target.type === 'session') {
    const extras = await statusExtras(github, target, {
      state: plan.state,
      now: context.now,
      comments: seen.comments,
      previous: recordedVotes(findStatusComment(seen.comments, target.group, target.session)),
    })
    const { result } = await refreshStatus(
      github,
      { group: target.group, session: target.session, issue: number },
      {
        now: context.now,
        dryRun: context.dryRun,
        comments: seen.comments,
        reactions: seen.reactions,
        extras,
        log: context.deps.log,
      },
    )
    context.row(slug, 'status', `#${number}`, result)
    return created || result === 'posted'
  }
  const status = plan.statusComment
  if (!status) return created
  if (status.existing && status.existing.body.trim() === status.body.trim()) {
    context.row(slug, 'status', `#${number}`, 'unchanged')
    return created
  }
  if (status.existing) {
    const id = status.existing.id
    await context.write(`edit the status on #${number}`, () =>
      github.updateComment(id, status.body),
    )
    context.row(slug, 'status', `#${number}`, 'updated')
    return created
  }
  const mark = statusMarkerFor(target)
  const done = await context.write(`post the status on #${number}`, () =>
    createOnce({
      create: () => github.createComment(number, status.body),
      lookup: async () =>
        (await github.listComments(number)).find(
          (c) => isOwnBot(c.author) && c.body.includes(mark),
        ),
    }),
  )
  context.row(slug, 'status', `#${number}`, 'posted')
  return created || done === 'done'
}

/**
 * Two runs for one issue can each post the status or a reply before seeing the other's. After
 * posting, the comments are read once more and the bot's later copies removed: the oldest stays.
 * This run posted only what the comments it read lacked, so any copy was created after the
 * newest of them: only comments since then are read again.
 */
async function settle(
  number: number,
  target: CommandIssue,
  since: string | undefined,
  context: RunContext,
): Promise<void> {
  const status = statusMarkerFor(target)
  const seen = new Set<string>()
  for (const comment of await context.github.listComments(number, since)) {
    if (!isOwnBot(comment.author)) continue
    const to = findMarker(comment.body, REPLY_MARKER)?.attributes['to']
    const key = comment.body.includes(status)
      ? 'status'
      : to !== undefined
        ? `reply ${to}`
        : undefined
    if (key === undefined) continue
    if (!seen.has(key)) {
      seen.add(key)
      continue
    }
    await context.write(`delete the duplicate comment ${comment.id}`, () =>
      context.github.deleteComment(comment.id),
    )
    context.row(target.group.slug, 'duplicate', `#${number}`, `removed comment ${comment.id}`)
  }
}

/**
 * A confirmed `/continue` on the closing issue, or `/themes` on the kickoff issue, becomes a pull
 * request in the workflow's second job, which alone may write to the repository's files. This run
 * only checks (reading) whether one is still needed and says so in its `group-changes` output.
 */
async function requestProposal(
  number: number,
  target: CommandIssue,
  plan: IssuePlan,
  context: RunContext,
): Promise<void> {
  if (target.type !== 'session') return
  let change: GroupChange | undefined
  if (target.kind === 'closing') change = continueChange(target.group, number, plan.state)
  if (target.kind === 'kickoff' && plan.state.themesChosen)
    change = themesChange(target.group, number, plan.state)
  if (!change) return
  const check = await checkProposal(change, context)
  if (check.plan.action === 'none') {
    context.row(target.group.slug, `${change.kind} pull request`, `#${number}`, check.plan.reason)
    return
  }
  context.report.groupChanges.push({ slug: change.slug, kind: change.kind, issue: number })
  context.row(
    target.group.slug,
    `${change.kind} pull request`,
    `#${number}`,
    `to ${check.plan.action}`,
  )
}
