import type { IssueKind } from '../commands/catalog.js'
import { rebuildState, type CommentInput, type SessionState } from '../commands/state.js'
import { renderStatus, type StatusPhase } from '../commands/status.js'
import type { RankedTopic } from '../commands/topics.js'
import type { CommitmentInput } from '../commands/commitment.js'
import type { Group } from '../group-file/schema.js'
import { createOnce } from './idempotent.js'
import { RUN_LEASE, withLease } from './lease.js'
import {
  isOwnBot,
  type CommentView,
  type IssueView,
  type ReactionView,
  type Repository,
} from './repository.js'
import { findMarker, marker } from '../markers/markers.js'
import type { Session } from '../schedule/schedule.js'
import { recordedVotes, statusExtras, votesMarker } from './status-extras.js'

export const STATUS_MARKER = 'status'
/** Within this many hours before the meeting the status speaks to the facilitators (quorum). */
export const DUE_HOURS = 24

export interface StatusTarget {
  group: Group
  session: Session
  issue: number
}

export interface StatusExtras {
  ranked?: readonly RankedTopic[]
  commitment?: CommitmentInput
}

export type StatusResult = 'posted' | 'updated' | 'unchanged'

export function statusMarker(group: Group, session: Session): string {
  return marker(STATUS_MARKER, { group: group.slug, n: session.number })
}

export function statusPhase(session: Session, now: Date): StatusPhase {
  const t = now.getTime()
  if (t >= Date.parse(session.endsAt)) return 'after'
  if (t >= Date.parse(session.startsAt) - DUE_HOURS * 3_600_000) return 'due'
  return 'open'
}

export function commentInputs(comments: readonly CommentView[]): CommentInput[] {
  return comments.map((c) => ({
    id: c.id,
    author: c.author.login,
    authorType: c.author.type === 'Bot' ? 'Bot' : 'User',
    body: c.body,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }))
}

export function sessionState(
  group: Group,
  kind: IssueKind,
  comments: readonly CommentView[],
  reactions: readonly ReactionView[],
): SessionState {
  return rebuildState({
    group,
    kind,
    comments: commentInputs(comments),
    issueReactions: reactions.map((r) => ({
      content: r.content,
      user: r.user.login,
      userType: r.user.type === 'Bot' ? 'Bot' : 'User',
    })),
  })
}

/** Members who handed in homework for a session: a count from the homework issues' labels, never their content. */
export async function homeworkCount(
  github: Repository,
  group: Group,
  session: Session,
): Promise<number> {
  const issues = await github.listIssues({
    labels: ['homework', `group:${group.slug}`, `session:${session.number}`],
    state: 'all',
  })
  return countHomework(issues, group, session)
}

/** Counts, from any list of issues, the members with accepted homework for one session. */
export function countHomework(
  issues: readonly IssueView[],
  group: Group,
  session: Session,
): number {
  const members = new Set(group.members.map((m) => m.github.toLowerCase()))
  const wanted = [`group:${group.slug}`, `session:${session.number}`, 'homework']
  const authors = issues
    .filter((i) => wanted.every((name) => i.labels.some((l) => l.name === name)))
    .filter((i) => !i.labels.some((l) => l.name === 'needs-fix'))
    .map((i) => i.author.login.toLowerCase())
    .filter((login) => members.has(login))
  return new Set(authors).size
}

/**
 * Rebuilds a session's state from GitHub and makes its one status comment say so: posted when
 * missing, edited when different, left alone when the same. Comments and reactions already fetched
 * by the caller are reused.
 */
export async function refreshStatus(
  github: Repository,
  target: StatusTarget,
  options: {
    now: Date
    dryRun: boolean
    comments?: readonly CommentView[]
    /** The homework count when the caller counted it already (one query for many sessions). */
    homeworkIn?: number
    reactions?: readonly ReactionView[]
    extras?: StatusExtras
    log: { info(message: string): void }
    /**
     * The caller holds the sessions lease (RUN_LEASE) since before the comments were read, as a
     * sessions run does: no other run can post meanwhile, so the post needs no lease of its own
     * and no second look at the comments.
     */
    held?: boolean
  },
): Promise<{ result: StatusResult; state: SessionState }> {
  const { group, session, issue } = target
  const comments = options.comments ?? (await github.listComments(issue))
  const reactions = options.reactions ?? (await github.listIssueReactions(issue))
  const state = sessionState(group, session.kind, comments, reactions)
  // Every action renders the same status: topic votes and the commitment line come along even
  // when the caller did not compute them, so the comment never flips between versions.
  const all = statusComments(comments, group, session)
  const existing = all[0]
  // Two or more: an earlier race left a duplicate, which the leased post below removes.
  const single = all.length <= 1
  // Topics whose 👍 count is unchanged since the status recorded their votes keep them unread.
  const previous = recordedVotes(existing)
  const extras =
    options.extras ??
    (await statusExtras(github, target, { state, now: options.now, comments, previous }))
  const rendered = renderStatus({
    marker: statusMarker(group, session),
    group,
    kind: session.kind,
    state,
    sessionNumber: session.number,
    phase: statusPhase(session, options.now),
    homeworkIn: options.homeworkIn ?? (await homeworkCount(github, group, session)),
    ...extras,
  })
  const votes = extras.ranked ? votesMarker(extras.ranked, comments) : undefined
  const body = votes ? `${rendered.trimEnd()}\n${votes}\n` : rendered
  if (single && existing && existing.body.trim() === body.trim())
    return { result: 'unchanged', state }
  if (options.dryRun) {
    options.log.info(
      `dry run: would ${existing ? 'update' : 'post'} the status comment on #${issue}`,
    )
    return { result: existing ? 'updated' : 'posted', state }
  }
  if (single && existing) {
    await github.updateComment(existing.id, body)
    options.log.info(`updated the status comment on #${issue}`)
    return { result: 'updated', state }
  }
  // The sessions, commands and forms workflows may all post the first status at the same moment
  // (they share no concurrency group): the post happens under the sessions lease, after a fresh
  // look unless the caller held the lease all along, and any duplicate an earlier race left is
  // removed, so the issue keeps exactly one.
  const post = async () => {
    const fresh = options.held ? comments : await github.listComments(issue)
    const [first, ...extra] = statusComments(fresh, group, session)
    for (const duplicate of extra) await github.deleteComment(duplicate.id)
    if (first) {
      if (first.body.trim() !== body.trim()) await github.updateComment(first.id, body)
      return 'updated' as const
    }
    await createOnce({
      create: () => github.createComment(issue, body),
      lookup: async () => findStatusComment(await github.listComments(issue), group, session),
    })
    return 'posted' as const
  }
  const result = options.held ? await post() : await withLease(github, RUN_LEASE, post)
  options.log.info(`${result} the status comment on #${issue}`)
  return { result, state }
}

/** Every status comment of the session, oldest first (more than one only after a race). */
function statusComments(
  comments: readonly CommentView[],
  group: Group,
  session: Session,
): CommentView[] {
  return comments.filter(
    (c) =>
      isOwnBot(c.author) &&
      findMarker(c.body, STATUS_MARKER, { group: group.slug, n: session.number }),
  )
}

export function findStatusComment(
  comments: readonly CommentView[],
  group: Group,
  session: Session,
): CommentView | undefined {
  return statusComments(comments, group, session)[0]
}
