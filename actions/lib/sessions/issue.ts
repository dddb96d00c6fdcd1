import { DateTime } from 'luxon'
import type { Group } from '../group-file/schema.js'
import { findMarker, marker, withMarker } from '../markers/markers.js'
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
    when: `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${group.timezone})`,
    utc: `${DateTime.fromISO(session.startsAt, { zone: 'utc' }).toFormat('ccc d LLL, HH:mm')} UTC`,
    duration: group.meeting?.duration,
    place: typed(session.place ?? 'to be announced'),
    facilitator: `@${session.facilitator}`,
    co_facilitator: session.coFacilitator ? `@${session.coFacilitator}` : 'nobody this time',
    agenda: agendaTable(session),
    homework_link: links.homework ?? '',
    previous: previousLink(links.previous),
    calendar_link: links.calendar ?? '',
    calendar: calendarLink(links.calendar),
    links: [previousLink(links.previous), calendarLink(links.calendar)].filter(Boolean).join(' · '),
    quorum: group.quorum,
    shifted: session.shiftedFrom?.length
      ? `Moved from ${session.shiftedFrom.join(', ')} (skipped).`
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

/** The calendar link, or nothing when the repository has no `calendar.ics` for the group. */
function calendarLink(url: string | undefined): string {
  return url ? `[Add to your calendar](${url})` : ''
}

function previousLink(previous: SessionLinks['previous']): string {
  if (!previous) return 'This is the first session.'
  return previous.number
    ? `Previous session: #${previous.number}`
    : `Previous session: ${previous.title}`
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
