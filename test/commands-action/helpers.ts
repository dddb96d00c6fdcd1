import { Octokit } from '@octokit/rest'
import {
  issueCommentPayload,
  runAction,
  startGitHub,
  type ActionRunResult,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

export const BOT = 'github-actions[bot]'
/** A collaborator of the repository who is not on the example group's roster. */
export const OUTSIDER = 'outsider-olga'
/** Another app's bot, commenting with a command. */
export const OTHER_BOT = 'helper-app[bot]'

/** The example group's repository: its members, an outsider collaborator and another bot. */
export async function startCircle(now = '2026-10-01T00:00:00Z'): Promise<GitHubEmulator> {
  return startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: [
      ...EXAMPLE_MEMBERS.map((login, i) => ({
        login,
        role: i === 0 ? ('owner' as const) : ('collaborator' as const),
      })),
      { login: OUTSIDER },
      { login: OTHER_BOT, type: 'Bot' as const },
    ],
    now,
  })
}

export function exampleWorkspace(groupYaml?: string): Promise<string> {
  return workspaceWith({ example: groupYaml ?? { from: 'groups/example' } })
}

/** Runs the sessions action once, which opens whatever session issue is due at `now`. */
export async function openSessions(gh: GitHubEmulator, workspace: string, now: string) {
  const run = await runAction('sessions', { gh, workspace, now, eventName: 'schedule' })
  if (run.exitCode !== 0) throw new Error(`sessions failed:\n${run.stdout}\n${run.stderr}`)
  await run.cleanup()
}

/** The bot's session issue of the example group for a session number. */
export function sessionIssue(gh: GitHubEmulator, n: number): number {
  const issue = gh.state
    .issues({ state: 'all' })
    .find((i) => new RegExp(`skill-share:session group=example n=${n}[ >]`).test(i.body ?? ''))
  if (!issue) throw new Error(`no issue for session ${n}`)
  return issue.number
}

export async function comment(gh: GitHubEmulator, login: string, issue: number, body: string) {
  const { data } = await asMember(gh, login).rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: issue,
    body,
  })
  return data.id
}

export async function editComment(gh: GitHubEmulator, login: string, id: number, body: string) {
  const before = gh.state.comment(id)?.body ?? ''
  await asMember(gh, login).rest.issues.updateComment({
    owner: OWNER,
    repo: REPO,
    comment_id: id,
    body,
  })
  return before
}

export async function deleteComment(gh: GitHubEmulator, login: string, id: number) {
  await asMember(gh, login).rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: id })
}

export async function react(
  gh: GitHubEmulator,
  login: string,
  target: { issue: number } | { comment: number },
  content: '+1' | 'heart' = '+1',
) {
  const octokit = asMember(gh, login)
  if ('issue' in target)
    await octokit.rest.reactions.createForIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: target.issue,
      content,
    })
  else
    await octokit.rest.reactions.createForIssueComment({
      owner: OWNER,
      repo: REPO,
      comment_id: target.comment,
      content,
    })
}

/** An octokit acting as the workflow's own token (github-actions[bot]). */
export function asBot(gh: GitHubEmulator): Octokit {
  return new Octokit({ baseUrl: gh.url, auth: 'bot-token' })
}

export type CommentEvent = { action: 'created' | 'edited' | 'deleted'; id: number; from?: string }

/** Starts the commands action for one comment event, as the workflow's first job would. */
export function onComment(
  gh: GitHubEmulator,
  workspace: string,
  event: CommentEvent,
  now: string,
): Promise<ActionRunResult> {
  const payload = issueCommentPayload(
    gh,
    event.action,
    event.id,
    event.from !== undefined ? { changes: { body: { from: event.from } } } : undefined,
  )
  return runAction('commands', { gh, workspace, now, eventName: 'issue_comment', event: payload })
}

/** The payload is built when the event happens, so replays later carry what GitHub sent then. */
export function commentEventPayload(gh: GitHubEmulator, event: CommentEvent) {
  return issueCommentPayload(
    gh,
    event.action,
    event.id,
    event.from !== undefined ? { changes: { body: { from: event.from } } } : undefined,
  )
}

export function runWithPayload(
  gh: GitHubEmulator,
  workspace: string,
  payload: object,
  now: string,
): Promise<ActionRunResult> {
  return runAction('commands', { gh, workspace, now, eventName: 'issue_comment', event: payload })
}

/** The scheduled sweep (buddies, theme titles, proposed themes). */
export function sweep(gh: GitHubEmulator, workspace: string, now: string | Date) {
  return runAction('commands', { gh, workspace, now, eventName: 'schedule' })
}

/** The workflow's second job, with the first job's group-changes output. */
export function groupFiles(gh: GitHubEmulator, workspace: string, changes: string, now: string) {
  return runAction('commands', {
    gh,
    workspace,
    now,
    eventName: 'issue_comment',
    inputs: { 'group-changes': changes },
  })
}

export function expectOk(run: ActionRunResult): ActionRunResult {
  if (run.exitCode !== 0)
    throw new Error(`commands failed (${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
  return run
}

/** The bot's comments on an issue by marker kind, with their bodies. */
export function ownComments(gh: GitHubEmulator, issue: number, kind?: string) {
  return gh.state
    .comments(issue)
    .filter((c) => c.user?.login === BOT)
    .filter((c) => kind === undefined || (c.body ?? '').includes(`<!-- skill-share:${kind} `))
}

export function statusOf(gh: GitHubEmulator, issue: number): string {
  const status = ownComments(gh, issue, 'status')
  if (status.length !== 1) throw new Error(`#${issue} has ${status.length} status comments`)
  return status[0]?.body ?? ''
}

/** Everything a person would see on an issue: comments (bodies), reactions, state, assignees. */
export function issuePicture(gh: GitHubEmulator, issue: number) {
  const stored = gh.state.issue(issue)
  return {
    state: stored?.state,
    stateReason: stored?.state_reason ?? null,
    assignees: (stored?.assignees ?? []).map((a) => a.login).sort(),
    title: stored?.title,
    comments: gh.state.comments(issue).map((c) => ({ user: c.user?.login, body: c.body })),
    reactions: gh.state
      .reactions()
      .filter((r) => r.user?.login === BOT)
      .map((r) => `${r.subject}:${r.subject_id}:${r.content}`)
      .sort(),
  }
}
