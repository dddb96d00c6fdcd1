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
      moments.push({ group: group.slug, at, what, ...(session !== undefined ? { session } : {}) })
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

/**
 * Cron lines that fire once after each moment: one line per month and hour, listing the days
 * (`17 15 3,10,17 11 *`). Cron has no year, so a line fires again on the same dates a year later;
 * that run finds nothing due and costs one minute.
 */
export function cronLines(moments: readonly Pick<DueMoment, 'at'>[]): string[] {
  const byMonthHour = new Map<string, Set<number>>()
  for (const moment of moments) {
    const at = firingFor(new Date(moment.at))
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
