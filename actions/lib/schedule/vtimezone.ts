import { DateTime, IANAZone } from 'luxon'

/**
 * An RFC 5545 VTIMEZONE for an IANA zone, listing each offset change in the given years as its own
 * STANDARD or DAYLIGHT part (no recurrence rules to get wrong), computed from the zone data the
 * runtime has. Events then carry local times with TZID, so a calendar app shows 16:00 on the
 * meeting day even across a daylight-saving change.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string | null {
  if (!IANAZone.isValidZone(zone)) return null
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone })
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone })
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`]
  const transitions = offsetChanges(zone, start, end)
  // What holds from the first day of the span, so times before its first change are defined too.
  const initial = start.setZone(zone).offset
  const lowest = Math.min(initial, ...transitions.map((t) => t.to))
  const initialKind = initial > lowest ? 'DAYLIGHT' : 'STANDARD'
  lines.push(...part(initialKind, initial, initial, start.setZone(zone), zone))
  for (const { at, from, to } of transitions) {
    // DTSTART is the wall-clock time the change happens at, read in the offset before it.
    const local = at.setZone(`UTC${formatOffset(from, ':')}`)
    lines.push(...part(to > from ? 'DAYLIGHT' : 'STANDARD', from, to, local, zone, at))
  }
  lines.push('END:VTIMEZONE')
  return lines.join('\r\n')
}

interface OffsetChange {
  at: DateTime
  from: number
  to: number
}

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000

/**
 * Every instant in (start, end] where the zone's UTC offset changes, to the minute: the offset is
 * read once a day (two changes never fall within a day of each other) and a day whose ends differ
 * is bisected. Offsets are read from the zone directly, about 750 look-ups for two years.
 */
function offsetChanges(zone: string, start: DateTime, end: DateTime): OffsetChange[] {
  const tz = IANAZone.create(zone)
  const changes: OffsetChange[] = []
  const last = end.toMillis()
  let low = start.toMillis()
  let from = tz.offset(low)
  while (low < last) {
    const next = Math.min(low + DAY_MS, last)
    const to = tz.offset(next)
    if (to !== from) {
      let before = low
      let after = next
      while (after - before > MINUTE_MS) {
        const middle = before + Math.floor((after - before) / (2 * MINUTE_MS)) * MINUTE_MS
        if (tz.offset(middle) === from) before = middle
        else after = middle
      }
      changes.push({ at: DateTime.fromMillis(after, { zone: 'utc' }), from, to })
    }
    low = next
    from = to
  }
  return changes
}

function part(
  kind: 'STANDARD' | 'DAYLIGHT',
  from: number,
  to: number,
  local: DateTime,
  zone: string,
  at?: DateTime,
): string[] {
  const name = (at ?? local).setZone(zone).toFormat('ZZZZ', { locale: 'en-US' })
  return [
    `BEGIN:${kind}`,
    `DTSTART:${local.toFormat("yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    // Only a real abbreviation (PDT, CET); luxon's fallback "GMT+2" says nothing TZOFFSETTO does not.
    ...(/^[A-Z]{2,5}$/.test(name) ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ]
}

function formatOffset(minutes: number, separator = ''): string {
  const sign = minutes < 0 ? '-' : '+'
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')
  return `${sign}${hours}${separator}${String(Math.abs(minutes) % 60).padStart(2, '0')}`
}
