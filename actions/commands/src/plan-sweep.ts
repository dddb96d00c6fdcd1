import type { Group } from '../../lib/group-file/schema.js'
import type { IssueView } from '../../lib/github/repository.js'
import { isOwnBot } from '../../lib/markers/ownership.js'
import { findMarker } from '../../lib/markers/markers.js'
import type { Session } from '../../lib/schedule/schedule.js'
import { SESSION_MARKER } from '../../lib/sessions/issue.js'

/** What a theme issue says until the group file names its theme (see sessions/issue.ts). */
export const THEME_PLACEHOLDER = 'Theme to be chosen in week 1'

/** The bot's session issues of one group by session number; the oldest wins a duplicate. */
export function sessionIssues(issues: readonly IssueView[], group: Group): Map<number, IssueView> {
  const found = new Map<number, IssueView>()
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    if (!isOwnBot(issue.author)) continue
    const n = Number(findMarker(issue.body, SESSION_MARKER, { group: group.slug })?.attributes['n'])
    if (Number.isInteger(n) && !found.has(n)) found.set(n, issue)
  }
  return found
}

/**
 * Once week 1 is over, the top-voted topics become the themes the group file leaves open, for as
 * long as a themed week without a theme has not opened its issue yet. Returns the kickoff session
 * when that is due.
 */
export function autoThemesDue(sessions: readonly Session[], now: Date): Session | undefined {
  const kickoff = sessions.find((s) => s.kind === 'kickoff')
  if (!kickoff || Date.parse(kickoff.endsAt) > now.getTime()) return undefined
  const waiting = sessions.some(
    (s) => s.kind === 'theme' && s.theme === undefined && Date.parse(s.opensAt) > now.getTime(),
  )
  return waiting ? kickoff : undefined
}

export interface Retitle {
  issue: number
  session: number
  title: string
  body: string
}

/**
 * Theme issues that opened before their theme was merged into the group file: the placeholder in
 * their title and body becomes the theme. Only the placeholder is replaced, so anything a
 * facilitator edited by hand stays.
 */
export function themeRetitles(
  sessions: readonly Session[],
  issues: ReadonlyMap<number, IssueView>,
): Retitle[] {
  return sessions.flatMap((session) => {
    const issue = issues.get(session.number)
    if (session.kind !== 'theme' || !session.theme || issue?.state !== 'open') return []
    if (!issue.title.includes(THEME_PLACEHOLDER) && !issue.body.includes(THEME_PLACEHOLDER))
      return []
    const theme = session.theme
    return [
      {
        issue: issue.number,
        session: session.number,
        title: issue.title.split(THEME_PLACEHOLDER).join(theme),
        body: issue.body.split(THEME_PLACEHOLDER).join(theme),
      },
    ]
  })
}

/** The label every issue the bot opens carries: one listing of it observes every group. */
export const BOT_LABEL = 'skill-share'

/** The issues of one group, by its `group:<slug>` label. */
export function issuesOfGroup(issues: readonly IssueView[], slug: string): IssueView[] {
  const label = `group:${slug}`
  return issues.filter((issue) => issue.labels.some((l) => l.name === label))
}

/**
 * How the closed issues of the groups that need them (pairs to draw, themes to propose) are read:
 * one listing per group, or one listing of every closed bot issue updated since the earliest of
 * their cohorts started, whichever takes fewer requests. The shared listing's size is estimated
 * from the schedules: the session issues opened since then and a pair issue per two members for
 * each buddy week begun since then, in every circle.
 */
export function closedReadPlan(
  needing: ReadonlyArray<{ group: Group; sessions: readonly Session[] }>,
  circles: ReadonlyArray<{ group: Group; sessions: readonly Session[] }>,
  now: Date,
): { shared: false } | { shared: true; since: string } {
  if (needing.length <= 1) return { shared: false }
  const since = needing
    .map((n) => n.sessions[0]?.opensAt)
    .filter((s): s is string => s !== undefined)
    .sort()[0]
  if (since === undefined) return { shared: false }
  const from = Date.parse(since)
  const t = now.getTime()
  const opened = (iso: string) => Date.parse(iso) >= from && Date.parse(iso) <= t
  let estimate = 0
  for (const { group, sessions } of circles) {
    estimate += sessions.filter((s) => opened(s.opensAt)).length
    const weeks = sessions.filter((s) => s.week !== undefined && opened(s.endsAt)).length
    estimate += weeks * Math.max(1, Math.floor(group.members.length / 2))
  }
  return Math.max(1, Math.ceil(estimate / 100)) < needing.length
    ? { shared: true, since }
    : { shared: false }
}
