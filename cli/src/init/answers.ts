import { DateTime, IANAZone } from 'luxon'
import { GITHUB_LOGIN, THEN } from '../../../actions/lib/group-file/schema.js'
import {
  SLUG,
  splitList,
  splitLogins,
  type CohortField,
} from '../../../actions/lib/group-file/write.js'

/**
 * One answer of interactive `init`, checked the moment it is given, so a typo in the date is
 * caught before eight more questions. The whole file is still checked once more at the end, as
 * the flags are. Returns what is wrong, or undefined.
 */
export function checkAnswer(field: CohortField, answer: string): string | undefined {
  const text = answer.trim()
  switch (field) {
    case 'slug':
      return SLUG.test(text)
        ? undefined
        : `${JSON.stringify(text)} is not a slug: use lowercase letters, digits and single hyphens (at most 40), e.g. "fall-2026"`
    case 'name':
      return text ? undefined : 'a name is required, e.g. "Fall 2026 circle"'
    case 'start':
      return checkStart(text)
    case 'timezone':
      return IANAZone.isValidZone(text)
        ? undefined
        : `${JSON.stringify(text)} is not an IANA time zone, e.g. "Europe/Berlin" or "America/Los_Angeles"`
    case 'weekly':
      return /^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 26
        ? undefined
        : `${JSON.stringify(text)} is not a number of weekly meetings from 1 to 26, e.g. 6`
    case 'then':
      return (THEN as readonly string[]).includes(text.toLowerCase())
        ? undefined
        : `${JSON.stringify(text)} is not one of ${THEN.join(', ')}`
    case 'facilitators':
      return splitLogins(text).length === 0
        ? 'name at least one facilitator (a GitHub login)'
        : checkLogins(text)
    case 'members':
      return checkLogins(text)
    case 'skip':
      return splitList(text)
        .map((date) => checkDate(date))
        .find(Boolean)
    default:
      return undefined
  }
}

function checkStart(text: string): string | undefined {
  const match = /^(\S+)[ T]+(\S+)$/.exec(text)
  if (!match)
    return `${JSON.stringify(text)} is not a date and time: give the first meeting as YYYY-MM-DD HH:MM, e.g. "2026-10-25 16:00"`
  const [, date, time] = match as unknown as [string, string, string]
  const badDate = checkDate(date)
  if (badDate) return badDate
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time)
  if (!clock || Number(clock[1]) > 23 || Number(clock[2]) > 59)
    return `${JSON.stringify(time)} is not a time (HH:MM, 24-hour), e.g. "16:00"`
  return undefined
}

function checkDate(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
    return `${JSON.stringify(text)} is not a date (YYYY-MM-DD), e.g. "2026-10-25"`
  return DateTime.fromISO(text, { zone: 'utc' }).isValid
    ? undefined
    : `${JSON.stringify(text)} is not a day of the calendar`
}

function checkLogins(text: string): string | undefined {
  const bad = splitLogins(text).find((login) => !GITHUB_LOGIN.test(login))
  return bad === undefined ? undefined : `${JSON.stringify(bad)} is not a valid GitHub login`
}
