import type { HourWindow } from '../forms/submissions.js'

/*
 * "My usual hours", as people type them: one or more windows separated by `;`, each an optional
 * set of days and a local time range. `08:00-10:00` means Monday to Friday; `Tue-Thu 17:00-19:00`,
 * `Mon, Wed 12:00-13:30`, `Sat 09:00-11:00; Tue 18:00-20:00` all read. Times are 24-hour.
 */

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const FULL_DAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const
const WORKDAYS = [1, 2, 3, 4, 5]
const WINDOW = /^(.*?)\s*(\d{1,2}):(\d{2})\s*(?:-|–|to)\s*(\d{1,2}):(\d{2})$/i

export type HoursResult = { ok: true; windows: HourWindow[] } | { ok: false; message: string }

export const HOURS_EXAMPLE = 'Tue-Thu 08:00-10:00; Sat 09:00-11:00'

export function parseHours(text: string): HoursResult {
  const parts = text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) return fail(`"${text}"`)
  const windows: HourWindow[] = []
  for (const part of parts) {
    const match = WINDOW.exec(part)
    if (!match) return fail(`"${part}"`)
    const days = parseDays(match[1] ?? '')
    if (!days) return fail(`"${match[1]}" (days)`)
    const from = minutes(match[2], match[3])
    const to = minutes(match[4], match[5])
    if (from === undefined || to === undefined) return fail(`"${part}" (times are 00:00 to 24:00)`)
    if (to <= from) {
      return {
        ok: false,
        message: `"${part}": the end comes before the start; a window past midnight is two windows, e.g. "Mon 22:00-24:00; Tue 00:00-01:00".`,
      }
    }
    windows.push({ days, from, to })
  }
  return { ok: true, windows }
}

/** The windows as they would be typed again, e.g. "Tue-Thu 08:00-10:00". */
export function formatHours(windows: readonly HourWindow[]): string {
  return windows.map((w) => `${formatDays(w.days)} ${clock(w.from)}-${clock(w.to)}`).join('; ')
}

export function clock(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60)
  const m = minutesOfDay % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

function fail(what: string): HoursResult {
  return {
    ok: false,
    message: `${what} is not a window of hours. Write days and a 24-hour range, e.g. "${HOURS_EXAMPLE}" (no days means Monday to Friday).`,
  }
}

function parseDays(text: string): number[] | undefined {
  const trimmed = text
    .trim()
    .replace(/[:,]$/, '')
    .replace(/\s*[-–]\s*/g, '-')
  if (trimmed === '') return WORKDAYS
  const days = new Set<number>()
  if (/^weekdays$/i.test(trimmed)) return WORKDAYS
  if (/^weekends?$/i.test(trimmed)) return [6, 7]
  for (const token of trimmed.split(/\s*(?:,|\/|&|\band\b|\s)\s*/i).filter(Boolean)) {
    const range = /^([a-z]+)\s*(?:-|–)\s*([a-z]+)$/i.exec(token)
    if (range) {
      const from = dayNumber(range[1] ?? '')
      const to = dayNumber(range[2] ?? '')
      if (!from || !to) return undefined
      for (let d = from; ; d = (d % 7) + 1) {
        days.add(d)
        if (d === to) break
      }
      continue
    }
    const day = dayNumber(token)
    if (!day) return undefined
    days.add(day)
  }
  return [...days].sort((a, b) => a - b)
}

/** "tu", "tue", "tues", "tuesday" are Tuesday; "t" (which one?) and "tuxedo" are not days. */
function dayNumber(token: string): number | undefined {
  const lower = token.toLowerCase().replace(/\.$/, '')
  if (lower.length < 2) return undefined
  const matches = FULL_DAY_NAMES.flatMap((day, index) => (day.startsWith(lower) ? [index + 1] : []))
  return matches.length === 1 ? matches[0] : undefined
}

function minutes(hours: string | undefined, mins: string | undefined): number | undefined {
  const h = Number(hours)
  const m = Number(mins)
  if (!Number.isInteger(h) || !Number.isInteger(m) || m > 59 || h > 24) return undefined
  if (h === 24 && m !== 0) return undefined
  return h * 60 + m
}

function formatDays(days: readonly number[]): string {
  const names = days.map((d) => capitalize(DAY_NAMES[d - 1] ?? ''))
  const consecutive = days.every((d, i) => i === 0 || d === (days[i - 1] as number) + 1)
  if (days.length >= 3 && consecutive) return `${names[0]}-${names[names.length - 1]}`
  return names.join(', ')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
