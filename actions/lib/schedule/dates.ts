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

type Cadence = Pick<GroupFile, 'weekly' | 'then' | 'skip'> & {
  start: string
  meeting: { weekday: string; week: string }
}

/** Follow-ups start at least this long after the closing meeting, so nobody meets twice in a fortnight. */
const FOLLOW_UP_GAP_DAYS = 14

/**
 * The group's meeting dates in order. A skipped weekly meeting moves the rest of the weekly phase one
 * week later (members committed to six meetings); a skipped follow-up is dropped.
 */
export function* meetingDates(group: Cadence): Generator<MeetingDate> {
  const skip = new Set(group.skip)
  let day = DateTime.fromISO(group.start, { zone: 'utc' })
  // Validation rejects these first; the guard keeps a lenient caller from looping forever.
  if (!day.isValid || !(group.weekly >= 1) || weekdayNumber(group.meeting.weekday) < 1) return
  let shifted: string[] = []
  let closing: DateTime = day
  for (let week = 1; week <= group.weekly;) {
    const date = isoDate(day)
    day = day.plus({ weeks: 1 })
    if (skip.has(date)) {
      shifted.push(date)
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
    if (!skip.has(date)) yield { date, kind: group.then }
  }
}

function* followUpDates(group: Cadence, earliest: DateTime): Generator<string> {
  if (group.then === 'biweekly') {
    for (let day = earliest; ; day = day.plus({ weeks: 2 })) yield isoDate(day)
  }
  const weekday = weekdayNumber(group.meeting.weekday)
  for (let month = earliest.startOf('month'); ; month = month.plus({ months: 1 })) {
    const day = nthWeekdayOfMonth(month, weekday, group.meeting.week)
    if (day >= earliest) yield isoDate(day)
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
