import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  runAction,
  startGitHub,
  type ActionRunResult,
  type GitHubEmulator,
  type InputValue,
  type UserSpec,
} from '../../emulator/src/index.js'
import { REPO_ROOT } from '../support/cli.js'

export const NOW = '2026-10-01T12:00:00Z'

export const FACILITATORS = ['octo-ana', 'priya-n']
export const MEMBERS = ['bkowalski', 'jmartin', 'grace-o']

/** The form as an organizer fills it in on the Actions tab. */
export const INPUTS: Record<string, InputValue> = {
  slug: 'fall-2026',
  name: 'Fall 2026 circle',
  start: '2026-10-25 16:00',
  timezone: 'America/Los_Angeles',
  weekly: '6',
  then: 'monthly',
  facilitators: FACILITATORS.join(', '),
  members: MEMBERS.join(', '),
  skip: '2026-11-29',
  mode: 'pull-request',
  'dry-run': 'false',
  'allow-public': 'false',
}

/** A private copy of the template with the group's people as collaborators, plus an outsider. */
export function startRepository(options: { private?: boolean; users?: UserSpec[] } = {}) {
  return startGitHub({
    repo: 'acme/circle',
    private: options.private ?? true,
    now: NOW,
    users: [
      { login: 'acme-lead', role: 'owner' },
      ...[...FACILITATORS, ...MEMBERS, 'sam-rivera'].map((login) => ({ login })),
      { login: 'outsider', role: 'none' },
      ...(options.users ?? []),
    ],
  })
}

/** The checkout the workflow gets: the repository's templates and issue forms. */
export async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-start-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(
    path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE'),
    path.join(dir, '.github/ISSUE_TEMPLATE'),
    {
      recursive: true,
    },
  )
  return dir
}

let shared: Promise<string> | undefined

/** Runs the bundled action as the workflow would, on a checkout shared by the tests (read only). */
export async function dispatch(
  gh: GitHubEmulator,
  inputs: Record<string, InputValue> = {},
  workspace?: string,
): Promise<ActionRunResult> {
  shared ??= checkout()
  return runAction('start-cohort', {
    gh,
    workspace: workspace ?? (await shared),
    now: NOW,
    inputs: { ...INPUTS, ...inputs },
  })
}

export function writesOf(result: ActionRunResult) {
  return result.requests.filter((r) => r.method !== 'GET')
}

/** What a person sees in the repository, without ids or timestamps. */
export function picture(gh: GitHubEmulator) {
  return {
    issues: gh.state.issues({ state: 'all' }).map((issue) => ({
      number: issue.number,
      title: issue.title,
      labels: issue.labels.map((l) => (typeof l === 'string' ? l : l.name)).sort(),
      assignees: (issue.assignees ?? []).map((a) => a.login),
      milestone: issue.milestone?.title ?? null,
      author: issue.user?.login,
    })),
    pulls: gh.state.pulls().map((p) => ({ number: p.number, head: p.head.ref, state: p.state })),
    labels: gh.state
      .labels()
      .map((l) => l.name)
      .sort(),
    milestones: gh.state.milestones().map((m) => ({ title: m.title, due: m.due_on })),
    refs: Object.keys(gh.state.refs()).sort(),
  }
}
