import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, REPO_ROOT } from '../support/cli.js'

/** A checkout with the templates and both example groups, calendars included. */
async function scratchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-calendar-'))
  for (const part of ['templates', 'groups/example', 'groups/example-coaching'])
    await cp(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true })
  return dir
}

function events(ics: string): Array<Record<string, string>> {
  return [...ics.matchAll(/BEGIN:VEVENT\r?\n([\s\S]*?)END:VEVENT/g)].map((m) =>
    Object.fromEntries(
      (m[1] as string)
        .replace(/\r?\n[ \t]/g, '')
        .split(/\r?\n/)
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
    ),
  )
}

describe('skill-share calendar', () => {
  it("exports a circle's sessions titled as their issues", async () => {
    const { code, stdout } = await cli(['calendar', 'groups/example'])
    expect(code).toBe(0)
    const list = events(stdout)
    expect(list).toHaveLength(12)
    expect(list[0]).toMatchObject({
      UID: 'example-session-1@skill-share',
      SUMMARY: expect.stringContaining('Week 1 · Kickoff · Sun 25 Oct') as string,
    })
  })

  it("exports a coaching network's conversations, every pair for a year, in the pair's time zone", async () => {
    const { code, stdout } = await cli(['calendar', 'groups/example-coaching'])
    expect(code).toBe(0)
    const list = events(stdout)
    const plan = await cli(['plan', 'groups/example-coaching', '--json'])
    const twelveWeeks = JSON.parse(plan.stdout) as Array<{
      pair: string
      number: number
      localStart: string
      timezone: string
    }>
    // The calendar reaches further than plan's default 12 weeks, and agrees with it where both go.
    expect(list.length).toBeGreaterThan(twelveWeeks.length)
    for (const c of twelveWeeks) {
      const event = list.find(
        (e) => e['UID'] === `example-coaching-${c.pair.replace('+', '-')}-${c.number}@skill-share`,
      )
      expect(event?.[`DTSTART;TZID=${c.timezone}`]).toBe(
        c.localStart.slice(0, 19).replace(/[-:]/g, ''),
      )
    }
    expect(new Set(list.map((e) => e['UID'])).size).toBe(list.length)
    expect(list[0]?.['SUMMARY']).toMatch(/conversation 1$/)
  })

  it('reproduces the committed example calendars byte for byte', async () => {
    for (const slug of ['example', 'example-coaching']) {
      const { stdout } = await cli(['calendar', `groups/${slug}`])
      // stdout ends with the line break the CLI adds to everything it prints
      expect(stdout.slice(0, -1)).toBe(
        await readFile(path.join(REPO_ROOT, `groups/${slug}/calendar.ics`), 'utf8'),
      )
    }
  })
})

describe('skill-share validate, the published calendar', () => {
  it('accepts fresh calendars and says nothing about them', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(0)
    expect(stderr).not.toContain('calendar.ics')
  })

  it('warns, with the command that refreshes it, when the schedule moved since', async () => {
    const dir = await scratchRepo()
    const file = path.join(dir, 'groups/example/group.yml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('time: "16:00"', 'time: "17:00"'))
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(0)
    expect(stderr).toContain(
      'groups/example/calendar.ics:1:1: warning: out of date with groups/example/group.yml and templates/: refresh it with `npx skill-share calendar groups/example --out groups/example/calendar.ics`',
    )
    const refreshed = await cli(
      ['calendar', 'groups/example', '--out', 'groups/example/calendar.ics'],
      dir,
    )
    expect(refreshed.stderr).toContain(
      'wrote groups/example/calendar.ics (12 events; session issues link it once committed)',
    )
    expect((await cli(['validate', '--repo', dir])).stderr).not.toContain('calendar.ics')
  })

  it('is quiet about a group that publishes no calendar', async () => {
    const dir = await scratchRepo()
    await rm(path.join(dir, 'groups/example/calendar.ics'))
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })
})

describe('skill-share preview, the calendar link', () => {
  const LINK = 'https://github.com/your-org/your-group/blob/main/groups/example/calendar.ics'

  it('links the published calendar from the checklist and every session issue', async () => {
    const dir = await scratchRepo()
    expect((await cli(['preview', 'groups/example', '--out', 'out'], dir)).code).toBe(0)
    const kickoff = await readFile(path.join(dir, 'out/issues/kickoff.md'), 'utf8')
    expect(kickoff).toContain(
      `- [ ] Tell everyone how to get the sessions into their calendar: each session issue has a Google Calendar link, and ${LINK} ("Download raw file", then open it)`,
    )
    const week2 = await readFile(path.join(dir, 'out/sessions/02-theme.md'), 'utf8')
    expect(week2).toMatch(/^Previous session: Week 1 · Kickoff · Sun 25 Oct$/m)
    expect(week2).toContain(`· [Apple Calendar, Outlook: calendar.ics](${LINK})`)
  })

  it('links no calendar that is not there, and the checklist says how to publish it', async () => {
    const dir = await scratchRepo()
    await rm(path.join(dir, 'groups/example/calendar.ics'))
    expect((await cli(['preview', 'groups/example', '--out', 'out'], dir)).code).toBe(0)
    const kickoff = await readFile(path.join(dir, 'out/issues/kickoff.md'), 'utf8')
    expect(kickoff).toContain(
      '- [ ] Publish the group calendar for Apple Calendar and Outlook: run `npx skill-share calendar groups/example --repo your-org/your-group --out groups/example/calendar.ics`',
    )
    const week2 = await readFile(path.join(dir, 'out/sessions/02-theme.md'), 'utf8')
    expect(week2).toMatch(/^Previous session: Week 1 · Kickoff · Sun 25 Oct$/m)
    expect(week2).not.toContain('calendar.ics')
    expect(week2).toContain('**Add to your calendar:** [Google Calendar](')
  })
})
