import type { Group } from '../group-file/schema.js'
import { conversationCalendar, sessionCalendar } from '../schedule/calendar.js'
import { buildCoachingSchedule, defaultCoachingUntil } from '../schedule/coaching.js'
import { buildSchedule } from '../schedule/schedule.js'
import type { Session } from '../schedule/schedule.js'
import { renderSessionIssue, type SessionTemplates } from './issue.js'
import { sessionIssueUrl, type RepositoryRef } from './links.js'

/** How far a coaching network's calendar reaches: a year of conversations from the first start. */
export const COACHING_CALENDAR_WEEKS = 52

export interface GroupCalendar {
  text: string
  events: number
}

/** What a calendar export knows beyond the group: what it replaces, and where the issues live. */
export interface GroupCalendarOptions {
  /** The calendar as published so far (calendar.ics), so moved sessions get a higher SEQUENCE. */
  previous?: string
  /** The repository, so each session links its issue; by default the one `previous` links. */
  repo?: RepositoryRef
}

/**
 * The group's whole calendar as `skill-share calendar` writes it and `calendar.ics` should hold:
 * a circle's sessions titled as their issues are, or every conversation of a coaching network for
 * a year. The same group, templates and published calendar always give the same bytes, so a stale
 * file can be told.
 */
export function groupCalendar(
  group: Group,
  templates: SessionTemplates,
  options: GroupCalendarOptions = {},
): GroupCalendar {
  const { previous } = options
  if (group.format === 'coaching') {
    const until = defaultCoachingUntil(group, COACHING_CALENDAR_WEEKS)
    const conversations = until ? buildCoachingSchedule(group, { until }) : []
    return {
      text: conversationCalendar(group, conversations, { previous }),
      events: conversations.length,
    }
  }
  const repo = options.repo ?? calendarRepository(previous)
  const sessions = buildSchedule(group)
  const text = sessionCalendar(
    group,
    sessions,
    (s) => renderSessionIssue(group, s, templates, {}).title,
    {
      ...(previous !== undefined ? { previous } : {}),
      ...(repo
        ? { sessionUrl: (_s: Session, title: string) => sessionIssueUrl(repo, group, title) }
        : {}),
    },
  )
  return { text, events: sessions.length }
}

/** The repository a published calendar links its session issues in, if it links any. */
export function calendarRepository(ics: string | undefined): RepositoryRef | undefined {
  const match = /^URL;VALUE=URI:(https?:\/\/[^/\s]+)\/([\w.-]+\/[\w.-]+)\/issues\?/m.exec(ics ?? '')
  if (!match) return undefined
  return { serverUrl: match[1] as string, repository: match[2] as string, defaultBranch: 'HEAD' }
}
