import { DateTime } from 'luxon'
import { cost, type Cost } from '../../lib/budget/budget.js'
import { foldSnoozes } from '../../lib/commands/state.js'
import type { Group } from '../../lib/group-file/schema.js'
import {
  assignPending,
  createIssueAssigning,
  NOT_ASSIGNABLE,
  pendingAssignees,
  type AssignResult,
  type Unassigned,
} from '../../lib/github/assignees.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { findPulls, listPulls } from '../../lib/github/pulls.js'
import { isBudgetExhausted } from '../../lib/github/rate-limit.js'
import { isOwnBot, type IssueView } from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'
import { findMarker } from '../../lib/markers/markers.js'
import { buddyWeeks, weeklyPairs, type BuddyWeek } from '../../lib/pairing/weeks.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { rankedTopics } from '../../lib/github/status-extras.js'
import { checkProposal } from './group-files.js'
import { groundRulesToRecount, withCountedThumbs } from './ground-rules.js'
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
  type BuddyPlan,
  type PairIssueRef,
} from './plan-buddies.js'
import { changeBranch, themesChange } from './plan-group-files.js'
import {
  autoThemesDue,
  BOT_LABEL,
  closedReadPlan,
  issuesOfGroup,
  sessionIssues,
  themeRetitles,
} from './plan-sweep.js'
import { reconcileIssue } from './reconcile.js'
import type { RunContext } from './run.js'

/** How far ahead the schedule is read; wider than any gap between two meetings. */
const HORIZON_DAYS = 70

/** One circle as the sweep sees it: its schedule, buddy weeks and what the open issues say. */
interface CircleView {
  group: Group
  sessions: Session[]
  weeks: BuddyWeek[]
  open: IssueView[]
  plan: BuddyPlan
  /** The kickoff, when its topics should become themes and no themes pull request exists yet. */
  themes?: Session
}

/** One piece of due work, run when the budget allows it, earliest due first. */
interface Task {
  group: Group
  what: string
  dueAt: string
  cost: Cost
  run: () => Promise<void>
}

/**
 * The scheduled run for every circle at once. One listing of the bot's open issues (all carry the
 * `skill-share` label) tells each group what is due: buddies (pairs after each weekly meeting, the
 * mid-week reminder, last week's pair issues closed), theme issues retitled once their theme is
 * merged, and after week 1 the most voted topics proposed as themes. Closed issues, pull requests
 * and check-in forms are read only when due work needs them, once for all groups where one read
 * serves them all. An idle hour therefore costs one request per 100 open bot issues. Due work runs
 * earliest first while the hour's requests and the job's time allow; the rest waits, listed in the
 * summary, for the next run.
 */
export async function sweep(context: RunContext): Promise<void> {
  const { github, now } = context
  const until =
    DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: HORIZON_DAYS }).toISODate() ?? ''
  const circles = context.deps.groups
    .filter((g) => g.format === 'circle' && g.start && g.meeting)
    .map((group) => {
      const sessions = buildSchedule(group, { until })
      return { group, sessions, weeks: buddyWeeks(sessions) }
    })
  if (circles.length === 0) return
  const reads = new SharedReads(context)
  let views: CircleView[]
  try {
    const open = await github.listIssues({ labels: [BOT_LABEL], state: 'open' })
    reads.see(open)
    views = circles.map(({ group, sessions, weeks }) => {
      const mine = issuesOfGroup(open, group.slug)
      const kickoff = autoThemesDue(sessions, now)
      return {
        group,
        sessions,
        weeks,
        open: mine,
        plan: planBuddies(weeks, observe(mine, group), now),
        ...(kickoff ? { themes: kickoff } : {}),
      }
    })
    await reads.dropProposedThemes(views)
    await reads.readClosedShared(views, circles)
    reads.planCheckIns(views)
  } catch (e) {
    if (!isBudgetExhausted(e)) throw e
    context.wait({ group: '-', what: 'the sweep', dueAt: now.toISOString(), reason: e.message })
    return
  }

  const tasks = views.flatMap((view) => tasksOf(view, reads, context))
  tasks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
  let stopped: string | undefined
  for (const task of tasks) {
    const refusal = stopped ?? context.budget.refuse(task.cost)?.detail
    if (refusal !== undefined) {
      stopped = refusal
      context.wait({ group: task.group.slug, what: task.what, dueAt: task.dueAt, reason: refusal })
      continue
    }
    try {
      await context.mayWrite(task.group)
      await task.run()
    } catch (e) {
      if (isBudgetExhausted(e)) {
        stopped = e.message
        context.wait({
          group: task.group.slug,
          what: task.what,
          dueAt: task.dueAt,
          reason: stopped,
        })
      } else context.fail(task.group.slug, e)
    }
  }
}

/** The group's due work as tasks, with what each is expected to cost. */
function tasksOf(view: CircleView, reads: SharedReads, context: RunContext): Task[] {
  const { group, plan } = view
  const tasks: Task[] = []
  const week = plan.week
  if (plan.close.length > 0)
    tasks.push({
      group,
      what: "close last week's pair issues",
      dueAt: plan.close.reduce((t, ref) => minIso(t, closesAt(view, ref.week)), FAR_FUTURE),
      cost: cost({ writes: plan.close.length }),
      run: async () => {
        for (const ref of plan.close) await closePairIssue(group, ref, context)
      },
    })
  if (week && plan.draw) {
    const pairs = Math.max(1, Math.floor(group.members.length / 2))
    tasks.push({
      group,
      what: `draw the pairs of week ${week.week}`,
      dueAt: week.opensAt,
      // History and snoozes: the closed issues (unless read for all groups), the comments of the
      // session issues and earlier pair issues; then the label check and one issue per pair.
      cost: cost({
        reads: (reads.closedShared ? 0 : 1) + week.week + (week.week - 1) * pairs + 1,
        creates: pairs,
      }),
      run: async () => {
        const all = [...view.open, ...(await reads.closedOf(group))]
        const observed = observe(all, group)
        const again = planBuddies(view.weeks, observed, context.now)
        if (again.week && again.draw) await drawPairs(group, again.week, observed, reads, context)
      },
    })
  }
  if (week && plan.nudge.length > 0)
    tasks.push({
      group,
      what: `the mid-week reminders of week ${week.week}`,
      dueAt: week.nudgeAt,
      cost: cost({
        reads: 2 * plan.nudge.length,
        creates: plan.nudge.length,
        writes: plan.nudge.length,
      }),
      run: async () => {
        for (const ref of plan.nudge) await decideNudge(group, week, ref, reads, context)
      },
    })
  const retitles = themeRetitles(view.sessions, sessionIssues(view.open, group))
  if (retitles.length > 0)
    tasks.push({
      group,
      what: 'retitle theme issues',
      dueAt: retitles.reduce(
        (t, r) => minIso(t, view.sessions.find((s) => s.number === r.session)?.opensAt ?? t),
        FAR_FUTURE,
      ),
      cost: cost({ writes: retitles.length }),
      run: async () => {
        for (const retitle of retitles) {
          await context.write(`retitle #${retitle.issue} with its theme`, () =>
            context.github.updateIssue(retitle.issue, { title: retitle.title, body: retitle.body }),
          )
          context.row(
            group.slug,
            'theme',
            `#${retitle.issue}`,
            `session ${retitle.session} retitled`,
          )
        }
      },
    })
  const rules = groundRulesToRecount(view.open, group)
  if (rules)
    tasks.push({
      group,
      what: 'count the 👍 on the ground rules',
      dueAt: rules.updatedAt,
      // The issue, its comments and reactions; the status comment and the recorded count.
      cost: cost({ reads: 3, writes: 2 }),
      run: async () => {
        await reconcileIssue(rules.number, undefined, context)
        const body = withCountedThumbs(rules.body, group, rules.plusOnes)
        await context.write(`record the 👍 count on #${rules.number}`, () =>
          context.github.updateIssue(rules.number, { body }),
        )
      },
    })
  const assign = assignTask(view, context)
  if (assign) tasks.push(assign)
  const kickoff = view.themes
  if (kickoff)
    tasks.push({
      group,
      what: 'propose themes from the topic votes',
      dueAt: kickoff.endsAt,
      // The closed kickoff issue, its comments, the topics' votes and the pull-request check.
      cost: cost({ reads: (reads.closedShared ? 0 : 1) + 4 }),
      run: async () => {
        const all = [...view.open, ...(await reads.closedOf(group))]
        await proposeThemes(group, kickoff, all, context)
      },
    })
  return tasks
}

/** A login GitHub would not assign, in the log and the summary. */
function noteUnassigned(group: Group, u: Unassigned, context: RunContext): void {
  context.deps.log.warning(`#${u.issue}: @${u.login} not assigned yet: ${u.reason}`)
  context.row(group.slug, 'assignee', `#${u.issue}`, `@${u.login} not assigned yet: ${u.reason}`)
}

/**
 * The group's issues that opened without their assignee (not a collaborator yet), tried again each
 * run until GitHub accepts them. Session and conversation issues are the sessions action's.
 */
function assignTask(view: CircleView, context: RunContext): Task | undefined {
  const waiting = view.open.filter(
    (issue) =>
      pendingAssignees(issue).length > 0 && !issue.labels.some((l) => l.name === 'session'),
  )
  if (waiting.length === 0) return undefined
  const { group } = view
  return {
    group,
    what: 'assign people who accepted their invitation',
    dueAt: waiting.reduce((t, issue) => minIso(t, issue.createdAt), FAR_FUTURE),
    cost: cost({ writes: waiting.length }),
    run: async () => {
      for (const issue of waiting) {
        let results: AssignResult[] = []
        await context.write(`assign #${issue.number} again`, async () => {
          results = await assignPending(context.github, issue)
        })
        for (const r of results) {
          if (r.outcome === 'still-pending')
            noteUnassigned(
              group,
              { issue: r.issue, login: r.login, reason: NOT_ASSIGNABLE },
              context,
            )
          else
            context.row(
              group.slug,
              'assignee',
              `#${r.issue}`,
              r.outcome === 'assigned'
                ? `@${r.login} assigned now (accepted their invitation)`
                : `@${r.login} no longer awaited (someone else was assigned)`,
            )
        }
      }
    },
  }
}

const FAR_FUTURE = '9999-12-31T00:00:00Z'

function minIso(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b
}

function closesAt(view: CircleView, week: number): string {
  return (
    view.weeks.find((w) => w.week === week)?.closesAt ?? view.sessions[0]?.opensAt ?? FAR_FUTURE
  )
}

async function closePairIssue(group: Group, ref: PairIssueRef, context: RunContext): Promise<void> {
  await context.write(`close the pair issue #${ref.issue.number}`, () =>
    context.github.updateIssue(ref.issue.number, { state: 'closed', state_reason: 'completed' }),
  )
  context.row(group.slug, 'buddies', `#${ref.issue.number}`, `week ${ref.week} over: closed`)
}

function observe(issues: readonly IssueView[], group: Group): BuddyObservation {
  return { sessionIssues: sessionIssues(issues, group), pairs: pairIssueRefs(issues, group) }
}

/**
 * Reads one run shares between groups, each made at most once: the bot's closed issues (when one
 * listing is cheaper than one per group), the pull requests, the check-in forms and the labels.
 */
class SharedReads {
  private closed?: IssueView[]
  private closedByGroup = new Map<string, IssueView[]>()
  private checkInsSince?: string
  private checkIns?: Promise<IssueView[]>
  private labels?: Set<string>
  private readonly seenLabels = new Set<string>()

  constructor(private readonly context: RunContext) {}

  get closedShared(): boolean {
    return this.closed !== undefined
  }

  /** Leaves out kickoffs whose themes pull request the bot opened already (any state). */
  async dropProposedThemes(views: CircleView[]): Promise<void> {
    const pending = views.filter((v) => v.themes)
    if (pending.length === 0) return
    const { github } = this.context
    const branches = new Set(
      pending.map((v) => changeBranch({ slug: v.group.slug, kind: 'themes' })),
    )
    const pulls =
      pending.length === 1
        ? await findPulls(github, [...branches][0] as string)
        : (await listPulls(github)).filter((p) => branches.has(p.head))
    const proposed = new Set(pulls.filter((p) => isOwnBot(p.author)).map((p) => p.head))
    for (const view of pending) {
      if (proposed.has(changeBranch({ slug: view.group.slug, kind: 'themes' }))) delete view.themes
    }
  }

  /** One listing of the closed bot issues when that serves the groups needing them for less. */
  async readClosedShared(
    views: readonly CircleView[],
    circles: ReadonlyArray<{ group: Group; sessions: readonly Session[] }>,
  ): Promise<void> {
    const needing = views.filter((v) => v.plan.draw || v.themes)
    const plan = closedReadPlan(needing, circles, this.context.now)
    if (!plan.shared) return
    this.closed = await this.context.github.listIssues({
      labels: [BOT_LABEL],
      state: 'closed',
      since: plan.since,
    })
    this.see(this.closed)
  }

  async closedOf(group: Group): Promise<IssueView[]> {
    if (this.closed) return issuesOfGroup(this.closed, group.slug)
    let found = this.closedByGroup.get(group.slug)
    if (!found) {
      found = await this.context.github.listIssues({
        labels: [`group:${group.slug}`],
        state: 'closed',
      })
      this.closedByGroup.set(group.slug, found)
      this.see(found)
    }
    return found
  }

  /** The earliest buddy week whose reminders this run decides: check-ins are read from there. */
  planCheckIns(views: readonly CircleView[]): void {
    const starts = views.filter((v) => v.plan.week && v.plan.nudge.length > 0)
    this.checkInsSince = starts.map((v) => v.plan.week?.opensAt as string).sort()[0]
  }

  /**
   * Check-in forms filed since the earliest buddy week of the run, read once for every pair of
   * every group; each pair looks for its own buddies and week among them.
   */
  async checkInsSinceWeek(opensAt: string): Promise<IssueView[]> {
    const since = minIso(this.checkInsSince ?? opensAt, opensAt)
    if (!this.checkIns || since !== this.checkInsSince) {
      this.checkInsSince = since
      this.checkIns = this.context.github.listIssues({ labels: ['check-in'], state: 'all', since })
    }
    return this.checkIns
  }

  /** Labels the issues listed in this run carry: they exist without asking. */
  see(issues: readonly IssueView[]): void {
    for (const issue of issues) for (const label of issue.labels) this.seenLabels.add(label.name)
  }

  /** Whether the repository has a label: the listed issues answer, else one listing per run. */
  async hasLabel(name: string): Promise<boolean> {
    if (this.seenLabels.has(name)) return true
    this.labels ??= new Set((await this.context.github.listLabels()).map((l) => l.name))
    return this.labels.has(name)
  }

  noteLabel(name: string): void {
    this.labels?.add(name)
  }
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
  const comments = await github.listComments(issue.number)
  const state = commandState(group, 'kickoff', comments, [])
  const ranked = state.themesChosen ? undefined : await rankedTopics(github, group, state, comments)
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
  reads: SharedReads,
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
  if (open.length > 0 && !context.dryRun && !(await reads.hasLabel(BUDDIES_LABEL))) {
    await github.createLabel(labelSpec(BUDDIES_LABEL))
    reads.noteLabel(BUDDIES_LABEL)
  }
  for (const spec of open) {
    let number: number | undefined
    let unassigned: Unassigned[] = []
    await context.write(`open the pair issue ${spec.pair} of ${where}`, async () => {
      const issue = await createOnce({
        create: async () => {
          const created = await createIssueAssigning(github, {
            title: spec.title,
            body: spec.body,
            labels: spec.labels,
            assignees: spec.assignees,
          })
          unassigned = created.unassigned
          return created.issue
        },
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
      `pair ${spec.pair} of ${specs.length} opened (${spec.buddies.length} people)`,
    )
    for (const u of unassigned) noteUnassigned(group, u, context)
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
  reads: SharedReads,
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
    const submissions = await reads.checkInsSinceWeek(week.opensAt)
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
