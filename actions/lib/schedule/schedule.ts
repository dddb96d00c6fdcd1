import { DateTime } from 'luxon'
import type { AgendaStyle, Group, Theme } from '../group-file/schema.js'
import { agendaFor, type AgendaItem, type AgendaKind } from './agenda.js'
import { meetingDates, type MeetingDate, type SessionKind } from './dates.js'
import { facilitationRotation } from './rotation.js'
import { localDateTime, parseLead, toUtcIso } from './time.js'

export type { SessionKind } from './dates.js'

/** One meeting of a group, everything known about it ahead of time. */
export interface Session {
  group: string
  number: number
  kind: SessionKind
  /** Week within the weekly phase, 1-based; absent for follow-ups. */
  week?: number
  /** Local calendar date of the meeting (YYYY-MM-DD). */
  date: string
  timezone: string
  /** Local start and end with their offset, e.g. 2026-11-01T16:00:00-08:00. */
  localStart: string
  localEnd: string
  /** The same instants in UTC (ISO-8601, Z). */
  startsAt: string
  endsAt: string
  /** When the session issue opens: start minus the group's lead. */
  opensAt: string
  theme?: string
  /** The theme's preparation from the group file (markdown), shown in the issue and the event. */
  prep?: string
  agendaStyle: AgendaKind
  agenda: AgendaItem[]
  facilitator: string
  coFacilitator?: string
  place?: string
  /** Skip dates that moved this meeting one or more weeks later. */
  shiftedFrom?: string[]
}

export interface ScheduleOptions {
  /** Last local date to include (inclusive). Default: the weekly phase and 6 follow-ups. */
  until?: string
}

export const DEFAULT_FOLLOW_UPS = 6

/**
 * How far each group's calendar has been walked, and the sessions built on the way. A run asks for
 * one group's schedule several times (to plan, tidy and propose a retro), up to different dates;
 * each answer is a first part of the same calendar, so the walk goes on from where the last one
 * stopped and a session is built once per group object (a parsed group is never changed).
 */
const walks = new WeakMap<Group, Walk>()

interface Walk {
  dates: Iterator<MeetingDate>
  done: boolean
  slots: MeetingDate[]
  sessions: Session[]
  build: (slot: MeetingDate, index: number) => Session
}

/** The group's sessions; each caller gets its own copy, free to change it. */
export function buildSchedule(group: Group, options: ScheduleOptions = {}): Session[] {
  const walk = walkOf(group)
  if (!walk) return []
  const sessions: Session[] = []
  let followUps = 0
  for (let index = 0; ; index++) {
    const slot = slotAt(group, walk, index)
    if (
      !slot ||
      (options.until
        ? slot.date > options.until
        : slot.week === undefined && followUps >= DEFAULT_FOLLOW_UPS)
    )
      break
    if (slot.week === undefined) followUps++
    const session = (walk.sessions[index] ??= walk.build(slot, index))
    sessions.push(copyOf(session))
  }
  return sessions
}

function walkOf(group: Group): Walk | undefined {
  const { meeting, start } = group
  if (!meeting || !start) return undefined
  let walk = walks.get(group)
  if (!walk) {
    walk = {
      dates: meetingDates({ ...group, start, meeting }),
      done: false,
      slots: [],
      sessions: [],
      build: sessionBuilder(group, meeting),
    }
    walks.set(group, walk)
  }
  return walk
}

function slotAt(group: Group, walk: Walk, index: number): MeetingDate | undefined {
  while (walk.slots.length <= index && !walk.done) {
    let next: IteratorResult<MeetingDate>
    try {
      next = walk.dates.next()
    } catch (e) {
      // A walk that threw cannot go on: the next call starts again (and throws again).
      walks.delete(group)
      throw e
    }
    if (next.done) walk.done = true
    else walk.slots.push(next.value)
  }
  return walk.slots[index]
}

/** Throws for a lead that is not a duration before any walking, as the schedule always has. */
function sessionBuilder(
  group: Group,
  meeting: NonNullable<Group['meeting']>,
): (slot: MeetingDate, index: number) => Session {
  const lead = parseLead(group.lead)
  const rotate = facilitationRotation(group.members, group.slug)
  return (slot, index) => {
    const begin = localDateTime(slot.date, meeting.time, group.timezone)
    const end = begin.plus({ minutes: meeting.duration })
    const { title: theme, style, prep } = themeFor(group, slot.kind, slot.week)
    return {
      group: group.slug,
      number: index + 1,
      kind: slot.kind,
      ...(slot.week !== undefined ? { week: slot.week } : {}),
      date: slot.date,
      timezone: group.timezone,
      localStart: iso(begin),
      localEnd: iso(end),
      startsAt: toUtcIso(begin),
      endsAt: toUtcIso(end),
      opensAt: toUtcIso(begin.minus(lead)),
      ...(theme ? { theme } : {}),
      ...(prep ? { prep } : {}),
      agendaStyle: style,
      agenda: agendaFor(style, meeting.duration),
      ...rotate(index),
      ...(meeting.place ? { place: meeting.place } : {}),
      ...(slot.shiftedFrom ? { shiftedFrom: slot.shiftedFrom } : {}),
    }
  }
}

function copyOf(session: Session): Session {
  return {
    ...session,
    agenda: session.agenda.map((item) => ({ ...item })),
    ...(session.shiftedFrom ? { shiftedFrom: [...session.shiftedFrom] } : {}),
  }
}

function themeFor(
  group: Group,
  kind: SessionKind,
  week: number | undefined,
): { title?: string; style: AgendaKind; prep?: string } {
  if (kind === 'kickoff') return { title: 'Kickoff', style: 'kickoff' }
  if (kind === 'closing') return { title: 'Looking back, looking ahead', style: 'closing' }
  if (kind !== 'theme' || week === undefined) return { style: 'follow-up' }
  const theme: Theme | undefined = group.themes?.[week - 2]
  if (theme === undefined) return { style: group.agenda }
  if (typeof theme === 'string') return { title: theme, style: group.agenda }
  return {
    title: theme.title,
    style: (theme.agenda ?? group.agenda) as AgendaStyle,
    ...(theme.prep ? { prep: theme.prep } : {}),
  }
}

function iso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true }) ?? ''
}

/** Sessions whose issue should be open at `at`: opened, and the meeting not yet over. */
export function openSessionsAt(sessions: readonly Session[], at: Date): Session[] {
  const t = at.getTime()
  return sessions.filter((s) => Date.parse(s.opensAt) <= t && t < Date.parse(s.endsAt))
}
