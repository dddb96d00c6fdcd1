import type { Group, Member } from '../group-file/schema.js'
import type { IssueKind, Role } from './catalog.js'
import {
  authorize,
  interpret,
  CONTINUE_CHOICES,
  HOMEWORK_CHOICES,
  SEAT_CHOICES,
  type Command,
  type ContinueChoice,
  type HomeworkChoice,
  type SeatChoice,
  type RsvpAnswer,
} from './interpret.js'
import { inertText } from './inert.js'
import { parseCommands, type ParsedCommand } from './parse.js'

/** One comment as the GitHub layer reports it; deleted comments are simply absent. */
export interface CommentInput {
  id: number
  author: string
  authorType: 'User' | 'Bot'
  body: string
  createdAt: string
  updatedAt: string
}

/** One reaction, on the issue or on a comment. `content` uses GitHub's names: '+1', 'heart', ... */
export interface ReactionInput {
  content: string
  user: string
  userType?: 'User' | 'Bot'
}

export interface StateInput {
  group: Pick<Group, 'members' | 'weekly'>
  kind: IssueKind
  comments: readonly CommentInput[]
  /**
   * Reactions on the issue itself: on a session a member's 👍 means "yes" until they use `/rsvp`;
   * on the ground rules it means they agree.
   */
  issueReactions?: readonly ReactionInput[]
  /** Extra logins to ignore, e.g. the bot when it posts with a user token. */
  ignoreLogins?: readonly string[]
}

export interface Rsvp {
  answer: RsvpAnswer
  note?: string
  via: 'command' | 'reaction'
}

export interface SeatVote {
  choice: SeatChoice
  /** The most members the group grows to. */
  cap?: number
}

export interface Topic {
  commentId: number
  author: string
  text: string
  /** 1-based, in thread order: the number `/themes` refers to. */
  order: number
}

export interface Note {
  commentId: number
  text: string
}

export interface RefusalEntry {
  commentId: number
  line: number
  command: string
  code: 'not-facilitator' | 'wrong-issue' | 'invalid'
  /** Markdown, ready to post; names only roster members, and what the member typed is inert. */
  reason: string
}

export interface UnknownEntry {
  commentId: number
  line: number
  name: string
  reason: string
}

/**
 * Everything the commands on one issue add up to. Logins are spelled as in the roster. The state
 * is rebuilt from all comments every time, never patched, so edits and deletions need no bookkeeping.
 */
export interface SessionState {
  rsvps: Map<string, Rsvp>
  attendance: Set<string>
  topics: Topic[]
  themesChosen?: number[]
  agreed: Set<string>
  buddyCheckIns: Set<string>
  /** Members who said `/snooze` last on this issue, and those who said `/unsnooze` last. */
  snoozed: Set<string>
  unsnoozed: Set<string>
  skipped?: { by: string; reason?: string; commentId: number }
  swap?: { by: string; to: string; commentId: number }
  continueVotes: Map<string, ContinueChoice>
  /** The closing issue's other votes: keep the homework, and who may join. */
  homeworkVotes: Map<string, HomeworkChoice>
  seatVotes: Map<string, SeatVote>
  continueConfirmed: boolean
  /** The winning choice when a facilitator confirmed the vote. */
  continueDecision?: ContinueChoice
  /** The other questions' winners at confirmation; a question nobody voted on stays undecided. */
  homeworkDecision?: HomeworkChoice
  seatDecision?: SeatVote
  notes: Note[]
  /** Comments that asked for `/help`; the action answers each once. */
  help: number[]
  refusals: RefusalEntry[]
  unknown: UnknownEntry[]
  /** Comments with commands from people outside the group; they are not answered. */
  ignored: Array<{ commentId: number; reason: 'not-a-member' }>
}

interface Context {
  author: Member
  role: Role
  comment: CommentInput
  line: number
  state: SessionState
  roster: Roster
}

type Roster = ReadonlyMap<string, Member>

/**
 * Rebuilds one issue's state from all its comments.
 *
 * Order: comments count in thread order, by `createdAt` then `id`, and lines top to bottom within a
 * comment; later wins. An edit changes what a comment says, not where it stands: an edited comment
 * keeps its place, so the command lowest in the thread as GitHub shows it is the one that counts,
 * and editing an old `/rsvp yes` to `/rsvp no` does not override a newer `/rsvp maybe`.
 */
export function rebuildState(input: StateInput): SessionState {
  const roster = rosterOf(input.group.members)
  const ignore = new Set((input.ignoreLogins ?? []).map((login) => login.toLowerCase()))
  const state = emptyState()
  const pass: Pass = { kind: input.kind, pendingThemes: [], continueClosed: false }

  const ordered = threadOrder(input.comments)
  for (const comment of ordered) {
    if (isBot(comment.author, comment.authorType) || ignore.has(comment.author.toLowerCase()))
      continue
    const parsed = parseCommands(comment.body)
    if (parsed.length === 0) continue
    const author = roster.get(comment.author.toLowerCase())
    if (!author) {
      state.ignored.push({ commentId: comment.id, reason: 'not-a-member' })
      continue
    }
    let topics = 0
    for (const command of parsed) {
      const at: Context = { author, role: author.role, comment, line: command.line, state, roster }
      const typed = admit(command, at, pass.kind)
      if (!typed) continue
      if (typed.name === 'topic' && topics++ > 0) {
        refuse(at, 'topic', 'invalid', ONE_TOPIC_PER_COMMENT)
        continue
      }
      if (typed.name === 'themes') pass.pendingThemes.push({ picks: typed.picks, at })
      else if (typed.name === 'continue')
        pass.continueClosed = applyContinue(typed.choice, at, pass.continueClosed)
      else if (typed.name === 'homework' || typed.name === 'seats')
        applyClosingVote(typed, at, pass.continueClosed)
      else apply(typed, at)
    }
  }

  applyIssueReactions(state, input, roster)
  for (const { picks, at } of pass.pendingThemes) chooseThemes(picks, at, input.group.weekly)
  const position = new Map(ordered.map((comment, index) => [comment.id, index]))
  state.refusals.sort(
    (a, b) =>
      (position.get(a.commentId) ?? 0) - (position.get(b.commentId) ?? 0) || a.line - b.line,
  )
  return state
}

interface Pass {
  kind: IssueKind
  /** `/themes` is checked against all topics, so it is applied after the last comment. */
  pendingThemes: Array<{ picks: number[]; at: Context }>
  continueClosed: boolean
}

const ONE_TOPIC_PER_COMMENT =
  'One topic per comment, please, so people can vote on each with 👍. Post this one in a comment of its own.'

/** The typed command if it is known, valid, and allowed here for this author; otherwise records why not. */
function admit(command: ParsedCommand, at: Context, kind: IssueKind): Command | undefined {
  const interpretation = interpret(command)
  if (!interpretation.ok) {
    if (interpretation.code === 'invalid') {
      refuse(at, interpretation.name, 'invalid', interpretation.reason)
      return undefined
    }
    const { name, reason } = interpretation
    at.state.unknown.push({ commentId: at.comment.id, line: at.line, name, reason })
    return undefined
  }
  const refusal = authorize(interpretation.command, { role: at.role, kind })
  if (refusal) {
    refuse(at, interpretation.command.name, refusal.code, refusal.reason)
    return undefined
  }
  return interpretation.command
}

function emptyState(): SessionState {
  return {
    rsvps: new Map(),
    attendance: new Set(),
    topics: [],
    agreed: new Set(),
    buddyCheckIns: new Set(),
    snoozed: new Set(),
    unsnoozed: new Set(),
    continueVotes: new Map(),
    homeworkVotes: new Map(),
    seatVotes: new Map(),
    continueConfirmed: false,
    notes: [],
    help: [],
    refusals: [],
    unknown: [],
    ignored: [],
  }
}

type ClosingVote = Extract<Command, { name: 'homework' } | { name: 'seats' }>
type Simple = Exclude<Command, { name: 'themes' } | { name: 'continue' } | ClosingVote>

function apply(command: Simple, at: Context): void {
  const { state, author, comment } = at
  const me = author.github
  switch (command.name) {
    case 'rsvp':
      state.rsvps.set(me, {
        answer: command.answer,
        ...(command.note ? { note: command.note } : {}),
        via: 'command',
      })
      return
    case 'here': {
      state.attendance.add(me)
      if (command.logins.length === 0) return
      if (at.role !== 'facilitator') {
        refuse(
          at,
          'here',
          'not-facilitator',
          `You are marked present. Only facilitators can mark others present; everyone else can post their own \`/here\`.`,
        )
        return
      }
      for (const login of rosterLogins(command.logins, at, 'here')) state.attendance.add(login)
      return
    }
    case 'attended':
      for (const login of rosterLogins(command.logins, at, 'attended')) state.attendance.add(login)
      return
    case 'topic':
      state.topics.push({
        commentId: comment.id,
        author: me,
        text: command.text,
        order: state.topics.length + 1,
      })
      return
    case 'agree':
      state.agreed.add(me)
      return
    case 'buddy':
      state.buddyCheckIns.add(me)
      return
    case 'snooze':
      state.snoozed.add(me)
      state.unsnoozed.delete(me)
      return
    case 'unsnooze':
      state.unsnoozed.add(me)
      state.snoozed.delete(me)
      return
    case 'skip':
      state.skipped = {
        by: me,
        ...(command.reason ? { reason: command.reason } : {}),
        commentId: comment.id,
      }
      return
    case 'swap': {
      const to = at.roster.get(command.to.toLowerCase())
      if (!to) {
        refuse(at, 'swap', 'invalid', `${notOnRoster(command.to)} Pick someone from this group.`)
        return
      }
      if (to.github === me) {
        refuse(
          at,
          'swap',
          'invalid',
          '`/swap` hands the facilitation to someone else; name another member.',
        )
        return
      }
      state.swap = { by: me, to: to.github, commentId: comment.id }
      return
    }
    case 'notes':
      state.notes.push({ commentId: comment.id, text: command.text })
      return
    case 'help':
      if (!state.help.includes(comment.id)) state.help.push(comment.id)
      return
  }
}

/**
 * Votes count until a facilitator confirms; the confirmation takes the leading choice and closes the
 * vote. A tie (or no votes) cannot be confirmed. Returns whether the vote is closed.
 */
function applyContinue(choice: ContinueChoice | 'confirm', at: Context, closed: boolean): boolean {
  const { state } = at
  if (choice !== 'confirm') {
    if (closed) {
      refuse(
        at,
        'continue',
        'invalid',
        `The vote is already closed: the group continues ${describeChoice(state.continueDecision)}.`,
      )
      return closed
    }
    state.continueVotes.set(at.author.github, choice)
    return closed
  }
  if (closed) return closed
  const leader = leadingChoice(continueTally(state), CONTINUE_CHOICES)
  if (!leader) {
    refuse(
      at,
      'continue',
      'invalid',
      state.continueVotes.size === 0
        ? 'There are no `/continue` votes to confirm yet.'
        : 'The `/continue` vote is tied. Ask people to vote (facilitators can vote too), then confirm again.',
    )
    return closed
  }
  const homework = leadingChoice(homeworkTally(state), HOMEWORK_CHOICES)
  const seats = leadingSeats(state)
  const tied = [
    state.homeworkVotes.size > 0 && !homework ? '`/homework`' : '',
    state.seatVotes.size > 0 && !seats ? '`/seats`' : '',
  ].filter(Boolean)
  if (tied.length > 0) {
    refuse(
      at,
      'continue',
      'invalid',
      `The ${tied.join(' and ')} vote ${tied.length > 1 ? 'are' : 'is'} tied. Ask people to vote (facilitators can vote too), then confirm again: \`/continue confirm\` closes all the votes at once.`,
    )
    return closed
  }
  state.continueConfirmed = true
  state.continueDecision = leader
  if (homework) state.homeworkDecision = homework
  if (seats) state.seatDecision = seats
  return true
}

/** `/homework` and `/seats` count until `/continue confirm` closes the closing votes. */
function applyClosingVote(command: ClosingVote, at: Context, closed: boolean): void {
  if (closed) {
    refuse(
      at,
      command.name,
      'invalid',
      'The votes are already closed: a facilitator confirmed them with `/continue confirm`.',
    )
    return
  }
  const me = at.author.github
  if (command.name === 'homework') at.state.homeworkVotes.set(me, command.choice)
  else
    at.state.seatVotes.set(
      me,
      command.cap ? { choice: command.choice, cap: command.cap } : { choice: command.choice },
    )
}

export function homeworkTally(
  state: Pick<SessionState, 'homeworkVotes'>,
): Record<HomeworkChoice, number> {
  const tally = { keep: 0, drop: 0 }
  for (const choice of state.homeworkVotes.values()) tally[choice]++
  return tally
}

export function seatTally(state: Pick<SessionState, 'seatVotes'>): Record<SeatChoice, number> {
  const tally = { closed: 0, nominations: 0, open: 0 }
  for (const vote of state.seatVotes.values()) tally[vote.choice]++
  return tally
}

/** The leading seat policy, with the cap most of its voters named (the smaller on a tie). */
function leadingSeats(state: Pick<SessionState, 'seatVotes'>): SeatVote | undefined {
  const choice = leadingChoice(seatTally(state), SEAT_CHOICES)
  if (!choice) return undefined
  const caps = new Map<number, number>()
  for (const vote of state.seatVotes.values())
    if (vote.choice === choice && vote.cap) caps.set(vote.cap, (caps.get(vote.cap) ?? 0) + 1)
  const cap = [...caps.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0]
  return cap ? { choice, cap } : { choice }
}

export function continueTally(
  state: Pick<SessionState, 'continueVotes'>,
): Record<ContinueChoice, number> {
  const tally = { monthly: 0, biweekly: 0, stop: 0, channel: 0 }
  for (const choice of state.continueVotes.values()) tally[choice]++
  return tally
}

/** The one choice with the most votes; none when nobody voted or the top is tied. */
function leadingChoice<C extends string>(
  tally: Record<C, number>,
  choices: readonly C[],
): C | undefined {
  const best = Math.max(...choices.map((choice) => tally[choice]))
  const leaders = choices.filter((choice) => tally[choice] === best)
  return best > 0 && leaders.length === 1 ? leaders[0] : undefined
}

function describeChoice(choice: ContinueChoice | undefined): string {
  if (choice === 'stop') return 'no further (it stops here)'
  if (choice === 'channel') return 'in its discussion channel only'
  return choice === 'biweekly' ? 'every other week' : 'monthly'
}

/** The latest `/themes` whose numbers all name a topic and fit the themed weeks wins. */
function chooseThemes(picks: number[], at: Context, weekly: number): void {
  const { state } = at
  const missing = picks.filter((n) => n > state.topics.length)
  if (missing.length > 0) {
    const have =
      state.topics.length === 0
        ? 'there are no topics yet'
        : `topics go from 1 to ${state.topics.length}`
    refuse(
      at,
      'themes',
      'invalid',
      `\`/themes\`: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a topic number; ${have}.`,
    )
    return
  }
  const slots = Math.max(0, weekly - 2)
  if (picks.length > slots) {
    refuse(
      at,
      'themes',
      'invalid',
      `\`/themes\`: there ${slots === 1 ? 'is 1 themed week' : `are ${slots} themed weeks`} (weeks 2 to ${weekly - 1}), so pick at most ${slots}.`,
    )
    return
  }
  state.themesChosen = picks
}

/** A member's 👍 on a session is a "yes" until they `/rsvp`; on the ground rules it agrees. */
function applyIssueReactions(state: SessionState, input: StateInput, roster: Roster): void {
  if (input.kind === 'check-in') return
  for (const reaction of input.issueReactions ?? []) {
    if (reaction.content !== '+1' || isBot(reaction.user, reaction.userType)) continue
    const member = roster.get(reaction.user.toLowerCase())
    if (!member) continue
    if (input.kind === 'ground-rules') state.agreed.add(member.github)
    else if (!state.rsvps.has(member.github))
      state.rsvps.set(member.github, { answer: 'yes', via: 'reaction' })
  }
}

/** Members named in a list, in roster spelling; names off the roster get one refusal, unechoed. */
function rosterLogins(logins: readonly string[], at: Context, command: string): string[] {
  const found: string[] = []
  const strangers: string[] = []
  for (const login of logins) {
    const member = at.roster.get(login.toLowerCase())
    if (member) found.push(member.github)
    else strangers.push(login)
  }
  if (strangers.length > 0) {
    const named =
      strangers.length === 1
        ? notOnRoster(strangers[0] as string)
        : `${strangers.length} of the names are not on this group's roster.`
    refuse(
      at,
      command,
      'invalid',
      `${named} ${found.length > 0 ? 'The others are recorded.' : 'Nothing was recorded.'}`,
    )
  }
  return found
}

/** Never mentions: the login is shown as inert text without `@`. */
function notOnRoster(login: string): string {
  return `"${inertText(login, { maxLength: 39 })}" is not on this group's roster.`
}

function refuse(at: Context, command: string, code: RefusalEntry['code'], reason: string): void {
  at.state.refusals.push({ commentId: at.comment.id, line: at.line, command, code, reason })
}

function rosterOf(members: readonly Member[]): Roster {
  return new Map(members.map((member) => [member.github.toLowerCase(), member]))
}

export function isBot(login: string, type: 'User' | 'Bot' | undefined): boolean {
  return type === 'Bot' || /\[bot\]$/i.test(login)
}

function threadOrder(comments: readonly CommentInput[]): CommentInput[] {
  return [...comments].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
  )
}

/**
 * Folds snoozes across issues (oldest first): the latest explicit `/snooze` or `/unsnooze` of each
 * member wins, so a snooze lasts until the member takes it back.
 */
export function foldSnoozes(
  states: ReadonlyArray<Pick<SessionState, 'snoozed' | 'unsnoozed'>>,
  initial: Iterable<string> = [],
): Set<string> {
  const snoozed = new Set(initial)
  for (const state of states) {
    for (const login of state.unsnoozed) snoozed.delete(login)
    for (const login of state.snoozed) snoozed.add(login)
  }
  return snoozed
}
