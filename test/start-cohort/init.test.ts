import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { init, type Prompt } from '../../cli/src/commands/init.js'
import { readCohortForm, renderGroupFile } from '../../actions/lib/group-file/write.js'
import { cli, REPO_ROOT } from '../support/cli.js'

const FLAGS = [
  '--name',
  'Fall 2026 circle',
  '--start',
  '2026-10-25',
  '--time',
  '16:00',
  '--timezone',
  'America/Los_Angeles',
  '--facilitators',
  'octo-ana,priya-n',
  '--members',
  'bkowalski,jmartin,grace-o,mei-chen',
  '--skip',
  '2026-11-29',
]

async function scratchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-init-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(
    path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE'),
    path.join(dir, '.github/ISSUE_TEMPLATE'),
    {
      recursive: true,
    },
  )
  return dir
}

const groupFile = (dir: string) => path.join(dir, 'groups/fall-2026/group.yml')

describe('skill-share init', () => {
  it('writes the same group file as the "Start a cohort" workflow, and it validates', async () => {
    const dir = await scratchRepo()
    const { code, stdout, stderr } = await cli(['init', 'fall-2026', ...FLAGS], dir)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('wrote groups/fall-2026/group.yml')
    const { draft } = readCohortForm({
      slug: 'fall-2026',
      name: 'Fall 2026 circle',
      start: '2026-10-25 16:00',
      timezone: 'America/Los_Angeles',
      facilitators: 'octo-ana, priya-n',
      members: 'bkowalski, jmartin, grace-o, mei-chen',
      skip: '2026-11-29',
    })
    expect(await readFile(groupFile(dir), 'utf8')).toBe(renderGroupFile(draft))
    expect((await cli(['validate', '--repo', dir])).code).toBe(0)
  })

  it('refuses to overwrite an existing group file without --force', async () => {
    const dir = await scratchRepo()
    await mkdir(path.dirname(groupFile(dir)), { recursive: true })
    await writeFile(groupFile(dir), 'name: mine\n')
    const { code, stderr } = await cli(['init', 'fall-2026', ...FLAGS], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('groups/fall-2026/group.yml already exists; pass --force to update it')
    expect(await readFile(groupFile(dir), 'utf8')).toBe('name: mine\n')
  })

  it('with --force updates the file and keeps the names filled in since', async () => {
    const dir = await scratchRepo()
    await cli(['init', 'fall-2026', ...FLAGS], dir)
    const named = (await readFile(groupFile(dir), 'utf8')).replace(
      'name: jmartin',
      'name: José Martín',
    )
    await writeFile(groupFile(dir), named)
    const { code } = await cli(['init', 'fall-2026', ...FLAGS, '--time', '17:00', '--force'], dir)
    expect(code).toBe(0)
    const text = await readFile(groupFile(dir), 'utf8')
    expect(text).toContain('name: José Martín')
    expect(text).toContain('time: "17:00"')
  })

  it('with --force still refuses a file it cannot read', async () => {
    const dir = await scratchRepo()
    await mkdir(path.dirname(groupFile(dir)), { recursive: true })
    await writeFile(groupFile(dir), 'name: [unclosed\n')
    const { code, stderr } = await cli(['init', 'fall-2026', ...FLAGS, '--force'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('groups/fall-2026/group.yml cannot be updated')
    expect(await readFile(groupFile(dir), 'utf8')).toBe('name: [unclosed\n')
  })

  it('prints every problem by flag, exits 1 and writes nothing', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(
      ['init', 'fall-2026', ...FLAGS, '--timezone', 'Mars/Base', '--facilitators', ''],
      dir,
    )
    expect(code).toBe(1)
    expect(stderr.split('\n')).toEqual([
      '--facilitators: name at least one facilitator (a GitHub login)',
      '--timezone: "Mars/Base" is not an IANA time zone, e.g. "America/Los_Angeles" or "Europe/Berlin"',
      'skill-share: groups/fall-2026/group.yml not written',
      '',
    ])
    expect(existsSync(groupFile(dir))).toBe(false)
  })

  it('prints warnings and still writes', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(
      ['init', 'fall-2026', ...FLAGS, '--members', 'bkowalski'],
      dir,
    )
    expect(code).toBe(0)
    expect(stderr).toBe(
      "--members: warning: 3 members: fewer than the playbook's 6 to 10; with one or two away, under 5 are left in the room, which makes for a thin discussion\n",
    )
  })

  it('is a usage error (exit 2) without flags outside a terminal', async () => {
    const { code, stderr } = await cli(['init', 'fall-2026'], await scratchRepo())
    expect(code).toBe(2)
    expect(stderr).toContain('skill-share: give the group as flags')
    expect(stderr).toContain('usage: skill-share init <slug>')
  })

  it('rejects a slug that is not a folder name before touching the file system', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(['init', '../escape', ...FLAGS], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('<slug>: "../escape" is not a slug')
    expect(await readdir(dir)).not.toContain('escape')
  })

  it('asks for each field in a terminal without flags', async () => {
    const dir = await scratchRepo()
    const answers = [
      'fall-2026',
      'Fall 2026 circle',
      '2026-10-25 16:00',
      'America/Los_Angeles',
      '',
      '',
      'octo-ana, priya-n',
      'bkowalski jmartin grace-o',
      '2026-11-29',
    ]
    const asked: string[] = []
    let closed = false
    const prompt: Prompt = {
      ask: async (question, fallback) => {
        asked.push(question)
        return answers.shift() || fallback || ''
      },
      close: () => {
        closed = true
      },
    }
    let out = ''
    const code = await init(
      [],
      { out: (t) => (out += t), err: (t) => (out += t), cwd: dir, isTty: true },
      () => prompt,
    )
    expect(code).toBe(0)
    expect(closed).toBe(true)
    expect(asked).toHaveLength(9)
    expect(asked[2]).toBe('First meeting, local date and time (YYYY-MM-DD HH:MM)')
    const text = await readFile(groupFile(dir), 'utf8')
    expect(text).toContain('weekly: 6')
    expect(text).toContain('then: monthly')
    expect(text).toContain('{ github: priya-n, name: priya-n, role: facilitator }')
  })
})

describe('skill-share preview, with the issues that start the cohort', () => {
  it('writes the checklist, ground rules and intention issues and lists them first in the index', async () => {
    const dir = await scratchRepo()
    await cli(['init', 'fall-2026', ...FLAGS], dir)
    const { code } = await cli(['preview', 'groups/fall-2026', '--out', 'out'], dir)
    expect(code).toBe(0)
    const files = (await readdir(path.join(dir, 'out/issues'))).sort()
    expect(files).toEqual([
      'ground-rules.md',
      'intention-bkowalski.md',
      'intention-grace-o.md',
      'intention-jmartin.md',
      'intention-mei-chen.md',
      'intention-octo-ana.md',
      'intention-priya-n.md',
      'kickoff.md',
    ])
    const kickoff = await readFile(path.join(dir, 'out/issues/kickoff.md'), 'utf8')
    expect(kickoff).toContain("# Getting Fall 2026 circle started: the organizer's checklist")
    expect(kickoff).toContain('**Assignees:** @octo-ana, @priya-n')
    expect(kickoff).toContain('Review and merge the pull request')
    expect(kickoff).toContain(
      '- [ ] Publish the group calendar for Apple Calendar and Outlook: run `npx skill-share calendar',
    )
    // Nothing is observed in a preview: the roster's size, and where the candidates will appear.
    expect(kickoff).toContain(
      "**Roster size:** 6 members: within the playbook's 6 to 10 (around 8 is best).",
    )
    expect(kickoff).toContain('When "Start a cohort" runs, a table here shows each member')
    const index = await readFile(path.join(dir, 'out/index.md'), 'utf8')
    const rows = index.split('\n').filter((line) => line.startsWith('| ['))
    expect(rows[0]).toBe(
      '| [Ground rules · Fall 2026 circle](issues/ground-rules.md) | when the cohort is started | Start a cohort |',
    )
    expect(rows[7]).toContain('(issues/kickoff.md)')
    expect(rows[8]).toContain('(sessions/01-kickoff.md)')
  })
})
