import {
  bodyObject,
  checkLength,
  created,
  fail,
  hasPermission,
  intParam,
  invalidRequest,
  noContent,
  notFound,
  ok,
  paginate,
  parseTimestamp,
  validationFailed,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import { LIMITS, type Store } from '../state.js'
import type { LockReason, StateReason, StoredIssue } from '../types.js'

const P = '/repos/:owner/:repo'
const DOCS_ISSUES = 'https://docs.github.com/rest/issues/issues'

/** The issue for a path parameter: 404 when it never existed, 410 when it was deleted. */
export function findIssue(ctx: RouteContext, raw = ctx.params.issue_number): StoredIssue {
  const issue = ctx.store.issue(intParam(raw))
  if (!issue) throw notFound(`${DOCS_ISSUES}#get-an-issue`)
  if (issue.deleted) throw fail(410, 'This issue was deleted', `${DOCS_ISSUES}#get-an-issue`)
  return issue
}

/** Label names from `["a", "b"]` or `[{ name: "a" }]`; undefined when absent. */
export function labelNames(value: unknown, key = 'labels'): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) {
    throw invalidRequest(`For 'properties/${key}', ${JSON.stringify(value)} is not an array.`)
  }
  return value.map((item) => {
    if (typeof item === 'string') return item
    if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
      return (item as { name: string }).name
    }
    throw invalidRequest(`For 'items', ${JSON.stringify(item)} is not a string.`)
  })
}

/** Label ids for names, creating missing labels like GitHub does; duplicates collapse. */
export function labelIds(store: Store, names: readonly string[]): number[] {
  const ids: number[] = []
  for (const name of names) {
    const trimmed = name.trim()
    if (trimmed === '') continue
    if (!store.label(trimmed)) checkLength('Label', 'name', trimmed, LIMITS.labelName)
    const id = store.ensureLabel(trimmed).id
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}

function assignable(ctx: RouteContext, login: string, author: string): boolean {
  const user = ctx.store.user(login)
  if (!user || user.type !== 'User') return false
  return ctx.store.isCollaborator(login) || user.login.toLowerCase() === author.toLowerCase()
}

function assigneeLogins(
  ctx: RouteContext,
  body: Record<string, unknown>,
  author: string,
): string[] | undefined {
  let logins: string[] | undefined
  if (body.assignees !== undefined && body.assignees !== null) {
    if (!Array.isArray(body.assignees) || body.assignees.some((a) => typeof a !== 'string')) {
      throw invalidRequest(
        `For 'properties/assignees', ${JSON.stringify(body.assignees)} is not an array.`,
      )
    }
    logins = body.assignees as string[]
  } else if (body.assignee !== undefined) {
    logins = typeof body.assignee === 'string' && body.assignee !== '' ? [body.assignee] : []
  }
  if (logins === undefined) return undefined
  const result: string[] = []
  for (const login of logins) {
    if (!assignable(ctx, login, author)) {
      throw validationFailed(
        [{ resource: 'Issue', field: 'assignees', code: 'invalid', value: login }],
        DOCS_ISSUES,
      )
    }
    const canonical = (ctx.store.user(login) as { login: string }).login
    if (!result.includes(canonical)) result.push(canonical)
  }
  return ctx.store.singleAssignee ? oneAssignee(ctx, result) : result
}

/**
 * "Private repositories on the free plan are limited to one person per issue." GitHub does not
 * document what the API does with a second one, so the emulator refuses or keeps the first, as
 * configured.
 */
function oneAssignee(ctx: RouteContext, logins: string[]): string[] {
  if (logins.length <= 1 || ctx.store.assigneeMode === 'first') return logins.slice(0, 1)
  throw validationFailed(
    [
      {
        resource: 'Issue',
        field: 'assignees',
        code: 'custom',
        message: 'Private repositories on the free plan are limited to one assignee per issue.',
      },
    ],
    DOCS_ISSUES,
  )
}

function checkIssueText(title: string | undefined, body: string | null | undefined): void {
  checkLength('Issue', 'title', title, LIMITS.issueTitle, DOCS_ISSUES)
  checkLength('Issue', 'body', body, LIMITS.body, DOCS_ISSUES)
}

function milestoneNumber(ctx: RouteContext, value: unknown): number | null | undefined {
  if (value === undefined) return undefined
  if (value === null || value === '') return null
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !ctx.store.milestone(number)) {
    throw validationFailed(
      [{ resource: 'Issue', field: 'milestone', code: 'invalid', value: value as string }],
      DOCS_ISSUES,
    )
  }
  return number
}

function titleOf(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') {
    throw invalidRequest(
      `For 'properties/title', ${JSON.stringify(value)} is not a string or integer.`,
    )
  }
  return value
}

function bodyText(value: unknown): string | null | undefined {
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') {
    throw invalidRequest(`For 'properties/body', ${JSON.stringify(value)} is not a string or null.`)
  }
  return value
}

/** Open a new issue number (shared with pull requests). */
export function insertIssue(
  ctx: RouteContext,
  fields: Pick<StoredIssue, 'title' | 'body' | 'labels' | 'assignees' | 'milestone'> & {
    pull_request: boolean
  },
): StoredIssue {
  const now = ctx.clock.iso()
  const issue: StoredIssue = {
    number: ctx.store.data.next_number++,
    id: ctx.store.nextId(),
    title: fields.title,
    body: fields.body,
    user: ctx.actor.user.login,
    state: 'open',
    state_reason: null,
    labels: fields.labels,
    assignees: fields.assignees,
    milestone: fields.milestone,
    locked: false,
    active_lock_reason: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closed_by: null,
    pull_request: fields.pull_request,
  }
  ctx.store.data.issues.push(issue)
  return issue
}

/** Open/close an issue (or a pull request's issue), keeping closed_at/closed_by/state_reason. */
export function setIssueState(
  ctx: RouteContext,
  issue: StoredIssue,
  state: 'open' | 'closed',
  reason: StateReason | undefined,
): void {
  const now = ctx.clock.iso()
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed'
    issue.closed_at = now
    issue.closed_by = ctx.actor.user.login
    issue.state_reason = issue.pull_request ? null : (reason ?? 'completed')
    const pull = ctx.store.pull(issue.number)
    if (pull) {
      pull.head_sha = ctx.store.branchSha(pull.head) ?? pull.head_sha
      pull.base_sha = ctx.store.branchSha(pull.base) ?? pull.base_sha
    }
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open'
    issue.closed_at = null
    issue.closed_by = null
    issue.state_reason = issue.pull_request ? null : 'reopened'
  } else if (reason !== undefined && issue.state === 'closed' && !issue.pull_request) {
    issue.state_reason = reason
  }
}

function createIssue(ctx: RouteContext): HandlerResult {
  const body = bodyObject(ctx)
  const title = titleOf(body.title)
  if (title === undefined) throw invalidRequest(`"title" wasn't supplied.`, DOCS_ISSUES)
  if (title.trim() === '') {
    throw validationFailed([{ resource: 'Issue', field: 'title', code: 'missing_field' }])
  }
  const text = bodyText(body.body) ?? null
  checkIssueText(title, text)
  const author = ctx.actor.user.login
  // Without triage access GitHub silently drops labels, assignees and milestone.
  const canTriage = hasPermission(ctx.actor, 'triage')
  const names = labelNames(body.labels) ?? []
  const assignees = canTriage ? (assigneeLogins(ctx, body, author) ?? []) : []
  const milestone = canTriage ? (milestoneNumber(ctx, body.milestone) ?? null) : null
  const issue = insertIssue(ctx, {
    title,
    body: text,
    labels: canTriage ? labelIds(ctx.store, names) : [],
    assignees,
    milestone,
    pull_request: false,
  })
  return created(ctx.render.issue(issue))
}

function getIssue(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.issue(findIssue(ctx)))
}

const STATE_REASONS: readonly StateReason[] = [
  'completed',
  'not_planned',
  'reopened',
  'duplicate',
  null,
]

function updateIssue(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  const body = bodyObject(ctx)
  const isAuthor = issue.user.toLowerCase() === ctx.actor.user.login.toLowerCase()
  const canTriage = hasPermission(ctx.actor, 'triage')
  if (!isAuthor && !canTriage) throw fail(403, 'Must have admin rights to Repository.')

  const title = titleOf(body.title)
  const text = bodyText(body.body)
  checkIssueText(title, text)
  const state = body.state
  if (state !== undefined && state !== 'open' && state !== 'closed') {
    throw validationFailed(
      [{ resource: 'Issue', field: 'state', code: 'invalid', value: String(state) }],
      DOCS_ISSUES,
    )
  }
  const reason = body.state_reason as StateReason | undefined
  if (reason !== undefined && !STATE_REASONS.includes(reason)) {
    throw invalidRequest(
      `For 'properties/state_reason', ${JSON.stringify(reason)} is not one of the allowed values.`,
    )
  }
  // Without triage access GitHub ignores labels, assignees and milestone.
  const names = canTriage ? labelNames(body.labels) : undefined
  const assignees = canTriage ? assigneeLogins(ctx, body, issue.user) : undefined
  const milestone = canTriage ? milestoneNumber(ctx, body.milestone) : undefined

  if (title !== undefined) issue.title = title
  if (text !== undefined) issue.body = text
  if (state !== undefined || reason !== undefined) {
    setIssueState(ctx, issue, (state as 'open' | 'closed' | undefined) ?? issue.state, reason)
  }
  if (names !== undefined) issue.labels = labelIds(ctx.store, names)
  if (assignees !== undefined) issue.assignees = assignees
  if (milestone !== undefined) issue.milestone = milestone
  issue.updated_at = ctx.clock.iso()
  return ok(ctx.render.issue(issue))
}

function listIssues(ctx: RouteContext): HandlerResult {
  const q = ctx.query
  const state = q.state ?? 'open'
  if (!['open', 'closed', 'all'].includes(state)) {
    throw validationFailed([{ resource: 'Issue', field: 'state', code: 'invalid', value: state }])
  }
  const since = parseTimestamp(q.since, 'since')
  const wantedLabels = (q.labels ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '')
  const lower = (s: string | undefined) => s?.toLowerCase()
  const store = ctx.store

  let issues = store.data.issues.filter((issue) => {
    if (issue.deleted) return false
    if (state !== 'all' && issue.state !== state) return false
    if (since !== undefined && Date.parse(issue.updated_at) < since) return false
    if (q.creator !== undefined && issue.user.toLowerCase() !== lower(q.creator)) return false
    if (q.assignee !== undefined) {
      if (q.assignee === '*' && issue.assignees.length === 0) return false
      if (q.assignee === 'none' && issue.assignees.length > 0) return false
      if (
        q.assignee !== '*' &&
        q.assignee !== 'none' &&
        !issue.assignees.some((a) => a.toLowerCase() === lower(q.assignee))
      ) {
        return false
      }
    }
    if (q.milestone !== undefined) {
      if (q.milestone === '*' && issue.milestone === null) return false
      if (q.milestone === 'none' && issue.milestone !== null) return false
      if (
        q.milestone !== '*' &&
        q.milestone !== 'none' &&
        issue.milestone !== Number(q.milestone)
      ) {
        return false
      }
    }
    if (q.mentioned !== undefined && !(issue.body ?? '').includes(`@${q.mentioned}`)) return false
    if (wantedLabels.length > 0) {
      const names = issue.labels.map((id) => store.labelById(id)?.name.toLowerCase())
      if (!wantedLabels.every((l) => names.includes(l))) return false
    }
    return true
  })

  const sort = q.sort ?? 'created'
  const direction = q.direction === 'asc' ? 1 : -1
  const key = (issue: StoredIssue): number =>
    sort === 'updated'
      ? Date.parse(issue.updated_at)
      : sort === 'comments'
        ? store.commentsOf(issue.number).length
        : Date.parse(issue.created_at)
  issues = [...issues].sort((a, b) => direction * (key(a) - key(b) || a.number - b.number))
  return paginate(ctx, issues, (issue) => ctx.render.issue(issue))
}

const LOCK_REASONS: readonly LockReason[] = ['off-topic', 'too heated', 'resolved', 'spam']

function lockIssue(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  if (!hasPermission(ctx.actor, 'triage')) throw fail(403, 'Must have push access to repository')
  const body = bodyObject(ctx)
  const reason = body.lock_reason as LockReason | undefined
  if (reason !== undefined && !LOCK_REASONS.includes(reason)) {
    throw invalidRequest(
      `For 'properties/lock_reason', ${JSON.stringify(reason)} is not one of the allowed values.`,
    )
  }
  issue.locked = true
  issue.active_lock_reason = reason ?? null
  issue.updated_at = ctx.clock.iso()
  return noContent()
}

function unlockIssue(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  if (!hasPermission(ctx.actor, 'triage')) throw fail(403, 'Must have push access to repository')
  issue.locked = false
  issue.active_lock_reason = null
  issue.updated_at = ctx.clock.iso()
  return noContent()
}

export const issueRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/issues`, handler: listIssues },
  { method: 'POST', pattern: `${P}/issues`, handler: createIssue },
  { method: 'GET', pattern: `${P}/issues/:issue_number`, handler: getIssue },
  { method: 'PATCH', pattern: `${P}/issues/:issue_number`, handler: updateIssue },
  { method: 'PUT', pattern: `${P}/issues/:issue_number/lock`, handler: lockIssue },
  { method: 'DELETE', pattern: `${P}/issues/:issue_number/lock`, handler: unlockIssue },
]
