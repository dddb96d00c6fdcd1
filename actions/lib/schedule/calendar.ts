import ical, { ICalCalendarMethod } from 'ical-generator'
import { DateTime } from 'luxon'
import type { Group } from '../group-file/schema.js'
import type { Conversation } from './coaching.js'
import { nextSequence, readPublished } from './revisions.js'
import type { Session } from './schedule.js'
import { vtimezone } from './vtimezone.js'

/** What a re-export builds on, and where a session's issue can be found. */
export interface CalendarOptions {
  /** The calendar as published before (the committed calendar.ics), for SEQUENCE. */
  previous?: string
  /** A link that opens the session's issue, when the repository is known. */
  sessionUrl?: (session: Session, title: string) => string
}

/**
 * An RFC 5545 calendar with one event per session, in the group's local time (TZID, with the
 * VTIMEZONE it needs). UIDs are derived from the group and session number, so a re-import updates
 * the events instead of duplicating them; SEQUENCE goes up each time a session moves (see
 * `nextSequence`); DTSTAMP is fixed per session so the same schedule exports byte for byte.
 */
export function sessionCalendar(
  group: Group,
  sessions: readonly Session[],
  sessionTitle: (s: Session) => string,
  options: CalendarOptions = {},
): string {
  const published = readPublished(options.previous)
  const calendar = newCalendar(group, sessions)
  for (const session of sessions) {
    const id = `${group.slug}-session-${session.number}@skill-share`
    const title = sessionTitle(session)
    const url = options.sessionUrl?.(session, title)
    calendar.createEvent({
      id,
      sequence: nextSequence(published, id, new Date(session.startsAt), new Date(session.endsAt)),
      start: local(session.startsAt, session.timezone),
      end: local(session.endsAt, session.timezone),
      timezone: session.timezone,
      stamp: new Date(session.opensAt),
      summary: `${group.name}: ${title}`,
      description: [describe(session), ...(url ? ['', `Session issue: ${url}`] : [])].join('\n'),
      ...(url ? { url } : {}),
      ...(session.place ? { location: session.place } : {}),
    })
  }
  return calendar.toString()
}

/**
 * A coaching network's calendar: one event per conversation of every pair, in the pair's own time
 * zone, with UIDs derived from the pair and the conversation number, as stable as a circle's.
 */
export function conversationCalendar(
  group: Group,
  conversations: readonly Conversation[],
  options: Pick<CalendarOptions, 'previous'> = {},
): string {
  const published = readPublished(options.previous)
  const calendar = newCalendar(group, conversations)
  for (const c of conversations) {
    const id = `${group.slug}-${c.pair.replace('+', '-')}-${c.number}@skill-share`
    calendar.createEvent({
      id,
      sequence: nextSequence(published, id, new Date(c.startsAt), new Date(c.endsAt)),
      start: local(c.startsAt, c.timezone),
      end: local(c.endsAt, c.timezone),
      timezone: c.timezone,
      stamp: new Date(c.opensAt),
      summary: `${group.name}: @${c.coach} and @${c.coachee}, conversation ${c.number}`,
      ...(c.place ? { location: c.place } : {}),
      description: [
        `Coach: @${c.coach}, coachee: @${c.coachee}`,
        `${c.duration} min, ${c.cadence}, in ${c.timezone}`,
        '',
        'Start from the last next step; end with one new next step and by when.',
      ].join('\n'),
    })
  }
  return calendar.toString()
}

/** The calendar, with a VTIMEZONE for each zone its events use, covering the years they span. */
function newCalendar(group: Group, events: ReadonlyArray<{ startsAt: string }>) {
  const years = events.map((e) => Number(e.startsAt.slice(0, 4)))
  const from = Math.min(...years)
  const to = Math.max(...years)
  return ical({
    name: group.name,
    prodId: { company: 'tech-leads-skill-share', product: 'skill-share', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: (zone) => vtimezone(zone, from, to) },
  })
}

/** A UTC instant as the wall-clock time in `zone`, which ical-generator writes with TZID. */
function local(utc: string, zone: string): DateTime {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone)
}

function describe(session: Session): string {
  const lines = [
    session.theme ? `Theme: ${session.theme}` : 'Theme: to be announced',
    `Facilitator: @${session.facilitator}` +
      (session.coFacilitator ? `, co-facilitator: @${session.coFacilitator}` : ''),
    '',
    ...session.agenda.map((item) => `${item.minutes} min: ${item.title}`),
    ...(session.prep ? ['', 'To prepare:', session.prep] : []),
  ]
  return lines.join('\n')
}

/** One event as a Google Calendar "add event" link needs it. */
export interface CalendarEvent {
  title: string
  /** UTC instants, ISO-8601. */
  startsAt: string
  endsAt: string
  timezone: string
  details?: string
  location?: string
}

/**
 * A Google Calendar "add event" link: it opens the event form prefilled, for anyone signed in to
 * Google, with no access to the repository needed (a calendar app cannot fetch a file from a
 * private repository, but a browser link works).
 */
export function googleCalendarUrl(event: CalendarEvent): string {
  const basic = (iso: string) =>
    DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${basic(event.startsAt)}/${basic(event.endsAt)}`,
    ctz: event.timezone,
    ...(event.details ? { details: event.details } : {}),
    ...(event.location ? { location: event.location } : {}),
  })
  return `https://calendar.google.com/calendar/render?${params.toString()}`
}
