import type { CommitmentInput } from '../commands/commitment.js'
import type { ReactionInput, SessionState } from '../commands/state.js'
import { rankTopics, type RankedTopic } from '../commands/topics.js'
import type { Group } from '../group-file/schema.js'
import {
  isOwnBot,
  type CommentView,
  type IssueView,
  type ReactionView,
  type Repository,
} from './repository.js'
import { findMarker, marker } from '../markers/markers.js'
import { buildSchedule, type Session } from '../schedule/schedule.js'
import { SESSION_MARKER } from '../sessions/issue.js'
import { sessionState, type StatusExtras } from './status.js'

/**
 * What a status comment shows beyond the issue's own comments: topic votes (👍 reactions on each
 * topic comment that has any, see rankedTopics) and the commitment line (attendance recorded on the
 * earlier weekly session issues, one request per earlier issue that has comments). Every caller
 * that refreshes a status passes these, so the comment reads the same whoever refreshed it last.
 */
export async function statusExtras(
  github: Repository,
  target: { group: Group; session: Session },
  options: {
    state: SessionState
    now: Date
    /** The group's session issues, when the caller listed them already. */
    sessionIssues?: readonly IssueView[]
    /** The issue's comments as listed, with their reaction counts: topics without 👍 need no read. */
    comments?: readonly CommentView[]
    /** The votes the status comment recorded last time (see votesMarker). */
    previous?: ReadonlyMap<number, RecordedVotes>
  },
): Promise<StatusExtras> {
  const { group, session } = target
  const extras: StatusExtras = {}
  if (['kickoff', 'monthly', 'biweekly'].includes(session.kind) && options.state.topics.length > 0)
    extras.ranked = await rankedTopics(
      github,
      group,
      options.state,
      options.comments,
      options.previous,
    )
  if (session.week !== undefined)
    extras.commitment = await commitmentOf(github, group, session, options)
  return extras
}

/**
 * Topics with their votes: 👍 reactions on each topic's own comment, from roster members other
 * than its author. The comment list already carries each comment's reaction counts, so only the
 * topics with a 👍 are read, one request each. With `previous` (what the status comment recorded,
 * see votesMarker), a topic whose 👍 count has not changed keeps its recorded votes without a read.
 * What this misses is a change that keeps the count while changing who counts (the author's own
 * 👍 removed as a member adds one): the shown votes stay one off until that topic's count moves.
 * Themes proposed to the group file never take recorded votes: they recount every topic with a 👍.
 */
export async function rankedTopics(
  github: Repository,
  group: Group,
  state: Pick<SessionState, 'topics'>,
  comments?: readonly CommentView[],
  previous?: ReadonlyMap<number, RecordedVotes>,
): Promise<RankedTopic[]> {
  const plusOnes = new Map((comments ?? []).map((c) => [c.id, c.plusOnes]))
  const reactions = new Map<number, ReactionInput[]>()
  const kept = new Map<number, number>()
  for (const topic of state.topics) {
    const count = plusOnes.get(topic.commentId)
    if (count === 0) continue
    const recorded = count === undefined ? undefined : previous?.get(topic.commentId)
    if (recorded && recorded.plusOnes === count) {
      kept.set(topic.commentId, recorded.votes)
      continue
    }
    reactions.set(
      topic.commentId,
      reactionInputs(await github.listCommentReactions(topic.commentId)),
    )
  }
  const ranked = rankTopics(state.topics, reactions, group)
  if (kept.size === 0) return ranked
  return ranked
    .map((t) => (kept.has(t.commentId) ? { ...t, votes: kept.get(t.commentId) as number } : t))
    .sort((a, b) => b.votes - a.votes || a.order - b.order)
    .map((t, index) => ({ ...t, rank: index + 1 }))
}

export const VOTES_MARKER = 'votes'

export interface RecordedVotes {
  /** The topic comment's 👍 count when its votes were counted. */
  plusOnes: number
  votes: number
}

/**
 * The votes a status counted, hidden in it as `comment:👍 count:votes` triples (numbers only), so
 * the next comment event rereads only the topics whose 👍 count changed.
 */
export function votesMarker(
  ranked: readonly RankedTopic[],
  comments: readonly CommentView[],
): string | undefined {
  const plusOnes = new Map(comments.map((c) => [c.id, c.plusOnes]))
  const seen = ranked
    .filter((t) => (plusOnes.get(t.commentId) ?? 0) > 0)
    .map((t) => `${t.commentId}:${plusOnes.get(t.commentId)}:${t.votes}`)
  return seen.length > 0 ? marker(VOTES_MARKER, { seen: seen.join('.') }) : undefined
}

/** The votes recorded in the bot's status comment, by topic comment id. */
export function recordedVotes(status: CommentView | undefined): Map<number, RecordedVotes> {
  const recorded = new Map<number, RecordedVotes>()
  if (!status || !isOwnBot(status.author)) return recorded
  const seen = findMarker(status.body, VOTES_MARKER)?.attributes['seen'] ?? ''
  for (const triple of seen.split('.')) {
    const [id, plusOnes, votes] = triple.split(':').map(Number)
    if ([id, plusOnes, votes].every((n) => Number.isInteger(n) && (n as number) >= 0))
      recorded.set(id as number, { plusOnes: plusOnes as number, votes: votes as number })
  }
  return recorded
}

export function reactionInputs(reactions: readonly ReactionView[]): ReactionInput[] {
  return reactions.map((r) => ({
    content: r.content,
    user: r.user.login,
    userType: r.user.type === 'Bot' ? 'Bot' : 'User',
  }))
}

/**
 * Weekly meetings attended so far. A meeting counts as held once it has started, unless its issue
 * was closed as not planned (`/skip`); attendance is what `/here` and `/attended` recorded.
 */
async function commitmentOf(
  github: Repository,
  group: Group,
  session: Session,
  options: { state: SessionState; now: Date; sessionIssues?: readonly IssueView[] },
): Promise<CommitmentInput> {
  const started = buildSchedule(group).filter(
    (s) => s.week !== undefined && Date.parse(s.startsAt) <= options.now.getTime(),
  )
  const earlier = started.filter((s) => s.number !== session.number)
  const issues =
    earlier.length === 0
      ? []
      : (options.sessionIssues ??
        (await github.listIssues({ labels: ['session', `group:${group.slug}`], state: 'all' })))
  const issueOf = (s: Session) =>
    issues.find(
      (i) =>
        isOwnBot(i.author) &&
        findMarker(i.body, SESSION_MARKER, { group: group.slug, n: s.number }),
    )
  const attended = new Map<string, number>()
  const count = (logins: Iterable<string>) => {
    for (const login of logins) attended.set(login, (attended.get(login) ?? 0) + 1)
  }
  let held = 0
  for (const s of started) {
    if (s.number === session.number) {
      held++
      count(options.state.attendance)
      continue
    }
    const issue = issueOf(s)
    if (issue?.state === 'closed' && issue.stateReason === 'not_planned') continue
    held++
    if (!issue || issue.comments === 0) continue
    const comments = await github.listComments(issue.number)
    count(sessionState(group, s.kind, comments, []).attendance)
  }
  return { attended, held }
}
