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
