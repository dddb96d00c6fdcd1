import { DateTime } from 'luxon'
import type { Group } from '../group-file/schema.js'
import type { Session } from '../schedule/schedule.js'
import type { FormKind } from './catalog.js'
import type { FormProblem } from './problems.js'
import type { Submission } from './submissions.js'

/**
 * How long after a session ends its homework and check-ins are still taken. A week covers the
 * buddy check-in, which happens mid-week after the meeting, and homework finished late.
 */
export const LATE_DAYS = 7

/** Forms that only make sense in one format; the rest (intention, reflection) fit both. */
const FORMAT_OF: Partial<Record<FormKind, Group['format']>> = {
  homework: 'circle',
  'check-in': 'circle',
  topic: 'circle',
  pulse: 'circle',
  conversation: 'coaching',
  'sign-up': 'coaching',
}

/** Whether a group of this format uses the form (intention, reflection and the like fit both). */
export function formFits(kind: FormKind, format: Group['format']): boolean {
  const only = FORMAT_OF[kind]
  return only === undefined || only === format
}

/** Forms whose `session` answer is a meeting on the group's schedule. */
const SCHEDULED: Partial<Record<FormKind, string>> = {
  homework: 'homework',
  'check-in': 'check-ins',
}

export interface SubmissionContext {
  /** GitHub login of the author. */
  author: string
  groups: readonly Group[]
  /** The sessions of every group (each carries its group slug), e.g. from buildSchedule. */
  sessions: readonly Session[]
  now: Date
}

/** The group a submission names; slugs match case-insensitively, like the folders they come from. */
export function findGroup(submission: Submission, groups: readonly Group[]): Group | undefined {
  const wanted = submission.group.toLowerCase()
  return groups.find((group) => group.slug.toLowerCase() === wanted)
}

/** Everything the group files can tell about a submission: membership first, then the session. */
export function checkSubmission(submission: Submission, context: SubmissionContext): FormProblem[] {
  const membership = checkMembership(submission, context.author, context.groups)
  if (membership.length > 0) return membership
  const names = checkNoNames(submission, findGroup(submission, context.groups), context.author)
  if (names.length > 0) return names
  return checkSession(submission, context.sessions, context.now)
}

/**
 * An assessment or interview names who it was with by role, never by name: the issue is visible to
 * the whole group. Catches the roster's own names, aliases and logins (other people's names it
 * cannot know); the problem does not repeat the name.
 */
export function checkNoNames(
  submission: Submission,
  group: Group | undefined,
  author = '',
): FormProblem[] {
  if (submission.kind !== 'assessment' || !group) return []
  const fields = [
    ['what', submission.what],
    ['summary', submission.summary],
    ['takeaway', submission.takeaway ?? ''],
  ] as const
  const others = group.members.filter((m) => m.github.toLowerCase() !== author.toLowerCase())
  const words = others.flatMap((m) => [m.name, ...(m.aliases ?? []), m.github])
  const named = (text: string) =>
    words.some((word) =>
      new RegExp(`(^|[^\\p{L}\\p{N}_-])@?${escapeRegExp(word)}($|[^\\p{L}\\p{N}_-])`, 'iu').test(
        text,
      ),
    )
  return fields
    .filter(([, text]) => named(text))
    .map(([field]) => ({
      field,
      message:
        'This names someone in the group. Write who it was with as a role (a peer, your manager, someone on your team), never a name: this issue is visible to the whole group.',
    }))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The group exists, uses the format this form belongs to, and the author is on its member list.
 * A conversation write-up comes from the coachee, so in a group with pairs the author must be one.
 */
export function checkMembership(
  submission: Submission,
  author: string,
  groups: readonly Group[],
): FormProblem[] {
  const group = findGroup(submission, groups)
  if (!group) return [{ field: 'group', message: unknownGroup(submission.group, groups) }]
  const format = FORMAT_OF[submission.kind]
  if (format && group.format !== format) {
    const message =
      format === 'coaching'
        ? `${group.slug} is a peer circle, not a coaching network; conversation write-ups belong to a coaching group.`
        : `${group.slug} is a coaching network; this form is for peer circles. A conversation write-up may be what you need.`
    return [{ field: 'group', message }]
  }
  const login = author.toLowerCase()
  if (!group.members.some((member) => member.github.toLowerCase() === login)) {
    const message = `You're not on ${group.slug}'s member list yet. Ask a facilitator to add you to groups/${group.slug}/group.yml.`
    return [{ field: '', message }]
  }
  if (submission.kind === 'conversation' && group.pairs?.length) {
    if (!group.pairs.some((pair) => pair.coachee.toLowerCase() === login)) {
      const message = `Conversation write-ups come from the coachee, and you're not a coachee in ${group.slug}'s pairs. If that's a mistake, ask a facilitator to check groups/${group.slug}/group.yml.`
      return [{ field: '', message }]
    }
  }
  return []
}

/**
 * The session a homework or check-in names is on the group's schedule and is open or just ended:
 * from its issue opening (`opensAt`) until LATE_DAYS after it ends. Other forms pass: intentions,
 * topics and reflections name no session, and coaching conversations are numbered by the pair.
 */
export function checkSession(
  submission: Submission,
  sessions: readonly Session[],
  now: Date,
): FormProblem[] {
  const what = SCHEDULED[submission.kind]
  if (!what || !('session' in submission)) return []
  const slug = submission.group.toLowerCase()
  const own = sessions.filter((session) => session.group.toLowerCase() === slug)
  const session = own.find((candidate) => candidate.number === submission.session)
  if (!session) return [{ field: 'session', message: notScheduled(submission, own) }]
  const time = now.getTime()
  if (time < Date.parse(session.opensAt)) {
    const opens = localTime(session.opensAt, session.timezone)
    return [
      {
        field: 'session',
        message: `Session ${session.number} isn't open yet; it takes ${what} from ${opens}.`,
      },
    ]
  }
  const closes = DateTime.fromISO(session.endsAt, { zone: 'utc' }).plus({ days: LATE_DAYS })
  if (time > closes.toMillis()) {
    return [
      {
        field: 'session',
        message: `Session ${session.number} took ${what} until ${localTime(closes.toISO() ?? session.endsAt, session.timezone)}, ${LATE_DAYS} days after it ended. Bring it to the next session instead.`,
      },
    ]
  }
  return []
}

function unknownGroup(slug: string, groups: readonly Group[]): string {
  const known = groups.map((group) => group.slug).sort()
  const here = known.length
    ? `Groups in this repository: ${known.join(', ')}.`
    : 'This repository has no groups yet.'
  return `There's no group called ${slug} here. ${here}`
}

function notScheduled(
  submission: Submission & { session: number },
  own: readonly Session[],
): string {
  const numbers = own.map((session) => session.number)
  if (numbers.length === 0) return `${submission.group} has no sessions scheduled yet.`
  const range = `${Math.min(...numbers)} to ${Math.max(...numbers)}`
  return `${submission.group} has no session ${submission.session}; its sessions are numbered ${range}.`
}

function localTime(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(timezone)
    .toFormat("cccc d LLLL yyyy, HH:mm '('z')'")
}
