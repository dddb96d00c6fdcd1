import { DateTime } from 'luxon'
import type { SessionState } from '../../lib/commands/state.js'
import { formTitle, formUrl } from '../../lib/forms/prefill.js'
import { readSubmission } from '../../lib/forms/read.js'
import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { findMarker, marker, parseMarkers, withMarker } from '../../lib/markers/markers.js'
import { currentBuddyWeek, type BuddyWeek } from '../../lib/pairing/weeks.js'
import type { Session } from '../../lib/schedule/schedule.js'
import type { RepositoryRef } from '../../lib/sessions/links.js'
import type { FrontMatterDocument } from '../../lib/templates/front-matter.js'
import { renderIssue, typed } from '../../lib/templates/render.js'

/*
 * Accountability buddies, planned from what the scheduled run observed. Pair issues carry
 * `<!-- skill-share:check-in group=<slug> week=<w> pair=<i> of=<n> buddies=<a>.<b> -->`; once the
 * mid-week decision is made the marker also records it (`nudge=sent` or `nudge=none`), so later runs
 * need no request to know it. Who is paired with whom is read from the marker, never from the
 * assignees: a Free-plan private repository takes one assignee per issue, and someone whose
 * invitation is pending cannot be assigned at all.
 */

export const CHECK_IN_MARKER = 'check-in'
export const NUDGE_MARKER = 'nudge'
export const BUDDIES_LABEL = 'buddies'

export interface PairIssueRef {
  week: number
  pair: number
  /** How many pairs the week has: fewer issues than this means a run stopped halfway. */
  of: number
  issue: IssueView
  /** The buddies on the roster, in roster spelling. */
  buddies: string[]
  /** The mid-week decision, once made. */
  nudge?: 'sent' | 'none'
}

/** The bot's pair issues of one group. */
export function pairIssueRefs(issues: readonly IssueView[], group: Group): PairIssueRef[] {
  const roster = new Map(group.members.map((m) => [m.github.toLowerCase(), m.github]))
  return issues.flatMap((issue) => {
    if (!isOwnBot(issue.author)) return []
    const found = findMarker(issue.body, CHECK_IN_MARKER, { group: group.slug })
    const week = Number(found?.attributes['week'])
    const pair = Number(found?.attributes['pair'])
    const of = Number(found?.attributes['of'] ?? pair)
    if (!found || !Number.isInteger(week) || !Number.isInteger(pair)) return []
    const nudge = found.attributes['nudge']
    return [
      {
        week,
        pair,
        of: Number.isInteger(of) ? of : pair,
        issue,
        buddies: buddiesOf(found.attributes['buddies'], issue).flatMap(
          (login) => roster.get(login.toLowerCase()) ?? [],
        ),
        ...(nudge === 'sent' || nudge === 'none' ? { nudge } : {}),
      },
    ]
  })
}

/** Logins in a marker attribute: `a.b.c` (a GitHub login has no dot). */
export function buddiesAttribute(logins: readonly string[]): string {
  return logins.join('.')
}

/**
 * The buddies a pair issue records. Issues opened before the marker said so fall back to their
 * assignees, which were all the buddies then.
 */
export function buddiesOf(
  attribute: string | undefined,
  issue: Pick<IssueView, 'assignees'>,
): string[] {
  return attribute ? attribute.split('.').filter(Boolean) : issue.assignees
}

export interface BuddyObservation {
  /** The group's session issues by session number (the bot's, any state). */
  sessionIssues: ReadonlyMap<number, IssueView>
  pairs: readonly PairIssueRef[]
}

export interface BuddyPlan {
  /** The buddy week now running, if any. */
  week?: BuddyWeek
  /** Pairs are due for `week` and not all of their issues exist yet. */
  draw: boolean
  /** Pair issues of weeks that are over. */
  close: PairIssueRef[]
  /** This week's pair issues whose mid-week decision is due. */
  nudge: PairIssueRef[]
}

/**
 * What the buddies need now: pairs drawn once the meeting is over (unless it was called off), the
 * mid-week reminder decided once, and last week's pair issues closed when the next meeting starts.
 * A week whose window passed without a run is not drawn late.
 */
export function planBuddies(
  weeks: readonly BuddyWeek[],
  observed: BuddyObservation,
  now: Date,
): BuddyPlan {
  const t = now.getTime()
  const week = currentBuddyWeek(weeks, now)
  const closesAt = new Map(weeks.map((w) => [w.week, Date.parse(w.closesAt)]))
  const plan: BuddyPlan = {
    draw: false,
    close: observed.pairs.filter(
      (ref) => ref.issue.state === 'open' && (closesAt.get(ref.week) ?? 0) <= t,
    ),
    nudge: [],
  }
  if (!week) return plan
  plan.week = week
  const meeting = observed.sessionIssues.get(week.session.number)
  if (meeting?.state === 'closed' && meeting.stateReason === 'not_planned') return plan
  const current = observed.pairs.filter((ref) => ref.week === week.week)
  plan.draw = current.length === 0 || current.some((ref) => ref.of > current.length)
  if (t >= Date.parse(week.nudgeAt)) {
    plan.nudge = current.filter((ref) => ref.issue.state === 'open' && ref.nudge === undefined)
  }
  return plan
}

/**
 * Earlier weeks' groups, from the pair issues' markers: the history pairBuddies avoids repeating.
 */
export function pairingHistory(pairs: readonly PairIssueRef[], beforeWeek: number): string[][] {
  return pairs
    .filter((ref) => ref.week < beforeWeek && ref.buddies.length >= 2)
    .sort((a, b) => a.week - b.week || a.pair - b.pair)
    .map((ref) => ref.buddies)
}

/**
 * The issues whose comments can hold a `/snooze` or `/unsnooze` that counts for `week`: the weekly
 * session issues up to its meeting and the pair issues of earlier weeks, oldest first. Issues
 * without comments are left out; they cannot say anything.
 */
export function snoozeSources(
  week: BuddyWeek,
  observed: BuddyObservation,
): Array<{ issue: IssueView; kind: 'session' | 'check-in'; session?: Session }> {
  const sessions = [...observed.sessionIssues.entries()]
    .filter(([n]) => n <= week.session.number)
    .map(([, issue]) => ({ issue, kind: 'session' as const }))
  const pairs = observed.pairs
    .filter((ref) => ref.week < week.week)
    .map((ref) => ({ issue: ref.issue, kind: 'check-in' as const }))
  return [...sessions, ...pairs]
    .filter((source) => source.issue.comments > 0)
    .sort(
      (a, b) =>
        Date.parse(a.issue.createdAt) - Date.parse(b.issue.createdAt) ||
        a.issue.number - b.issue.number,
    )
}

export interface PairIssueSpec {
  week: number
  pair: number
  title: string
  body: string
  labels: string[]
  /** Everyone in the pair (or trio), in the order drawn. */
  buddies: string[]
  /** One assignee on every plan: the first buddy; the body names them all. */
  assignees: string[]
}

export interface PairContext {
  group: Group
  week: BuddyWeek
  repo: Pick<RepositoryRef, 'serverUrl' | 'repository'>
  template: FrontMatterDocument
}

/** One issue per pair (or trio), naming its members, with the prefilled check-in form. */
export function pairIssueSpecs(pairs: readonly string[][], context: PairContext): PairIssueSpec[] {
  const { group, week } = context
  return pairs.map((buddies, index) => {
    const pair = index + 1
    const rendered = renderIssue(context.template, {
      group_name: typed(group.name),
      group_slug: group.slug,
      week: week.week,
      buddies: mentionList(buddies),
      names: buddies.map((login) => `@${login}`).join(' & '),
      next_meeting: localMoment(week.next.startsAt, group.timezone),
      midweek: localDay(week.nudgeAt, group.timezone),
      check_in_link: checkInUrl(context),
      session: week.session.number,
    })
    return {
      week: week.week,
      pair,
      title: rendered.title,
      body: withMarker(rendered.body, CHECK_IN_MARKER, {
        group: group.slug,
        week: week.week,
        pair,
        of: pairs.length,
        buddies: buddiesAttribute(buddies),
      }),
      labels: [
        ...new Set(['skill-share', `group:${group.slug}`, BUDDIES_LABEL, ...rendered.labels]),
      ],
      buddies: [...buddies],
      assignees: buddies.slice(0, 1),
    }
  })
}

/**
 * The specs still to open. When an issue for a pair number already exists with other people (the
 * roster or the snoozes changed between two runs), nothing more is opened for the week: opening the
 * rest would put someone in two pairs.
 */
export function pairsToOpen(
  specs: readonly PairIssueSpec[],
  existing: readonly PairIssueRef[],
): { open: PairIssueSpec[]; conflict: boolean } {
  const byPair = new Map(existing.map((ref) => [ref.pair, ref]))
  const key = (logins: readonly string[]) =>
    logins
      .map((l) => l.toLowerCase())
      .sort()
      .join(' ')
  for (const spec of specs) {
    const ref = byPair.get(spec.pair)
    if (ref && key(ref.buddies) !== key(spec.buddies)) return { open: [], conflict: true }
  }
  return { open: specs.filter((spec) => !byPair.has(spec.pair)), conflict: false }
}

export function checkInUrl(context: Pick<PairContext, 'group' | 'week' | 'repo'>): string {
  const { group, week, repo } = context
  return formUrl({
    serverUrl: repo.serverUrl,
    repository: repo.repository,
    template: 'check-in.yml',
    title: formTitle('check-in', group.slug, week.session.number),
    fields: { group: group.slug, session: week.session.number },
  })
}

/**
 * Whether one of the buddies checked in: `/buddy` on the pair issue, or a check-in form filed by
 * one of them since the meeting. A form that names another group does not count; one whose answers
 * cannot be read still does (the member tried, and the forms workflow will ask them to fix it).
 */
export function checkedIn(
  ref: PairIssueRef,
  week: BuddyWeek,
  group: Pick<Group, 'slug'>,
  evidence: {
    state?: Pick<SessionState, 'buddyCheckIns'>
    submissions: readonly IssueView[]
    /** The check-in form as the repository has it, to read the group answer. */
    form?: string
  },
): boolean {
  const buddies = new Set(ref.buddies.map((l) => l.toLowerCase()))
  if ([...(evidence.state?.buddyCheckIns ?? [])].some((l) => buddies.has(l.toLowerCase())))
    return true
  return evidence.submissions.some((issue) => {
    if (issue.author.type === 'Bot' || !buddies.has(issue.author.login.toLowerCase())) return false
    if (Date.parse(issue.createdAt) < Date.parse(week.opensAt)) return false
    if (!evidence.form) return true
    const read = readSubmission('check-in', issue.body, evidence.form)
    return !read.ok || read.submission.group.toLowerCase() === group.slug.toLowerCase()
  })
}

export function nudgeMarker(ref: Pick<PairIssueRef, 'week' | 'pair'>, slug: string): string {
  return marker(NUDGE_MARKER, { group: slug, week: ref.week, pair: ref.pair })
}

/** The one mid-week reminder, to the buddies only. */
export function nudgeComment(ref: PairIssueRef, context: Omit<PairContext, 'template'>): string {
  const { group, week } = context
  return [
    `${mentionList(ref.buddies)}: we are halfway to the next meeting (${localMoment(week.next.startsAt, group.timezone)}) and nobody has checked in yet.`,
    'Ten minutes is plenty: did the commitment happen, what helped, what got in the way? "Not yet" is a fine answer.',
    `Then fill in the [check-in form](${checkInUrl(context)}) or comment \`/buddy\` here.`,
    nudgeMarker(ref, group.slug),
  ].join('\n\n')
}

/** The pair issue's body with the mid-week decision recorded in its marker. */
export function withNudgeDecision(
  body: string,
  ref: Pick<PairIssueRef, 'week' | 'pair'>,
  slug: string,
  decision: 'sent' | 'none',
): string {
  const current = parseMarkers(body).find(
    (m) =>
      m.kind === CHECK_IN_MARKER &&
      m.attributes['group'] === slug &&
      m.attributes['week'] === String(ref.week) &&
      m.attributes['pair'] === String(ref.pair),
  )
  if (!current) return body
  return body.replace(
    marker(CHECK_IN_MARKER, current.attributes),
    marker(CHECK_IN_MARKER, { ...current.attributes, nudge: decision }),
  )
}

/** "@a and @b", "@a, @b and @c" */
function mentionList(logins: readonly string[]): string {
  const at = logins.map((login) => `@${login}`)
  return at.length <= 1 ? (at[0] ?? '') : `${at.slice(0, -1).join(', ')} and ${at.at(-1)}`
}

function localMoment(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat('cccc d LLLL, HH:mm')
}

function localDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat('cccc d LLLL')
}
