import {
  issuesPayload,
  runAction,
  startGitHub,
  type ActionRunResult,
  type GitHubEmulator,
  type IssuesAction,
} from '../../emulator/src/index.js'
import { asMember, botComments, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

/** Session 2 of groups/example is open (its issue opened Thursday 29 October, 16:00 Pacific). */
export const WEEK_2_OPEN = '2026-10-30T12:00:00Z'

/** A collaborator of the repository who is on no group's member list. */
export const OUTSIDER = 'outside-olga'

/** Something a member wrote that must never appear in a bot comment, a log or the summary. */
export const SECRET_NOTE = 'The Falcon reorg is keeping me up at night'

export function startRepository(options: { private?: boolean } = {}): Promise<GitHubEmulator> {
  return startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: options.private ?? true,
    users: [...EXAMPLE_MEMBERS, OUTSIDER].map((login) => ({ login })),
    now: '2026-10-01T00:00:00Z',
  })
}

export function exampleWorkspace(): Promise<string> {
  return workspaceWith({ example: { from: 'groups/example' } })
}

/** Runs the sessions action, which opens the session issues due at `now`. */
export async function runSessions(gh: GitHubEmulator, workspace: string, now: string) {
  const result = await runAction('sessions', { gh, workspace, now, eventName: 'schedule' })
  if (result.exitCode !== 0) throw new Error(`sessions failed:\n${result.stdout}${result.stderr}`)
  await result.cleanup()
}

/** Runs the bundled forms action for an `issues` event about issue `n`, as the workflow does. */
export async function runForms(
  gh: GitHubEmulator,
  workspace: string,
  action: IssuesAction,
  n: number,
  now: string,
): Promise<ActionRunResult> {
  const result = await runAction('forms', {
    gh,
    eventName: 'issues',
    event: issuesPayload(gh, action, n),
    workspace,
    now,
  })
  await result.cleanup()
  return result
}

interface HomeworkAnswers {
  group?: string
  session?: string | number
  scores?: [string | number, string | number, string | number]
  notes?: [string?, string?, string?]
  circle?: string[]
  forFacilitator?: string
}

/** A homework issue body exactly as GitHub renders the form (see test/forms/golden). */
export function homeworkBody(answers: HomeworkAnswers = {}): string {
  const scores = answers.scores ?? [6, 8, 4]
  const notes = answers.notes ?? [SECRET_NOTE, undefined, 'Skipped running for two weeks.']
  const circle = answers.circle ?? ['Work', 'Self']
  return render([
    ['Group', answers.group ?? 'example'],
    ['Session', String(answers.session ?? 2)],
    ['Work: my score', String(scores[0])],
    ['Work: a few lines', notes[0]],
    ['Family: my score', String(scores[1])],
    ['Family: a few lines', notes[1]],
    ['Self: my score', String(scores[2])],
    ['Self: a few lines', notes[2]],
    [
      'Two answers for the opening circle',
      ['Work', 'Family', 'Self']
        .map((area) => `- [${circle.includes(area) ? 'X' : ' '}] ${area}`)
        .join('\n'),
    ],
    ['Anything the facilitator should know?', answers.forFacilitator],
  ])
}

/** A buddy check-in body as GitHub renders the form. */
export function checkInBody(answers: { session?: number; outcome?: string } = {}): string {
  return render([
    ['Group', 'example'],
    ['Session', String(answers.session ?? 1)],
    ['My commitment this week', 'Block two mornings without meetings and protect them.'],
    ['How it went', answers.outcome ?? 'Partly'],
    ['What helped or got in the way', undefined],
  ])
}

function render(fields: Array<[string, string | undefined]>): string {
  return fields
    .map(([label, value]) => `### ${label}\n\n${value?.trim() ? value : '_No response_'}`)
    .join('\n\n')
}

/** A member opens an issue the way the form does: with its labels, if the repository has them. */
export async function submit(
  gh: GitHubEmulator,
  login: string,
  body: string,
  options: { title?: string; labels?: string[] } = {},
): Promise<number> {
  const { data } = await asMember(gh, login).rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: options.title ?? 'Homework · example · session 2',
    body,
    labels: options.labels ?? ['skill-share', 'homework'],
  })
  return data.number
}

/** The member edits their issue's body, as "··· → Edit" does. */
export async function edit(gh: GitHubEmulator, login: string, n: number, body: string) {
  await asMember(gh, login).rest.issues.update({ owner: OWNER, repo: REPO, issue_number: n, body })
}

export function labelsOf(gh: GitHubEmulator, n: number): string[] {
  const issue = gh.state.issues({ state: 'all' }).find((i) => i.number === n)
  return (issue?.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).sort()
}

export function assigneesOf(gh: GitHubEmulator, n: number): string[] {
  const issue = gh.state.issues({ state: 'all' }).find((i) => i.number === n)
  return (issue?.assignees ?? []).map((a) => a.login)
}

/** Every comment the bot has on an issue, with or without a marker. */
export function allBotComments(gh: GitHubEmulator, n: number) {
  return gh.state.comments(n).filter((c) => c.user?.login === 'github-actions[bot]')
}

export function reply(gh: GitHubEmulator, n: number): string {
  const replies = botComments(gh, n, 'form-reply')
  if (replies.length !== 1) throw new Error(`expected one reply on #${n}, found ${replies.length}`)
  return replies[0]?.body ?? ''
}

export function statusOf(gh: GitHubEmulator, sessionIssue: number): string {
  return botComments(gh, sessionIssue, 'status')[0]?.body ?? ''
}

/** The session issue the sessions action opened for session `n` of groups/example. */
export function sessionIssue(gh: GitHubEmulator, n: number): number {
  const issue = gh.state
    .issues({ state: 'all' })
    .find((i) => (i.body ?? '').includes(`<!-- skill-share:session group=example n=${n}`))
  if (!issue) throw new Error(`no session issue for session ${n}`)
  return issue.number
}

export function writes(result: ActionRunResult) {
  return result.requests.filter((r) => r.method !== 'GET')
}
