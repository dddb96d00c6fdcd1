import type { GitHubEmulator } from './server.js'
import type { ApiIssue, ApiIssueComment, ApiLabel, ApiRepository, ApiUser } from './types.js'
import { Renderer } from './render.js'

/**
 * Webhook payload builders for the events our workflows run on, built from the emulator's
 * current state: an event about issue 7 carries issue 7 exactly as the emulator has it. No
 * `installation` (GITHUB_TOKEN runs don't carry one).
 */

export interface SchedulePayload {
  schedule: string
  workflow: string
}

export interface WorkflowDispatchPayload {
  inputs: Record<string, string | number | boolean>
  ref: string
  repository: ApiRepository
  sender: ApiUser
  workflow: string
}

export interface IssuesPayload {
  action: string
  issue: ApiIssue
  repository: ApiRepository
  sender: ApiUser
  changes?: Changes
  label?: ApiLabel
  assignee?: ApiUser | null
}

export interface IssueCommentPayload {
  action: 'created' | 'edited' | 'deleted'
  issue: ApiIssue
  comment: ApiIssueComment
  repository: ApiRepository
  sender: ApiUser
  changes?: { body?: { from: string } }
}

export type IssuesAction =
  | 'opened'
  | 'edited'
  | 'closed'
  | 'reopened'
  | 'labeled'
  | 'unlabeled'
  | 'assigned'
  | 'unassigned'
  | 'milestoned'
  | 'demilestoned'
  | 'locked'
  | 'unlocked'
  | 'deleted'
  | 'transferred'
  | 'pinned'
  | 'unpinned'

const DEFAULT_WORKFLOW = '.github/workflows/skill-share.yml'

function renderer(gh: GitHubEmulator): Renderer {
  return new Renderer(gh.store, gh.url)
}

/** Whoever a human-triggered event is attributed to by default: the first owner/member/
 * collaborator, else the Actions bot. */
export function defaultSender(gh: GitHubEmulator): string {
  const users = gh.store.data.users
  const rank = { owner: 0, member: 1, collaborator: 2, invited: 3, none: 3 }
  const human = users
    .filter((u) => u.type === 'User' && u.role !== 'none' && u.role !== 'invited')
    .sort((a, b) => rank[a.role] - rank[b.role])[0]
  return human?.login ?? 'github-actions[bot]'
}

/** A `schedule` event: GitHub sends only the cron expression and the workflow path. */
export function schedulePayload(
  _gh: GitHubEmulator,
  cron = '0 9 * * 1',
  options: { workflow?: string } = {},
): SchedulePayload {
  return { schedule: cron, workflow: options.workflow ?? DEFAULT_WORKFLOW }
}

export function workflowDispatchPayload(
  gh: GitHubEmulator,
  inputs: Record<string, string | number | boolean> = {},
  options: { ref?: string; workflow?: string; sender?: string } = {},
): WorkflowDispatchPayload {
  const r = renderer(gh)
  return {
    inputs,
    ref: options.ref ?? `refs/heads/${gh.store.repo.default_branch}`,
    repository: r.repository(),
    sender: r.user(options.sender ?? defaultSender(gh)),
    workflow: options.workflow ?? DEFAULT_WORKFLOW,
  }
}

export type Changes = Record<string, { from: string }>

export interface IssuesPayloadOptions {
  changes?: Changes
  /** Login of the sender (default: the author; for `closed`, whoever closed it). */
  sender?: string
  /** For labeled/unlabeled: the label's name. */
  label?: string
  /** For assigned/unassigned. */
  assignee?: string
}

export interface IssueCommentPayloadOptions {
  changes?: { body?: { from: string } }
  /** Login of the sender (default: the comment's author). */
  sender?: string
}

const OPTION_KEYS = ['changes', 'sender', 'label', 'assignee']

/** The fourth argument may be the options or, as a shorthand, just the `changes` object. */
function optionsOf<T extends object>(arg: T | Changes | undefined): T {
  if (arg === undefined) return {} as T
  const isOptions = Object.keys(arg).every((key) => OPTION_KEYS.includes(key))
  return (isOptions ? arg : { changes: arg }) as T
}

/**
 * An `issues` event. The fourth argument is either options or just the `changes` object, e.g.
 * `issuesPayload(gh, 'edited', 7, { title: { from: 'Old title' } })`.
 */
export function issuesPayload(
  gh: GitHubEmulator,
  action: IssuesAction,
  issueNumber: number,
  optionsOrChanges?: IssuesPayloadOptions | Changes,
): IssuesPayload {
  const options = optionsOf<IssuesPayloadOptions>(optionsOrChanges)
  const r = renderer(gh)
  const stored = gh.store.issue(issueNumber)
  if (!stored) throw new Error(`issuesPayload: no issue #${issueNumber} in the emulator`)
  const sender =
    options.sender ??
    (action === 'closed' && stored.closed_by !== null ? stored.closed_by : stored.user)
  const payload: IssuesPayload = {
    action,
    issue: r.issue(stored),
    repository: r.repository(),
    sender: r.user(sender),
  }
  if (options.changes) payload.changes = options.changes
  if (options.label !== undefined) {
    const label = gh.store.label(options.label)
    if (!label) throw new Error(`issuesPayload: no label "${options.label}"`)
    payload.label = r.label(label)
  }
  if (options.assignee !== undefined) payload.assignee = r.user(options.assignee)
  return payload
}

/**
 * An `issue_comment` event. `comment` is an id (looked up in the emulator, including deleted
 * comments, which it keeps as tombstones) or a comment object captured earlier. The fourth
 * argument is either options or just the `changes` object (`{ body: { from: 'old' } }`).
 */
export function issueCommentPayload(
  gh: GitHubEmulator,
  action: 'created' | 'edited' | 'deleted',
  comment: number | ApiIssueComment,
  optionsOrChanges?: IssueCommentPayloadOptions | Changes,
): IssueCommentPayload {
  const options = optionsOf<IssueCommentPayloadOptions>(optionsOrChanges)
  const r = renderer(gh)
  let rendered: ApiIssueComment | undefined
  if (typeof comment === 'number') {
    const stored =
      gh.store.comment(comment) ?? gh.store.data.deleted_comments.find((c) => c.id === comment)
    rendered = stored ? r.comment(stored) : undefined
    if (!rendered) throw new Error(`issueCommentPayload: no comment ${comment} in the emulator`)
  } else {
    rendered = comment
  }
  const issueNumber = Number(rendered.issue_url.split('/').pop())
  const issue = gh.store.issue(issueNumber)
  if (!issue) throw new Error(`issueCommentPayload: no issue #${issueNumber} in the emulator`)
  const payload: IssueCommentPayload = {
    action,
    issue: r.issue(issue),
    comment: rendered,
    repository: r.repository(),
    sender: r.user(options.sender ?? rendered.user?.login ?? defaultSender(gh)),
  }
  if (options.changes) payload.changes = options.changes
  return payload
}
