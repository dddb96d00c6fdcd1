/**
 * POSIX cron matching as GitHub's scheduler applies it (UTC): five fields, lists, ranges, steps,
 * month and weekday names, and the classic rule that when both day-of-month and day-of-week are
 * restricted, a day matching either one fires.
 */
export interface Cron {
  source: string
  minutes: Set<number>
  hours: Set<number>
  days: Set<number>
  months: Set<number>
  weekdays: Set<number>
  dayRestricted: boolean
  weekdayRestricted: boolean
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

function value(text: string, names: string[] | undefined, offset: number): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return named + offset
  if (!/^\d+$/.test(text)) throw new Error(`"${text}" is not a number`)
  return Number(text)
}

function field(text: string, min: number, max: number, names?: string[], offset = 0): Set<number> {
  const result = new Set<number>()
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined]
    const step = stepText === undefined ? 1 : value(stepText, undefined, 0)
    if (step < 1) throw new Error(`step "${stepText}" must be at least 1`)
    let from = min
    let to = max
    if (range !== '*') {
      const [a, b] = range.split('-') as [string, string | undefined]
      from = value(a, names, offset)
      to = b === undefined ? (stepText === undefined ? from : max) : value(b, names, offset)
    }
    if (from < min || to > max || from > to) throw new Error(`"${part}" is outside ${min}-${max}`)
    for (let v = from; v <= to; v += step) result.add(v)
  }
  return result
}

export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/)
  if (parts.length !== 5) throw new Error(`cron "${source}" must have five fields`)
  const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string]
  const weekdays = field(weekday, 0, 7, WEEKDAYS)
  if (weekdays.has(7)) weekdays.add(0)
  return {
    source,
    minutes: field(minute, 0, 59),
    hours: field(hour, 0, 23),
    days: field(day, 1, 31),
    months: field(month, 1, 12, MONTHS, 1),
    weekdays,
    dayRestricted: day !== '*',
    weekdayRestricted: weekday !== '*',
  }
}

/** Whether the cron fires in the UTC minute that contains `at`. */
export function cronMatches(cron: Cron, at: Date): boolean {
  if (!cron.minutes.has(at.getUTCMinutes()) || !cron.hours.has(at.getUTCHours())) return false
  if (!cron.months.has(at.getUTCMonth() + 1)) return false
  const dayOk = cron.days.has(at.getUTCDate())
  const weekdayOk = cron.weekdays.has(at.getUTCDay())
  if (cron.dayRestricted && cron.weekdayRestricted) return dayOk || weekdayOk
  return dayOk && weekdayOk
}

/** The next minute at or after `from` (to the minute) at which the cron fires, searching up to `limit`. */
export function nextFiring(cron: Cron, from: Date, limit: Date): Date | undefined {
  const at = new Date(Math.ceil(from.getTime() / 60_000) * 60_000)
  // Whole hours that cannot match are skipped an hour at a time; bounded by `limit`.
  while (at.getTime() <= limit.getTime()) {
    if (!cron.hours.has(at.getUTCHours()) || !dayMatches(cron, at)) {
      at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0)
      continue
    }
    if (cronMatches(cron, at)) return at
    at.setUTCMinutes(at.getUTCMinutes() + 1)
  }
  return undefined
}

function dayMatches(cron: Cron, at: Date): boolean {
  if (!cron.months.has(at.getUTCMonth() + 1)) return false
  const dayOk = cron.days.has(at.getUTCDate())
  const weekdayOk = cron.weekdays.has(at.getUTCDay())
  if (cron.dayRestricted && cron.weekdayRestricted) return dayOk || weekdayOk
  return dayOk && weekdayOk
}
