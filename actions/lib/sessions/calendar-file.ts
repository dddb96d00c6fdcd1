import type { Group } from '../group-file/schema.js'
import { conversationCalendar, sessionCalendar } from '../schedule/calendar.js'
import { buildCoachingSchedule, defaultCoachingUntil } from '../schedule/coaching.js'
import { buildSchedule } from '../schedule/schedule.js'
import { renderSessionIssue, type SessionTemplates } from './issue.js'

/** How far a coaching network's calendar reaches: a year of conversations from the first start. */
export const COACHING_CALENDAR_WEEKS = 52

export interface GroupCalendar {
  text: string
  events: number
}

/**
 * The group's whole calendar as `skill-share calendar` writes it and `calendar.ics` should hold:
 * a circle's sessions titled as their issues are, or every conversation of a coaching network for
 * a year. The same group and templates always give the same bytes, so a stale file can be told.
 */
export function groupCalendar(group: Group, templates: SessionTemplates): GroupCalendar {
  if (group.format === 'coaching') {
    const until = defaultCoachingUntil(group, COACHING_CALENDAR_WEEKS)
    const conversations = until ? buildCoachingSchedule(group, { until }) : []
    return { text: conversationCalendar(group, conversations), events: conversations.length }
  }
  const sessions = buildSchedule(group)
  const text = sessionCalendar(
    group,
    sessions,
    (s) => renderSessionIssue(group, s, templates, {}).title,
  )
  return { text, events: sessions.length }
}
