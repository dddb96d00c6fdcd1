import { DateTime } from 'luxon'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { findMarker, marker } from '../../lib/markers/markers.js'
import { buildSchedule, type Session } from '../../lib/schedule/schedule.js'
import {
  recordedFingerprint,
  renderSessionIssue,
  SESSION_MARKER,
  statusFingerprint,
  type SessionTemplates,
} from '../../lib/sessions/issue.js'
import {
  calendarUrl,
  cohortMilestone,
  homeworkFormUrl,
  playbookLinks,
  type RepositoryRef,
} from '../../lib/sessions/links.js'

/** How far ahead and back the reconciler looks; wider than any cadence gap. */
const HORIZON_DAYS = 70
/** The status comment appears this long before a meeting. */
export const STATUS_WINDOW_HOURS = 24

export interface SessionIssueRef {
  group: string
  number: number
  issue: IssueView
}

export interface OpenStep {
  group: Group
  session: Session
  title: string
  body: string
  labels: string[]
  assignees: string[]
  /** The cohort milestone, for weekly sessions. */
  milestone?: { title: string; dueOn: string }
  /**
   * Opened late, inside the day before the meeting (earlier runs failed or were skipped): the
   * same run posts the status, as no later run is due before the meeting.
   */
  statusDue?: boolean
}

export interface CloseStep {
  group: Group
  session: Session
  issue: number
  comment: string
}

export interface StatusStep {
  group: Group
  session: Session
  issue: IssueView
  /** Homework for any status due in this run was filed after this moment (the earliest open time). */
  homeworkSince: string
}

export interface DuplicateStep {
  group: Group
  session: Session
  issue: number
  keep: number
}

export interface GroupPlan {
  group: Group
  open: OpenStep[]
  close: CloseStep[]
  status: StatusStep[]
  /** Extra open issues for one session (two runs raced); the oldest is kept. */
  duplicates: DuplicateStep[]
  /** The next session whose issue is not open yet. */
  next?: { session: Session; title: string }
}

export interface SessionsObservation {
  /** Open issues labelled as sessions, any author (only the bot's count). */
  open: readonly IssueView[]
  /** Closed session issues updated recently; only fetched when something is due to open. */
  closed?: readonly IssueView[]
}

/** Reads which group and session a bot-authored issue stands for. */
export function sessionRefs(issues: readonly IssueView[]): SessionIssueRef[] {
  return issues.flatMap((issue) => {
    if (!isOwnBot(issue.author)) return []
    const found = findMarker(issue.body, SESSION_MARKER)
    const n = Number(found?.attributes['n'])
    const group = found?.attributes['group']
    return group && Number.isInteger(n) ? [{ group, number: n, issue }] : []
  })
}

export function sessionsAround(group: Group, now: Date): Session[] {
  const until =
    DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: HORIZON_DAYS }).toISODate() ?? ''
  return buildSchedule(group, { until })
}

/** Sessions in their open window that have no open issue: only these need the closed-issue lookup. */
export function sessionsMissing(
  groups: readonly Group[],
  open: readonly IssueView[],
  now: Date,
): Session[] {
  const openKeys = new Set(sessionRefs(open).map((r) => key(r.group, r.number)))
  return groups.flatMap((group) =>
    sessionsAround(group, now).filter(
      (s) => inOpenWindow(s, now) && !openKeys.has(key(group.slug, s.number)),
    ),
  )
}

/** Where to start looking for closed session issues: covers the missing ones and the previous sessions. */
export function closedLookupSince(missing: readonly Session[]): string | undefined {
  if (missing.length === 0) return undefined
  const earliest = Math.min(...missing.map((s) => Date.parse(s.opensAt)))
  return new Date(earliest - HORIZON_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * The desired state for every group at `now`, as the difference from what GitHub shows:
 * issues to open (window current, never opened, never closed by hand), issues to close (meeting
 * over), and status comments to refresh (the day before a meeting).
 */
export function planSessions(
  groups: readonly Group[],
  observed: SessionsObservation,
  now: Date,
  templates: SessionTemplates,
  repo: RepositoryRef,
  /** Groups whose `calendar.ics` the repository holds; only their issues link a calendar. */
  calendars: ReadonlySet<string> = new Set(),
): GroupPlan[] {
  const known = new Map<string, SessionIssueRef>()
  const extra = new Map<string, SessionIssueRef[]>()
  const refs = sessionRefs([...(observed.closed ?? []), ...observed.open])
  for (const ref of refs.sort((a, b) => a.issue.number - b.issue.number)) {
    const k = key(ref.group, ref.number)
    const existing = known.get(k)
    if (!existing || (existing.issue.state === 'closed' && ref.issue.state === 'open'))
      known.set(k, ref)
    else if (ref.issue.state === 'open') extra.set(k, [...(extra.get(k) ?? []), ref])
  }
  const plans = groups.map((group) =>
    planGroup(group, known, extra, now, templates, {
      repo,
      calendar: calendars.has(group.slug),
    }),
  )
  // One homework query serves every status of the run, so it must reach back to the earliest one.
  const since = plans.flatMap((p) => p.status.map((s) => s.homeworkSince)).sort()[0]
  for (const step of plans.flatMap((p) => p.status))
    step.homeworkSince = since ?? step.homeworkSince
  return plans
}

function planGroup(
  group: Group,
  known: Map<string, SessionIssueRef>,
  extra: Map<string, SessionIssueRef[]>,
  now: Date,
  templates: SessionTemplates,
  links: { repo: RepositoryRef; calendar: boolean },
): GroupPlan {
  const { repo } = links
  const sessions = sessionsAround(group, now)
  const plan: GroupPlan = { group, open: [], close: [], status: [], duplicates: [] }
  const issueOf = (s: Session) => known.get(key(group.slug, s.number))?.issue
  const titleOf = (s: Session) => renderSessionIssue(group, s, templates, {}).title

  for (const [index, session] of sessions.entries()) {
    const issue = issueOf(session)
    for (const duplicate of extra.get(key(group.slug, session.number)) ?? []) {
      if (issue)
        plan.duplicates.push({ group, session, issue: duplicate.issue.number, keep: issue.number })
    }
    if (!issue && inOpenWindow(session, now)) {
      const previous = sessions[index - 1]
      const previousIssue = previous ? issueOf(previous) : undefined
      const rendered = renderSessionIssue(group, session, templates, {
        homework: homeworkFormUrl(repo, group, session),
        ...playbookLinks(repo, group),
        ...(links.calendar ? { calendar: calendarUrl(repo, group) } : {}),
        ...(previous
          ? {
              previous: {
                title: titleOf(previous),
                ...(previousIssue ? { number: previousIssue.number } : {}),
              },
            }
          : {}),
      })
      plan.open.push({
        group,
        session,
        ...rendered,
        // One assignee on every plan (Free private repositories allow no more); the body names
        // the co-facilitator.
        assignees: [session.facilitator],
        ...(session.week !== undefined ? { milestone: cohortMilestoneSpec(group, sessions) } : {}),
        ...(inStatusWindow(session, now) ? { statusDue: true } : {}),
      })
    }
    if (issue?.state === 'open' && Date.parse(session.endsAt) <= now.getTime()) {
      const next = sessions[index + 1]
      plan.close.push({
        group,
        session,
        issue: issue.number,
        comment: closingComment(
          group,
          session,
          next,
          next ? issueOf(next)?.number : undefined,
          titleOf,
        ),
      })
    }
    if (
      issue?.state === 'open' &&
      inStatusWindow(session, now) &&
      recordedFingerprint(issue.body, group, session) !== statusFingerprint(issue)
    ) {
      plan.status.push({ group, session, issue, homeworkSince: session.opensAt })
    }
  }
  const next = sessions.find((s) => Date.parse(s.opensAt) > now.getTime())
  if (next) plan.next = { session: next, title: titleOf(next) }
  return plan
}

export function inOpenWindow(session: Session, now: Date): boolean {
  const t = now.getTime()
  return Date.parse(session.opensAt) <= t && t < Date.parse(session.endsAt)
}

export function inStatusWindow(session: Session, now: Date): boolean {
  const start = Date.parse(session.startsAt)
  return start - STATUS_WINDOW_HOURS * 3_600_000 <= now.getTime() && now.getTime() < start
}

function cohortMilestoneSpec(group: Group, sessions: readonly Session[]) {
  const last = sessions.filter((s) => s.week !== undefined).at(-1)
  return { title: cohortMilestone(group), dueOn: last?.endsAt ?? '' }
}

export function closingMarker(group: Group, session: Session): string {
  return marker('closing', { group: group.slug, n: session.number })
}

function closingComment(
  group: Group,
  session: Session,
  next: Session | undefined,
  nextIssue: number | undefined,
  titleOf: (s: Session) => string,
): string {
  const thanks = 'This meeting is over: thank you for showing up for each other.'
  let upcoming = 'There is no further session on the schedule.'
  if (next && nextIssue) upcoming = `Next: #${nextIssue}.`
  else if (next) {
    const opens = DateTime.fromISO(next.opensAt)
      .setZone(group.timezone)
      .toFormat('cccc d LLLL, HH:mm')
    upcoming = `Next: ${titleOf(next)}. Its issue opens ${opens} (${group.timezone}).`
  }
  return `${thanks}\n\n${upcoming}\n\n${closingMarker(group, session)}\n`
}

function key(group: string, number: number): string {
  return `${group}#${number}`
}
