import ical, { ICalCalendarMethod } from 'ical-generator'
import type { Group } from '../group-file/schema.js'
import type { Conversation } from './coaching.js'
import type { Session } from './schedule.js'

/**
 * An RFC 5545 calendar with one event per session. UIDs are derived from the group and session
 * number, so re-exporting after a change updates events in a subscribed calendar instead of
 * duplicating them; DTSTAMP is fixed per session so the same schedule exports byte for byte.
 */
export function sessionCalendar(
  group: Group,
  sessions: readonly Session[],
  sessionTitle: (s: Session) => string,
): string {
  const calendar = newCalendar(group)
  for (const session of sessions) {
    calendar.createEvent({
      id: `${group.slug}-session-${session.number}@skill-share`,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      stamp: new Date(session.opensAt),
      summary: `${group.name}: ${sessionTitle(session)}`,
      description: describe(session),
      ...(session.place ? { location: session.place } : {}),
    })
  }
  return calendar.toString()
}

/**
 * A coaching network's calendar: one event per conversation of every pair, with UIDs derived from
 * the pair and the conversation number, as stable as a circle's.
 */
export function conversationCalendar(group: Group, conversations: readonly Conversation[]): string {
  const calendar = newCalendar(group)
  for (const c of conversations) {
    calendar.createEvent({
      id: `${group.slug}-${c.pair.replace('+', '-')}-${c.number}@skill-share`,
      start: new Date(c.startsAt),
      end: new Date(c.endsAt),
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

function newCalendar(group: Group) {
  return ical({
    name: group.name,
    prodId: { company: 'tech-leads-skill-share', product: 'skill-share', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  })
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
