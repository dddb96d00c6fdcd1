import { DateTime } from 'luxon'
import type { Group, Pair } from '../group-file/schema.js'
import { HORIZON_YEARS, isoDate, MAX_STEPS, nthWeekdayOfMonth, PLAIN_DATE } from './dates.js'
import { localDateTime, parseLead, toUtcIso, weekdayNumber } from './time.js'

export type Cadence = Pair['cadence']

/** One coaching conversation of one pair, everything known about it ahead of time. */
export interface Conversation {
  group: string
  /** `coach+coachee` in lower case: the pair's stable key (GitHub logins ignore case). */
  pair: string
  coach: string
  coachee: string
  /** Counts the pair's conversations from 1. */
  number: number
  cadence: Cadence
  /** Local calendar date in the pair's time zone (YYYY-MM-DD). */
  date: string
  timezone: string
  /** Local start and end with their offset, e.g. 2026-11-03T08:30:00-08:00. */
  localStart: string
  localEnd: string
  /** The same instants in UTC (ISO-8601, Z). */
  startsAt: string
  endsAt: string
  /** When the conversation issue opens: start minus the group's lead. */
  opensAt: string
  duration: number
  /** Where the pair meets (a room or a video link), when the group file says. */
  place?: string
}

export interface CoachingScheduleOptions {
  /** Last local date to include (inclusive). Default: 12 weeks after the earliest start. */
  until?: string
}

/** How far `skill-share plan` looks by default: a quarter is enough to see every cadence repeat. */
export const DEFAULT_COACHING_WEEKS = 12

/** The pair's stable key: the logins in lower case, as the markers of its issues carry them. */
export function pairKey(pair: Pick<Pair, 'coach' | 'coachee'>): string {
  return `${pair.coach}+${pair.coachee}`.toLowerCase()
}

/** Who is coach and who coachee does not matter here: a→b and b→a are one pair of people. */
export function samePairKey(pair: Pick<Pair, 'coach' | 'coachee'>): string {
  return [pair.coach.toLowerCase(), pair.coachee.toLowerCase()].sort().join('+')
}

/** The pair's time zone: its own when the two agreed one, else the group's. */
export function pairTimezone(group: Pick<Group, 'timezone'>, pair: Pair): string {
  return pair.timezone ?? group.timezone
}

/** `weeks` (default 12) after the earliest start of any pair (local date). */
export function defaultCoachingUntil(
  group: Pick<Group, 'pairs'>,
  weeks = DEFAULT_COACHING_WEEKS,
): string | undefined {
  const starts = (group.pairs ?? []).map((p) => p.start).sort()
  if (!starts[0]) return undefined
  return isoDate(DateTime.fromISO(starts[0], { zone: 'utc' }).plus({ weeks }))
}

/**
 * Every pair's conversations up to `until`, in the order they happen. A date the group skips
 * (a holiday in `skip`) is dropped without using up a number; the pair meets at its next date.
 */
export function buildCoachingSchedule(
  group: Group,
  options: CoachingScheduleOptions = {},
): Conversation[] {
  const until = options.until ?? defaultCoachingUntil(group)
  if (!until) return []
  const seen = new Set<string>()
  const conversations: Conversation[] = []
  for (const pair of group.pairs ?? []) {
    // A pair listed twice (in either direction) would open every issue twice; the first counts.
    if (seen.has(samePairKey(pair))) continue
    seen.add(samePairKey(pair))
    conversations.push(...pairConversations(group, pair, until))
  }
  return conversations.sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.pair.localeCompare(b.pair),
  )
}

/** One pair's conversations from its start up to `until` (a local date, inclusive). */
export function pairConversations(group: Group, pair: Pair, until: string): Conversation[] {
  const skip = new Set(group.skip)
  const lead = parseLead(group.lead)
  const timezone = pairTimezone(group, pair)
  const conversations: Conversation[] = []
  for (const date of conversationDates(pair)) {
    if (date > until) break
    if (skip.has(date)) continue
    const begin = localDateTime(date, pair.time, timezone)
    const end = begin.plus({ minutes: pair.duration })
    conversations.push({
      group: group.slug,
      pair: pairKey(pair),
      coach: pair.coach,
      coachee: pair.coachee,
      number: conversations.length + 1,
      cadence: pair.cadence,
      date,
      timezone,
      localStart: iso(begin),
      localEnd: iso(end),
      startsAt: toUtcIso(begin),
      endsAt: toUtcIso(end),
      opensAt: toUtcIso(begin.minus(lead)),
      duration: pair.duration,
      ...(pair.place ? { place: pair.place } : {}),
    })
  }
  return conversations
}

/**
 * The pair's dates: every week, every other week, or monthly on the same weekday in the same week
 * of the month as the start (a start on the 2nd Wednesday meets every 2nd Wednesday; a start in the
 * fifth week meets on the last one, since not every month has a fifth). Bounded like a circle's
 * calendar: at most HORIZON_YEARS after the start and MAX_STEPS dates, whatever the input.
 */
export function* conversationDates(pair: Pick<Pair, 'cadence' | 'start'>): Generator<string> {
  const start = DateTime.fromISO(pair.start, { zone: 'utc' })
  // Validation rejects such a start first; the guard keeps a lenient caller from looping forever.
  if (!start.isValid) return
  const horizon = isoDate(start.plus({ years: HORIZON_YEARS }))
  let steps = 0
  for (const date of endlessDates(pair.cadence, start)) {
    if (++steps > MAX_STEPS || !PLAIN_DATE.test(date) || date > horizon) return
    yield date
  }
}

function* endlessDates(cadence: Cadence, start: DateTime): Generator<string> {
  if (cadence !== 'monthly') {
    const step = cadence === 'weekly' ? 1 : 2
    for (let day = start; ; day = day.plus({ weeks: step })) yield isoDate(day)
  }
  const { weekday, which } = monthlyPlace(start)
  for (let month = start.startOf('month'); ; month = month.plus({ months: 1 })) {
    yield isoDate(nthWeekdayOfMonth(month, weekday, which))
  }
}

/** A monthly pair meets on the start's weekday in the start's week of the month. */
function monthlyPlace(start: DateTime): { weekday: number; which: string } {
  return {
    weekday: weekdayNumber(start.toFormat('cccc').toLowerCase()),
    which: ['first', 'second', 'third', 'fourth', 'last'][Math.floor((start.day - 1) / 7)]!,
  }
}

const DAY_MS = 86_400_000

/**
 * Whether a date is one of conversationDates(pair), answered without walking there: checking a
 * 500-pair network for daylight-saving trouble asks about the few dates near a change in each
 * pair's next two years, where walking to them took every pair's hundred-odd dates.
 */
export function isConversationDateOf(
  pair: Pick<Pair, 'cadence' | 'start'>,
): (date: string) => boolean {
  const start = DateTime.fromISO(pair.start, { zone: 'utc' })
  if (!start.isValid) return () => false
  const horizon = isoDate(start.plus({ years: HORIZON_YEARS }))
  const { weekday, which } = monthlyPlace(start)
  return (date) => {
    const time = Date.parse(date)
    if (!PLAIN_DATE.test(date) || date > horizon || Number.isNaN(time)) return false
    const day = new Date(time)
    // Date.parse takes 2026-02-30 for 2 March; conversationDates yields real dates only.
    if (day.toISOString().slice(0, 10) !== date) return false
    if (pair.cadence !== 'monthly') {
      const days = (time - start.toMillis()) / DAY_MS
      const step = pair.cadence === 'weekly' ? 7 : 14
      return days >= 0 && days % step === 0 && days / step < MAX_STEPS
    }
    const months = (day.getUTCFullYear() - start.year) * 12 + day.getUTCMonth() + 1 - start.month
    // nthWeekdayOfMonth lands on `weekday` (7 is Sunday): most dates are ruled out without luxon.
    if (months < 0 || months >= MAX_STEPS || day.getUTCDay() !== weekday % 7) return false
    const month = DateTime.fromMillis(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1), {
      zone: 'utc',
    })
    return isoDate(nthWeekdayOfMonth(month, weekday, which)) === date
  }
}

/** Conversations whose issue should be open at `at`: opened, and the conversation not yet over. */
export function openConversationsAt(
  conversations: readonly Conversation[],
  at: Date,
): Conversation[] {
  const t = at.getTime()
  return conversations.filter((c) => Date.parse(c.opensAt) <= t && t < Date.parse(c.endsAt))
}

function iso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true }) ?? ''
}
