import ical, { ICalCalendarMethod } from 'ical-generator'
import type { Group } from '../group-file/schema.js'
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
  const calendar = ical({
    name: group.name,
    prodId: { company: 'tech-leads-skill-share', product: 'skill-share', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  })
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

function describe(session: Session): string {
  const lines = [
    session.theme ? `Theme: ${session.theme}` : 'Theme: to be announced',
    `Facilitator: @${session.facilitator}` +
      (session.coFacilitator ? `, co-facilitator: @${session.coFacilitator}` : ''),
    '',
    ...session.agenda.map((item) => `${item.minutes} min: ${item.title}`),
  ]
  return lines.join('\n')
}
