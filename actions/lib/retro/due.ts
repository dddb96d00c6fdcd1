import type { Group } from '../group-file/schema.js'
import type { Session } from '../schedule/schedule.js'

/**
 * When a circle's retrospective is compiled: two days after its closing meeting, so the scribe's
 * notes and the closing reflections written after the meeting are in it. A scheduled run in the
 * following 30 days proposes it if nobody has yet (a late or skipped run converges); after that the
 * facilitators run the Retrospective workflow by hand.
 */
export const RETRO_DELAY_HOURS = 48
export const RETRO_WINDOW_DAYS = 30

const HOUR = 3_600_000

export interface RetroDue {
  group: string
  /** The closing meeting's local date: names the retrospective's file and branch. */
  date: string
  /** The moment it became due. */
  at: string
}

/** The branch a retrospective is proposed from; the same date always gives the same branch. */
export function retroBranch(group: Pick<Group, 'slug'>, date: string): string {
  return `skill-share/retro-${group.slug}-${date}`
}

/** Where a retrospective lives in the repository. */
export function retroPath(group: Pick<Group, 'slug'>, date: string): string {
  return `groups/${group.slug}/retros/${date}.md`
}

/** The moment a group's retrospective becomes due (undefined for groups without a closing meeting). */
export function retroDueAt(sessions: readonly Session[]): RetroDue | undefined {
  const closing = sessions.find((s) => s.kind === 'closing')
  if (!closing) return undefined
  return {
    group: closing.group,
    date: closing.date,
    at: new Date(Date.parse(closing.endsAt) + RETRO_DELAY_HOURS * HOUR).toISOString(),
  }
}

/** The group's retrospective if it is due at `now` and still inside its window. */
export function retroDue(
  group: Group,
  sessions: readonly Session[],
  now: Date,
): RetroDue | undefined {
  if (group.format === 'coaching') return undefined
  const due = retroDueAt(sessions)
  if (!due) return undefined
  const from = Date.parse(due.at)
  const until = from + RETRO_WINDOW_DAYS * 24 * HOUR
  return now.getTime() >= from && now.getTime() < until ? due : undefined
}
