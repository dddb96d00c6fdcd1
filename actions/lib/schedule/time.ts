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

/** The lead in minutes (days counted as 24 hours); Infinity for digits too long to mean anything. */
export function leadMinutes(text: string): number {
  const match = LEAD_DURATION.exec(text)
  if (!match) return Number.NaN
  const [, d, h, m] = match
  const n = (part: string | undefined) => (part ? Number(part.slice(0, -1)) : 0)
  return n(d) * 24 * 60 + n(h) * 60 + n(m)
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

/** What daylight saving does to a wall-clock time on one date: nothing, skips it, or repeats it. */
export type WallClock =
  | { kind: 'normal' }
  | { kind: 'skipped'; becomes: string }
  | { kind: 'repeated'; offset: string; occurrence: 'first' | 'second' }

/**
 * Whether `time` exists once on `isoDate` in `zone`. A time in the spring-forward gap does not
 * exist (luxon, like every calendar app, moves it forward by the gap); one in the fall-back hour
 * happens twice (the meeting takes the offset luxon picks, reported here).
 */
export function wallClock(isoDate: string, time: string, zone: string): WallClock {
  const dt = localDateTime(isoDate, time, zone)
  if (!dt.isValid) return { kind: 'normal' }
  if (dt.toFormat('HH:mm') !== time) return { kind: 'skipped', becomes: dt.toFormat('HH:mm') }
  const offsets = dt.getPossibleOffsets().map((o) => o.offset)
  if (offsets.length > 1) {
    // Before the change clocks run ahead: the first occurrence has the larger offset.
    const occurrence = dt.offset === Math.max(...offsets) ? 'first' : 'second'
    return { kind: 'repeated', offset: dt.toFormat('ZZ'), occurrence }
  }
  return { kind: 'normal' }
}

/** Abbreviations and POSIX-style names people write, and the city zone they almost always mean. */
const ZONE_ADVICE: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  EET: 'Europe/Athens',
}

/** Zones that never change their offset: right for some places, an hour wrong half the year for most. */
const FIXED_OFFSET = /^(?:EST|MST|HST|Etc\/GMT[+-]\d{1,2}|GMT[+-]\d{1,2})$/i

export interface ZoneAdvice {
  /** The zone to write instead. */
  suggest: string
  /** Why, and what happens if the group keeps what it wrote. */
  reason: string
}

/**
 * Advice for a valid but doubtful zone name: an abbreviation, a fixed offset, or a spelling other
 * than the canonical IANA one. Undefined when the name is already the one to use (UTC included).
 */
export function zoneAdvice(zone: string): ZoneAdvice | undefined {
  const upper = zone.toUpperCase()
  const city = ZONE_ADVICE[upper]
  if (FIXED_OFFSET.test(zone)) {
    const offset = DateTime.now().setZone(zone).toFormat('ZZ')
    return {
      suggest: city ?? 'a city zone such as "America/New_York" or "Europe/Berlin"',
      reason: `"${zone}" is a fixed UTC${offset} offset without daylight saving: where clocks change, every meeting in the other half of the year will be an hour off local time`,
    }
  }
  if (city && upper !== 'UTC') {
    return {
      suggest: city,
      reason: `"${zone}" is an abbreviation, not a place: the schedule follows ${canonicalZone(zone) ?? 'whatever zone it maps to'}, which may not be where the group meets`,
    }
  }
  const spelled = properSpelling(zone)
  if (spelled) {
    return {
      suggest: spelled,
      reason: `"${zone}" is not the IANA name as written; it works here, but calendar apps reading the exported calendar may not recognise it`,
    }
  }
  return undefined
}

/**
 * Old names (`US/Pacific`, `Japan`) and wrong capitals (`america/los_angeles`) have a proper IANA
 * spelling. ICU's own canonical names are older than IANA's for a few zones (it says Asia/Calcutta
 * for Asia/Kolkata), so a name that is already right is never "corrected" to one of those.
 */
const OLD_NAME = /^(?:US|Canada|Mexico|Brazil|Chile)\/|^[A-Za-z]+$/
function properSpelling(zone: string): string | undefined {
  const canonical = canonicalZone(zone)
  if (!canonical || canonical === zone || canonical === 'UTC') return undefined
  if (canonical.toLowerCase() === zone.toLowerCase()) return canonical
  if (OLD_NAME.test(zone)) return canonical
  if (zone === zone.toLowerCase() || zone === zone.toUpperCase())
    return zone
      .toLowerCase()
      .replace(/(^|[/_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
  return undefined
}

function canonicalZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

const DAY_MS = 86_400_000
/**
 * Offsets are looked up a week apart, and between two looks that differ the change is bisected down
 * to its day. Two changes closer than a week would hide each other; none are in the time-zone data
 * from 1800 to 2300 (the closest are exactly a week apart: America/Boa_Vista, October 2000).
 */
const SAMPLE_DAYS = 7
const changeDatesByZoneYear = new Map<string, readonly string[]>()

/**
 * Whether `zone`'s UTC offset changes on or around the local date `isoDate` (the day before, of,
 * or after a change): the only dates on which a wall-clock time can be skipped or repeated. Each
 * zone's year is looked at once (about 60 offset look-ups) and remembered, so checking years of
 * meetings for hundreds of pairs costs a look-up in a short list per date.
 */
export function nearOffsetChange(isoDate: string, zone: string): boolean {
  return changeDatesOf(zone, Number(isoDate.slice(0, 4))).includes(isoDate)
}

/** The dates from `from` to `until` (inclusive) for which nearOffsetChange holds, in order. */
export function datesNearOffsetChange(zone: string, from: string, until: string): string[] {
  const dates: string[] = []
  for (let year = Number(from.slice(0, 4)); year <= Number(until.slice(0, 4)); year++) {
    for (const date of changeDatesOf(zone, year))
      if (date >= from && date <= until) dates.push(date)
  }
  return dates
}

function changeDatesOf(zone: string, year: number): readonly string[] {
  const key = `${zone} ${year}`
  let dates = changeDatesByZoneYear.get(key)
  if (!dates) {
    dates = offsetChangeDates(zone, year)
    changeDatesByZoneYear.set(key, dates)
  }
  return dates
}

/** The dates of `year` near a change, in order. */
function offsetChangeDates(zone: string, year: number): readonly string[] {
  const tz = IANAZone.create(zone)
  if (!tz.isValid) return []
  // From two days before the year to two days after, a UTC midnight at a time: a change between
  // two midnights marks those days and their neighbours (local dates differ from UTC by < 1 day).
  const first = Date.UTC(year, 0, 1) - 2 * DAY_MS
  const days = Math.round((Date.UTC(year + 1, 0, 1) + 2 * DAY_MS - first) / DAY_MS)
  const offsets = new Map<number, number>()
  const offsetOn = (day: number) => {
    let offset = offsets.get(day)
    if (offset === undefined) {
      offset = tz.offset(first + day * DAY_MS)
      offsets.set(day, offset)
    }
    return offset
  }
  const marked = new Set<string>()
  const changesBetween = (from: number, to: number): void => {
    if (offsetOn(from) === offsetOn(to)) return
    if (to - from > 1) {
      const middle = Math.floor((from + to) / 2)
      changesBetween(from, middle)
      changesBetween(middle, to)
      return
    }
    for (let d = from - 1; d <= from + 2; d++)
      marked.add(new Date(first + d * DAY_MS).toISOString().slice(0, 10))
  }
  for (let day = 0; day < days; day += SAMPLE_DAYS)
    changesBetween(day, Math.min(day + SAMPLE_DAYS, days))
  // Changes come in order, so the dates do; those of the neighbouring years are theirs to say.
  return [...marked].filter((date) => Number(date.slice(0, 4)) === year)
}
