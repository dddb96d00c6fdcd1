import { DateTime } from 'luxon'
import type { Group } from '../group-file/schema.js'
import { findMarker, marker, withMarker } from '../markers/markers.js'
import { googleCalendarUrl } from '../schedule/calendar.js'
import type { Session } from '../schedule/schedule.js'
import type { FrontMatterDocument } from '../templates/front-matter.js'
import {
  renderIssue,
  typed,
  type RenderedIssue,
  type TemplateContext,
} from '../templates/render.js'

/** Links that depend on where the session is posted; the preview passes placeholders. */
export interface SessionLinks {
  homework?: string
  /** The closing-reflection form, prefilled with the group; the closing issue links it. */
  reflection?: string
  /** The curated reading list in the repository's docs. */
  readingList?: string
  /** The pulse form; week 2's issue asks for it. */
  pulse?: string
  /** The nomination form; follow-ups link it when the group takes new members by nomination. */
  nomination?: string
  previous?: { number?: number; title: string }
  calendar?: string
}

export type SessionTemplates = Record<
  'kickoff' | 'theme' | 'closing' | 'follow-up',
  FrontMatterDocument
>

export const SESSION_MARKER = 'session'

export function templateKey(session: Session): keyof SessionTemplates {
  if (session.kind === 'kickoff' || session.kind === 'closing' || session.kind === 'theme')
    return session.kind
  return 'follow-up'
}

/** The labels every session issue carries, beyond what its template adds. */
export function sessionLabels(group: Group, session: Session): string[] {
  return ['skill-share', `group:${group.slug}`, 'session', session.kind]
}

export function sessionContext(
  group: Group,
  session: Session,
  links: SessionLinks,
): TemplateContext {
  const start = DateTime.fromISO(session.localStart, { setZone: true })
  const end = DateTime.fromISO(session.localEnd, { setZone: true })
  return {
    group_name: typed(group.name),
    group_slug: group.slug,
    number: session.number,
    heading: session.week !== undefined ? `Week ${session.week}` : capitalize(session.kind),
    week: session.week,
    weekly: group.weekly,
    theme: typed(
      session.theme ??
        (session.kind === 'theme' ? 'Theme to be chosen in week 1' : 'Open discussion'),
    ),
    date_short: start.toFormat('ccc d LLL'),
    // Templates put the UTC time in brackets after it, so the zone goes without them.
    when: `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} ${group.timezone}`,
    utc: `${DateTime.fromISO(session.startsAt, { zone: 'utc' }).toFormat('ccc d LLL, HH:mm')} UTC`,
    duration: group.meeting?.duration,
    place: typed(session.place ?? 'to be announced'),
    facilitator: `@${session.facilitator}`,
    co_facilitator: session.coFacilitator ? `@${session.coFacilitator}` : 'nobody this time',
    agenda: agendaTable(session),
    homework_link: links.homework ?? '',
    reflection_link: links.reflection ?? '',
    reading_list: links.readingList ?? '',
    prep: prepSection(session.prep),
    homework_step: homeworkStep(group, links.homework ?? ''),
    seats: seatsLine(group, links.nomination),
    pulse: pulseStep(session, links.pulse),
    previous: previousLink(links.previous),
    calendar_link: links.calendar ?? '',
    calendar: addToCalendar(group, session, links.calendar),
    links: [previousLink(links.previous), addToCalendar(group, session, links.calendar)].join(
      '\n\n',
    ),
    quorum: group.quorum,
    // A list item of its own: a plain line right under the list would run into its last item.
    shifted: session.shiftedFrom?.length
      ? `- **Moved:** from ${session.shiftedFrom.map(shortDate).join(', ')}, ${session.shiftedFrom.length > 1 ? 'dates' : 'a date'} the group skips`
      : '',
  }
}

export function renderSessionIssue(
  group: Group,
  session: Session,
  templates: SessionTemplates,
  links: SessionLinks,
): RenderedIssue {
  const rendered = renderIssue(
    templates[templateKey(session)],
    sessionContext(group, session, links),
  )
  const labels = [...new Set([...sessionLabels(group, session), ...rendered.labels])]
  const body = withMarker(rendered.body, SESSION_MARKER, { group: group.slug, n: session.number })
  return { title: rendered.title, labels, body }
}

function agendaTable(session: Session): string {
  let clock = DateTime.fromISO(session.localStart, { setZone: true })
  const rows = session.agenda.map((item) => {
    const row = `| ${clock.toFormat('HH:mm')} | ${item.minutes} min | ${item.title} |`
    clock = clock.plus({ minutes: item.minutes })
    return row
  })
  return ['| Time | Length | What |', '| --- | --- | --- |', ...rows].join('\n')
}

/** The playbook checks after the second meeting whether it is getting easier: week 2 asks. */
function pulseStep(session: Session, link: string | undefined): string {
  if (session.week !== 2 || !link) return ''
  return `- **After this meeting:** [two quick questions](${link}): is it getting less awkward, and do you feel part of the group? The facilitators see only the counts, once three people have answered.`
}

/** After the weekly phase the homework stays unless the closing meeting dropped it. */
function homeworkStep(group: Group, link: string): string {
  if (group.continuation?.homework === false)
    return 'No homework for these meetings: the group decided to drop it at the closing meeting.'
  return `A short [homework](${link}): work, family and self, one positive and one negative each, and the two you will share.`
}

/** Whether new people may join, as the closing meeting decided; nothing when it did not say. */
function seatsLine(group: Group, nominationForm: string | undefined): string {
  const { seats, cap } = group.continuation ?? {}
  const upTo = cap ? `, up to ${cap} members in all` : ''
  const how = nominationForm
    ? `[Nominate them](${nominationForm}): who, why, and how you know them`
    : 'Tell a facilitator who and why'
  if (seats === 'nominations')
    return `- **New members:** welcome by nomination${upTo}. Know someone? ${how}.`
  if (seats === 'open')
    return `- **New members:** welcome${upTo}. Invite someone who would benefit.`
  if (seats === 'closed') return '- **New members:** the group stays as it is for now.'
  return ''
}

/** The theme's preparation from the group file, as its own section, or nothing. */
function prepSection(prep: string | undefined): string {
  return prep ? `### To prepare\n\n${prep.trim()}` : ''
}

/**
 * "Add to your calendar", working for a member with no access beyond the repository: a Google
 * Calendar link for this session, and, when the group publishes `calendar.ics`, its page in the
 * repository, where "Download raw file" gives a file Apple Calendar and Outlook open (a calendar
 * app cannot subscribe to a file in a private repository).
 */
function addToCalendar(group: Group, session: Session, icsUrl: string | undefined): string {
  const google = googleCalendarUrl({
    title: `${group.name}: ${session.week !== undefined ? `Week ${session.week}` : capitalize(session.kind)}${session.theme ? ` · ${session.theme}` : ''}`,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    details: `Facilitator: @${session.facilitator}. Agenda, RSVP and homework are in the session issue on GitHub.${session.prep ? `\n\nTo prepare: ${session.prep.trim()}` : ''}`,
    ...(session.place ? { location: session.place } : {}),
  })
  const ics = icsUrl
    ? ` · [Apple Calendar, Outlook: calendar.ics](${icsUrl}) (every session; choose "Download raw file" on its page, then open the file)`
    : ''
  return `**Add to your calendar:** [Google Calendar](${google})${ics}`
}

function previousLink(previous: SessionLinks['previous']): string {
  if (!previous) return 'This is the first session.'
  return previous.number
    ? `Previous session: #${previous.number}`
    : `Previous session: ${previous.title}`
}

function shortDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat('ccc d LLL')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * What the last status refresh saw of an issue (its 👍 count and comment count), recorded in the
 * session issue's own marker. The hourly run compares it with the issue list it already has, so a
 * quiet issue costs no request at all.
 */
export function statusFingerprint(issue: { plusOnes: number; comments: number }): string {
  return `${issue.plusOnes}-${issue.comments}`
}

export function recordedFingerprint(
  body: string,
  group: Group,
  session: Session,
): string | undefined {
  return findMarker(body, SESSION_MARKER, { group: group.slug, n: session.number })?.attributes[
    'status'
  ]
}

export function withFingerprint(
  body: string,
  group: Group,
  session: Session,
  fingerprint: string,
): string {
  const current = findMarker(body, SESSION_MARKER, { group: group.slug, n: session.number })
  if (!current) return body
  const old = marker(SESSION_MARKER, current.attributes)
  return body.replace(old, marker(SESSION_MARKER, { ...current.attributes, status: fingerprint }))
}
