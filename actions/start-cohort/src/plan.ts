import { DateTime } from 'luxon'
import type { Group } from '../../lib/group-file/schema.js'
import {
  groupFilePath,
  renderGroupFile,
  unreadableGroupFile,
  validateGroupDraft,
  type CohortField,
  type FormProblem,
  type GroupDraft,
} from '../../lib/group-file/write.js'
import type { IssueView } from '../../lib/github/repository.js'
import { findMarker } from '../../lib/markers/markers.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { cohortMilestone, type RepositoryRef } from '../../lib/sessions/links.js'
import {
  candidatesOf,
  nominationsFor,
  type Candidates,
  type GroundRulesActivity,
} from '../../lib/cohort/candidates.js'
import {
  cohortLabels,
  facilitatorsOf,
  GROUND_RULES_MARKER,
  INTENTION_MARKER,
  KICKOFF_MARKER,
  pullRequestBody,
  pullRequestTitle,
  renderGroundRules,
  renderIntention,
  type CohortLinks,
  type CohortTemplates,
} from '../../lib/cohort/issues.js'

export type Mode = 'pull-request' | 'commit'
export type Access = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none' | 'unknown-user'

export interface CohortRequest {
  /** The form as read by readCohortForm, with the problems it found on its own. */
  draft: GroupDraft
  formProblems: readonly FormProblem[]
  mode: Mode
  allowPublic: boolean
  now: Date
}

/** A file as read from GitHub. */
export interface ObservedFile {
  sha: string
  text: string
}

/** What GitHub shows before this run writes anything. */
export interface CohortObservation {
  repository: { fullName: string; serverUrl: string; private: boolean; defaultBranch: string }
  /** Each login's access to the repository, by lower-case login. */
  access: Readonly<Record<string, Access>>
  /** The group file on the default branch. */
  groupFile?: ObservedFile
  /** An open pull request from this cohort's branch, with the group file on that branch. */
  pull?: { number: number; title: string; body: string; file?: ObservedFile }
  /** Whether this cohort's branch exists (left over from a closed pull request, say). */
  branchExists: boolean
  labels: readonly string[]
  milestones: ReadonlyArray<{ number: number; title: string }>
  /** Issues labelled `group:<slug>`, any state and author (only the bot's markers count). */
  issues: readonly IssueView[]
  intentionForm: boolean
  /** Open issues labelled `nomination`, for any group (the plan keeps this group's). */
  nominations?: readonly IssueView[]
  /** The ground-rules issue's comments and reactions, read when it has any. */
  groundRules?: GroundRulesActivity
}

export interface FileStep {
  path: string
  branch: string
  text: string
  message: string
  current?: ObservedFile
  action: 'create' | 'update' | 'unchanged'
}

export type PullStep =
  | { action: 'open'; branch: string; base: string; title: string; body: string; reset: boolean }
  | { action: 'update' | 'unchanged'; number: number; title: string; body: string }
  /** The default branch already has exactly this file. */
  | { action: 'none' }

export interface IssueStep {
  /** What the issue is, for reports: `ground rules`, `intention @ana`. */
  what: string
  existing?: number
  title: string
  body: string
  labels: string[]
  assignees: string[]
}

export interface CohortPlan {
  group: Group
  sessions: Session[]
  file: FileStep
  /** Pull-request mode only. */
  pull?: PullStep
  labels: { create: string[]; existing: string[] }
  milestone: { title: string; dueOn: string; description: string; existing?: number }
  groundRules: IssueStep
  intentions: Array<IssueStep & { login: string }>
  /**
   * Rendered at apply time, once the numbers it links to are known. An existing checklist keeps
   * its body (the organizer ticks boxes in it); only its Candidates section is brought up to date.
   */
  kickoff: { existing?: number; body?: string; assignees: string[] }
  /** Each member's state and the open nominations, for the checklist's Candidates section. */
  candidates: Candidates
}

export type CohortOutcome =
  { ok: true; plan: CohortPlan; problems: FormProblem[] } | { ok: false; problems: FormProblem[] }

export const BRANCH_PREFIX = 'skill-share/start-'

export function cohortBranch(slug: string): string {
  return `${BRANCH_PREFIX}${slug}`
}

/**
 * Checks the request against the rules and the repository, then returns the difference between
 * what exists and the cohort the form describes. Errors come back all at once, and with them no
 * plan: nothing is written for a request that is wrong anywhere.
 */
export function planCohort(
  request: CohortRequest,
  observed: CohortObservation,
  templates: CohortTemplates,
): CohortOutcome {
  const { draft, mode } = request
  const problems: FormProblem[] = [...request.formProblems]
  problems.push(...repositoryProblems(request, observed))
  problems.push(...accessProblems(draft, observed.access))

  const openPull = mode === 'pull-request' ? observed.pull : undefined
  // An open pull request's file may hold the organizer's edits (names, the place): build on it.
  const base = openPull?.file ?? observed.groupFile
  const branch = openPull?.file ? cohortBranch(draft.slug) : observed.repository.defaultBranch
  const unreadable =
    base && unreadableGroupFile(base.text, `${groupFilePath(draft.slug)} on ${branch}`)
  if (unreadable) return { ok: false, problems: sortProblems([...problems, unreadable]) }
  // In a public repository the sessions action posts only for a group file that says so.
  const isPublic = request.allowPublic && !observed.repository.private
  const text = renderGroupFile(isPublic ? { ...draft, public: true } : draft, base?.text)
  const validated = validateGroupDraft(text, draft, request.formProblems)
  problems.push(...validated.problems)
  const group = validated.group
  if (group) problems.push(...pastStart(group, request.now))
  if (!group || problems.some((p) => p.severity === 'error')) {
    return { ok: false, problems: sortProblems(problems) }
  }

  const repo: RepositoryRef = {
    serverUrl: observed.repository.serverUrl,
    repository: observed.repository.fullName,
    defaultBranch: observed.repository.defaultBranch,
  }
  const sessions = buildSchedule(group)
  const { file, pull } =
    mode === 'commit'
      ? commitSteps(group, text, observed)
      : pullRequestSteps(group, sessions, text, observed)
  if (mode === 'commit' && observed.pull)
    problems.push({
      severity: 'warning',
      message: `pull request #${observed.pull.number} from ${cohortBranch(group.slug)} is still open; this run committed to ${observed.repository.defaultBranch} instead, so close it`,
    })

  const links: CohortLinks = { repo, intentionForm: observed.intentionForm }
  const bot = observed.issues.filter((issue) => isOwnBot(issue.author))
  const markedIssue = (kind: string, attributes: Record<string, string>) =>
    bot.find((issue) => findMarker(issue.body, kind, attributes))
  const marked = (kind: string, attributes: Record<string, string>) =>
    markedIssue(kind, attributes)?.number
  const slug = { group: group.slug }
  const checklist = markedIssue(KICKOFF_MARKER, slug)

  const groundRules = renderGroundRules(group, sessions, templates)
  const plan: CohortPlan = {
    group,
    sessions,
    file,
    ...(pull ? { pull } : {}),
    labels: labelSteps(group, observed.labels),
    milestone: milestoneStep(group, sessions, observed.milestones),
    groundRules: {
      what: 'ground rules',
      ...existing(marked(GROUND_RULES_MARKER, slug)),
      ...groundRules,
      assignees: [],
    },
    intentions: group.members.map((member) => {
      const login = member.github
      const rendered = renderIntention(group, sessions, login, templates, links)
      return {
        what: `intention @${login}`,
        login,
        ...existing(marked(INTENTION_MARKER, { ...slug, member: login.toLowerCase() })),
        ...rendered,
        assignees: [login],
      }
    }),
    // One assignee per issue, whatever the plan: Free private repositories allow no more.
    kickoff: {
      ...(checklist ? { existing: checklist.number, body: checklist.body } : {}),
      assignees: facilitatorsOf(group).slice(0, 1),
    },
    candidates: candidatesOf(
      group,
      new Set(
        Object.entries(observed.access)
          .filter(([, level]) => HAS_ACCESS.includes(level))
          .map(([login]) => login),
      ),
      observed.groundRules,
      nominationsFor(group.slug, observed.nominations ?? []),
    ),
  }
  return { ok: true, plan, problems: sortProblems(problems) }
}

const HAS_ACCESS: readonly Access[] = ['admin', 'maintain', 'write', 'triage', 'read']

/** The group's ground-rules issue, written by the bot, among the observed issues. */
export function groundRulesIssue(
  issues: readonly IssueView[],
  slug: string,
): IssueView | undefined {
  return issues.find(
    (issue) =>
      isOwnBot(issue.author) && findMarker(issue.body, GROUND_RULES_MARKER, { group: slug }),
  )
}

function existing(number: number | undefined): { existing?: number } {
  return number === undefined ? {} : { existing: number }
}

function repositoryProblems(request: CohortRequest, observed: CohortObservation): FormProblem[] {
  if (observed.repository.private) return []
  if (request.allowPublic)
    return [
      {
        severity: 'warning',
        message: `${observed.repository.fullName} is public: anyone can read what the group writes here (allow-public is set, so the group file says public: true)`,
      },
    ]
  return [
    {
      severity: 'error',
      message:
        `${observed.repository.fullName} is public, and a group's material is confidential: nothing was written. ` +
        'Make the repository private (Settings → General → Danger Zone → Change visibility), then run this again. ' +
        'A fork of a public template cannot be made private: create the group\'s repository with "Use this template" instead. ' +
        'If the group really wants to work in public, set the allow-public input (the workflow reads the repository variable SKILL_SHARE_ALLOW_PUBLIC).',
    },
  ]
}

/**
 * Everyone in the group must exist on GitHub. Someone without access yet is the normal state of a
 * new cohort (invitations go out around now): a warning, and they are assigned once they accept.
 */
function accessProblems(draft: GroupDraft, access: CohortObservation['access']): FormProblem[] {
  const lists: Array<[CohortField, string[]]> = [
    ['facilitators', draft.facilitators],
    ['members', draft.members],
  ]
  return lists.flatMap(([field, logins]) =>
    logins.flatMap((login): FormProblem[] => {
      const level = access[login.toLowerCase()]
      if (level === 'unknown-user')
        return [
          {
            field,
            severity: 'error',
            message: `@${login} does not exist on GitHub; check the spelling`,
          },
        ]
      if (level === 'none')
        return [
          {
            field,
            severity: 'warning',
            message: `@${login} has no access to the repository yet: invite them as a collaborator (Settings → Collaborators) if you have not; their issues open now and are assigned to them once they accept`,
          },
        ]
      return []
    }),
  )
}

function pastStart(group: Group, now: Date): FormProblem[] {
  if (!group.start) return []
  const today = DateTime.fromJSDate(now).setZone(group.timezone).toISODate() ?? ''
  if (group.start >= today) return []
  return [
    {
      field: 'start',
      severity: 'warning',
      message: `${group.start} is in the past: meetings that are already over get no session issue`,
    },
  ]
}

function commitSteps(
  group: Group,
  text: string,
  observed: CohortObservation,
): { file: FileStep; pull?: PullStep } {
  const current = observed.groupFile
  return {
    file: {
      path: groupFilePath(group.slug),
      branch: observed.repository.defaultBranch,
      text,
      message: `${current ? 'Update' : 'Start'} ${group.name} (${groupFilePath(group.slug)})`,
      ...(current ? { current } : {}),
      action: fileAction(current, text),
    },
  }
}

/**
 * Pull-request mode converges on one open pull request per cohort: an open one is brought up to
 * date (its file and description), none is needed when the default branch already has the file,
 * and otherwise the cohort's branch is (re)started from the default branch and a pull request opened.
 */
function pullRequestSteps(
  group: Group,
  sessions: readonly Session[],
  text: string,
  observed: CohortObservation,
): { file: FileStep; pull: PullStep } {
  const path = groupFilePath(group.slug)
  const branch = cohortBranch(group.slug)
  const title = pullRequestTitle(group)
  const body = pullRequestBody(group, sessions)
  const message = `${observed.groupFile ? 'Update' : 'Start'} ${group.name} (${path})`
  const { pull } = observed
  if (pull) {
    const current = pull.file
    return {
      file: {
        path,
        branch,
        text,
        message,
        ...(current ? { current } : {}),
        action: fileAction(current, text),
      },
      pull: {
        action: pull.body === body && pull.title === title ? 'unchanged' : 'update',
        number: pull.number,
        title,
        body,
      },
    }
  }
  const current = observed.groupFile
  if (current?.text === text) {
    return {
      file: {
        path,
        branch: observed.repository.defaultBranch,
        text,
        message,
        current,
        action: 'unchanged',
      },
      pull: { action: 'none' },
    }
  }
  return {
    file: {
      path,
      branch,
      text,
      message,
      ...(current ? { current } : {}),
      action: fileAction(current, text),
    },
    pull: {
      action: 'open',
      branch,
      base: observed.repository.defaultBranch,
      title,
      body,
      reset: observed.branchExists,
    },
  }
}

function fileAction(current: ObservedFile | undefined, text: string): FileStep['action'] {
  if (!current) return 'create'
  return current.text === text ? 'unchanged' : 'update'
}

function labelSteps(group: Group, labels: readonly string[]): CohortPlan['labels'] {
  const have = new Set(labels.map((l) => l.toLowerCase()))
  const wanted = cohortLabels(group)
  return {
    create: wanted.filter((l) => !have.has(l.toLowerCase())),
    existing: wanted.filter((l) => have.has(l.toLowerCase())),
  }
}

/** The cohort milestone, as the sessions action names it: due when the last weekly meeting ends. */
function milestoneStep(
  group: Group,
  sessions: readonly Session[],
  milestones: CohortObservation['milestones'],
): CohortPlan['milestone'] {
  const title = cohortMilestone(group)
  const last = sessions.filter((s) => s.week !== undefined).at(-1)
  const found = milestones.find((m) => m.title.toLowerCase() === title.toLowerCase())
  return {
    title,
    dueOn: last?.endsAt ?? '',
    description: `The ${group.weekly} weekly meetings of ${groupFilePath(group.slug)}.`,
    ...existing(found?.number),
  }
}

const FIELD_ORDER: ReadonlyArray<CohortField | undefined> = [
  undefined,
  'slug',
  'name',
  'start',
  'weekday',
  'time',
  'timezone',
  'weekly',
  'then',
  'facilitators',
  'members',
  'skip',
]

/** Errors before warnings; within each, in the form's order. */
function sortProblems(problems: FormProblem[]): FormProblem[] {
  const rank = (p: FormProblem) => FIELD_ORDER.indexOf(p.field)
  return problems
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        Number(a.p.severity === 'warning') - Number(b.p.severity === 'warning') ||
        rank(a.p) - rank(b.p) ||
        a.index - b.index,
    )
    .map(({ p }) => p)
}
