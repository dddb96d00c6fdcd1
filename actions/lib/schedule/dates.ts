import { DateTime } from 'luxon'
import type { GroupFile } from '../group-file/schema.js'
import { weekdayNumber } from './time.js'

export type SessionKind = 'kickoff' | 'theme' | 'closing' | 'monthly' | 'biweekly'

/** A meeting date in the group's calendar, before times, themes and people are attached. */
export interface MeetingDate {
  date: string
  kind: SessionKind
  /** Week number within the weekly phase (1..weekly), absent for follow-ups. */
  week?: number
  /** Skip dates that moved this meeting later (weekly phase only). */
  shiftedFrom?: string[]
}

/** What a skip date did: moved the rest of the weekly phase a week later, or dropped a follow-up. */
export type SkipEffect = 'moved' | 'dropped'

type Cadence = Pick<GroupFile, 'weekly' | 'then' | 'skip'> & {
  start: string
  meeting: { weekday: string; week: string }
}

/** Follow-ups start at least this long after the closing meeting, so nobody meets twice in a fortnight. */
const FOLLOW_UP_GAP_DAYS = 14

/**
 * No calendar reaches further than this after its start, and no walk over it takes more steps than
 * MAX_STEPS, whatever the input: a group's dates can never keep a command or a run busy.
 */
export const HORIZON_YEARS = 10
export const MAX_STEPS = 1000
export const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/

type Step = MeetingDate | { date: string; skipped: SkipEffect }

/**
 * The group's meeting dates in order. A skipped weekly meeting moves the rest of the weekly phase one
 * week later (members committed to six meetings); a skipped follow-up is dropped.
 */
export function* meetingDates(group: Cadence): Generator<MeetingDate> {
  for (const step of walk(group)) if (!('skipped' in step)) yield step
}

/**
 * The skip dates the schedule uses and what each did. Validation asks this, rather than keeping its
 * own idea of the schedule: a skip is valid exactly when the scheduler acts on it.
 */
export function skipEffects(group: Cadence): Map<string, SkipEffect> {
  const effects = new Map<string, SkipEffect>()
  if (group.skip.length === 0) return effects
  const last = group.skip.reduce((a, b) => (a > b ? a : b))
  for (const step of walk(group)) {
    if ('skipped' in step) effects.set(step.date, step.skipped)
    else if (step.date > last) break
  }
  return effects
}

/** The one walk over a group's calendar: meetings and the skip dates passed on the way. */
function* walk(group: Cadence): Generator<Step> {
  const skip = new Set(group.skip)
  let day = DateTime.fromISO(group.start, { zone: 'utc' })
  // Validation rejects these first; the guard keeps a lenient caller from looping forever.
  if (!day.isValid || !(group.weekly >= 1) || weekdayNumber(group.meeting.weekday) < 1) return
  const horizon = isoDate(day.plus({ years: HORIZON_YEARS }))
  const inRange = (date: string) => PLAIN_DATE.test(date) && date <= horizon
  let steps = 0
  let shifted: string[] = []
  let closing: DateTime = day
  for (let week = 1; week <= group.weekly;) {
    const date = isoDate(day)
    if (!inRange(date) || ++steps > MAX_STEPS) return
    day = day.plus({ weeks: 1 })
    if (skip.has(date)) {
      shifted.push(date)
      yield { date, skipped: 'moved' }
      continue
    }
    const kind = week === 1 ? 'kickoff' : week === group.weekly ? 'closing' : 'theme'
    yield { date, kind, week, ...(shifted.length ? { shiftedFrom: shifted } : {}) }
    shifted = []
    closing = DateTime.fromISO(date, { zone: 'utc' })
    week++
  }
  if (group.then === 'none') return
  const earliest = closing.plus({ days: FOLLOW_UP_GAP_DAYS })
  for (const date of followUpDates(group, earliest)) {
    if (++steps > MAX_STEPS) return
    if (date === undefined) continue
    if (!inRange(date)) return
    yield skip.has(date) ? { date, skipped: 'dropped' } : { date, kind: group.then }
  }
}

/** Endless on purpose; `walk` bounds it. `undefined` is a month without a meeting (still a step). */
function* followUpDates(group: Cadence, earliest: DateTime): Generator<string | undefined> {
  if (group.then === 'biweekly') {
    for (let day = earliest; ; day = day.plus({ weeks: 2 })) yield isoDate(day)
  }
  const weekday = weekdayNumber(group.meeting.weekday)
  for (let month = earliest.startOf('month'); ; month = month.plus({ months: 1 })) {
    const day = nthWeekdayOfMonth(month, weekday, group.meeting.week)
    yield day.isValid && day < earliest ? undefined : isoDate(day)
  }
}

/** "first Sunday" .. "fourth Sunday", or "last Sunday" (the fifth when a month has five). */
export function nthWeekdayOfMonth(month: DateTime, weekday: number, which: string): DateTime {
  if (which === 'last') {
    const end = month.endOf('month').startOf('day')
    return end.minus({ days: (end.weekday - weekday + 7) % 7 })
  }
  const first = month.startOf('month')
  const offset = (weekday - first.weekday + 7) % 7
  const index = ['first', 'second', 'third', 'fourth'].indexOf(which)
  return first.plus({ days: offset + 7 * index })
}

export function isoDate(day: DateTime): string {
  return day.toISODate() ?? ''
}
