import { DateTime } from 'luxon'
import type { AgendaStyle, Group, Theme } from '../group-file/schema.js'
import { agendaFor, type AgendaItem, type AgendaKind } from './agenda.js'
import { meetingDates, type SessionKind } from './dates.js'
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

export function buildSchedule(group: Group, options: ScheduleOptions = {}): Session[] {
  const { meeting, start } = group
  if (!meeting || !start) return []
  const lead = parseLead(group.lead)
  const rotate = facilitationRotation(group.members, group.slug)
  const sessions: Session[] = []
  let followUps = 0
  for (const slot of meetingDates({ ...group, start, meeting })) {
    if (
      options.until
        ? slot.date > options.until
        : slot.week === undefined && followUps >= DEFAULT_FOLLOW_UPS
    )
      break
    if (slot.week === undefined) followUps++
    const begin = localDateTime(slot.date, meeting.time, group.timezone)
    const end = begin.plus({ minutes: meeting.duration })
    const index = sessions.length
    const { title: theme, style, prep } = themeFor(group, slot.kind, slot.week)
    sessions.push({
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
    })
  }
  return sessions
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
