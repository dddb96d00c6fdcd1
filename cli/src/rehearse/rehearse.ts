import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import {
  startGitHub,
  WorkflowRunner,
  type GitHubEmulator,
  type JobRecord,
  type WorkflowRun,
} from '../../../emulator/src/index.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import { retroBranch, retroDueAt } from '../../../actions/lib/retro/due.js'
import type { Session } from '../../../actions/lib/schedule/schedule.js'
import { SCHEDULED_WORKFLOW, scheduleLines, withCronLines } from '../commands/cron.js'
import { describeWrites } from './describe.js'
import { labelNames, type TimelineEntry } from './export.js'
import { memberScript, type MemberAction } from './script.js'

const HOUR = 3_600_000
const MINUTE = 60_000

export type PlanName = 'free' | 'pro' | 'team' | 'enterprise'

export interface RehearsalOptions {
  /** The checkout: workflows, templates, forms, the group, and the bundled actions. */
  root: string
  group: Group
  sessions: readonly Session[]
  /** Play until here (default: a few hours after the retrospective is due). */
  until?: Date
  /** The account's plan (default `free`: one assignee per issue on a private repository). */
  plan?: PlanName
  /** Logins whose collaborator invitation is still pending when the cohort starts. */
  pending?: readonly string[]
  onProgress?: (done: number, total: number, at: Date) => void
  onEntry?: (entry: TimelineEntry) => void
}

export interface RehearsalResult {
  gh: GitHubEmulator
  runner: WorkflowRunner
  timeline: TimelineEntry[]
  /** The billing meter: one record per job run. */
  jobs: JobRecord[]
  /** The retrospective's pull request, or why the rehearsal did not reach it. */
  retrospective: { pull: number } | { missing: string }
  /** Each session's promises against what happened. */
  promises: PromiseRow[]
  /** The pulse after week 2: when answers came in, and when the facilitators saw the counts. */
  pulse: PulseOutcome
  from: Date
  to: Date
}

export interface PromiseRow {
  session: number
  /** When the issue should open (its lead before the meeting) and when it did. */
  due: string
  opened?: string
  /** The day-before status: due 24 h before the start. */
  statusDue: string
  status?: string
  /** Closing after the meeting. */
  ends: string
  closed?: string
}

export interface PulseOutcome {
  /** When each answer was filed, in order; never by whom. */
  answered: string[]
  /** The facilitators' comment on the organizer's checklist, once enough had answered. */
  shown?: {
    at: string
    /** The checklist issue it is on. */
    issue: number
    /** "3 of 4 answered". */
    answers: string
    /** The counts, one Markdown table row per question. */
    rows: string[]
  }
}

/**
 * Plays a cohort on a local GitHub through the repository's real workflow files: the organizer
 * clicks "Run workflow" on Start a cohort, the scheduled workflow fires at its cron minutes on a
 * simulated clock, and scripted members comment, react and file forms through the API as people
 * do, each event starting whatever workflows GitHub would start. Nothing is run behind the
 * workflows' back: the retrospective appears because the scheduled workflow proposes it.
 */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  const { root, group, sessions } = options
  const first = sessions[0]
  if (!first) throw new Error(`group ${group.slug} has no sessions to rehearse`)
  const organizer =
    group.members.find((m) => m.role === 'facilitator')?.github ?? group.members[0]?.github ?? ''
  const pending = new Set(options.pending ?? [])
  const from = new Date(Date.parse(first.opensAt) - 24 * HOUR)
  const gh = await startGitHub({
    repo: `rehearsal/${group.slug}`,
    private: true,
    plan: options.plan ?? 'free',
    users: group.members.map((m) => ({
      login: m.github,
      role: m.github === organizer ? 'owner' : pending.has(m.github) ? 'invited' : 'collaborator',
    })),
    now: from,
    rateLimit: 100_000,
  })
  const files = await repositoryFiles(root, group.slug)
  // What the organizer commits after `npx skill-share cron --write`: runs at the group's due moments.
  const scheduled = files[SCHEDULED_WORKFLOW]
  const tuned = scheduled && withCronLines(scheduled, scheduleLines([group], from))
  if (tuned) files[SCHEDULED_WORKFLOW] = tuned
  gh.setFiles(files, { message: 'The group repository' })

  const timeline: TimelineEntry[] = []
  const runner = new WorkflowRunner({
    gh,
    root,
    onRun: (run) => {
      const entry = timelineEntry(run)
      timeline.push(entry)
      options.onEntry?.(entry)
    },
  })

  const retro = retroDueAt(sessions)
  const lastMeeting = sessions.at(-1) as Session
  const to =
    options.until ??
    new Date(
      Math.max(
        Date.parse(lastMeeting.endsAt) + 24 * HOUR,
        retro ? Date.parse(retro.at) + 6 * HOUR : 0,
      ),
    )
  const moments = scriptMoments(group, sessions, organizer, from, [...pending]).filter(
    (m) => m.at.getTime() <= to.getTime(),
  )
  for (const [index, moment] of moments.entries()) {
    await runner.advanceTo(moment.at)
    await moment.act(gh, runner)
    await runner.settle()
    options.onProgress?.(index + 1, moments.length + 1, moment.at)
  }
  await runner.advanceTo(to)
  options.onProgress?.(moments.length + 1, moments.length + 1, to)
  await runner.close()

  return {
    gh,
    runner,
    timeline,
    jobs: runner.jobs,
    retrospective: findRetrospective(gh, group, retro?.date, to, runner),
    promises: promises(gh, group, sessions, runner.jobs),
    pulse: pulseOutcome(gh, group),
    from,
    to,
  }
}

interface Moment {
  at: Date
  act: (gh: GitHubEmulator, runner: WorkflowRunner) => Promise<void>
}

/**
 * The organizer's click on "Start a cohort", then each member's action at its own minute: the
 * actions of a burst are spread over its first hours, as people answer at different times.
 */
function scriptMoments(
  group: Group,
  sessions: readonly Session[],
  organizer: string,
  from: Date,
  pending: readonly string[],
): Moment[] {
  const moments: Moment[] = []
  const start = new Date(from.getTime() + 12 * HOUR)
  moments.push({
    at: start,
    act: async (_gh, runner) => {
      await runner.dispatch('start-cohort.yml', startCohortInputs(group), { actor: organizer })
    },
  })
  // Members whose invitation was pending accept it a few hours after the cohort starts.
  for (const login of pending) {
    moments.push({
      at: new Date(start.getTime() + 6 * HOUR),
      act: async (gh) => gh.acceptInvitation(login),
    })
  }
  for (const burst of memberScript(group, sessions)) {
    burst.actions.forEach((action, i) => {
      moments.push({
        at: new Date(burst.at.getTime() + i * 23 * MINUTE),
        act: (gh) => perform(gh, group, action),
      })
    })
  }
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime())
}

/** One member action through the REST API, as that member. */
async function perform(gh: GitHubEmulator, group: Group, action: MemberAction): Promise<void> {
  const headers = gh.userHeaders(action.author)
  if (action.kind === 'form') {
    await api(gh, headers, 'POST', '/issues', {
      title: action.title,
      body: action.body,
      labels: ['skill-share', action.form],
    })
    return
  }
  const issue = sessionIssue(gh, group, action.session)
  if (issue === undefined) return
  if (action.kind === 'react') {
    await api(gh, headers, 'POST', `/issues/${issue}/reactions`, { content: '+1' })
    return
  }
  await api(gh, headers, 'POST', `/issues/${issue}/comments`, { body: action.body })
}

async function api(
  gh: GitHubEmulator,
  headers: Record<string, string>,
  method: string,
  route: string,
  body: object,
) {
  const response = await fetch(`${gh.url}/repos/${gh.repo.fullName}${route}`, {
    method,
    headers: { ...headers, authorization: 'token rehearsal', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`rehearsal: ${method} ${route} answered ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}

function sessionIssue(gh: GitHubEmulator, group: Group, n: number): number | undefined {
  const marker = new RegExp(`<!-- skill-share:session group=${group.slug} n=${n}[ >-]`)
  return gh.state
    .issues({ state: 'all' })
    .find((i) => i.user?.type === 'Bot' && marker.test(i.body ?? ''))?.number
}

function timelineEntry(run: WorkflowRun): TimelineEntry {
  const trigger = run.action ? `${run.event}.${run.action}` : run.event
  const source = `${run.workflow.replace(/\.yml$/, '')} (${trigger})`
  const ran = run.jobs.filter((j) => j.conclusion !== 'skipped')
  const requests = ran.flatMap((j) => j.requests)
  const failed = run.jobs.filter((j) => j.conclusion === 'failure')
  let what: string
  if (run.conclusion === 'cancelled') what = `cancelled: ${run.note ?? 'cancelled'}`
  else if (ran.length === 0) what = 'skipped: no job condition held'
  else if (failed.length > 0)
    what = `FAILED (${failed.map((j) => `${j.job}: ${failureReason(j)}`).join('; ')}); ${describeWrites(requests)}`
  else what = describeWrites(requests)
  const minutes = run.jobs.reduce((sum, j) => sum + j.billable_minutes, 0)
  return { at: new Date(run.at), source, what: `${what} [${minutes} min]` }
}

function failureReason(job: JobRecord): string {
  const annotation = job.steps
    .flatMap((s) => s.annotations)
    .find((a) => a.level === 'error')?.message
  return (annotation ?? job.log.at(-1) ?? 'failed').split('\n')[0] as string
}

function findRetrospective(
  gh: GitHubEmulator,
  group: Group,
  date: string | undefined,
  to: Date,
  runner: WorkflowRunner,
): RehearsalResult['retrospective'] {
  if (!date) return { missing: `${group.slug} has no closing meeting, so no retrospective is due` }
  const pull = gh.state.pulls().find((p) => p.head.ref === retroBranch(group, date))
  if (pull) return { pull: pull.number }
  const retroJobs = runner.jobs.filter((j) => j.job === 'retro' && j.conclusion !== 'skipped')
  const failed = retroJobs.find((j) => j.conclusion === 'failure')
  if (failed) return { missing: `the retro job failed: ${failureReason(failed)}` }
  return {
    missing: `no scheduled run proposed it by ${to.toISOString()} (it is due two days after the closing meeting; run "skill-share cron --write" so the schedule covers that moment)`,
  }
}

/**
 * Each session's promises, read back from what happened: when its issue was opened and closed, and
 * the first scheduled run on or after the day-before moment that wrote to it (the RSVP status).
 */
function promises(
  gh: GitHubEmulator,
  group: Group,
  sessions: readonly Session[],
  jobs: readonly JobRecord[],
): PromiseRow[] {
  return sessions.map((s) => {
    const number = sessionIssue(gh, group, s.number)
    const issue = number === undefined ? undefined : gh.state.issue(number)
    const statusDue = new Date(Date.parse(s.startsAt) - 24 * HOUR).toISOString()
    const touches = new RegExp(`/issues/${number}(/comments)?$`)
    const status = jobs.find(
      (j) =>
        j.workflow === 'sessions.yml' &&
        j.at >= statusDue &&
        j.requests.some((r) => r.method !== 'GET' && r.status < 300 && touches.test(r.path)),
    )
    return {
      session: s.number,
      due: s.opensAt,
      ...(issue ? { opened: issue.created_at } : {}),
      statusDue,
      ...(status && status.at < s.startsAt ? { status: status.at } : {}),
      ends: s.endsAt,
      ...(issue?.closed_at ? { closed: issue.closed_at } : {}),
    }
  })
}

/**
 * The pulse, read back from the repository: the answers' times (their issues are the members' own,
 * so the times are all this takes from them) and the counts the bot showed the facilitators.
 */
function pulseOutcome(gh: GitHubEmulator, group: Group): PulseOutcome {
  const issues = gh.state.issues({ state: 'all' })
  const answered = issues
    .filter((i) => i.user?.type !== 'Bot' && labelNames(i.labels).includes('pulse'))
    .map((i) => i.created_at)
    .sort()
  const checklist = issues.find(
    (i) =>
      i.user?.type === 'Bot' &&
      (i.body ?? '').includes(`<!-- skill-share:kickoff group=${group.slug} -->`),
  )
  const mark = `<!-- skill-share:pulse group=${group.slug} -->`
  const comment =
    checklist &&
    gh.state
      .comments(checklist.number)
      .find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(mark))
  if (!checklist || !comment) return { answered }
  const body = comment.body ?? ''
  return {
    answered,
    shown: {
      at: comment.created_at,
      issue: checklist.number,
      answers: /(\d+ of \d+ answered)/.exec(body)?.[1] ?? '',
      rows: body
        .split('\n')
        // The table's body rows: not its header, not its separator.
        .filter((line) => /^\| (?!Question |-)/.test(line)),
    },
  }
}

/** The files the group's repository holds: the group, templates, issue forms, workflows. */
async function repositoryFiles(root: string, slug: string): Promise<Record<string, string>> {
  const patterns = [
    `groups/${slug}/**`,
    'groups/group.schema.json',
    'templates/**',
    '.github/ISSUE_TEMPLATE/**',
    '.github/workflows/**',
  ]
  const files = await glob(patterns, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
  })
  const entries = await Promise.all(
    files
      .filter((f) => existsSync(path.join(root, f)))
      .map(async (f) => [f, await readFile(path.join(root, f), 'utf8')] as const),
  )
  return Object.fromEntries(entries)
}

function startCohortInputs(group: Group): Record<string, string> {
  const facilitators = group.members.filter((m) => m.role === 'facilitator').map((m) => m.github)
  return {
    slug: group.slug,
    name: group.name,
    start: `${group.start ?? ''} ${group.meeting?.time ?? ''}`.trim(),
    timezone: group.timezone,
    weekly: String(group.weekly),
    then: group.then,
    facilitators: facilitators.join(','),
    members: group.members
      .filter((m) => m.role !== 'facilitator')
      .map((m) => m.github)
      .join(','),
    skip: group.skip.join(','),
    mode: 'commit',
  }
}
