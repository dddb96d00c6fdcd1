import { DateTime } from 'luxon'
import { isConversationDateOf, samePairKey } from '../schedule/coaching.js'
import { meetingDates, skipEffects } from '../schedule/dates.js'
import { datesNearOffsetChange, nearOffsetChange, wallClock, zoneAdvice } from '../schedule/time.js'
import type { FieldPath, Severity } from './problems.js'
import type { GroupFile } from './schema.js'
import { rosterSize } from './size.js'

/** A rule violation before it is located in the source file. */
export interface Finding {
  path: FieldPath
  message: string
  severity: Severity
  /** Point at the key rather than the value (e.g. a missing or unknown field). */
  atKey?: boolean
}

export interface RuleOptions {
  /**
   * The moment of checking, for advice that depends on it (a start in the past). Commands a person
   * runs pass it; the hourly actions leave it out, so a running group is not warned every hour.
   */
  now?: Date
}

type Rule = (group: GroupFile, options: RuleOptions) => Finding[]

/** Each rule with the top-level fields it reads. */
const RULES: ReadonlyArray<readonly [Rule, readonly string[]]> = [
  [requiredForFormat, ['format', 'meeting', 'start', 'pairs']],
  [startOnMeetingDay, ['start', 'meeting']],
  [startInThePast, ['start', 'meeting', 'timezone']],
  [duplicateMembers, ['members']],
  [facilitatorPresent, ['members']],
  [skipDatesInSchedule, ['start', 'meeting', 'weekly', 'then', 'skip']],
  [groupSize, ['format', 'members']],
  [quorumWithinRoster, ['format', 'members', 'quorum']],
  [coworkersInOneCircle, ['format', 'members']],
  [themeCount, ['themes', 'weekly']],
  [pairsAreMembers, ['members', 'pairs']],
  [pairsInACircle, ['format', 'pairs']],
  [doubtfulTimeZones, ['timezone', 'pairs']],
  [daylightSavingTimes, ['timezone', 'start', 'meeting', 'weekly', 'then', 'skip', 'pairs']],
]

/** Rules that span fields: what a schema alone cannot say. */
export function checkGroupRules(group: GroupFile, options: RuleOptions = {}): Finding[] {
  return RULES.flatMap(([rule]) => rule(group, options))
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
      return rule(group, {})
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
    // An open network starts with sign-ups, not pairs: the pairs come from /match.
    return group.pairs?.length
      ? []
      : [
          warning(
            ['format'],
            'format: coaching has no pairs yet, so no conversation is scheduled: members sign up with the Coaching sign-up form and a facilitator comments /match on the network issue (or list pairs: by hand)',
          ),
        ]
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
  // The scheduler's own walk says which skips it acts on: one definition of the schedule.
  const effects = skipEffects({ ...group, start, meeting })
  const schedulable = DateTime.fromISO(start, { zone: 'utc' }).isValid
  return group.skip.flatMap((date, index) => {
    if (date < start)
      return [error(['skip', index], `${date} is before the first meeting (${start})`)]
    // Without a schedule to compare with there is nothing to say; other messages say why.
    if (!schedulable || effects.has(date)) return []
    return [
      error(['skip', index], `${date} is not a meeting date (meetings are on ${meeting.weekday}s)`),
    ]
  })
}

function startInThePast(group: GroupFile, options: RuleOptions): Finding[] {
  // The template's examples keep their dates for preview and rehearse; only real groups are told.
  if (!options.now || !group.start || !group.meeting || group.example) return []
  const today = DateTime.fromJSDate(options.now).setZone(group.timezone).toISODate()
  if (!today || group.start >= today) return []
  return [
    warning(
      ['start'],
      `${group.start} is in the past: the sessions action only opens issues for meetings still ahead, so meetings before ${today} get none (ignore this if the cohort is already running)`,
    ),
  ]
}

function quorumWithinRoster(group: GroupFile): Finding[] {
  if (group.format !== 'circle' || group.quorum <= group.members.length) return []
  return [
    warning(
      ['quorum'],
      `quorum ${group.quorum} is more than the ${group.members.length} members: no meeting can reach it, so every RSVP status will say the meeting is short; set quorum to at most ${group.members.length}`,
    ),
  ]
}

function coworkersInOneCircle(group: GroupFile): Finding[] {
  if (group.format !== 'circle') return []
  const first = new Map<string, number>()
  return group.members.flatMap((member, index) => {
    const key = member.employer?.trim().toLowerCase()
    if (!key) return []
    const earlier = first.get(key)
    if (earlier === undefined) {
      first.set(key, index)
      return []
    }
    return [
      warning(
        ['members', index, 'employer'],
        `${member.github} and ${group.members[earlier]?.github} (members[${earlier}]) work at the same place: coworkers speak less freely, and the playbook keeps them in different groups`,
      ),
    ]
  })
}

function pairsInACircle(group: GroupFile): Finding[] {
  if (group.format !== 'circle' || group.pairs === undefined) return []
  return [
    warning(
      ['pairs'],
      'is only read by format: coaching; this circle ignores it (set format: coaching for a coaching network, or remove pairs)',
    ),
  ]
}

function doubtfulTimeZones(group: GroupFile): Finding[] {
  const zones: Array<[FieldPath, string]> = [[['timezone'], group.timezone]]
  group.pairs?.forEach((pair, index) => {
    if (pair.timezone) zones.push([['pairs', index, 'timezone'], pair.timezone])
  })
  return zones.flatMap(([path, zone]) => {
    const advice = zoneAdvice(zone)
    return advice ? [warning(path, `${advice.reason}; use "${advice.suggest}"`)] : []
  })
}

/** How far ahead daylight-saving days are looked for: every change of the next two years. */
const DST_HORIZON_YEARS = 2

/**
 * Only dates next to an offset change can be affected, so only those need a time-zone computation.
 * A circle's few dates are walked; a pair's (up to a hundred each, in networks of hundreds of
 * pairs) are not: the dates near a change are asked whether they are the pair's.
 */
function daylightSavingTimes(group: GroupFile): Finding[] {
  const findings: Finding[] = []
  const { start, meeting } = group
  const until = horizonOf(start)
  if (start && meeting && until && group.format === 'circle') {
    const dates: string[] = []
    for (const { date } of meetingDates({ ...group, start, meeting })) {
      if (date > until) break
      if (nearOffsetChange(date, group.timezone)) dates.push(date)
    }
    const finding = wallClockFinding(['meeting', 'time'], dates, meeting.time, group.timezone)
    if (finding) findings.push(finding)
  }
  if (group.format === 'coaching') {
    group.pairs?.forEach((pair, index) => {
      const pairUntil = horizonOf(pair.start)
      if (!pairUntil) return
      const zone = pair.timezone ?? group.timezone
      const dates = datesNearOffsetChange(zone, pair.start, pairUntil).filter(
        isConversationDateOf(pair),
      )
      const finding = wallClockFinding(['pairs', index, 'time'], dates, pair.time, zone)
      if (finding) findings.push(finding)
    })
  }
  return findings
}

/** The last date looked at: DST_HORIZON_YEARS after `start`. */
function horizonOf(start: string | undefined): string | undefined {
  if (!start) return undefined
  return (
    DateTime.fromISO(start, { zone: 'utc' }).plus({ years: DST_HORIZON_YEARS }).toISODate() ??
    undefined
  )
}

/** One warning per time, naming the first meeting it affects and how many more. */
function wallClockFinding(
  path: FieldPath,
  nearChangeDates: readonly string[],
  time: string,
  zone: string,
): Finding | undefined {
  const affected = nearChangeDates
    .map((date) => ({ date, clock: wallClock(date, time, zone) }))
    .filter((a) => a.clock.kind !== 'normal')
  const first = affected[0]
  if (!first) return undefined
  const more = affected.length > 1 ? ` (and ${affected.length - 1} more meeting(s) like it)` : ''
  if (first.clock.kind === 'skipped')
    return warning(
      path,
      `${time} does not exist on ${first.date} in ${zone} (clocks spring forward): that meeting will start at ${first.clock.becomes} local time${more}; choose a time outside the change, e.g. after 03:00`,
    )
  if (first.clock.kind === 'repeated')
    return warning(
      path,
      `${time} happens twice on ${first.date} in ${zone} (clocks fall back): that meeting is at the ${first.clock.occurrence} one (UTC${first.clock.offset})${more}; choose a time outside the change, e.g. after 03:00`,
    )
  return undefined
}

function groupSize(group: GroupFile): Finding[] {
  if (group.format !== 'circle') return []
  const size = rosterSize(group.members.length)
  return size.fit === 'good' ? [] : [warning(['members'], size.message)]
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
    // Logins ignore case, and a→b is the same two people as b→a: a pair listed twice would get
    // every conversation issue twice.
    const key = samePairKey(pair)
    const first = firstListed.get(key)
    if (first === undefined) firstListed.set(key, index)
    else
      findings.push(
        error(
          ['pairs', index],
          `${pair.coach} and ${pair.coachee} are already a pair (pairs[${first}]); list each pair once, with the coach first`,
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
