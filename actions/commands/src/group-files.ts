import { parseGroupFile } from '../../lib/group-file/load.js'
import type { Group } from '../../lib/group-file/schema.js'
import { groupFilePath } from '../../lib/group-file/write.js'
import {
  branchSha,
  createBranch,
  getFile,
  resetBranch,
  writeFile,
} from '../../lib/github/contents.js'
import { explainForbidden, PULL_REQUEST_SETTING } from '../../lib/github/forbidden.js'
import { createOnce } from '../../lib/github/idempotent.js'
import {
  findPulls,
  isPullRequestCreationForbidden,
  openPull,
  updatePull,
} from '../../lib/github/pulls.js'
import { isOwnBot } from '../../lib/github/repository.js'
import { marker } from '../../lib/markers/markers.js'
import { groupCalendar } from '../../lib/sessions/calendar-file.js'
import { calendarPath } from '../../lib/sessions/links.js'
import { rankedTopics } from '../../lib/github/status-extras.js'
import { identifyNetworkIssue } from '../../lib/coaching/network.js'
import { pairsChange } from './network.js'
import { commandState, identifyIssue } from './plan.js'
import {
  changeBranch,
  continueChange,
  editGroupFile,
  planPull,
  pullText,
  themesChange,
  type GroupChange,
  type GroupChangeRequest,
  type PullPlan,
} from './plan-group-files.js'
import type { RunContext } from './run.js'

export interface ProposalCheck {
  plan: PullPlan
  base: string
  edited: string
}

/**
 * Whether a decision still needs its pull request: the group file as the checkout has it (the
 * default branch), the file with the change, and every pull request from the change's branch.
 * Reads only; the first job of the workflow uses it to decide whether the second must run.
 */
export async function checkProposal(
  change: GroupChange,
  context: RunContext,
): Promise<ProposalCheck> {
  const base = await context.deps.groupFile(change.slug)
  if (base === undefined) throw new Error(`${groupFilePath(change.slug)} is not in the checkout`)
  const edited = editGroupFile(base, change)
  const pulls = await findPulls(context.github, changeBranch(change))
  return { plan: planPull(change, { base, edited }, pulls), base, edited }
}

/**
 * The workflow's second job: re-derives each requested decision from its issue (the request only
 * names where to look) and opens or updates the pull request that makes it.
 */
export async function proposeChanges(
  requests: readonly GroupChangeRequest[],
  context: RunContext,
): Promise<void> {
  for (const request of requests) {
    try {
      const group = context.deps.groups.find((g) => g.slug === request.slug)
      if (!group) throw new Error(`no group "${request.slug}" in the checkout`)
      const change = await decide(request, group, context)
      if (!change) {
        context.row(
          group.slug,
          `${request.kind} pull request`,
          `#${request.issue}`,
          'nothing to propose',
        )
        continue
      }
      await propose(change, group, context)
    } catch (e) {
      context.fail(request.slug, e)
    }
  }
}

async function decide(
  request: GroupChangeRequest,
  group: Group,
  context: RunContext,
): Promise<GroupChange | undefined> {
  const { github } = context
  const issue = await github.getIssue(request.issue)
  if (request.kind === 'pairs') {
    if (!identifyNetworkIssue(issue, [group]))
      throw new Error(`#${request.issue} is not the network issue of group ${group.slug}`)
    return pairsChange(group, request.issue, context)
  }
  const target = identifyIssue(issue, [group], context.now)
  const wanted = request.kind === 'continue' ? 'closing' : 'kickoff'
  if (target?.type !== 'session' || target.kind !== wanted)
    throw new Error(`#${request.issue} is not the ${wanted} issue of group ${group.slug}`)
  const comments = await github.listComments(request.issue)
  const state = commandState(group, target.kind, comments, [])
  if (request.kind === 'continue') return continueChange(group, request.issue, state)
  const votesCount =
    !state.themesChosen && Date.parse(target.session.endsAt) <= context.now.getTime()
  const ranked = votesCount ? await rankedTopics(github, group, state, comments) : undefined
  return themesChange(group, request.issue, state, ranked)
}

async function propose(change: GroupChange, group: Group, context: RunContext): Promise<void> {
  const { github } = context
  const where = changeBranch(change)
  const { plan, edited } = await checkProposal(change, context)
  if (plan.action === 'none') {
    context.row(group.slug, `${change.kind} pull request`, where, plan.reason)
    return
  }
  const text = pullText(change, group)
  const path = groupFilePath(change.slug)
  const base = await context.defaultBranch()
  if (context.dryRun) {
    context.row(group.slug, `${change.kind} pull request`, where, `would ${plan.action}`)
    return
  }
  if (plan.action === 'open') {
    const sha = await branchSha(github, base)
    if (!sha) throw new Error(`the default branch ${base} has no commit`)
    // A branch left from a closed pull request starts again from the default branch.
    if ((await branchSha(github, where)) !== undefined) await resetBranch(github, where, sha)
    else await createBranch(github, where, sha)
  }
  const current = await getFile(github, path, where)
  await writeFile(github, { path, text: edited, message: text.message, branch: where }, current)
  const calendar = await refreshedCalendar(change.slug, edited, context)
  if (calendar !== undefined) {
    const file = calendarPath(change.slug)
    const message = `Refresh ${file} with ${path}`
    await writeFile(
      github,
      { path: file, text: calendar, message, branch: where },
      await getFile(github, file, where),
    )
  }
  let number: number
  if (plan.action === 'update') {
    number = plan.pull
    await updatePull(github, number, { title: text.title, body: text.body })
  } else {
    const opened = await openOrExplain(context, change, {
      head: where,
      base,
      title: text.title,
      body: text.body,
    })
    if (opened === undefined) {
      context.row(
        group.slug,
        `${change.kind} pull request`,
        `#${change.issue}`,
        'waiting: GitHub Actions may not open pull requests here (explained on the issue)',
      )
      return
    }
    number = opened
  }
  context.report.pullRequests.push(number)
  context.row(
    group.slug,
    `${change.kind} pull request`,
    `#${number}`,
    plan.action === 'open' ? 'opened' : 'updated',
  )
}

/**
 * The group's calendar as the edited group file makes it, when the repository publishes one: the
 * decision's pull request carries both, so the calendar never lags behind a merged change.
 */
async function refreshedCalendar(
  slug: string,
  edited: string,
  context: RunContext,
): Promise<string | undefined> {
  const calendar = context.deps.calendar
  const previous = await calendar?.file(slug)
  if (!calendar || previous === undefined) return undefined
  const { group } = parseGroupFile(edited, { file: groupFilePath(slug), slug })
  // The edit only sets a field the schema knows; a file it broke is reported by validation.
  if (!group) return undefined
  const repo = { ...context.deps.repo, defaultBranch: 'HEAD' }
  return groupCalendar(group, await calendar.templates(), { previous, repo }).text
}

/**
 * Opens the decision's pull request. When the repository does not let GitHub Actions open pull
 * requests, the decision's issue says so (once) and what to change; the decision stays pending,
 * since nothing but its pull request applies it, and the next run after a comment opens it.
 */
async function openOrExplain(
  context: RunContext,
  change: GroupChange,
  pull: { head: string; base: string; title: string; body: string },
): Promise<number | undefined> {
  try {
    return (await openPull(context.github, pull)).number
  } catch (e) {
    const why = explainForbidden(e, 'open a pull request')
    if (why === undefined) throw e
    if (!isPullRequestCreationForbidden(e)) throw new Error(why)
    context.deps.log.warning(`#${change.issue}: ${why}`)
    await explainOnIssue(change, pull.head, context)
    return undefined
  }
}

export const PULL_REFUSED_MARKER = 'pull-refused'

async function explainOnIssue(change: GroupChange, branch: string, context: RunContext) {
  const { github } = context
  const mark = marker(PULL_REFUSED_MARKER, { group: change.slug, change: change.kind })
  const posted = async () =>
    (await github.listComments(change.issue)).find(
      (c) => isOwnBot(c.author) && c.body.includes(mark),
    )
  if (await posted()) return
  try {
    await createOnce({
      create: () => github.createComment(change.issue, pullRefusedComment(change, branch, mark)),
      lookup: posted,
    })
  } catch (e) {
    const why = explainForbidden(e, `comment on #${change.issue}`)
    if (why === undefined) throw e
    throw new Error(
      `GitHub Actions may not open pull requests here (turn on ${PULL_REQUEST_SETTING}), and ${why}`,
    )
  }
}

function pullRefusedComment(change: GroupChange, branch: string, mark: string): string {
  if (change.kind === 'pairs') {
    return [
      `The coaching pairs from the sign-ups are ready, but **not proposed yet**: the pull request that changes ` +
        `\`groups/${change.slug}/group.yml\` could not be opened, because this repository does not let GitHub ` +
        'Actions create pull requests.',
      `Someone with admin access turns on **${PULL_REQUEST_SETTING}** (in an organization, its own Settings → ` +
        `Actions → General has to allow it first); then comment \`/match\` here again. The pairs are on the branch ` +
        `\`${branch}\` meanwhile, and \`skill-share match\` shows them too.`,
      mark,
    ].join('\n\n')
  }
  const what =
    change.kind === 'continue'
      ? change.then === 'none'
        ? 'to stop after the weekly meetings'
        : `to go on ${change.then}`
      : 'on the themes of the coming weeks'
  return [
    `The group's decision ${what} is recorded here, but it is **not applied yet**: the pull request that ` +
      `changes \`groups/${change.slug}/group.yml\` could not be opened, because this repository does not let ` +
      'GitHub Actions create pull requests.',
    `To apply it, someone with admin access turns on **${PULL_REQUEST_SETTING}** (in an organization, its ` +
      'own Settings → Actions → General has to allow it first). Then comment on this issue once more: the ' +
      `pull request opens from the branch \`${branch}\`, and the decision takes effect when it is merged.`,
    mark,
  ].join('\n\n')
}
