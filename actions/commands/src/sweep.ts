import { DateTime } from 'luxon'
import { foldSnoozes } from '../../lib/commands/state.js'
import type { Group } from '../../lib/group-file/schema.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { findPulls } from '../../lib/github/pulls.js'
import { isOwnBot, type IssueView } from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'
import { findMarker } from '../../lib/markers/markers.js'
import { buddyWeeks, weeklyPairs, type BuddyWeek } from '../../lib/pairing/weeks.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { rankedTopics } from '../../lib/github/status-extras.js'
import { checkProposal } from './group-files.js'
import { commandState } from './plan.js'
import {
  BUDDIES_LABEL,
  CHECK_IN_MARKER,
  checkedIn,
  nudgeComment,
  nudgeMarker,
  pairIssueRefs,
  pairIssueSpecs,
  pairingHistory,
  pairsToOpen,
  planBuddies,
  snoozeSources,
  withNudgeDecision,
  type BuddyObservation,
  type PairIssueRef,
} from './plan-buddies.js'
import { changeBranch, themesChange } from './plan-group-files.js'
import { autoThemesDue, sessionIssues, themeRetitles } from './plan-sweep.js'
import type { RunContext } from './run.js'

/** How far ahead the schedule is read; wider than any gap between two meetings. */
const HORIZON_DAYS = 70

/**
 * The scheduled run, group by group: buddies (pairs after each weekly meeting, the mid-week
 * reminder, last week's pair issues closed), theme issues retitled once their theme is merged, and
 * after week 1 the most voted topics proposed as themes. A quiet hour costs one request per group.
 */
export async function sweep(context: RunContext): Promise<void> {
  for (const group of context.deps.groups) {
    if (group.format !== 'circle' || !group.start || !group.meeting) continue
    try {
      await sweepGroup(group, context)
    } catch (e) {
      context.fail(group.slug, e)
    }
  }
}

async function sweepGroup(group: Group, context: RunContext): Promise<void> {
  const { github, now } = context
  const until =
    DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: HORIZON_DAYS }).toISODate() ?? ''
  const sessions = buildSchedule(group, { until })
  const weeks = buddyWeeks(sessions)
  const label = `group:${group.slug}`
  // Open issues answer most hours; the closed ones are read only when pairs are drawn or themes due.
  let issues = await github.listIssues({ labels: [label], state: 'open' })
  let plan = planBuddies(weeks, observe(issues, group), now)
  const themesDue = await autoThemesPending(group, sessions, context)
  if (plan.draw || themesDue) {
    issues = await github.listIssues({ labels: [label], state: 'all' })
    plan = planBuddies(weeks, observe(issues, group), now)
  }
  const observed = observe(issues, group)

  const retitles = themeRetitles(sessions, sessionIssues(issues, group))
  const closes = plan.close
  const writes = retitles.length + closes.length + plan.nudge.length + (plan.draw ? 1 : 0)
  if (writes > 0) await context.mayWrite(group)

  for (const ref of closes) {
    await context.write(`close the pair issue #${ref.issue.number}`, () =>
      github.updateIssue(ref.issue.number, { state: 'closed', state_reason: 'completed' }),
    )
    context.row(group.slug, 'buddies', `#${ref.issue.number}`, `week ${ref.week} over: closed`)
  }
  if (plan.week && plan.draw) await drawPairs(group, plan.week, observed, context)
  if (plan.week && plan.nudge.length > 0) {
    const week = plan.week
    let read: Promise<IssueView[]> | undefined
    const submissions = () =>
      (read ??= github.listIssues({ labels: ['check-in'], state: 'all', since: week.opensAt }))
    for (const ref of plan.nudge) await decideNudge(group, week, ref, submissions, context)
  }
  for (const retitle of retitles) {
    await context.write(`retitle #${retitle.issue} with its theme`, () =>
      github.updateIssue(retitle.issue, { title: retitle.title, body: retitle.body }),
    )
    context.row(group.slug, 'theme', `#${retitle.issue}`, `session ${retitle.session} retitled`)
  }
  if (themesDue) await proposeThemes(group, themesDue, issues, context)
}

function observe(issues: readonly IssueView[], group: Group): BuddyObservation {
  return { sessionIssues: sessionIssues(issues, group), pairs: pairIssueRefs(issues, group) }
}

/**
 * The kickoff session when the votes should become themes now: week 1 is over, a themed week
 * still waits for its theme, and no themes pull request was ever opened (after the first, changes
 * come from `/themes`, handled when it is commented).
 */
async function autoThemesPending(
  group: Group,
  sessions: readonly Session[],
  context: RunContext,
): Promise<Session | undefined> {
  const kickoff = autoThemesDue(sessions, context.now)
  if (!kickoff) return undefined
  const pulls = await findPulls(context.github, changeBranch({ slug: group.slug, kind: 'themes' }))
  return pulls.some((pull) => isOwnBot(pull.author)) ? undefined : kickoff
}

async function proposeThemes(
  group: Group,
  kickoff: Session,
  issues: readonly IssueView[],
  context: RunContext,
): Promise<void> {
  const issue = sessionIssues(issues, group).get(kickoff.number)
  if (!issue || issue.comments === 0) return
  const { github } = context
  const state = commandState(group, 'kickoff', await github.listComments(issue.number), [])
  const ranked = state.themesChosen ? undefined : await rankedTopics(github, group, state)
  const change = themesChange(group, issue.number, state, ranked)
  if (!change) return
  const check = await checkProposal(change, context)
  if (check.plan.action === 'none') {
    context.row(group.slug, 'themes pull request', `#${issue.number}`, check.plan.reason)
    return
  }
  context.report.groupChanges.push({ slug: group.slug, kind: 'themes', issue: issue.number })
  context.row(group.slug, 'themes pull request', `#${issue.number}`, `to ${check.plan.action}`)
}

/**
 * This week's pairs: history from the earlier pair issues, snoozes from every issue that can hold
 * one, then one issue per pair. Only what is missing is opened.
 */
async function drawPairs(
  group: Group,
  week: BuddyWeek,
  observed: BuddyObservation,
  context: RunContext,
): Promise<void> {
  const { github } = context
  const states = []
  for (const source of snoozeSources(week, observed)) {
    // Any session kind admits /snooze; only who said what last matters here.
    const kind = source.kind === 'check-in' ? 'check-in' : 'theme'
    states.push(commandState(group, kind, await github.listComments(source.issue.number), []))
  }
  const snoozed = foldSnoozes(states)
  const pairs = weeklyPairs(group, week.week, pairingHistory(observed.pairs, week.week), snoozed)
  const where = `week ${week.week}`
  if (pairs.length === 0) {
    context.row(group.slug, 'buddies', where, 'fewer than two members to pair')
    return
  }
  const template = context.deps.checkInTemplate
  if (!template)
    throw new Error('templates/check-in.md is missing: copy it from the template repository')
  const specs = pairIssueSpecs(pairs, { group, week, repo: context.deps.repo, template })
  const existing = observed.pairs.filter((ref) => ref.week === week.week)
  const { open, conflict } = pairsToOpen(specs, existing)
  if (conflict) {
    context.deps.log.warning(
      `group ${group.slug} ${where}: the pair issues already open differ from a new draw; opening no more`,
    )
    return
  }
  if (open.length > 0 && !context.dryRun) {
    const labels = new Set((await github.listLabels()).map((l) => l.name))
    if (!labels.has(BUDDIES_LABEL)) await github.createLabel(labelSpec(BUDDIES_LABEL))
  }
  for (const spec of open) {
    let number: number | undefined
    await context.write(`open the pair issue ${spec.pair} of ${where}`, async () => {
      const issue = await createOnce({
        create: () =>
          github.createIssue({
            title: spec.title,
            body: spec.body,
            labels: spec.labels,
            assignees: spec.assignees,
          }),
        lookup: async () =>
          (
            await github.listIssues({
              labels: [`group:${group.slug}`, BUDDIES_LABEL],
              state: 'all',
            })
          ).find(
            (i) =>
              isOwnBot(i.author) &&
              findMarker(i.body, CHECK_IN_MARKER, {
                group: group.slug,
                week: spec.week,
                pair: spec.pair,
              }),
          ),
      })
      number = issue.number
    })
    if (number !== undefined) context.report.pairIssues.push(number)
    context.row(
      group.slug,
      'buddies',
      number !== undefined ? `#${number}` : where,
      `pair ${spec.pair} of ${specs.length} opened (${spec.assignees.length} people)`,
    )
  }
}

/**
 * Decides once, at mid-week, whether the buddies need a reminder: none when either checked in,
 * else one comment. The decision goes into the issue's marker; a reminder posted by a run that
 * stopped before recording it is found by its own marker and not posted again.
 */
async function decideNudge(
  group: Group,
  week: BuddyWeek,
  ref: PairIssueRef,
  /** Check-in forms filed since the week's meeting, read once for all pairs. */
  checkIns: () => Promise<IssueView[]>,
  context: RunContext,
): Promise<void> {
  const { github } = context
  const number = ref.issue.number
  const comments = ref.issue.comments > 0 ? await github.listComments(number) : []
  const mark = nudgeMarker(ref, group.slug)
  const posted = comments.some((c) => isOwnBot(c.author) && c.body.includes(mark))
  let decision: 'sent' | 'none' = 'sent'
  if (!posted) {
    const state = commandState(group, 'check-in', comments, [])
    const submissions = await checkIns()
    if (checkedIn(ref, week, group, { state, submissions, ...formOf(context) })) decision = 'none'
    else {
      await context.write(`remind the buddies on #${number}`, () =>
        createOnce({
          create: () =>
            github.createComment(
              number,
              nudgeComment(ref, { group, week, repo: context.deps.repo }),
            ),
          lookup: async () =>
            (await github.listComments(number)).find(
              (c) => isOwnBot(c.author) && c.body.includes(mark),
            ),
        }),
      )
    }
  }
  const body = withNudgeDecision(ref.issue.body, ref, group.slug, decision)
  if (body !== ref.issue.body)
    await context.write(`record the mid-week decision on #${number}`, () =>
      github.updateIssue(number, { body }),
    )
  context.row(
    group.slug,
    'buddies',
    `#${number}`,
    decision === 'sent' ? 'no check-in by mid-week: reminded' : 'checked in: no reminder',
  )
}

function formOf(context: RunContext): { form?: string } {
  return context.deps.checkInForm ? { form: context.deps.checkInForm } : {}
}
