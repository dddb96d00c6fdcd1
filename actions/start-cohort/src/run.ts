import { GITHUB_LOGIN } from '../../lib/group-file/schema.js'
import {
  groupFilePath,
  readCohortForm,
  SLUG,
  type CohortForm,
  type FormProblem,
} from '../../lib/group-file/write.js'
import {
  branchSha,
  createBranch,
  getFile,
  resetBranch,
  writeFile,
} from '../../lib/github/contents.js'
import { createIssueAssigning, type Unassigned } from '../../lib/github/assignees.js'
import { CHOOSER_CONFIG, groundRulesUrl, pointGroundRulesCard } from '../../lib/forms/chooser.js'
import { explainForbidden } from '../../lib/github/forbidden.js'
import { createOnce } from '../../lib/github/idempotent.js'
import {
  findOpenPull,
  isPullRequestCreationForbidden,
  openPull,
  updatePull,
} from '../../lib/github/pulls.js'
import { isOwnBot, type IssueView, type Repository } from '../../lib/github/repository.js'
import { labelSpec } from '../../lib/labels/labels.js'
import { findMarker, parseMarkers } from '../../lib/markers/markers.js'
import type { Session } from '../../lib/schedule/schedule.js'
import {
  kickoffCandidates,
  renderKickoff,
  withCandidates,
  type CohortLinks,
  type CohortTemplates,
  type KickoffLinks,
} from '../../lib/cohort/issues.js'
import type { GroundRulesActivity } from '../../lib/cohort/candidates.js'
import { commentInputs } from '../../lib/github/status.js'
import { reactionInputs } from '../../lib/github/status-extras.js'
import {
  cohortBranch,
  groundRulesIssue,
  planCohort,
  type CohortObservation,
  type CohortPlan,
  type IssueStep,
  type Mode,
} from './plan.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface StartCohortInputs {
  form: CohortForm
  mode: Mode
  dryRun: boolean
  allowPublic: boolean
  now: Date
}

export interface StartCohortDeps {
  github: Repository
  serverUrl: string
  templates: CohortTemplates
  /** The checkout has .github/ISSUE_TEMPLATE/intention.yml. */
  intentionForm: boolean
  /** The checkout has the group's `calendar.ics` (a cohort started again, say). */
  hasCalendar?: (slug: string) => boolean
  log: Logger
}

export interface ReportRow {
  what: string
  result: string
  /** `#12`, a path, a title. */
  where: string
}

export interface CohortReport {
  slug: string
  mode: Mode
  dryRun: boolean
  problems: FormProblem[]
  /** Set when the request was refused (problems) or a write failed. */
  failure?: string
  rows: ReportRow[]
  sessions: Session[]
  outputs: { groupFile: string; pullRequest?: number; kickoffIssue?: number }
}

/** Reads the form, observes the repository (reads only), plans in pure code, then applies. */
export async function startCohort(
  inputs: StartCohortInputs,
  deps: StartCohortDeps,
): Promise<CohortReport> {
  const { draft, problems: formProblems } = readCohortForm(inputs.form)
  const report: CohortReport = {
    slug: draft.slug,
    mode: inputs.mode,
    dryRun: inputs.dryRun,
    problems: [],
    rows: [],
    sessions: [],
    outputs: { groupFile: SLUG.test(draft.slug) ? groupFilePath(draft.slug) : '' },
  }
  const observed = await observe(deps, draft.slug, [...draft.facilitators, ...draft.members])
  const outcome = planCohort(
    { draft, formProblems, mode: inputs.mode, allowPublic: inputs.allowPublic, now: inputs.now },
    observed,
    deps.templates,
  )
  report.problems = outcome.problems
  if (!outcome.ok) {
    const errors = outcome.problems.filter((p) => p.severity === 'error').length
    report.failure = `${errors} problem${errors === 1 ? '' : 's'} with the inputs; nothing was written`
    return report
  }
  report.sessions = outcome.plan.sessions
  try {
    await apply(outcome.plan, observed, inputs, deps, report)
  } catch (e) {
    report.failure = e instanceof Error ? e.message : String(e)
  }
  return report
}

async function observe(
  deps: StartCohortDeps,
  slug: string,
  logins: readonly string[],
): Promise<CohortObservation> {
  const { github } = deps
  const info = await github.get()
  const access: Record<string, Awaited<ReturnType<Repository['collaboratorPermission']>>> = {}
  for (const login of logins) {
    if (GITHUB_LOGIN.test(login))
      access[login.toLowerCase()] = await github.collaboratorPermission(login)
  }
  const observed: CohortObservation = {
    repository: {
      fullName: github.fullName,
      serverUrl: deps.serverUrl,
      private: info.private,
      defaultBranch: info.defaultBranch,
    },
    access,
    branchExists: false,
    labels: [],
    milestones: [],
    issues: [],
    intentionForm: deps.intentionForm,
  }
  // Everything below is named after the slug; a slug that is not one is reported, not looked up.
  if (!SLUG.test(slug)) return observed
  const path = groupFilePath(slug)
  const branch = cohortBranch(slug)
  const groupFile = await getFile(github, path, info.defaultBranch)
  if (groupFile) observed.groupFile = groupFile
  const pull = await findOpenPull(github, branch)
  if (pull) {
    const file = await getFile(github, path, branch)
    observed.pull = {
      number: pull.number,
      title: pull.title,
      body: pull.body,
      ...(file ? { file } : {}),
    }
  }
  observed.branchExists = pull !== undefined || (await branchSha(github, branch)) !== undefined
  observed.labels = (await github.listLabels()).map((l) => l.name)
  observed.milestones = await github.listMilestones()
  observed.issues = await github.listIssues({ labels: [`group:${slug}`], state: 'all' })
  // For the checklist's Candidates section: who agreed to the ground rules, and the nominations.
  const rules = groundRulesIssue(observed.issues, slug)
  if (rules) observed.groundRules = await groundRulesActivity(github, rules)
  observed.nominations = await github.listIssues({ labels: ['nomination'], state: 'open' })
  return observed
}

/** The ground rules' `/agree` comments and 👍: each list is read only when the issue has any. */
async function groundRulesActivity(
  github: Repository,
  issue: IssueView,
): Promise<GroundRulesActivity> {
  return {
    comments: issue.comments > 0 ? commentInputs(await github.listComments(issue.number)) : [],
    reactions:
      issue.plusOnes > 0 ? reactionInputs(await github.listIssueReactions(issue.number)) : [],
  }
}

/**
 * The issue chooser's "Our ground rules" card, pointed at this repository's ground-rules issues.
 * The template cannot know the repository's name, so the first cohort writes it, on the same
 * branch as the group file (in its pull request, when there is one).
 */
async function pointChooserCard(
  github: Repository,
  observed: CohortObservation,
  branch: string,
  report: { dry: boolean; row: (what: string, result: string, where?: string) => void },
): Promise<void> {
  const current = await getFile(github, CHOOSER_CONFIG, branch)
  if (!current) return
  const { serverUrl, fullName } = observed.repository
  const text = pointGroundRulesCard(current.text, groundRulesUrl(serverUrl, fullName))
  const what = 'Ground-rules card'
  if (text === undefined) return report.row(what, 'up to date', CHOOSER_CONFIG)
  if (report.dry) return report.row(what, 'would point it at this repository', CHOOSER_CONFIG)
  const result = await writeFile(
    github,
    {
      path: CHOOSER_CONFIG,
      text,
      message: "Issue chooser: the ground-rules card opens this repository's ground rules",
      branch,
    },
    current,
  )
  report.row(what, result, `${CHOOSER_CONFIG} on ${branch}`)
}

async function apply(
  plan: CohortPlan,
  observed: CohortObservation,
  inputs: StartCohortInputs,
  deps: StartCohortDeps,
  report: CohortReport,
): Promise<void> {
  const { github, log } = deps
  const dry = inputs.dryRun
  const row = (what: string, result: string, where = '') => {
    report.rows.push({ what, result, where })
    log.info(`${what}: ${result}${where ? ` (${where})` : ''}`)
  }

  // 1. The group file, directly or through the cohort's pull request.
  const { file, pull } = plan
  const fileWhere = `${file.path} on ${file.branch}`
  if (pull?.action === 'open' && !dry) {
    const base = await branchSha(github, observed.repository.defaultBranch)
    if (!base)
      throw new Error(`the default branch ${observed.repository.defaultBranch} has no commit`)
    if (pull.reset) await resetBranch(github, pull.branch, base)
    else await createBranch(github, pull.branch, base)
  }
  if (file.action === 'unchanged') row('Group file', 'up to date', fileWhere)
  else if (dry) row('Group file', `would ${file.action}`, fileWhere)
  else {
    const result = await writeFile(
      github,
      { path: file.path, text: file.text, message: file.message, branch: file.branch },
      file.current,
    ).catch((e: unknown) => {
      if (inputs.mode !== 'commit') throw e
      const reason = e instanceof Error ? e.message : String(e)
      throw new Error(
        `could not commit ${file.path} to ${file.branch} (${reason}); if the branch is protected, run again with mode: pull-request`,
      )
    })
    row('Group file', result, fileWhere)
  }
  await pointChooserCard(github, observed, dry ? observed.repository.defaultBranch : file.branch, {
    dry,
    row,
  })
  let pullNumber: number | undefined
  if (pull?.action === 'open') {
    if (dry) row('Pull request', 'would open', pull.branch)
    else {
      const opened = await openPullOrExplain(github, pull)
      pullNumber = opened
      row('Pull request', 'opened', `#${opened}`)
    }
  } else if (pull?.action === 'update' || pull?.action === 'unchanged') {
    pullNumber = pull.number
    if (pull.action === 'unchanged') row('Pull request', 'exists, up to date', `#${pull.number}`)
    else if (dry) row('Pull request', 'would update its description', `#${pull.number}`)
    else {
      await updatePull(github, pull.number, { title: pull.title, body: pull.body })
      row('Pull request', 'description updated', `#${pull.number}`)
    }
  } else if (pull?.action === 'none') {
    row('Pull request', 'not needed: the default branch has this group file', '')
  }
  if (pullNumber !== undefined) report.outputs.pullRequest = pullNumber

  // 2. Labels and the milestone, before the issues that use them.
  for (const name of plan.labels.create) {
    if (!dry) await github.createLabel(labelSpec(name))
  }
  row(
    'Labels',
    `${plan.labels.create.length} ${dry ? 'to create' : 'created'}, ${plan.labels.existing.length} existed`,
    plan.labels.create.join(', '),
  )
  const milestone = await ensureMilestone(plan, github, dry)
  row('Milestone', milestone.result, plan.milestone.title)

  // 3. The issues: ground rules and intentions first, so the checklist can link them.
  const lookup = issueLookup(github, plan.group.slug)
  const groundRules = await ensureIssue(
    plan.groundRules,
    milestone.number,
    lookup,
    github,
    dry,
    log,
  )
  row('Ground rules', groundRules.result, ref(groundRules.number))
  const intentions: Record<string, number | undefined> = {}
  for (const step of plan.intentions) {
    const done = await ensureIssue(step, milestone.number, lookup, github, dry, log)
    intentions[step.login.toLowerCase()] = done.number
    row(`Intention @${step.login}`, done.result, ref(done.number))
  }
  const kickoffPull = pull?.action === 'none' || !pull ? undefined : (pullNumber ?? 'pending')
  const links: CohortLinks & KickoffLinks = {
    repo: {
      serverUrl: observed.repository.serverUrl,
      repository: observed.repository.fullName,
      defaultBranch: observed.repository.defaultBranch,
    },
    intentionForm: observed.intentionForm,
    ...(kickoffPull !== undefined ? { pullRequest: kickoffPull } : {}),
    ...(groundRules.number !== undefined ? { groundRules: groundRules.number } : {}),
    intentions,
    calendar: deps.hasCalendar?.(plan.group.slug) ?? false,
    candidates: plan.candidates,
  }
  const existing = plan.kickoff.existing
  if (existing !== undefined) {
    const result = await refreshCandidates(plan, existing, kickoffCandidates(plan.group, links), {
      github,
      dry,
    })
    row("Organizer's checklist", result, ref(existing))
    report.outputs.kickoffIssue = existing
    return
  }
  const kickoff = renderKickoff(plan.group, plan.sessions, deps.templates, links)
  const kickoffDone = await ensureIssue(
    {
      what: "organizer's checklist",
      ...kickoff,
      assignees: plan.kickoff.assignees,
    },
    milestone.number,
    lookup,
    github,
    dry,
    log,
  )
  row("Organizer's checklist", kickoffDone.result, ref(kickoffDone.number))
  if (kickoffDone.number !== undefined) report.outputs.kickoffIssue = kickoffDone.number
}

/**
 * A checklist that exists keeps its body, boxes ticked and all: only its Candidates section is
 * rewritten, and only when what it shows has changed.
 */
async function refreshCandidates(
  plan: CohortPlan,
  number: number,
  section: string,
  { github, dry }: { github: Repository; dry: boolean },
): Promise<string> {
  const current = plan.kickoff.body ?? ''
  const body = withCandidates(current, section, plan.group.slug)
  if (body === current) return 'exists'
  if (dry) return 'exists; would refresh its Candidates section'
  await github.updateIssue(number, { body })
  return 'exists; Candidates section refreshed'
}

async function openPullOrExplain(
  github: Repository,
  pull: Extract<CohortPlan['pull'], { action: 'open' }>,
): Promise<number> {
  try {
    const { branch: head, base, title, body } = pull
    return (await openPull(github, { head, base, title, body })).number
  } catch (e) {
    const why = explainForbidden(e, 'open a pull request')
    if (why === undefined) throw e
    const instead = isPullRequestCreationForbidden(e)
      ? ` Then run this again, or open a pull request from the branch ${pull.branch} yourself, or run again with mode: commit.`
      : ''
    throw new Error(why + instead)
  }
}

async function ensureMilestone(
  plan: CohortPlan,
  github: Repository,
  dry: boolean,
): Promise<{ number?: number; result: string }> {
  const spec = plan.milestone
  if (spec.existing !== undefined) return { number: spec.existing, result: 'exists' }
  if (dry) return { result: 'would create' }
  const find = async () =>
    (await github.listMilestones()).find((m) => m.title.toLowerCase() === spec.title.toLowerCase())
      ?.number
  const number = await createOnce({
    create: async () => {
      try {
        return await github.createMilestone({
          title: spec.title,
          description: spec.description,
          due_on: spec.dueOn,
        })
      } catch (e) {
        // Another run (or a person) made it in the meantime: use theirs.
        const existing = await find()
        if (existing !== undefined) return existing
        throw e
      }
    },
    lookup: find,
  })
  return { number, result: 'created' }
}

type IssueLookup = (body: string) => Promise<IssueView | undefined>

/** Finds the bot's issue carrying the same marker as `body`, for createOnce after a failed create. */
function issueLookup(github: Repository, slug: string): IssueLookup {
  return async (body) => {
    const wanted = parseMarkers(body).at(-1)
    if (!wanted) return undefined
    const issues = await github.listIssues({ labels: [`group:${slug}`], state: 'all' })
    return issues.find(
      (issue) => isOwnBot(issue.author) && findMarker(issue.body, wanted.kind, wanted.attributes),
    )
  }
}

async function ensureIssue(
  step: IssueStep,
  milestone: number | undefined,
  lookup: IssueLookup,
  github: Repository,
  dry: boolean,
  log: Logger,
): Promise<{ number?: number; result: string }> {
  if (step.existing !== undefined) return { number: step.existing, result: 'exists' }
  if (dry) return { result: 'would open' }
  let unassigned: Unassigned[] = []
  const issue = await createOnce({
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
    lookup: () => lookup(step.body),
  })
  for (const u of unassigned)
    log.warning(`#${u.issue}: @${u.login} is not assigned yet: ${u.reason}`)
  const waiting = unassigned.map((u) => `@${u.login}`).join(', ')
  return {
    number: issue.number,
    result: waiting
      ? `opened, ${waiting} not assigned yet (no access to the repository yet)`
      : 'opened',
  }
}

function ref(number: number | undefined): string {
  return number === undefined ? '' : `#${number}`
}
