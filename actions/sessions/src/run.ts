import type { RunBudget } from '../../lib/budget/budget.js'
import type { Problem } from '../../lib/group-file/problems.js'
import type { Group } from '../../lib/group-file/schema.js'
import { createIssueAssigning, type Unassigned } from '../../lib/github/assignees.js'
import { createOnce } from '../../lib/github/idempotent.js'
import { LeaseBusyError, RUN_LEASE, takeLease, type HeldLease } from '../../lib/github/lease.js'
import {
  isAlreadyExists,
  isOwnBot,
  type IssueView,
  type LabelView,
  type Repository,
} from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'
import { isBudgetExhausted } from '../../lib/github/rate-limit.js'
import { findMarker } from '../../lib/markers/markers.js'
import { SESSION_MARKER, type SessionTemplates } from '../../lib/sessions/issue.js'
import type { RepositoryRef } from '../../lib/sessions/links.js'
import type { StatusResult } from '../../lib/github/status.js'
import type { FrontMatterDocument } from '../../lib/templates/front-matter.js'
import { conversationLookupSince, conversationsMissing } from './plan-coaching.js'
import {
  closedLookupSince,
  closingMarker,
  planSessions,
  sessionsMissing,
  type CloseStep,
  type DuplicateStep,
  type GroupPlan,
  type OpenStep,
  type StatusStep,
} from './plan.js'
import { byDue, groupPlanCost } from './budget.js'
import { closeAsDuplicate, closeWithComment } from './closing.js'
import { assignWaiting, noteAssignee } from './assignees.js'
import { runCoaching } from './run-coaching.js'
import { tidyMemberIssues, type TidyKind } from './tidy.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface SessionsInputs {
  now: Date
  dryRun: boolean
}

export interface SessionsDeps {
  github: Repository
  repo: RepositoryRef
  groups: Group[]
  templates: SessionTemplates
  /** Groups whose `groups/<slug>/calendar.ics` is in the checkout; their issues link it. */
  calendars?: ReadonlySet<string>
  /** Whether the repository is private, when the event payload already says so. */
  repositoryPrivate?: boolean
  /** `held`: the run holds its lease (see ApplyContext.exclusively) since before the refresh. */
  refreshStatus: (step: StatusStep, dryRun: boolean, held?: boolean) => Promise<StatusResult>
  log: Logger
  /**
   * For coaching groups: templates/conversation.md, and the conversation form's YAML when the
   * repository has one (without it, write-ups cannot be read). Undefined: the template is missing.
   */
  coaching?: { template: FrontMatterDocument; form?: string }
  /** The hour's requests and the job's time left (see lib/budget); unlimited when not given. */
  budget?: RunBudget
}

export interface GroupReport {
  group: string
  opened: Array<{ issue?: number; session: number; title: string }>
  closed: Array<{ issue: number; session: number; duplicateOf?: number }>
  /** Members' homework, check-in and intention issues closed because their time is over. */
  tidied?: Array<{ issue: number; kind: TidyKind }>
  status: Array<{ issue: number; session: number; result: string }>
  /** Coaching: the conversation issues that got their one nudge. */
  nudged?: Array<{ issue: number; session: number }>
  /** People GitHub would not assign yet, and earlier ones assigned now. */
  assignees?: AssigneeNote[]
  next?: { session: number; title: string; opensAt: string }
  error?: string
  /** Due work left for the next run (the hour's requests or the job's time ran short), and why. */
  waiting?: string
}

export interface AssigneeNote {
  issue: number
  login: string
  result: string
}

export interface SessionsReport {
  groups: GroupReport[]
  problems: Problem[]
  failed: boolean
}

const SESSION_LABELS = ['skill-share', 'session']

/** Observes GitHub once for all groups, plans in pure code, then applies each group's difference. */
export async function runSessions(
  inputs: SessionsInputs,
  deps: SessionsDeps,
): Promise<GroupReport[]> {
  const { github, groups, now } = { ...deps, now: inputs.now }
  const circles = groups.filter((g) => g.format === 'circle')
  const coaching = groups.filter((g) => g.format === 'coaching')
  if (circles.length === 0 && coaching.length === 0) return []
  // Conversation issues carry the `session` label too: this one query observes both formats.
  const observedAt = new Date()
  const open = await github.listIssues({ labels: SESSION_LABELS, state: 'open' })
  const since = earliest(
    closedLookupSince(sessionsMissing(circles, open, now)),
    conversationLookupSince(conversationsMissing(coaching, open, now)),
  )
  const closed = since
    ? await github.listIssues({ labels: SESSION_LABELS, state: 'closed', since })
    : []
  const plans = planSessions(
    circles,
    { open, closed },
    now,
    deps.templates,
    deps.repo,
    deps.calendars,
  )

  const context = new ApplyContext(deps, [...open, ...closed], inputs.dryRun, observedAt)
  try {
    const reports: GroupReport[] = []
    for (const plan of byDue(plans)) reports.push(await applyGroup(plan, context))
    const busy = reports.some((r) => r.opened.length > 0 || r.closed.length > 0)
    for (const step of await tidyMemberIssues(circles, context, now, busy)) {
      const report = reports.find((r) => r.group === step.group.slug)
      if (report) (report.tidied ??= []).push({ issue: step.issue, kind: step.kind })
    }
    reports.push(...(await runCoaching(coaching, { open, closed }, context, now)))
    await assignWaiting(open, reports, context)
    return reports
  } finally {
    await context.releaseLease()
  }
}

/**
 * How long the run's lease holds: longer than the sessions job may run (15 minutes), so no other
 * run gets in while this one works; one left by a run that died is free again after it.
 */
const RUN_LEASE_TTL_MS = 20 * 60_000
/** Issues another run may have created just before this one observed, however the clocks differ. */
const CLOCK_SKEW_MS = 10 * 60_000

function earliest(...moments: Array<string | undefined>): string | undefined {
  return moments.filter((m): m is string => m !== undefined).sort()[0]
}

/** What one run has learned about the repository, shared by all groups so nothing is fetched twice. */
export class ApplyContext {
  private labels?: Map<string, LabelView>
  private milestones = new Map<string, number>()
  private milestonesListed = false
  private privacy?: boolean

  /** The run's lease on creating (issues, closing comments), once taken; held to the run's end. */
  private lease?: Promise<HeldLease>
  /** Session issues known to exist: observed, listed once the lease was taken, or made by this run. */
  private known: IssueView[]
  /** The session issues changed since this run observed, listed when it took its lease. */
  private listedUnderLease?: IssueView[]

  constructor(
    readonly deps: SessionsDeps,
    observed: readonly IssueView[],
    readonly dryRun: boolean,
    private readonly observedAt = new Date(),
  ) {
    this.known = [...observed]
    for (const issue of observed) {
      if (issue.milestone) this.milestones.set(issue.milestone.title, issue.milestone.number)
    }
    this.seenLabels = new Map(observed.flatMap((i) => i.labels).map((l) => [l.name, l]))
    if (deps.repositoryPrivate !== undefined) this.privacy = deps.repositoryPrivate
  }

  private seenLabels: Map<string, LabelView>

  /**
   * Runs a creation under the run's one lease. The first call takes it (a label created) and lists
   * the session issues changed since this run observed: another run may have made some in between.
   * While it is held no other run creates, so what this run knows is complete, and every creation
   * after the first costs no lease and no look-up of its own. Released when the run ends.
   */
  async exclusively<T>(section: () => Promise<T>): Promise<T> {
    this.lease ??= this.takeRunLease()
    await this.lease
    return section()
  }

  private async takeRunLease(): Promise<HeldLease> {
    const { github } = this.deps
    const lease = await takeLease(github, RUN_LEASE, { ttlMs: RUN_LEASE_TTL_MS })
    try {
      const since = new Date(this.observedAt.getTime() - CLOCK_SKEW_MS).toISOString()
      this.listedUnderLease = await github.listIssues({
        labels: SESSION_LABELS,
        state: 'all',
        since,
      })
      this.known.push(...this.listedUnderLease)
    } catch (e) {
      await lease.release()
      throw e
    }
    return lease
  }

  /**
   * Refreshes a status comment under the run's lease, taken before its comments are read: the
   * post needs no lease of its own and no second look. A dry run takes no lease.
   */
  async status(step: StatusStep): Promise<StatusResult> {
    if (this.dryRun) return this.deps.refreshStatus(step, true)
    return this.exclusively(() => this.deps.refreshStatus(step, false, true))
  }

  async releaseLease(): Promise<void> {
    const lease = await this.lease?.catch(() => undefined)
    await lease?.release()
  }

  /** A session issue this run knows of (see `exclusively`): by its own bot, matching `test`. */
  findKnown(test: (issue: IssueView) => boolean): IssueView | undefined {
    return this.known.find((i) => isOwnBot(i.author) && test(i))
  }

  /**
   * The issue's comment count as last listed while this run held its lease (the listing taken
   * with the lease is the newest); undefined before the lease or for an issue not listed then.
   */
  commentCount(issue: number): number | undefined {
    if (!this.listedUnderLease) return undefined
    // An issue missing from that listing has not changed since this run observed it.
    const latest = (list: readonly IssueView[]) => list.find((i) => i.number === issue)?.comments
    return latest(this.listedUnderLease) ?? latest(this.known)
  }

  /** An issue this run created, so later look-ups in the run find it. */
  remember(issue: IssueView): void {
    this.known.push(issue)
  }

  async isPrivate(): Promise<boolean> {
    this.privacy ??= (await this.deps.github.get()).private
    return this.privacy
  }

  /** Creates labels no issue carries yet; existing ones (maybe recoloured by someone) stay as they are. */
  async ensureLabels(names: readonly string[]): Promise<void> {
    const unseen = names.filter((n) => !this.seenLabels.has(n))
    if (unseen.length === 0) return
    this.labels ??= new Map((await this.deps.github.listLabels()).map((l) => [l.name, l]))
    for (const name of unseen) {
      if (this.labels.has(name)) continue
      if (this.dryRun) this.deps.log.info(`dry run: would create label ${name}`)
      else await this.deps.github.createLabel(labelSpec(name))
      this.labels.set(name, labelSpec(name))
    }
  }

  async milestone(spec: { title: string; dueOn: string }): Promise<number | undefined> {
    const known = this.milestones.get(spec.title)
    if (known !== undefined) return known
    // Read the repository's milestones once per run, however many groups need theirs.
    if (!this.milestonesListed) {
      this.milestonesListed = true
      for (const m of await this.deps.github.listMilestones())
        this.milestones.set(m.title, m.number)
      const listed = this.milestones.get(spec.title)
      if (listed !== undefined) return listed
    }
    if (this.dryRun) {
      this.deps.log.info(`dry run: would create the cohort milestone`)
      return undefined
    }
    const lookup = async () =>
      (await this.deps.github.listMilestones()).find((m) => m.title === spec.title)?.number
    const number = await createOnce({
      // Titles are unique: a run beside this one may have just made it, and then it is ours too.
      create: () =>
        this.deps.github
          .createMilestone({ title: spec.title, due_on: spec.dueOn })
          .catch(async (e: unknown) => {
            const made = isAlreadyExists(e) ? await lookup() : undefined
            if (made === undefined) throw e
            return made
          }),
      lookup,
    })
    this.milestones.set(spec.title, number)
    return number
  }
}

async function applyGroup(plan: GroupPlan, context: ApplyContext): Promise<GroupReport> {
  const { group } = plan
  const report: GroupReport = { group: group.slug, opened: [], closed: [], status: [] }
  if (plan.next) {
    report.next = {
      session: plan.next.session.number,
      title: plan.next.title,
      opensAt: plan.next.session.opensAt,
    }
  }
  const writes = plan.open.length + plan.close.length + plan.status.length + plan.duplicates.length
  const refusal = writes > 0 ? context.deps.budget?.refuse(groupPlanCost(plan)) : undefined
  if (refusal) return waits(report, refusal.detail, context)
  try {
    if (writes > 0 && !group.public && !(await context.isPrivate())) {
      throw new Error(
        `refusing to post group "${group.slug}" into a public repository: make the repository private, ` +
          'or set "public: true" in its group.yml if the group really wants its sessions public',
      )
    }
    for (const step of plan.duplicates) report.closed.push(await closeDuplicate(step, context))
    for (const step of plan.open) {
      const opened = await openSession(step, context, report)
      report.opened.push(opened.report)
      if (step.statusDue && opened.issue) {
        const { session } = step
        const result = await context.status({
          group,
          session,
          issue: opened.issue,
          homeworkSince: session.opensAt,
        })
        report.status.push({ issue: opened.issue.number, session: step.session.number, result })
      }
    }
    for (const step of plan.close) report.closed.push(await closeSession(step, context))
    for (const step of plan.status) {
      const result = await context.status(step)
      report.status.push({ issue: step.issue.number, session: step.session.number, result })
    }
  } catch (e) {
    if (isBudgetExhausted(e)) return waits(report, e.message, context)
    // Another run is creating the same thing right now: not a failure, the next run sees it.
    if (e instanceof LeaseBusyError) return waits(report, e.message, context)
    report.error = e instanceof Error ? e.message : String(e)
    context.deps.log.warning(`group ${group.slug}: ${report.error}`)
  }
  return report
}

/** Leaves the group's due work to the next run, which starts with what is due earliest. */
export function waits(report: GroupReport, reason: string, context: ApplyContext): GroupReport {
  report.waiting = reason
  context.deps.log.info(`group ${report.group}: due work waits for the next run (${reason})`)
  return report
}

async function openSession(step: OpenStep, context: ApplyContext, report: GroupReport) {
  const { github, log } = context.deps
  const where = `group ${step.group.slug} session ${step.session.number}`
  if (context.dryRun) {
    log.info(`dry run: would open the issue for ${where}`)
    return { report: { session: step.session.number, title: step.title } }
  }
  await context.ensureLabels(step.labels)
  const milestone = step.milestone ? await context.milestone(step.milestone) : undefined
  let unassigned: Unassigned[] = []
  // Under the run's lease, so two runs at once never both open it: the second finds the first's.
  const issue = await context.exclusively(
    async () =>
      context.findKnown((i) => isSessionIssue(i, step)) ??
      createOnce({
        create: async () => {
          const created = await createIssueAssigning(github, {
            title: step.title,
            body: step.body,
            labels: step.labels,
            assignees: step.assignees,
            ...(milestone !== undefined ? { milestone } : {}),
          })
          unassigned = created.unassigned
          return created.issue
        },
        lookup: () => findOpened(github, step),
      }),
  )
  context.remember(issue)
  log.info(`opened #${issue.number} for ${where}`)
  for (const u of unassigned)
    noteAssignee(report, context, u.issue, u.login, `not assigned yet: ${u.reason}`)
  return { issue, report: { issue: issue.number, session: step.session.number, title: step.title } }
}

/** The session's issue if some run opened it already, found by its marker. */
async function findOpened(github: Repository, step: OpenStep) {
  const issues = await github.listIssues({
    labels: [...SESSION_LABELS, `group:${step.group.slug}`],
    state: 'all',
  })
  return issues.find((i) => isOwnBot(i.author) && isSessionIssue(i, step))
}

function isSessionIssue(issue: IssueView, step: OpenStep): boolean {
  return (
    findMarker(issue.body, SESSION_MARKER, { group: step.group.slug, n: step.session.number }) !==
    undefined
  )
}

async function closeSession(step: CloseStep, context: ApplyContext) {
  const { github, log } = context.deps
  const where = `#${step.issue} (group ${step.group.slug} session ${step.session.number})`
  if (context.dryRun) {
    log.info(`dry run: would comment on and close ${where}`)
    return { issue: step.issue, session: step.session.number }
  }
  await closeWithComment(
    github,
    step.issue,
    step.comment,
    closingMarker(step.group, step.session),
    (section) => context.exclusively(section),
    () => context.commentCount(step.issue),
  )
  log.info(`closed ${where}`)
  return { issue: step.issue, session: step.session.number }
}

/** Two runs that raced both opened the session; the later issue is closed in favour of the first. */
async function closeDuplicate(step: DuplicateStep, context: ApplyContext) {
  const { github, log } = context.deps
  const done = { issue: step.issue, session: step.session.number, duplicateOf: step.keep }
  if (context.dryRun) {
    log.info(`dry run: would close #${step.issue} as a duplicate of #${step.keep}`)
    return done
  }
  await closeAsDuplicate(github, step.issue, step.keep)
  log.info(`closed #${step.issue} as a duplicate of #${step.keep}`)
  return done
}
