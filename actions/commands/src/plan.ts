import { DateTime } from 'luxon'
import { helpText, type IssueKind } from '../../lib/commands/catalog.js'
import { parseCommands } from '../../lib/commands/parse.js'
import { rebuildState, type SessionState } from '../../lib/commands/state.js'
import { renderStatus } from '../../lib/commands/status.js'
import type { Group, Member } from '../../lib/group-file/schema.js'
import type { CommentView, IssueView, ReactionView } from '../../lib/github/repository.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { findMarker, marker, parseMarkers } from '../../lib/markers/markers.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import { SESSION_MARKER } from '../../lib/sessions/issue.js'
import { buddiesOf, CHECK_IN_MARKER } from './plan-buddies.js'

/** The marker of the ground-rules issue that "Start a cohort" opens. */
export const GROUND_RULES_MARKER = 'ground-rules'
export const STATUS_MARKER = 'status'
export const REPLY_MARKER = 'reply'

/** An issue whose comments carry commands, and what the commands on it are about. */
export type CommandIssue =
  | { type: 'session'; group: Group; kind: IssueKind; session: Session }
  | { type: 'ground-rules'; group: Group; kind: 'ground-rules' }
  | {
      type: 'check-in'
      group: Group
      kind: 'check-in'
      week: number
      pair: number
      /** The buddies the issue's marker records (those on the roster), in roster spelling. */
      buddies: string[]
    }

/** How far ahead a session may lie and still be found by its number (monthly groups go on). */
const SCHEDULE_HORIZON_DAYS = 400

/**
 * Which group's issue this is, and of what kind, from the hidden marker the bot put in its body.
 * Issues someone else opened never count, whatever they contain.
 */
export function identifyIssue(
  issue: Pick<IssueView, 'author' | 'body' | 'assignees' | 'isPullRequest'>,
  groups: readonly Group[],
  now: Date,
): CommandIssue | undefined {
  if (issue.isPullRequest || !isOwnBot(issue.author)) return undefined
  for (const found of parseMarkers(issue.body)) {
    const group = groups.find((g) => g.format === 'circle' && g.slug === found.attributes['group'])
    if (!group) continue
    if (found.kind === SESSION_MARKER) {
      const n = Number(found.attributes['n'])
      const until = DateTime.fromJSDate(now, { zone: 'utc' })
        .plus({ days: SCHEDULE_HORIZON_DAYS })
        .toISODate() as string
      const session = buildSchedule(group, { until }).find((s) => s.number === n)
      if (session) return { type: 'session', group, kind: session.kind, session }
    }
    if (found.kind === GROUND_RULES_MARKER)
      return { type: 'ground-rules', group, kind: 'ground-rules' }
    if (found.kind === CHECK_IN_MARKER) {
      const week = Number(found.attributes['week'])
      const pair = Number(found.attributes['pair'])
      if (!Number.isInteger(week) || !Number.isInteger(pair)) continue
      return {
        type: 'check-in',
        group,
        kind: 'check-in',
        week,
        pair,
        buddies: rosterSpelling(group, buddiesOf(found.attributes['buddies'], issue)),
      }
    }
  }
  return undefined
}

export interface IssueInput {
  target: CommandIssue
  issue: Pick<IssueView, 'state' | 'assignees'>
  comments: readonly CommentView[]
  /** Reactions on the issue itself (a member's 👍 is a yes until they `/rsvp`). */
  reactions: readonly ReactionView[]
  /** The comment whose event started this run; acknowledged when its commands counted. */
  trigger?: { commentId: number; action: 'created' | 'edited' | 'deleted' }
  now: Date
}

export interface ReplyPlan {
  create: Array<{ to: number; body: string }>
  update: Array<{ id: number; to: number; body: string }>
  /** Replies to comments that no longer need one (deleted, or edited into valid commands). */
  remove: Array<{ id: number; to: number }>
}

export interface IssuePlan {
  state: SessionState
  replies: ReplyPlan
  /** Comment to acknowledge with 👀: its commands were applied. */
  acknowledge?: number
  /** New assignees after a `/swap`. */
  assignees?: string[]
  /** Close as not planned: a facilitator called the meeting off with `/skip`. */
  skip?: { reason?: string }
  /** Whether the status comment should exist (the state says something, or one exists already). */
  status: boolean
  /** The status comment for issues that are not sessions (sessions use refreshStatus). */
  statusComment?: { body: string; existing?: CommentView }
  /** The bot's extra copies of a status or reply comment (two runs raced); the oldest is kept. */
  duplicates: number[]
}

/** Everything the commands on one issue call for, as the difference from what GitHub shows. */
export function planIssue(input: IssueInput): IssuePlan {
  const { target, comments } = input
  const state = commandState(target.group, target.kind, comments, input.reactions)
  const roster = new Map(target.group.members.map((m) => [m.github.toLowerCase(), m]))
  const { replies, duplicates: replyDuplicates } = planReplies(target, comments, state, roster)
  const statusMarkerText = statusMarkerFor(target)
  const statusComments = ownComments(comments).filter((c) => c.body.includes(statusMarkerText))
  const existing = statusComments[0]
  const plan: IssuePlan = {
    state,
    replies,
    status: existing !== undefined || hasContent(state),
    duplicates: [...replyDuplicates, ...statusComments.slice(1).map((c) => c.id)],
  }
  const acknowledge = acknowledged(input, state, roster)
  if (acknowledge !== undefined) plan.acknowledge = acknowledge
  if (target.type === 'session') {
    const assignees = swappedAssignees(target.session, state, input.issue.assignees)
    if (assignees) plan.assignees = assignees
    if (
      state.skipped &&
      input.issue.state === 'open' &&
      input.now.getTime() < Date.parse(target.session.endsAt)
    )
      plan.skip = state.skipped.reason ? { reason: state.skipped.reason } : {}
  } else if (plan.status) {
    plan.statusComment = {
      body: renderStatus({
        marker: statusMarkerText,
        group: target.type === 'check-in' ? pairGroup(target) : target.group,
        kind: target.kind,
        state,
      }),
      ...(existing ? { existing } : {}),
    }
  }
  return plan
}

export function commandState(
  group: Group,
  kind: IssueKind,
  comments: readonly CommentView[],
  reactions: readonly ReactionView[],
): SessionState {
  return rebuildState({
    group,
    kind,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author.login,
      // With a personal token the bot writes as a user: its own comments are not commands.
      authorType: c.author.type === 'Bot' || ownWrite(c) ? 'Bot' : 'User',
      body: c.body,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
    issueReactions: reactions.map((r) => ({
      content: r.content,
      user: r.user.login,
      userType: r.user.type === 'Bot' ? 'Bot' : 'User',
    })),
  })
}

/** Session issues use the marker refreshStatus writes; the others get one of their own. */
export function statusMarkerFor(target: CommandIssue): string {
  const group = target.group.slug
  switch (target.type) {
    case 'session':
      return marker(STATUS_MARKER, { group, n: target.session.number })
    case 'ground-rules':
      return marker(STATUS_MARKER, { group, issue: 'ground-rules' })
    case 'check-in':
      return marker(STATUS_MARKER, { group, week: target.week, pair: target.pair })
  }
}

/** A pair issue's status counts the buddies, not the whole group. */
function pairGroup(target: Extract<CommandIssue, { type: 'check-in' }>): Group {
  const buddies = new Set(target.buddies.map((login) => login.toLowerCase()))
  return {
    ...target.group,
    members: target.group.members.filter((m) => buddies.has(m.github.toLowerCase())),
  }
}

function hasContent(state: SessionState): boolean {
  return (
    state.rsvps.size > 0 ||
    state.attendance.size > 0 ||
    state.topics.length > 0 ||
    state.themesChosen !== undefined ||
    state.agreed.size > 0 ||
    state.buddyCheckIns.size > 0 ||
    state.snoozed.size > 0 ||
    state.unsnoozed.size > 0 ||
    state.skipped !== undefined ||
    state.swap !== undefined ||
    state.continueVotes.size > 0 ||
    state.homeworkVotes.size > 0 ||
    state.seatVotes.size > 0 ||
    state.notes.length > 0
  )
}

function ownWrite(comment: CommentView): boolean {
  return isOwnBot(comment.author) && parseMarkers(comment.body).length > 0
}

function ownComments(comments: readonly CommentView[]): CommentView[] {
  return comments.filter((c) => isOwnBot(c.author))
}

// ------------------------------------------------------------------------------------------------
// Replies: one per member comment that needs an answer, keyed by that comment's id

export function replyMarker(commentId: number): string {
  return marker(REPLY_MARKER, { to: commentId })
}

function planReplies(
  target: CommandIssue,
  comments: readonly CommentView[],
  state: SessionState,
  roster: ReadonlyMap<string, Member>,
): { replies: ReplyPlan; duplicates: number[] } {
  const wanted = new Map<number, string>()
  for (const comment of comments) {
    const author = roster.get(comment.author.login.toLowerCase())
    if (!author || isOwnBot(comment.author)) continue
    const body = replyBody(target.kind, comment.id, author, state)
    if (body) wanted.set(comment.id, body)
  }
  const existing = new Map<number, CommentView>()
  const duplicates: number[] = []
  for (const comment of ownComments(comments)) {
    const to = Number(findMarker(comment.body, REPLY_MARKER)?.attributes['to'])
    if (!Number.isInteger(to)) continue
    if (existing.has(to)) duplicates.push(comment.id)
    else existing.set(to, comment)
  }
  const replies: ReplyPlan = { create: [], update: [], remove: [] }
  for (const [to, body] of wanted) {
    const reply = existing.get(to)
    if (!reply) replies.create.push({ to, body })
    else if (reply.body.trim() !== body.trim()) replies.update.push({ id: reply.id, to, body })
  }
  for (const [to, reply] of existing) {
    if (!wanted.has(to)) replies.remove.push({ id: reply.id, to })
  }
  return { replies, duplicates }
}

/**
 * The answer to one comment: refusals and unknown commands, each said once, and the command list
 * when it asked for `/help`. Undefined when the comment needs no answer.
 */
export function replyBody(
  kind: IssueKind,
  commentId: number,
  author: Member,
  state: SessionState,
): string | undefined {
  const problems = [
    ...state.refusals.filter((r) => r.commentId === commentId).map((r) => r.reason),
    ...state.unknown.filter((u) => u.commentId === commentId).map((u) => u.reason),
  ]
  const reasons = [...new Set(problems)]
  const help = state.help.includes(commentId)
  if (reasons.length === 0 && !help) return undefined
  const about = `[your comment](#issuecomment-${commentId})`
  const parts = [replyMarker(commentId)]
  if (reasons.length > 0) {
    parts.push(`@${author.github}, about ${about}:`, reasons.map((r) => `- ${r}`).join('\n'))
    if (help) parts.push(helpText(kind))
    else parts.push('Comment `/help` to see the commands available here.')
  } else {
    parts.push(`@${author.github}, here is what ${about} asked for.`, helpText(kind))
  }
  return `${parts.join('\n\n')}\n`
}

// ------------------------------------------------------------------------------------------------
// Acknowledgement, swaps

/** The trigger comment, when it is a member's and at least one of its commands took effect as written. */
function acknowledged(
  input: IssueInput,
  state: SessionState,
  roster: ReadonlyMap<string, Member>,
): number | undefined {
  const trigger = input.trigger
  if (!trigger || trigger.action === 'deleted') return undefined
  const comment = input.comments.find((c) => c.id === trigger.commentId)
  if (!comment || isOwnBot(comment.author) || comment.author.type === 'Bot') return undefined
  if (!roster.has(comment.author.login.toLowerCase())) return undefined
  const troubled = new Set(
    [...state.refusals, ...state.unknown]
      .filter((p) => p.commentId === comment.id)
      .map((p) => p.line),
  )
  const applied = parseCommands(comment.body).filter(
    (c) => c.name !== 'help' && !troubled.has(c.line),
  )
  return applied.length > 0 ? comment.id : undefined
}

/**
 * After `/swap @to` by a facilitator: the one assignee (every plan allows one) is whoever now
 * facilitates: `to` when the swapper was the scheduled facilitator, else still the scheduled
 * facilitator (a swapped co-facilitator is named in the status, not assigned). Without a swap the
 * assignees are left as people set them; undefined when nothing needs to change.
 */
export function swappedAssignees(
  session: Pick<Session, 'facilitator' | 'coFacilitator'>,
  state: Pick<SessionState, 'swap'>,
  current: readonly string[],
): string[] | undefined {
  const swap = state.swap
  if (!swap) return undefined
  const scheduled = [session.facilitator, session.coFacilitator].filter((l): l is string =>
    Boolean(l),
  )
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
  const replaced = scheduled.some((l) => same(l, swap.by))
    ? scheduled.map((l) => (same(l, swap.by) ? swap.to : l))
    : [scheduled[0] ?? swap.by, swap.to]
  const desired = replaced.slice(0, 1)
  const key = (logins: readonly string[]) =>
    logins
      .map((l) => l.toLowerCase())
      .sort()
      .join(' ')
  return key(desired) === key(current) ? undefined : desired
}

function rosterSpelling(group: Group, logins: readonly string[]): string[] {
  const roster = new Map(group.members.map((m) => [m.github.toLowerCase(), m.github]))
  return logins.flatMap((login) => roster.get(login.toLowerCase()) ?? [])
}
