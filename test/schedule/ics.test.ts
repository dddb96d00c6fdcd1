import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { googleCalendarUrl, sessionCalendar } from '../../actions/lib/schedule/calendar.js'
import { readPublished } from '../../actions/lib/schedule/revisions.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { vtimezone } from '../../actions/lib/schedule/vtimezone.js'
import { groupCalendar } from '../../actions/lib/sessions/calendar-file.js'
import { renderSessionIssue } from '../../actions/lib/sessions/issue.js'
import type { RepositoryRef } from '../../actions/lib/sessions/links.js'
import { loadSessionTemplates } from '../../actions/lib/workspace/workspace.js'
import { REPO_ROOT } from '../support/cli.js'

const YAML = `name: Fall circle
timezone: America/Los_Angeles
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
weekly: 6
then: none
members:
  - { github: octo-ana, name: Ana Lima, role: facilitator }
  - { github: priya-n, name: Priya Natarajan }
`

function group(text = YAML): Group {
  const { group: parsed, problems } = parseGroupFile(text, { file: 'g.yml', slug: 'fall' })
  if (!parsed) throw new Error(JSON.stringify(problems))
  return parsed
}

const REPO: RepositoryRef = {
  serverUrl: 'https://github.com',
  repository: 'acme/circle',
  defaultBranch: 'main',
}

/** Each VEVENT's properties, unfolded. */
function events(ics: string): Array<Record<string, string>> {
  const unfolded = ics.replace(/\r\n[ \t]/g, '')
  return [...unfolded.matchAll(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT/g)].map((m) =>
    Object.fromEntries(
      (m[1] as string)
        .split('\r\n')
        .filter(Boolean)
        .map((line) => {
          const colon = line.indexOf(':')
          return [line.slice(0, colon), line.slice(colon + 1)]
        }),
    ),
  )
}

describe('the .ics export', () => {
  it('carries local times with TZID and the VTIMEZONE they need, across the daylight-saving change', async () => {
    const g = group()
    const text = groupCalendar(g, await loadSessionTemplates(REPO_ROOT)).text
    const [first, second] = events(text)
    // 25 October is daylight time, 1 November standard time: both 16:00 on the wall clock.
    expect(first?.['DTSTART;TZID=America/Los_Angeles']).toBe('20261025T160000')
    expect(second?.['DTSTART;TZID=America/Los_Angeles']).toBe('20261101T160000')
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n')
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0700\r\nTZOFFSETTO:-0800\r\nTZNAME:PST\r\nEND:STANDARD',
    )
    expect(text).not.toMatch(/DTSTART:\d{8}T\d{6}Z/)
  })

  it('links each session issue when the repository is known', async () => {
    const g = group()
    const text = groupCalendar(g, await loadSessionTemplates(REPO_ROOT), { repo: REPO }).text
    const [first] = events(text)
    const url = new URL(first?.['URL;VALUE=URI'] ?? '')
    expect(url.origin + url.pathname).toBe('https://github.com/acme/circle/issues')
    expect(url.searchParams.get('q')).toBe(
      'is:issue label:group:fall in:title "Week 1 · Kickoff · Sun 25 Oct"',
    )
    expect(first?.['DESCRIPTION']).toContain('Session issue: https://github.com/acme/circle/')
    // A re-export from the published file keeps the links without being told the repository.
    const again = groupCalendar(g, await loadSessionTemplates(REPO_ROOT), { previous: text }).text
    expect(again).toBe(text)
  })

  it('raises SEQUENCE for the sessions a skip moves, and only for them', () => {
    const before = group()
    const title = (s: { number: number }) => `Session ${s.number}`
    const published = sessionCalendar(before, buildSchedule(before), title)
    expect(events(published).map((e) => e['SEQUENCE'])).toEqual(['0', '0', '0', '0', '0', '0'])

    const skipped = group(`${YAML}skip: [2026-11-15]\n`)
    const moved = sessionCalendar(skipped, buildSchedule(skipped), title, { previous: published })
    expect(events(moved).map((e) => e['SEQUENCE'])).toEqual(['0', '0', '0', '1', '1', '1'])
    // Deterministic: the same inputs give the same file, and an unchanged schedule no new revision.
    expect(sessionCalendar(skipped, buildSchedule(skipped), title, { previous: published })).toBe(
      moved,
    )
    const settled = sessionCalendar(skipped, buildSchedule(skipped), title, { previous: moved })
    expect(settled).toBe(moved)
    // Moved back: a revision again, never a lower number.
    const back = sessionCalendar(before, buildSchedule(before), title, { previous: moved })
    expect(events(back).map((e) => e['SEQUENCE'])).toEqual(['0', '0', '0', '2', '2', '2'])
  })

  it('reads an older calendar written in UTC as the same instants', () => {
    const utc =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:fall-session-1@skill-share\r\nSEQUENCE:3\r\nDTSTART:20261025T230000Z\r\nDTEND:20261026T003000Z\r\nEND:VEVENT\r\nEND:VCALENDAR'
    const g = group()
    const text = sessionCalendar(g, buildSchedule(g), () => 'x', { previous: utc })
    expect(events(text)[0]?.['SEQUENCE']).toBe('3')
    expect(readPublished(text).get('fall-session-1@skill-share')?.start).toBe(
      Date.parse('2026-10-25T23:00:00Z'),
    )
  })
})

describe('VTIMEZONE', () => {
  it('covers a zone without daylight saving with one part', () => {
    const text = vtimezone('Asia/Kolkata', 2026, 2026) ?? ''
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1)
    expect(text).toContain('TZOFFSETTO:+0530')
  })

  it('starts the southern summer as daylight time', () => {
    const text = vtimezone('Australia/Sydney', 2026, 2026) ?? ''
    expect(text).toMatch(
      /^BEGIN:VTIMEZONE\r\nTZID:Australia\/Sydney\r\nBEGIN:DAYLIGHT\r\nDTSTART:20260101T000000\r\nTZOFFSETFROM:\+1100/,
    )
    expect(text).toContain('DTSTART:20260405T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000')
  })
})

describe('"Add to your calendar" in each session issue', () => {
  it('offers a Google Calendar event link with the UTC times and the local zone', async () => {
    const g = group()
    const [session] = buildSchedule(g)
    const body = renderSessionIssue(g, session!, await loadSessionTemplates(REPO_ROOT), {}).body
    const link =
      /\[Google Calendar\]\((https:\/\/calendar\.google\.com\/calendar\/render\?[^)\s]+)\)/.exec(
        body,
      )?.[1]
    const params = new URL(link ?? '').searchParams
    expect(params.get('action')).toBe('TEMPLATE')
    expect(params.get('dates')).toBe('20261025T230000Z/20261026T003000Z')
    expect(params.get('ctz')).toBe('America/Los_Angeles')
    expect(params.get('text')).toBe('Fall circle: Week 1 · Kickoff')
  })

  it('builds a link whose parentheses cannot end the markdown link early', () => {
    const url = googleCalendarUrl({
      title: 'a (b) c',
      startsAt: '2026-10-25T23:00:00Z',
      endsAt: '2026-10-26T00:30:00Z',
      timezone: 'UTC',
      location: 'Room (2)',
    })
    expect(url).not.toMatch(/[()\s]/)
  })
})
