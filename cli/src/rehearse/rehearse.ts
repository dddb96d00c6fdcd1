import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { glob } from 'tinyglobby'
import {
  issueCommentPayload,
  issuesPayload,
  runAction,
  startGitHub,
  workflowDispatchPayload,
  type GitHubEmulator,
  type RequestLogEntry,
} from '../../../emulator/src/index.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import type { Session } from '../../../actions/lib/schedule/schedule.js'
import { describeWrites } from './describe.js'
import type { TimelineEntry } from './export.js'
import { memberScript, type MemberAction } from './script.js'

const HOUR = 3_600_000

export interface RehearsalOptions {
  root: string
  group: Group
  sessions: readonly Session[]
  onProgress?: (done: number, total: number, at: Date) => void
  onEntry?: (entry: TimelineEntry) => void
}

interface Step {
  at: Date
  order: number
  run: () => Promise<void>
}

/**
 * Plays a cohort on a local GitHub: the real bundled actions run as their workflows would (the
 * sessions workflow at every hour where something is due, the forms and commands workflows after
 * each burst of member activity, the retrospective after the closing meeting), while scripted
 * members RSVP, hand in homework, take notes and reflect.
 */
export async function rehearse(
  options: RehearsalOptions,
): Promise<{ gh: GitHubEmulator; timeline: TimelineEntry[] }> {
  const { root, group, sessions } = options
  const actionsRoot = path.join(root, 'actions')
  const has = (name: string) => existsSync(path.join(actionsRoot, name, 'dist', 'index.js'))
  const first = sessions[0]
  if (!first) throw new Error(`group ${group.slug} has no sessions to rehearse`)
  const gh = await startGitHub({
    repo: `rehearsal/${group.slug}`,
    private: true,
    users: group.members.map((m) => ({ login: m.github })),
    now: new Date(Date.parse(first.opensAt) - 24 * HOUR),
    rateLimit: 100_000,
  })
  const workspace = await checkout(root, group.slug)
  gh.setFiles(await repositoryFiles(workspace), { message: 'The group repository' })
  const timeline: TimelineEntry[] = []
  const record = (at: Date, source: string, requests: readonly RequestLogEntry[]) => {
    const entry = { at, source, what: describeWrites(requests) }
    timeline.push(entry)
    options.onEntry?.(entry)
  }
  const run = async (
    name: string,
    at: Date,
    eventName: string,
    event?: object,
    inputs: Record<string, string> = {},
  ) => {
    if (!has(name)) return
    const result = await runAction(name, {
      gh,
      actionsRoot,
      workspace,
      now: at,
      eventName,
      inputs,
      ...(event ? { event } : {}),
    })
    record(at, name, result.requests)
    await result.cleanup()
  }

  const steps: Step[] = []
  const add = (at: Date, order: number, step: () => Promise<void>) =>
    steps.push({ at, order, run: step })
  const start = new Date(Date.parse(first.opensAt) - 12 * HOUR)
  add(start, 0, () =>
    run(
      'start-cohort',
      start,
      'workflow_dispatch',
      workflowDispatchPayload(gh, {}),
      startCohortInputs(group),
    ),
  )
  for (const session of sessions) {
    for (const moment of [
      session.opensAt,
      new Date(Date.parse(session.startsAt) - 24 * HOUR).toISOString(),
      session.endsAt,
    ]) {
      const at = new Date(Math.ceil(Date.parse(moment) / HOUR) * HOUR)
      add(at, 1, () => run('sessions', at, 'schedule'))
    }
    if (session.week !== undefined) {
      const buddies = new Date(Math.ceil(Date.parse(session.endsAt) / HOUR) * HOUR + 2 * HOUR)
      add(buddies, 3, () => run('commands', buddies, 'schedule'))
    }
  }
  for (const burst of memberScript(group, sessions)) {
    add(burst.at, 2, async () => {
      gh.clock.set(burst.at)
      await play(gh, group, burst.actions, async (kind, id) => {
        if (kind === 'issue')
          await run('forms', burst.at, 'issues', issuesPayload(gh, 'opened', id))
        else
          await run('commands', burst.at, 'issue_comment', issueCommentPayload(gh, 'created', id))
      })
    })
  }
  const closing = sessions.find((s) => s.kind === 'closing')
  if (closing) {
    const at = new Date(Math.ceil(Date.parse(closing.endsAt) / HOUR) * HOUR + 3 * HOUR)
    add(at, 4, () =>
      run('retro', at, 'workflow_dispatch', workflowDispatchPayload(gh, { group: group.slug }), {
        group: group.slug,
      }),
    )
  }

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
  for (const [index, step] of steps.entries()) {
    await step.run()
    options.onProgress?.(index + 1, steps.length, step.at)
  }
  return { gh, timeline }
}

/** Members act through the API as themselves; one workflow run follows each issue's last comment. */
async function play(
  gh: GitHubEmulator,
  group: Group,
  actions: readonly MemberAction[],
  trigger: (kind: 'issue' | 'comment', id: number) => Promise<void>,
) {
  const lastComment = new Map<number, number>()
  const opened: number[] = []
  for (const action of actions) {
    const headers = gh.userHeaders(action.author)
    if (action.kind === 'form') {
      const issue = await api(gh, headers, 'POST', '/issues', {
        title: action.title,
        body: action.body,
        labels: ['skill-share', action.form],
      })
      opened.push(issue.number as number)
      continue
    }
    const issue = sessionIssue(gh, group, action.session)
    if (issue === undefined) continue
    if (action.kind === 'react') {
      await api(gh, headers, 'POST', `/issues/${issue}/reactions`, { content: '+1' })
      continue
    }
    const comment = await api(gh, headers, 'POST', `/issues/${issue}/comments`, {
      body: action.body,
    })
    lastComment.set(issue, comment.id as number)
  }
  for (const id of opened) await trigger('issue', id)
  for (const id of lastComment.values()) await trigger('comment', id)
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
    .find((i) => i.user?.login === 'github-actions[bot]' && marker.test(i.body ?? ''))?.number
}

/** What actions/checkout would give the workflows: the group, the templates and the issue forms. */
async function checkout(root: string, slug: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-rehearsal-'))
  for (const part of [
    `groups/${slug}`,
    'groups/group.schema.json',
    'templates',
    '.github/ISSUE_TEMPLATE',
  ]) {
    if (existsSync(path.join(root, part)))
      await cp(path.join(root, part), path.join(dir, part), { recursive: true })
  }
  return dir
}

async function repositoryFiles(workspace: string): Promise<Record<string, string>> {
  const files = await glob('**/*', { cwd: workspace, dot: true, onlyFiles: true })
  const entries = await Promise.all(
    files.map(async (f) => [f, await readFile(path.join(workspace, f), 'utf8')] as const),
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
