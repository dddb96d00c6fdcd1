import { DateTime } from 'luxon'

/** What a published calendar said about one event. */
export interface PublishedEvent {
  sequence: number
  /** Start and end as epoch milliseconds; NaN when unreadable. */
  start: number
  end: number
}

/**
 * The events of a calendar this project published, by UID: the state a re-export starts from. It is
 * the committed `calendar.ics` itself, so nothing is remembered anywhere else.
 */
export function readPublished(ics: string | undefined): Map<string, PublishedEvent> {
  const events = new Map<string, PublishedEvent>()
  if (!ics) return events
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
  let uid: string | undefined
  let event: PublishedEvent | undefined
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') {
      event = { sequence: 0, start: NaN, end: NaN }
      uid = undefined
    } else if (line === 'END:VEVENT') {
      if (uid && event) events.set(uid, event)
      event = undefined
    } else if (event) {
      const [name = '', value = ''] = splitProperty(line)
      const property = name.split(';')[0]
      if (property === 'UID') uid = value
      else if (property === 'SEQUENCE') event.sequence = Number(value) || 0
      else if (property === 'DTSTART') event.start = instant(name, value)
      else if (property === 'DTEND') event.end = instant(name, value)
    }
  }
  return events
}

/**
 * SEQUENCE for an event as re-exported: the published one, plus one when the event moved (its start
 * or end changed), so a re-import updates the calendar entry instead of being ignored as stale.
 * Deterministic: the same published file and schedule always give the same number.
 */
export function nextSequence(
  published: ReadonlyMap<string, PublishedEvent>,
  uid: string,
  start: Date,
  end: Date,
): number {
  const before = published.get(uid)
  if (!before) return 0
  const moved = before.start !== start.getTime() || before.end !== end.getTime()
  return before.sequence + (moved ? 1 : 0)
}

function splitProperty(line: string): [string, string] {
  // Parameter values may be quoted and hold ':'; the value starts after the first unquoted ':'.
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted
    else if (line[i] === ':' && !quoted) return [line.slice(0, i), line.slice(i + 1)]
  }
  return [line, '']
}

function instant(name: string, value: string): number {
  const zone = /;TZID="?([^;:"]+)"?/.exec(name)?.[1]
  const utc = value.endsWith('Z')
  const parsed = DateTime.fromFormat(value.replace(/Z$/, ''), "yyyyMMdd'T'HHmmss", {
    zone: utc ? 'utc' : (zone ?? 'utc'),
  })
  return parsed.isValid ? parsed.toMillis() : NaN
}
