import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, cliProcess, REPO_ROOT } from '../support/cli.js'

/**
 * A compact circle (two weekly meetings, four members) plays in well under a minute through every
 * workflow; the full example cohort is the soak scenario (`npm run test:soak`).
 */
async function compactCircle(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-compact-'))
  const folder = path.join(dir, 'groups', 'compact')
  await mkdir(folder, { recursive: true })
  const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  const members = example
    .split('\n')
    .filter((l) => /^ {2}- \{ github: (octo-ana|bkowalski|priya-n|jmartin),/.test(l))
  const body = example
    .replace(/^example: true.*\n/m, '')
    .replace(/^weekly: 6$/m, 'weekly: 2')
    .replace(/^then: monthly$/m, 'then: none')
    .replace(/^skip: .*$/m, 'skip: []')
    .replace(/^quorum: 5$/m, 'quorum: 3')
    .replace(/^members:\n(?: {2}- .*\n)+/m, `members:\n${members.join('\n')}\n`)
  await writeFile(path.join(folder, 'group.yml'), body)
  return folder
}

describe('skill-share rehearse', () => {
  it('plays a circle through the workflow files, by their triggers alone, to the retrospective pull request', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'skill-share-rehearsal-'))
    const folder = await compactCircle()
    const { code, stdout, stderr } = await cliProcess(['rehearse', folder, '--out', out])
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(code).toBe(0)

    // The timeline: each run with its workflow and trigger, in time order, none failed.
    const lines = stdout.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d {2}/.test(l))
    const triggers = new Set(
      lines.map(
        (l) =>
          l
            .slice(18)
            .trim()
            .split(/\s{2,}/)[0],
      ),
    )
    expect([...triggers].sort()).toEqual([
      'commands (issue_comment.created)',
      'forms (issues.opened)',
      'sessions (schedule)',
      'start-cohort (workflow_dispatch)',
    ])
    expect(lines.map((l) => l.slice(0, 16))).toEqual(lines.map((l) => l.slice(0, 16)).sort())
    expect(lines.filter((l) => l.includes('FAILED'))).toEqual([])
    // The retrospective comes from the scheduled workflow's retro job, two days after the close.
    expect(lines.at(-1)).toMatch(
      /sessions \(schedule\) +.*opened pull request "Retrospective: compact, \S+".*\[2 min\]$/,
    )
    expect(stdout).toMatch(/retrospective proposed in pull request #\d+/)

    // The billing meter: every job run, with its minutes; skipped jobs cost nothing.
    const runs = JSON.parse(await readFile(path.join(out, 'runs.json'), 'utf8')) as Array<
      Record<string, unknown>
    >
    expect(Object.keys(runs[0] ?? {}).filter((k) => k !== 'action')).toEqual([
      'workflow',
      'job',
      'event',
      'at',
      'conclusion',
      'billable_minutes',
    ])
    for (const run of runs) {
      expect(run.billable_minutes).toBe(run.conclusion === 'skipped' ? 0 : 1)
      expect(run.conclusion).not.toBe('failure')
    }
    expect(runs.some((r) => r.workflow === 'retro.yml')).toBe(false)
    // Proposed once: later scheduled runs find its pull request and skip the job.
    expect(runs.filter((r) => r.job === 'retro' && r.conclusion === 'success')).toHaveLength(1)
    const total = runs.reduce((sum, r) => sum + Number(r.billable_minutes), 0)
    expect(stdout).toMatch(
      new RegExp(`: ${total} billable minutes over [\\d.]+ days, \\d+ per 30 days`),
    )

    // Each promise kept: issues open, the status is posted and the issue closes within the cron
    // slots' 2 h 17 min after their moment (the status before the meeting, the close after it).
    const promises = await readFile(path.join(out, 'promises.md'), 'utf8')
    const rows = promises.split('\n').filter((l) => /^\| \d+ \|/.test(l))
    expect(rows).toHaveLength(2)
    const delayMinutes = (cell: string | undefined) => {
      const match = /\(\+(\d+(?:\.\d+)?) (min|h)\)$/.exec(cell ?? '')
      if (!match) return Number.NaN
      return Number(match[1]) * (match[2] === 'h' ? 60 : 1)
    }
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim())
      for (const cell of [cells[3], cells[5], cells[7]]) {
        expect(delayMinutes(cell), cell).toBeGreaterThanOrEqual(0)
        expect(delayMinutes(cell), cell).toBeLessThanOrEqual(137)
      }
    }

    // The pulse after week 2: three of the four answer, the third answer brings the counts to the
    // facilitators on the organizer's checklist, and nothing says who answered what.
    const pulse = promises.slice(promises.indexOf('## The pulse after week 2 (UTC)'))
    expect(pulse).toMatch(/^3 answers filed, \d{4}-\d\d-\d\d \d\d:\d\d to /m)
    expect(pulse).toMatch(
      /^The counts reached the facilitators on the organizer's checklist #\d+ at .+ \(\+\d+ min after answer 3\), and were kept up to date: 3 of 4 answered in the end\.$/m,
    )
    expect(pulse).toContain(
      '| Since the first meeting, our meetings feel | Less awkward than at the start: 2 · About the same: 1 · More awkward: 0 |',
    )
    expect(pulse).toContain('| I feel part of this group | Yes: 2 · Partly: 1 · Not yet: 0 |')
    expect(
      lines.filter((l) => /forms \(issues\.opened\) +.*posted the pulse counts on #\d+/.test(l)),
    ).toHaveLength(1)
    const group = await readFile(path.join(folder, 'group.yml'), 'utf8')
    const people = [...group.matchAll(/github: ([\w-]+), name: ([^,}]+)/g)].flatMap((m) => [
      m[1] as string,
      (m[2] as string).trim().split(' ')[0] as string,
    ])
    const issues = await Promise.all(
      (await readdir(path.join(out, 'issues'))).map((f) =>
        readFile(path.join(out, 'issues', f), 'utf8'),
      ),
    )
    const checklist = issues.find((i) => i.includes("the organizer's checklist")) ?? ''
    // The comment is addressed to the facilitators; what follows the address is counts only.
    const from = checklist.slice(checklist.indexOf('**The pulse after week 2:**'))
    const next = from.indexOf('\n####')
    const counts = next === -1 ? from : from.slice(0, next)
    expect(counts).toContain('3 of 4 answered')
    for (const who of people) {
      expect(pulse, who).not.toContain(who)
      expect(counts, who).not.toContain(who)
    }

    // The retrospective: anonymized, with the scribe's notes.
    const pulls = await Promise.all(
      (await readdir(path.join(out, 'pulls'))).map((f) =>
        readFile(path.join(out, 'pulls', f), 'utf8'),
      ),
    )
    const retro = pulls.find((p) => p.includes('Retrospective: compact')) ?? ''
    expect(retro).toContain('**From** `skill-share/retro-compact-')
    expect(retro).toContain('## Stories and takeaways')
    const retroFile = retro.slice(retro.indexOf('````markdown'))
    for (const name of ['Ana Lima', 'Bartosz', 'Priya', 'José', 'Acme', 'Globex'])
      expect(retroFile, name).not.toContain(name)
  }, 240_000)

  it.runIf(process.env['SKILL_SHARE_SOAK'] === '1')(
    'soak: plays the example cohort (six weeks, eight members) to the retrospective within the minutes budget',
    async () => {
      const out = await mkdtemp(path.join(tmpdir(), 'skill-share-rehearsal-'))
      const { code, stdout } = await cliProcess(['rehearse', 'groups/example', '--out', out])
      expect(code).toBe(0)
      expect(stdout).toMatch(/retrospective proposed in pull request #\d+/)
      expect(stdout).not.toContain('FAILED')
      const perMonth = Number(/, (\d+) per 30 days/.exec(stdout)?.[1])
      expect(perMonth).toBeLessThanOrEqual(100)
      const index = await readFile(path.join(out, 'index.md'), 'utf8')
      expect(index).toMatch(/\| Week 6 · Looking back, looking ahead · Sun 6 Dec \| closed \|/)
      expect(index).toMatch(/Buddies · week 1 · @\S+ & @\S+/)
    },
    900_000,
  )

  it('says what to use instead for a coaching network, and writes nothing', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'skill-share-rehearsal-')), 'out')
    const { code, stdout, stderr } = await cli([
      'rehearse',
      'groups/example-coaching',
      '--out',
      out,
    ])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe(
      'skill-share: groups/example-coaching is a coaching network; rehearse plays circles. See its conversations with `skill-share preview groups/example-coaching` and `skill-share plan groups/example-coaching`',
    )
    await expect(readdir(out)).rejects.toThrow()
  })
})
