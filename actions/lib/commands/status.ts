import type { Group, Member } from '../group-file/schema.js'
import { splitSubgroups } from '../pairing/subgroups.js'
import type { IssueKind } from './catalog.js'
import { commitmentSummary, type CommitmentInput } from './commitment.js'
import { inertText } from './inert.js'
import type { RsvpAnswer } from './interpret.js'
import { quorumStatus } from './quorum.js'
import { continueTally, homeworkTally, seatTally, type SessionState } from './state.js'
import type { RankedTopic } from './topics.js'

/**
 * open: the issue is up, RSVPs are coming in; due: the meeting is close enough that a short circle
 * needs the facilitators' attention (the caller decides when, e.g. two days before); after: the
 * meeting is over, attendance replaces the RSVP table.
 */
export type StatusPhase = 'open' | 'due' | 'after'

export interface StatusInput {
  /** Hidden marker that starts the comment, e.g. `<!-- skill-share:status group=fall-2026 n=3 -->`. */
  marker: string
  group: Pick<Group, 'slug' | 'members' | 'quorum' | 'weekly'>
  kind: IssueKind
  state: SessionState
  /** Seeds the subgroup split, so it stays put from one update to the next. */
  sessionNumber?: number
  phase?: StatusPhase
  /** How many members handed in their homework for this session (a count, never scores). */
  homeworkIn?: number
  /** Topics ranked with `rankTopics`; without it topics show in proposal order. */
  ranked?: readonly RankedTopic[]
  /** Weekly meetings attended so far, for the 4-of-6 line. */
  commitment?: CommitmentInput
}

export const MAX_TOPIC_ROWS = 50
export const MAX_NOTES_SHOWN = 10
const TOPIC_CHARS = 120
const NOTE_CHARS = 300
const RSVP_NOTE_CHARS = 80

const ANSWER_LABEL: Readonly<Record<RsvpAnswer | 'none', string>> = {
  yes: '✅ yes',
  maybe: '❔ maybe',
  no: '➖ no',
  none: 'not yet',
}
const ANSWER_ORDER: ReadonlyArray<RsvpAnswer | 'none'> = ['yes', 'maybe', 'no', 'none']

/**
 * The one status comment of an issue, rebuilt from its state on every change. It carries no
 * timestamps, so an unchanged state renders byte for byte the same and needs no edit. It mentions
 * only roster members, in the roster's spelling; everything members typed goes through `inertText`.
 */
export function renderStatus(input: StatusInput): string {
  const view = new View(input)
  const sections = isSession(input.kind)
    ? [
        view.skipped(),
        view.swap(),
        input.phase === 'after' ? view.attendance() : view.rsvps(),
        input.phase === 'after' ? '' : view.quorum(),
        view.homework(),
        view.topics(),
        view.continueVote(),
        view.commitment(),
        view.notes(),
      ]
    : input.kind === 'ground-rules'
      ? [view.agreement()]
      : [view.checkIns(), view.homework()]
  return (
    [
      input.marker,
      '**Status**, kept up to date from the comments below.',
      ...sections.filter(Boolean),
      'Comment `/help` to see the commands available here.',
    ].join('\n\n') + '\n'
  )
}

class View {
  private readonly members: Member[]
  private readonly roster: ReadonlyMap<string, Member>

  constructor(private readonly input: StatusInput) {
    this.members = [...input.group.members].sort((a, b) => byLogin(a.github, b.github))
    this.roster = new Map(this.members.map((m) => [m.github.toLowerCase(), m]))
  }

  /** `@login` for roster members only; anything else is shown as inert text. */
  private mention(login: string): string {
    const member = this.roster.get(login.toLowerCase())
    return member ? `@${member.github}` : inertText(login, { maxLength: 39 })
  }

  private mentions(logins: Iterable<string>): string {
    return [...logins]
      .sort(byLogin)
      .map((login) => this.mention(login))
      .join(', ')
  }

  private get state(): SessionState {
    return this.input.state
  }

  private count(logins: Iterable<string>): number {
    return [...logins].filter((login) => this.roster.has(login.toLowerCase())).length
  }

  skipped(): string {
    const skip = this.state.skipped
    if (!skip) return ''
    const reason = skip.reason ? ` Reason: ${inertText(skip.reason, { maxLength: 200 })}` : ''
    return `> [!NOTE]\n> ${this.mention(skip.by)} called this meeting off.${reason}`
  }

  swap(): string {
    const swap = this.state.swap
    return swap
      ? `**Facilitation:** ${this.mention(swap.to)} takes over from ${this.mention(swap.by)}.`
      : ''
  }

  private answerOf(member: Member): RsvpAnswer | 'none' {
    return this.state.rsvps.get(member.github)?.answer ?? 'none'
  }

  private yes(): string[] {
    return this.members.filter((m) => this.answerOf(m) === 'yes').map((m) => m.github)
  }

  rsvps(): string {
    const tally = ANSWER_ORDER.map((answer) => {
      const n = this.members.filter((m) => this.answerOf(m) === answer).length
      return `${n} ${answer === 'none' ? 'not yet' : answer}`
    })
    const rows = ANSWER_ORDER.flatMap((answer) =>
      this.members
        .filter((m) => this.answerOf(m) === answer)
        .map((m) => {
          const note = this.state.rsvps.get(m.github)?.note
          const shown = note ? inertText(note, { maxLength: RSVP_NOTE_CHARS }) : ''
          return `| ${this.mention(m.github)} | ${ANSWER_LABEL[answer]} | ${shown} |`
        }),
    )
    return [
      `#### RSVPs · ${tally.join(' · ')}`,
      '',
      '| Member | RSVP | Note |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n')
  }

  quorum(): string {
    if (this.state.skipped) return ''
    const yes = this.yes()
    const status = quorumStatus(yes.length, this.input.group.quorum)
    if (status.state === 'split') {
      const seed = `${this.input.group.slug}:${this.input.sessionNumber ?? 0}:split`
      const [a, b] = splitSubgroups(yes, seed)
      return [
        '> [!TIP]',
        `> ${yes.length} people said yes. Over nine leaves little airtime, so the playbook splits into two circles. A random split:`,
        `> - Circle A: ${this.mentions(a)}`,
        `> - Circle B: ${this.mentions(b)}`,
      ].join('\n')
    }
    if (status.state === 'ok')
      return `Quorum reached: ${status.yes} yes (at least ${status.quorum} needed).`
    if (this.input.phase !== 'due') {
      return `${status.yes} yes so far; a good circle needs at least ${status.quorum}.`
    }
    const facilitators = this.members.filter((m) => m.role === 'facilitator').map((m) => m.github)
    const who = facilitators.length > 0 ? `${this.mentions(facilitators)}, this` : 'This'
    return [
      '> [!WARNING]',
      `> **Only ${status.yes} yes so far; a good circle needs at least ${status.quorum}.** ${who} meeting may fizzle. Options:`,
      '> - remind people: a short nudge here or in the group channel;',
      '> - reschedule: comment `/skip <reason>` here and propose another date;',
      '> - meet anyway: a small circle can still be a good one.',
    ].join('\n')
  }

  attendance(): string {
    const present = this.members
      .filter((m) => this.state.attendance.has(m.github))
      .map((m) => m.github)
    if (present.length === 0)
      return '#### Attendance\n\nNobody recorded yet: comment `/here`, or a facilitator `/attended @login ...`.'
    return `#### Attendance\n\n${present.length} of ${this.members.length} were there: ${this.mentions(present)}.`
  }

  homework(): string {
    const n = this.input.homeworkIn
    return n === undefined ? '' : `**Homework in:** ${n} of ${this.members.length}`
  }

  topics(): string {
    if (!['kickoff', 'monthly', 'biweekly'].includes(this.input.kind)) return ''
    const ranked =
      this.input.ranked ??
      this.state.topics.map((t, i) => ({ ...t, votes: 0, voters: [], rank: i + 1 }))
    if (ranked.length === 0) {
      return '#### Topics\n\nNo topics yet. Propose one with `/topic <text>`, one per comment; vote with 👍 on the comments.'
    }
    const rows = ranked.slice(0, MAX_TOPIC_ROWS).map((t) => {
      const text = inertText(t.text, { maxLength: TOPIC_CHARS })
      return `| ${t.order} | [${text}](#issuecomment-${t.commentId}) | ${t.votes} |`
    })
    const more =
      ranked.length > MAX_TOPIC_ROWS
        ? [`\n…and ${ranked.length - MAX_TOPIC_ROWS} more in the thread.`]
        : []
    const chosen = this.state.themesChosen
    const themes = chosen
      ? [`\n**Themes chosen:** topics ${chosen.join(', ')}, in that order.`]
      : []
    return [
      '#### Topics',
      '',
      "Vote with 👍 on a topic's comment. Facilitators turn topics into themes with `/themes` and the numbers below.",
      '',
      '| # | Topic | 👍 |',
      '| --- | --- | --- |',
      ...rows,
      ...more,
      ...themes,
    ].join('\n')
  }

  continueVote(): string {
    if (this.input.kind !== 'closing') return ''
    const { state } = this
    const go = continueTally(state)
    const homework = homeworkTally(state)
    const seats = seatTally(state)
    const voters = this.count(
      new Set([
        ...state.continueVotes.keys(),
        ...state.homeworkVotes.keys(),
        ...state.seatVotes.keys(),
      ]),
    )
    const caps = [...state.seatVotes.values()].flatMap((v) => (v.cap ? [v.cap] : []))
    const capNote =
      caps.length > 0 ? ` (caps named: ${[...new Set(caps)].sort((a, b) => a - b).join(', ')})` : ''
    const outcome =
      state.continueConfirmed && state.continueDecision
        ? `**Decided** (confirmed by a facilitator): ${decisionText(state)}. The decisions arrive as one pull request to the group file.`
        : `${voters} of ${this.members.length} voted. Vote with \`/continue monthly|biweekly|stop|channel\`, \`/homework keep|drop\` and \`/seats closed|nominations|open [cap]\`; a facilitator closes all the votes with \`/continue confirm\`.`
    return [
      '#### How we continue',
      '',
      '| Question | Votes |',
      '| --- | --- |',
      `| Go on | monthly ${go.monthly} · every other week ${go.biweekly} · stop ${go.stop} · only the channel ${go.channel} |`,
      `| Homework | keep ${homework.keep} · drop ${homework.drop} |`,
      `| New members | closed ${seats.closed} · by nomination ${seats.nominations} · open ${seats.open}${capNote} |`,
      '',
      outcome,
    ].join('\n')
  }

  commitment(): string {
    const input = this.input.commitment
    if (!input || !['kickoff', 'theme', 'closing'].includes(this.input.kind)) return ''
    const s = commitmentSummary(this.members, this.input.group.weekly, input)
    const goal = `${s.target} of the ${s.weekly} weekly meetings`
    if (s.everyoneReached)
      return `**Commitment:** everyone has been to at least ${goal}. Thank you!`
    const already = s.reached.length > 0 ? ` Already there: ${this.mentions(s.reached)}.` : ''
    if (s.everyoneCanReach) return `**Commitment:** everyone can still reach ${goal}.${already}`
    return s.reached.length > 0
      ? `**Commitment:** already at ${goal}: ${this.mentions(s.reached)}.`
      : `**Commitment:** every meeting counts towards ${goal}. See you there.`
  }

  notes(): string {
    const notes = this.state.notes
    if (notes.length === 0) return ''
    const items = notes
      .slice(0, MAX_NOTES_SHOWN)
      .map(
        (note) =>
          `- ${inertText(headingsAsLabels(note.text), { maxLength: NOTE_CHARS, multiline: true })} ([note](#issuecomment-${note.commentId}))`,
      )
    const more =
      notes.length > MAX_NOTES_SHOWN
        ? [`- …and ${notes.length - MAX_NOTES_SHOWN} more in the thread.`]
        : []
    return [
      `<details><summary>Scribe notes for the retrospective (${notes.length})</summary>`,
      '',
      ...items,
      ...more,
      '',
      '</details>',
    ].join('\n')
  }

  agreement(): string {
    const agreed = this.members.filter((m) => this.state.agreed.has(m.github)).map((m) => m.github)
    const list = agreed.length > 0 ? `: ${this.mentions(agreed)}` : ''
    return `**Agreed to the ground rules:** ${agreed.length} of ${this.members.length}${list}. React 👍 to this issue or comment \`/agree\` to join them (a 👍 is counted within the hour).`
  }

  checkIns(): string {
    const done = this.count(this.state.buddyCheckIns)
    const snoozed = this.count(this.state.snoozed)
    const sitting = snoozed > 0 ? ` ${snoozed} sitting out buddy pairing for now.` : ''
    return `**Checked in with their buddy:** ${done} of ${this.members.length}. Comment \`/buddy\` once you have.${sitting}`
  }
}

/** "we continue monthly, with homework, new members by nomination up to 10" */
function decisionText(state: SessionState): string {
  const go =
    state.continueDecision === 'stop'
      ? 'we stop meeting and close the channel'
      : state.continueDecision === 'channel'
        ? 'we stop meeting and keep only the discussion channel'
        : state.continueDecision === 'monthly'
          ? 'we continue monthly'
          : 'we continue every other week'
  const parts = [go]
  if (state.homeworkDecision === 'keep') parts.push('with homework')
  if (state.homeworkDecision === 'drop') parts.push('without homework')
  const seats = state.seatDecision
  const upTo = seats?.cap ? ` up to ${seats.cap} members` : ''
  if (seats?.choice === 'closed') parts.push('no new members')
  if (seats?.choice === 'nominations') parts.push(`new members by nomination${upTo}`)
  if (seats?.choice === 'open') parts.push(`new members welcome${upTo}`)
  return parts.join(', ')
}

/**
 * A scribe writes notes the way templates/notes.md shows them, under headings ("### What worked").
 * In a one-line list item a heading would still render as one, so it becomes a label: "What worked:".
 */
function headingsAsLabels(text: string): string {
  return text.replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm, (_, title: string) =>
    /[.:!?]$/.test(title) ? title : `${title}:`,
  )
}

function isSession(kind: IssueKind): boolean {
  return kind !== 'ground-rules' && kind !== 'check-in'
}

function byLogin(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
