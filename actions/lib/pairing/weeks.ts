import type { Group } from '../group-file/schema.js'
import type { Session } from '../schedule/schedule.js'
import { pairBuddies, type PairingHistory } from './buddies.js'

/**
 * The accountability-buddy week that follows a weekly meeting: pairs are drawn when the meeting
 * ends, check in with each other once around the middle of the week, and are done when the next
 * weekly meeting starts. The last weekly meeting has no buddy week after it.
 */
export interface BuddyWeek {
  week: number
  /** The meeting the pairs come out of; their check-in form names this session. */
  session: Session
  /** The next weekly meeting, which ends the buddy week. */
  next: Session
  opensAt: string
  /** Halfway between the two meetings: the one reminder goes out if nobody checked in. */
  nudgeAt: string
  closesAt: string
}

export function buddyWeeks(sessions: readonly Session[]): BuddyWeek[] {
  const weekly = sessions.filter((s) => s.week !== undefined)
  return weekly.slice(0, -1).map((session, index) => {
    const next = weekly[index + 1] as Session
    const opens = Date.parse(session.endsAt)
    const closes = Date.parse(next.startsAt)
    return {
      week: session.week as number,
      session,
      next,
      opensAt: session.endsAt,
      nudgeAt: isoSeconds(opens + Math.floor((closes - opens) / 2)),
      closesAt: next.startsAt,
    }
  })
}

/** The buddy week whose window holds `now`, if any. */
export function currentBuddyWeek(weeks: readonly BuddyWeek[], now: Date): BuddyWeek | undefined {
  const t = now.getTime()
  return weeks.find((w) => Date.parse(w.opensAt) <= t && t < Date.parse(w.closesAt))
}

/**
 * One week's pairs, the single place the seed convention lives: the group slug and the week, so
 * the scheduled workflow and `skill-share pairs` draw the same pairs from the same history.
 */
export function weeklyPairs(
  group: Pick<Group, 'slug' | 'members'>,
  week: number,
  history: PairingHistory,
  snoozed: ReadonlySet<string> = new Set(),
): string[][] {
  return pairBuddies({ members: group.members, week, seed: group.slug, history, snoozed })
}

/**
 * The pairs of weeks 1..`through`, each drawn with the earlier weeks as history, nobody snoozed:
 * what the workflow opens when every week happens and nobody sits out.
 */
export function plannedPairs(
  group: Pick<Group, 'slug' | 'members'>,
  through: number,
): Array<{ week: number; pairs: string[][] }> {
  const weeks: Array<{ week: number; pairs: string[][] }> = []
  for (let week = 1; week <= through; week++) {
    const history = weeks.flatMap((w) => w.pairs)
    weeks.push({ week, pairs: weeklyPairs(group, week, history) })
  }
  return weeks
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
