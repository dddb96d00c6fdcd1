import { DateTime } from 'luxon'
import { meetingDates } from '../schedule/dates.js'
import type { FieldPath, Severity } from './problems.js'
import type { GroupFile } from './schema.js'

/** A rule violation before it is located in the source file. */
export interface Finding {
  path: FieldPath
  message: string
  severity: Severity
  /** Point at the key rather than the value (e.g. a missing or unknown field). */
  atKey?: boolean
}

const SMALLEST_GOOD_GROUP = 5
const LARGEST_GOOD_GROUP = 9

type Rule = (group: GroupFile) => Finding[]

/** Each rule with the top-level fields it reads. */
const RULES: ReadonlyArray<readonly [Rule, readonly string[]]> = [
  [requiredForFormat, ['format', 'meeting', 'start', 'pairs']],
  [startOnMeetingDay, ['start', 'meeting']],
  [duplicateMembers, ['members']],
  [facilitatorPresent, ['members']],
  [skipDatesInSchedule, ['start', 'meeting', 'weekly', 'then', 'skip']],
  [groupSize, ['format', 'members']],
  [themeCount, ['themes', 'weekly']],
  [pairsAreMembers, ['members', 'pairs']],
]

/** Rules that span fields: what a schema alone cannot say. */
export function checkGroupRules(group: GroupFile): Finding[] {
  return RULES.flatMap(([rule]) => rule(group))
}

/**
 * The same rules over a file that failed the schema, so one pass reports everything: a rule whose
 * fields are themselves broken cannot say anything useful and is skipped.
 */
export function checkGroupRulesLeniently(
  data: Record<string, unknown>,
  brokenFields: ReadonlySet<string>,
): Finding[] {
  const group = {
    skip: [],
    members: [],
    weekly: 6,
    then: 'monthly',
    format: 'circle',
    ...data,
  } as unknown as GroupFile
  return RULES.flatMap(([rule, reads]) => {
    if (reads.some((field) => brokenFields.has(field))) return []
    try {
      return rule(group)
    } catch {
      return []
    }
  })
}

function error(path: FieldPath, message: string, atKey = false): Finding {
  return { path, message, severity: 'error', ...(atKey ? { atKey } : {}) }
}

function requiredForFormat(group: GroupFile): Finding[] {
  if (group.format === 'coaching') {
    return group.pairs?.length ? [] : [error(['format'], 'format: coaching needs a "pairs" list')]
  }
  return (['meeting', 'start'] as const)
    .filter((field) => group[field] === undefined)
    .map((field) => error([field], `is required for format: circle`))
}

function startOnMeetingDay(group: GroupFile): Finding[] {
  if (!group.start || !group.meeting) return []
  const weekday = DateTime.fromISO(group.start, { zone: 'utc' }).toFormat('cccc').toLowerCase()
  if (weekday === group.meeting.weekday) return []
  return [
    error(
      ['start'],
      `${group.start} is a ${capitalize(weekday)}, but meeting.weekday is ${group.meeting.weekday}`,
    ),
  ]
}

function duplicateMembers(group: GroupFile): Finding[] {
  const seen = new Map<string, number>()
  const findings: Finding[] = []
  group.members.forEach((member, index) => {
    const key = member.github.toLowerCase()
    const first = seen.get(key)
    if (first === undefined) seen.set(key, index)
    else
      findings.push(
        error(
          ['members', index, 'github'],
          `"${member.github}" is listed twice (also members[${first}])`,
        ),
      )
  })
  return findings
}

function facilitatorPresent(group: GroupFile): Finding[] {
  if (group.members.some((m) => m.role === 'facilitator')) return []
  return [error(['members'], 'no member has role: facilitator; name at least one')]
}

function skipDatesInSchedule(group: GroupFile): Finding[] {
  const { start, meeting } = group
  if (!start || !meeting || group.skip.length === 0) return []
  const last = group.skip.reduce((a, b) => (a > b ? a : b))
  const scheduled = new Set<string>()
  for (const slot of meetingDates({ ...group, start, meeting, skip: [] })) {
    if (slot.date > last) break
    scheduled.add(slot.date)
  }
  // Shifts move later weekly meetings; a skip may name any date the unshifted or shifted phase uses.
  for (const slot of meetingDates({ ...group, start, meeting })) {
    if (slot.date > last) break
    scheduled.add(slot.date)
    for (const shifted of slot.shiftedFrom ?? []) scheduled.add(shifted)
  }
  const schedulable = scheduled.size > 0 || DateTime.fromISO(start, { zone: 'utc' }).isValid
  return group.skip.flatMap((date, index) => {
    if (date < start)
      return [error(['skip', index], `${date} is before the first meeting (${start})`)]
    // Without a schedule to compare with there is nothing to say; other messages say why.
    if (!schedulable || scheduled.has(date)) return []
    return [
      error(['skip', index], `${date} is not a meeting date (meetings are on ${meeting.weekday}s)`),
    ]
  })
}

function groupSize(group: GroupFile): Finding[] {
  if (group.format !== 'circle') return []
  const size = group.members.length
  if (size < SMALLEST_GOOD_GROUP)
    return [warning(['members'], `${size} members: under 5 makes for a thin discussion`)]
  if (size > LARGEST_GOOD_GROUP)
    return [
      warning(
        ['members'],
        `${size} members: over 9 leaves too little airtime; consider two groups (or split into subgroups when 10 come)`,
      ),
    ]
  return []
}

function themeCount(group: GroupFile): Finding[] {
  const themedWeeks = Math.max(0, group.weekly - 2)
  if (!group.themes || group.themes.length <= themedWeeks) return []
  return [
    warning(
      ['themes'],
      `${group.themes.length} themes but only ${themedWeeks} themed weeks (2..${group.weekly - 1}); the rest are unused`,
    ),
  ]
}

function pairsAreMembers(group: GroupFile): Finding[] {
  const logins = new Set(group.members.map((m) => m.github.toLowerCase()))
  const firstListed = new Map<string, number>()
  return (group.pairs ?? []).flatMap((pair, index) => {
    const findings: Finding[] = []
    // Logins ignore case; a pair listed twice would get every conversation issue twice.
    const key = `${pair.coach}+${pair.coachee}`.toLowerCase()
    const first = firstListed.get(key)
    if (first === undefined) firstListed.set(key, index)
    else
      findings.push(
        error(
          ['pairs', index],
          `${pair.coach} and ${pair.coachee} are already a pair (pairs[${first}]); list each pair once`,
        ),
      )
    for (const role of ['coach', 'coachee'] as const) {
      if (!logins.has(pair[role].toLowerCase()))
        findings.push(error(['pairs', index, role], `"${pair[role]}" is not in members`))
    }
    if (pair.coach.toLowerCase() === pair.coachee.toLowerCase())
      findings.push(error(['pairs', index, 'coachee'], 'a member cannot coach themselves'))
    const weekday = DateTime.fromISO(pair.start, { zone: 'utc' }).toFormat('cccc').toLowerCase()
    if (weekday !== pair.weekday)
      findings.push(
        error(
          ['pairs', index, 'start'],
          `${pair.start} is a ${capitalize(weekday)}, but weekday is ${pair.weekday}`,
        ),
      )
    return findings
  })
}

function warning(path: FieldPath, message: string): Finding {
  return { path, message, severity: 'warning' }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
