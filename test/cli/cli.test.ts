import { mkdtemp, readdir, readFile, writeFile, mkdir, cp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, cliProcess, REPO_ROOT } from '../support/cli.js'

async function scratchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-cli-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(path.join(REPO_ROOT, 'groups/example'), path.join(dir, 'groups/example'), {
    recursive: true,
  })
  return dir
}

describe('skill-share plan', () => {
  it('prints the schedule as JSON with UTC instants', async () => {
    const { code, stdout } = await cli([
      'plan',
      'groups/example',
      '--json',
      '--until',
      '2026-11-10',
    ])
    expect(code).toBe(0)
    const sessions = JSON.parse(stdout) as Array<Record<string, unknown>>
    expect(sessions.map((s) => s['number'])).toEqual([1, 2, 3])
    expect(sessions[1]).toMatchObject({
      kind: 'theme',
      startsAt: '2026-11-02T00:00:00Z',
      opensAt: '2026-10-29T23:00:00Z',
      theme: 'Delegation without losing the plot',
      facilitator: 'priya-n',
    })
  })

  it('says which session issues are open at --at', async () => {
    const { code, stdout } = await cli(['plan', 'groups/example', '--at', '2026-10-30T12:00:00Z'])
    expect(code).toBe(0)
    expect(stdout).toContain('Sun 2026-11-01 16:00')
    expect(stdout).toMatch(/At 2026-10-30T12:00:00.000Z: open: #2 theme/)
  })

  it('exits 2 with a one-line error and the usage for a bad flag value', async () => {
    const { code, stderr } = await cli(['plan', 'groups/example', '--until', 'next week'])
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe(
      'skill-share: --until: "next week" is not a date (YYYY-MM-DD)',
    )
    expect(stderr).toContain('usage: skill-share plan <group-dir>')
  })

  it('exits 2 for an unknown flag and an unknown command', async () => {
    expect((await cli(['plan', 'groups/example', '--bogus'])).code).toBe(2)
    const unknown = await cli(['plam'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('skill-share: unknown command "plam"')
  })
})

describe('skill-share validate', () => {
  it('accepts the example repository', async () => {
    const { code, stdout } = await cli(['validate'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/group file\(s\) valid: .*example/)
  })

  it('prints every problem as path:line:col and exits 1 without a stack trace', async () => {
    const dir = await scratchRepo()
    await mkdir(path.join(dir, 'groups/broken'))
    await writeFile(
      path.join(dir, 'groups/broken/group.yml'),
      'name: Broken\ntimezone: Mars/Base\nmeeting: { weekday: funday, time: "16:00", duration: 90 }\nstart: 2026-10-25\nmembers:\n  - { github: a, name: A, role: facilitator }\n',
    )
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(1)
    expect(stderr).toContain(
      'groups/broken/group.yml:2:11: timezone: "Mars/Base" is not an IANA time zone',
    )
    expect(stderr).toContain(
      'groups/broken/group.yml:3:21: meeting.weekday: "funday" is not one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    )
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})

describe('skill-share preview', () => {
  it('renders every session issue, the calendar and an index', async () => {
    const dir = await scratchRepo()
    const { code } = await cli(['preview', 'groups/example', '--out', 'out'], dir)
    expect(code).toBe(0)
    const sessions = (await readdir(path.join(dir, 'out/sessions'))).sort()
    expect(sessions[0]).toBe('01-kickoff.md')
    expect(sessions).toContain('06-closing.md')
    const kickoff = await readFile(path.join(dir, 'out/sessions/01-kickoff.md'), 'utf8')
    expect(kickoff.split('\n')[0]).toBe('# Week 1 · Kickoff · Sun 25 Oct')
    expect(kickoff).toContain('`skill-share`, `group:example`, `session`, `kickoff`')
    const minutes = [...kickoff.matchAll(/^\| \d\d:\d\d \| (\d+) min \|/gm)].map((m) =>
      Number(m[1]),
    )
    expect(minutes.reduce((a, b) => a + b, 0)).toBe(90)
    expect(kickoff).toContain('<!-- skill-share:session group=example n=1 -->')
    expect(await readFile(path.join(dir, 'out/calendar.ics'), 'utf8')).toContain('BEGIN:VCALENDAR')
    expect(await readFile(path.join(dir, 'out/index.md'), 'utf8')).toContain(
      '[Week 6 · Looking back, looking ahead · Sun 6 Dec]',
    )
  })

  it('writes nothing when the group is invalid', async () => {
    const dir = await scratchRepo()
    const file = path.join(dir, 'groups/example/group.yml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('time: "16:00"', 'time: "4pm"'))
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', 'out'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('meeting.time: "4pm" is not HH:MM')
    await expect(readdir(path.join(dir, 'out'))).rejects.toThrow()
  })
})

describe('the committed CLI bundle', () => {
  it('runs as `skill-share` from bin/ and exits with the command code', async () => {
    const ok = await cliProcess(['plan', 'groups/example', '--json', '--until', '2026-10-26'])
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toHaveLength(1)
    const usage = await cliProcess(['plan'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('missing <group-dir>')
  })
})

describe('skill-share validate, customised templates and forms', () => {
  it('reports a template placeholder the sessions action does not fill', async () => {
    const dir = await scratchRepo()
    const file = path.join(dir, 'templates/session-theme.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('{{ place }}', '{{ venue }}'))
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(1)
    expect(stderr).toContain(
      'templates/session-theme.md:11:14: {{ venue }} is not a placeholder the sessions action fills',
    )
  })

  it('reports a form that lost a field the actions read', async () => {
    const dir = await scratchRepo()
    await cp(
      path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE'),
      path.join(dir, '.github/ISSUE_TEMPLATE'),
      { recursive: true },
    )
    const file = path.join(dir, '.github/ISSUE_TEMPLATE/homework.yml')
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('id: work-score', 'id: work-rating'),
    )
    const { code, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(1)
    expect(stderr).toContain('.github/ISSUE_TEMPLATE/homework.yml:1:1: work-score:')
  })
})

describe('skill-share retro', () => {
  it('compiles the notes files into an anonymized retrospective and prints the replacement counts', async () => {
    const dir = await scratchRepo()
    await mkdir(path.join(dir, 'groups/example/notes'), { recursive: true })
    await writeFile(
      path.join(dir, 'groups/example/notes/2026-11-08.md'),
      '---\nsession: 3\n---\n\n## What worked\n\n- Priya Natarajan suggested role play in pairs.\n',
    )
    const { code, stdout } = await cli(['retro', 'groups/example', '--date', '2026-12-10'], dir)
    expect(code).toBe(0)
    expect(stdout).toContain('wrote groups/example/retros/2026-12-10.md from 1 notes file(s)')
    expect(stdout).toMatch(/replacements: name [1-9]/)
    const retro = await readFile(path.join(dir, 'groups/example/retros/2026-12-10.md'), 'utf8')
    expect(retro).toContain('- Member A suggested role play in pairs.')
    expect(retro).not.toMatch(/Priya|Natarajan/)
  })
})
