import { Renderer } from './render.js'
import type { Store } from './state.js'

/**
 * The webhook events GitHub would deliver for what a request changed, derived by comparing the
 * state before and after each successful write. Deriving them from the state (not from each route)
 * means every route that changes an issue, a comment or a branch produces its events, including
 * routes added later.
 */
export interface RecordedEvent {
  /** Position in the emulator's event sequence. */
  seq: number
  /** `issues`, `issue_comment`, `pull_request`, `push`, `workflow_dispatch`. */
  name: string
  /** The payload's `action` (absent for `push` and `workflow_dispatch`). */
  action?: string
  /** Who caused it: a user's login, or `github-actions[bot]` for a GITHUB_TOKEN request. */
  actor: string
  /** Emulator-clock time. */
  at: string
  payload: Record<string, unknown>
}

interface IssueSnapshot {
  state: string
  title: string
  body: string | null
  labels: number[]
  assignees: string[]
  pull: boolean
  merged: boolean
}

export interface StateSnapshot {
  issues: Map<number, IssueSnapshot>
  comments: Map<number, string>
  refs: Record<string, string>
}

export function snapshot(store: Store): StateSnapshot {
  const issues = new Map<number, IssueSnapshot>()
  for (const issue of store.data.issues) {
    if (issue.deleted) continue
    issues.set(issue.number, {
      state: issue.state,
      title: issue.title,
      body: issue.body,
      labels: [...issue.labels],
      assignees: [...issue.assignees],
      pull: issue.pull_request,
      merged: issue.pull_request && Boolean(store.pull(issue.number)?.merged_at),
    })
  }
  const comments = new Map<number, string>()
  for (const comment of store.data.comments) comments.set(comment.id, comment.body)
  return { issues, comments, refs: { ...store.data.refs } }
}

function sameIssue(a: IssueSnapshot, b: IssueSnapshot): boolean {
  return (
    a.state === b.state &&
    a.title === b.title &&
    a.body === b.body &&
    a.pull === b.pull &&
    a.merged === b.merged &&
    sameList(a.labels, b.labels) &&
    sameList(a.assignees, b.assignees)
  )
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

type Emit = (name: string, action: string | undefined, payload: Record<string, unknown>) => void

/** The events between two snapshots, in the order GitHub would send them. */
export function deriveEvents(
  store: Store,
  url: string,
  before: StateSnapshot,
  actor: string,
  emit: Emit,
): void {
  const r = new Renderer(store, url)
  const after = snapshot(store)
  // Rendered once, when the first event needs them: most writes change one thing in a large state.
  let shared: { repository: unknown; sender: unknown } | undefined
  const base = () => (shared ??= { repository: r.repository(), sender: r.user(actor) })
  // Looked up by key rather than searched: a write compares the whole state, so a search per
  // issue and comment made each write cost the square of the repository's size.
  const issues = new Map(store.data.issues.map((issue) => [issue.number, issue]))
  const comments = new Map(store.data.comments.map((comment) => [comment.id, comment]))

  for (const [number, now] of after.issues) {
    const was = before.issues.get(number)
    if (was && sameIssue(was, now)) continue
    const stored = issues.get(number)
    if (!stored) continue
    const labelName = (id: number) => store.data.labels.find((l) => l.id === id)
    if (now.pull) {
      const pull = store.pull(number)
      if (!pull) continue
      const pullPayload = (action: string) => ({
        action,
        number,
        pull_request: r.pull(pull),
        ...base(),
      })
      if (!was) emit('pull_request', 'opened', pullPayload('opened'))
      else if (was.state !== now.state)
        emit(
          'pull_request',
          now.state === 'closed' ? 'closed' : 'reopened',
          pullPayload(now.state === 'closed' ? 'closed' : 'reopened'),
        )
      else if (was.title !== now.title || was.body !== now.body)
        emit('pull_request', 'edited', pullPayload('edited'))
      continue
    }
    const issuePayload = (action: string, extra: Record<string, unknown> = {}) => ({
      action,
      issue: r.issue(stored),
      ...base(),
      ...extra,
    })
    if (!was) {
      emit('issues', 'opened', issuePayload('opened'))
      continue
    }
    if (was.title !== now.title || was.body !== now.body) {
      const changes: Record<string, { from: string }> = {}
      if (was.title !== now.title) changes.title = { from: was.title }
      if (was.body !== now.body) changes.body = { from: was.body ?? '' }
      emit('issues', 'edited', issuePayload('edited', { changes }))
    }
    for (const id of now.labels.filter((l) => !was.labels.includes(l))) {
      const label = labelName(id)
      if (label) emit('issues', 'labeled', issuePayload('labeled', { label: r.label(label) }))
    }
    for (const id of was.labels.filter((l) => !now.labels.includes(l))) {
      const label = labelName(id)
      if (label) emit('issues', 'unlabeled', issuePayload('unlabeled', { label: r.label(label) }))
    }
    for (const login of now.assignees.filter((a) => !was.assignees.includes(a)))
      emit('issues', 'assigned', issuePayload('assigned', { assignee: r.user(login) }))
    for (const login of was.assignees.filter((a) => !now.assignees.includes(a)))
      emit('issues', 'unassigned', issuePayload('unassigned', { assignee: r.user(login) }))
    if (was.state !== now.state) {
      const action = now.state === 'closed' ? 'closed' : 'reopened'
      emit('issues', action, issuePayload(action))
    }
  }

  for (const [id, body] of after.comments) {
    const was = before.comments.get(id)
    if (was === body) continue
    const stored = comments.get(id)
    const issue = stored && issues.get(stored.issue_number)
    if (!stored || !issue) continue
    const commentPayload = (action: string, extra: Record<string, unknown> = {}) => ({
      action,
      issue: r.issue(issue),
      comment: r.comment(stored),
      ...base(),
      ...extra,
    })
    if (was === undefined) emit('issue_comment', 'created', commentPayload('created'))
    else if (was !== body)
      emit(
        'issue_comment',
        'edited',
        commentPayload('edited', { changes: { body: { from: was } } }),
      )
  }
  for (const id of before.comments.keys()) {
    if (after.comments.has(id)) continue
    const tombstone = store.data.deleted_comments.find((c) => c.id === id)
    const issue = tombstone && issues.get(tombstone.issue_number)
    if (!tombstone || !issue) continue
    emit('issue_comment', 'deleted', {
      action: 'deleted',
      issue: r.issue(issue),
      comment: r.comment(tombstone),
      ...base(),
    })
  }

  const refs = new Set([...Object.keys(before.refs), ...Object.keys(after.refs)])
  for (const ref of refs) {
    if (!ref.startsWith('refs/heads/')) continue
    const from = before.refs[ref]
    const to = after.refs[ref]
    if (from === to) continue
    emit('push', undefined, {
      ref,
      before: from ?? '0'.repeat(40),
      after: to ?? '0'.repeat(40),
      created: from === undefined,
      deleted: to === undefined,
      pusher: { name: actor },
      ...base(),
    })
  }
}
