import type { Group } from '../group-file/schema.js'
import { buddyWeeks } from '../pairing/weeks.js'
import { retroDueAt } from '../retro/due.js'
import { buildCoachingSchedule } from './coaching.js'
import { buildSchedule } from './schedule.js'

/**
 * The moments the scheduled workflow must run for a group: when each session issue opens, the day
 * before each meeting (RSVP status), when each meeting ends (closing, buddy pairs), halfway through
 * each buddy week (the one reminder), and when a circle's retrospective becomes due; for a coaching
 * network, when each conversation issue opens and ends. Cron lines are derived from these, so a
 * private repository pays for the runs the groups need and no more.
 */
export interface DueMoment {
  group: string
  at: string
  what: 'opens' | 'day-before' | 'ends' | 'buddy-reminder' | 'retrospective'
  /** The session or conversation number, where there is one. */
  session?: number
  /** What the work due then costs (see MOMENT_COSTS). */
  cost?: MomentCost
}

const HOUR = 3_600_000

/** Minute past the hour the cron lines fire at: off the top of the hour, when GitHub is busiest. */
export const CRON_MINUTE = 17

/**
 * The cron lines fire on even UTC hours only, so groups of one repository whose moments fall
 * close together share runs (and minutes); a moment waits at most 2 h 17 min.
 */
export const SLOT_HOURS = 2

/** A run this long after a due moment still keeps the promise ("within a few hours"). */
export const MAX_DELAY_HOURS = 3

export function dueMoments(group: Group, from: Date, until: Date): DueMoment[] {
  const moments: DueMoment[] = []
  const add = (at: string, what: DueMoment['what'], session?: number) => {
    const t = Date.parse(at)
    if (t >= from.getTime() && t <= until.getTime())
      moments.push({
        group: group.slug,
        at,
        what,
        ...(session !== undefined ? { session } : {}),
        cost: MOMENT_COSTS[group.format][what] ?? UNKNOWN_COST,
      })
  }
  const untilDate = until.toISOString().slice(0, 10)
  if (group.format === 'coaching') {
    for (const c of buildCoachingSchedule(group, { until: untilDate })) {
      add(c.opensAt, 'opens', c.number)
      add(c.endsAt, 'ends', c.number)
    }
  } else {
    const sessions = buildSchedule(group, { until: untilDate })
    for (const s of sessions) {
      add(s.opensAt, 'opens', s.number)
      add(new Date(Date.parse(s.startsAt) - 24 * HOUR).toISOString(), 'day-before', s.number)
      add(s.endsAt, 'ends', s.number)
    }
    for (const week of buddyWeeks(sessions))
      add(week.nudgeAt, 'buddy-reminder', week.session.number)
    const retro = retroDueAt(sessions)
    if (retro) add(retro.at, 'retrospective')
  }
  return moments.sort((a, b) => a.at.localeCompare(b.at))
}

/** The first slot at or after a moment: the next even hour's :17, in UTC. */
export function firingFor(at: Date): Date {
  const t = new Date(at.getTime())
  t.setUTCSeconds(0, 0)
  if (t.getTime() < at.getTime()) t.setUTCMinutes(t.getUTCMinutes() + 1)
  if (t.getUTCMinutes() > CRON_MINUTE) t.setUTCHours(t.getUTCHours() + 1)
  t.setUTCMinutes(CRON_MINUTE)
  while (t.getUTCHours() % SLOT_HOURS !== 0) t.setUTCHours(t.getUTCHours() + 1)
  return t
}

/** What a moment's work costs: requests, and seconds at production pacing. */
export interface MomentCost {
  requests: number
  seconds: number
}

/**
 * What one group's (or one conversation's) work at a moment costs, rounded up from the figures
 * `npm run bench` measures at 100 circles and for a 500-pair network at production pacing. A
 * circle's meeting end is its closing and its buddy pairs drawn (about 12 s of paced creations).
 */
const MOMENT_COSTS: Record<
  'circle' | 'coaching',
  Partial<Record<DueMoment['what'], MomentCost>>
> = {
  circle: {
    opens: { requests: 6, seconds: 5 },
    'day-before': { requests: 5, seconds: 3 },
    ends: { requests: 8, seconds: 16 },
    'buddy-reminder': { requests: 9, seconds: 12 },
    retrospective: { requests: 20, seconds: 20 },
  },
  coaching: {
    opens: { requests: 2, seconds: 4 },
    ends: { requests: 3, seconds: 4 },
  },
}
const UNKNOWN_COST: MomentCost = { requests: 10, seconds: 15 }

/**
 * What one scheduled run gets through: GITHUB_TOKEN's 1,000 requests an hour less a margin, and
 * the sessions job's 15 minutes less start-up, the other steps and a margin.
 */
export const RUN_CAPACITY = { requests: 800, seconds: 600 } as const

/** How many runs work of this cost needs (at least one). */
export function runsNeeded(work: MomentCost): number {
  return Math.max(
    1,
    Math.ceil(work.requests / RUN_CAPACITY.requests),
    Math.ceil(work.seconds / RUN_CAPACITY.seconds),
  )
}

/**
 * Every firing the schedule needs: one after each moment and, where so many moments share a
 * firing that one run cannot do them all (many groups or pairs meeting at the same hour), the
 * next slots after it, one per further run needed. A run that stops with work waiting then has a
 * next run two hours later, not at the next due moment days away. The first firing's estimate
 * counts the work of every moment it serves.
 */
export function firings(moments: readonly Pick<DueMoment, 'at' | 'cost'>[]): Date[] {
  const load = new Map<number, MomentCost>()
  for (const moment of moments) {
    const at = firingFor(new Date(moment.at)).getTime()
    const sum = load.get(at) ?? { requests: 0, seconds: 0 }
    const cost = moment.cost ?? UNKNOWN_COST
    load.set(at, { requests: sum.requests + cost.requests, seconds: sum.seconds + cost.seconds })
  }
  const all = new Set<number>()
  for (const [at, work] of load)
    for (let run = 0; run < runsNeeded(work); run++) all.add(at + run * SLOT_HOURS * HOUR)
  return [...all].sort((a, b) => a - b).map((t) => new Date(t))
}

/**
 * Cron lines for the firings: one line per month and hour, listing the days
 * (`17 15 3,10,17 11 *`). Cron has no year, so a line fires again on the same dates a year later;
 * that run finds nothing due and costs one minute.
 */
export function cronLines(moments: readonly Pick<DueMoment, 'at' | 'cost'>[]): string[] {
  const byMonthHour = new Map<string, Set<number>>()
  for (const at of firings(moments)) {
    const key = `${at.getUTCMonth() + 1} ${at.getUTCHours()}`
    const days = byMonthHour.get(key) ?? new Set<number>()
    days.add(at.getUTCDate())
    byMonthHour.set(key, days)
  }
  return [...byMonthHour.entries()]
    .map(([key, days]) => {
      const [month, hour] = key.split(' ').map(Number) as [number, number]
      const list = [...days].sort((a, b) => a - b).join(',')
      return { month, hour, line: `${CRON_MINUTE} ${hour} ${list} ${month} *` }
    })
    .sort((a, b) => a.month - b.month || a.hour - b.hour)
    .map((l) => l.line)
}

/** The moments no firing covers within MAX_DELAY_HOURS (`fires` says whether a cron fires at a minute). */
export function uncovered<M extends Pick<DueMoment, 'at'>>(
  moments: readonly M[],
  fires: (at: Date) => boolean,
): M[] {
  return moments.filter((moment) => {
    const start = Math.ceil(Date.parse(moment.at) / 60_000) * 60_000
    for (let t = start; t <= start + MAX_DELAY_HOURS * HOUR; t += 60_000) {
      if (fires(new Date(t))) return false
    }
    return true
  })
}
