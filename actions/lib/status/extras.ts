import type { CommitmentInput } from '../commands/commitment.js'
import type { ReactionInput, SessionState } from '../commands/state.js'
import { rankTopics, type RankedTopic } from '../commands/topics.js'
import type { Group } from '../group-file/schema.js'
import {
  isOwnBot,
  type IssueView,
  type ReactionView,
  type Repository,
} from '../github/repository.js'
import { findMarker } from '../markers/markers.js'
import { buildSchedule, type Session } from '../schedule/schedule.js'
import { SESSION_MARKER } from '../sessions/issue.js'
import { sessionState, type StatusExtras } from './refresh.js'

/**
 * What a status comment shows beyond the issue's own comments: topic votes (👍 reactions on each
 * topic comment, one request per topic) and the commitment line (attendance recorded on the
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
  },
): Promise<StatusExtras> {
  const { group, session } = target
  const extras: StatusExtras = {}
  if (['kickoff', 'monthly', 'biweekly'].includes(session.kind) && options.state.topics.length > 0)
    extras.ranked = await rankedTopics(github, group, options.state)
  if (session.week !== undefined)
    extras.commitment = await commitmentOf(github, group, session, options)
  return extras
}

/** Topics with their votes: 👍 reactions on each topic's own comment. */
export async function rankedTopics(
  github: Repository,
  group: Group,
  state: Pick<SessionState, 'topics'>,
): Promise<RankedTopic[]> {
  const reactions = new Map<number, ReactionInput[]>()
  for (const topic of state.topics) {
    reactions.set(
      topic.commentId,
      reactionInputs(await github.listCommentReactions(topic.commentId)),
    )
  }
  return rankTopics(state.topics, reactions, group)
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
