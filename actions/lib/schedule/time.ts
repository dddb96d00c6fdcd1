import { DateTime, Duration, IANAZone } from 'luxon'
import { LEAD_DURATION } from '../group-file/schema.js'

export function isValidTimeZone(zone: string): boolean {
  // "UTC" is accepted by luxon but carries no local rules worth naming; still a valid IANA name.
  return IANAZone.isValidZone(zone)
}

export function isValidCalendarDate(isoDate: string): boolean {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).isValid
}

/** A local wall-clock date and time in a zone; luxon moves a time that falls into a DST gap forward. */
export function localDateTime(isoDate: string, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${isoDate}T${time}`, { zone })
}

/**
 * Parses "3d", "72h", "2d12h", "90m". Days are calendar days in the group's zone (so "3d" before
 * Sunday 16:00 is Thursday 16:00 local even across a DST change); hours and minutes are absolute.
 */
export function parseLead(text: string): Duration {
  const match = LEAD_DURATION.exec(text)
  if (!match) throw new Error(`"${text}" is not a duration such as "3d", "72h" or "2d12h"`)
  const [, d, h, m] = match
  return Duration.fromObject({
    days: d ? Number.parseInt(d, 10) : 0,
    hours: h ? Number.parseInt(h, 10) : 0,
    minutes: m ? Number.parseInt(m, 10) : 0,
  })
}

export function toUtcIso(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? ''
}

export function weekdayNumber(weekday: string): number {
  return (
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].indexOf(
      weekday,
    ) + 1
  )
}
