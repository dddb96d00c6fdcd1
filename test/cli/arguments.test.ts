import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { init, type Prompt } from '../../cli/src/commands/init.js'
import { cli, REPO_ROOT } from '../support/cli.js'

async function scratchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-args-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(path.join(REPO_ROOT, 'groups/example'), path.join(dir, 'groups/example'), {
    recursive: true,
  })
  return dir
}

describe('impossible dates in flags are refused like the group file refuses them', () => {
  it.each([
    [
      ['retro', 'groups/example', '--date', '2026-02-30'],
      '--date: "2026-02-30" is not a real calendar date',
    ],
    [
      ['plan', 'groups/example', '--until', '2026-11-31'],
      '--until: "2026-11-31" is not a real calendar date',
    ],
    [
      ['rehearse', 'groups/example', '--until', '2026-02-30'],
      '--until: "2026-02-30" is not a real calendar date',
    ],
    [
      ['plan', 'groups/example', '--at', '2026-02-30T00:00:00Z'],
      '--at: "2026-02-30T00:00:00Z" is not a real moment',
    ],
  ])('%j', async (args, message) => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(args, dir)
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toContain(`skill-share: ${message}`)
    expect(await readdir(path.join(dir, 'groups/example'))).not.toContain('retros')
  })
})

describe('skill-share retro reads the group folder it is given', () => {
  it('compiles the notes of a copy elsewhere, and writes next to it', async () => {
    const repo = await scratchRepo()
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'skill-share-copy-'))
    await cp(path.join(REPO_ROOT, 'groups/example'), path.join(elsewhere, 'example'), {
      recursive: true,
    })
    await mkdir(path.join(elsewhere, 'example/notes'))
    await writeFile(
      path.join(elsewhere, 'example/notes/week-2.md'),
      '## What worked\n\n- The role play in pairs made delegation concrete.\n',
    )
    const target = path.join(elsewhere, 'example')
    const { code, stdout } = await cli(['retro', target, '--date', '2026-12-10'], repo)
    expect(code).toBe(0)
    expect(stdout).toContain('from 1 notes file(s)')
    const written = await readFile(path.join(target, 'retros/2026-12-10.md'), 'utf8')
    expect(written).toContain('role play in pairs')
  })

  it('refuses an empty retrospective: no notes at all', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(['retro', 'groups/example', '--date', '2026-12-10'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain(
      'skill-share: no notes in groups/example/notes/ (*.md), so the retrospective would be empty; nothing was written',
    )
    expect(await readdir(path.join(dir, 'groups/example'))).not.toContain('retros')
  })

  it('refuses notes with broken front matter, naming the file', async () => {
    const dir = await scratchRepo()
    await mkdir(path.join(dir, 'groups/example/notes'))
    await writeFile(
      path.join(dir, 'groups/example/notes/week-3.md'),
      '---\nsession: [3\n---\n\n## What worked\n\n- Pairs.\n',
    )
    const { code, stderr } = await cli(['retro', 'groups/example', '--date', '2026-12-10'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('groups/example/notes/week-3.md: ')
    expect(stderr).toContain('fix the front matter above')
  })

  it('says a coaching network has no notes retrospective', async () => {
    const dir = await scratchRepo()
    await cp(
      path.join(REPO_ROOT, 'groups/example-coaching'),
      path.join(dir, 'groups/example-coaching'),
      {
        recursive: true,
      },
    )
    const { code, stderr } = await cli(['retro', 'groups/example-coaching'], dir)
    expect(code).toBe(2)
    expect(stderr).toContain('groups/example-coaching is a coaching network')
  })
})

describe('errors a user can cause are said in words', () => {
  it('preview from inside groups/ finds the repository templates instead of ENOENT', async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(
      ['preview', 'example', '--out', '../out'],
      path.join(dir, 'groups'),
    )
    expect(stderr).not.toContain('ENOENT')
    expect(code).toBe(0)
    expect(await readdir(path.join(dir, 'out'))).toContain('index.md')
  })

  it('preview without any templates folder says where it looked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-bare-'))
    await cp(path.join(REPO_ROOT, 'groups/example'), path.join(dir, 'example'), { recursive: true })
    const { code, stderr } = await cli(['preview', 'example', '--out', 'out'], dir)
    expect(code).toBe(2)
    expect(stderr).toContain('no templates/ folder in or above example')
    expect(stderr).not.toContain('ENOENT')
  })

  it('a missing template file is named without a raw error code', async () => {
    const dir = await scratchRepo()
    await writeFile(path.join(dir, 'templates/session-theme.md.bak'), '')
    const { rm } = await import('node:fs/promises')
    await rm(path.join(dir, 'templates/session-theme.md'))
    const { code, stderr } = await cli(['calendar', 'groups/example'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('skill-share: templates/session-theme.md: no such file or folder')
    expect(stderr).not.toContain('ENOENT')
  })

  it('plan | head -1 ends quietly, without an EPIPE stack trace', async () => {
    // A real pipe into head, which exits after one line while the CLI is still writing.
    const bin = path.join(REPO_ROOT, 'bin/skill-share.js')
    const child = spawn(
      'sh',
      ['-c', `"${process.execPath}" "${bin}" plan groups/example --until 2035-12-31 | head -1`],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    await new Promise((resolve) => child.on('close', resolve))
    expect(stdout).toContain('Fall 2026 circle (example)')
    expect(stderr).not.toContain('EPIPE')
    expect(stderr).not.toContain("Unhandled 'error' event")
  })
})

describe('skill-share validate', () => {
  it('takes a group directory like every other command', async () => {
    const dir = await scratchRepo()
    const { code, stdout } = await cli(['validate', 'groups/example'], dir)
    expect(code).toBe(0)
    expect(stdout).toContain('1 group file(s) valid: example')
  })

  it('says a --repo folder does not exist', async () => {
    const { code, stderr } = await cli(['validate', '--repo', 'no/such/folder'])
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe('skill-share: --repo: no/such/folder: no such folder')
  })

  it('refuses a --repo folder without templates/', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-notemplates-'))
    await cp(path.join(REPO_ROOT, 'groups/example'), path.join(dir, 'groups/example'), {
      recursive: true,
    })
    const { code, stdout, stderr } = await cli(['validate', '--repo', dir])
    expect(code).toBe(1)
    expect(stdout).not.toContain('templates and issue forms valid')
    expect(stderr).toContain('templates/:1:1: not found')
  })
})

describe('a misspelt placeholder is refused at its line', () => {
  async function misspelt(): Promise<string> {
    const dir = await scratchRepo()
    const file = path.join(dir, 'templates/session-theme.md')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('{{ place }}', '{{ plcae }}'))
    return dir
  }

  it.each([
    ['preview', 'groups/example', '--out', 'out'],
    ['calendar', 'groups/example'],
    ['validate'],
  ])('%s', async (...args) => {
    const dir = await misspelt()
    const text = await readFile(path.join(dir, 'templates/session-theme.md'), 'utf8')
    const line = text.split('\n').findIndex((l) => l.includes('{{ plcae }}')) + 1
    const col = (text.split('\n')[line - 1] as string).indexOf('{{ plcae }}') + 1
    const { code, stdout, stderr } = await cli(args, dir)
    expect(code).toBe(1)
    expect(line).toBeGreaterThan(1)
    expect(stderr).toContain(
      `templates/session-theme.md:${line}:${col}: {{ plcae }} is not a placeholder the sessions action fills`,
    )
    expect(stdout).not.toContain('BEGIN:VCALENDAR')
    expect(await readdir(dir)).not.toContain('out')
  })
})

describe('interactive init', () => {
  function scripted(answers: string[]) {
    const asked: string[] = []
    const prompt: Prompt = {
      ask: async (question, fallback) => {
        asked.push(question)
        return answers.shift() || fallback || ''
      },
      close: () => undefined,
    }
    return { asked, prompt }
  }

  it('checks the date, time and time zone as each is given, and asks again', async () => {
    const dir = await scratchRepo()
    const { asked, prompt } = scripted([
      'fall-2026',
      'Fall 2026 circle',
      '2026-02-30 16:00',
      '2026-10-25 25:00',
      '2026-10-25 16:00',
      'America/Los_Angles',
      'America/Los_Angeles',
      '',
      '',
      'octo-ana',
      'bkowalski jmartin grace-o priya-n',
      '',
    ])
    let err = ''
    const code = await init(
      [],
      { out: () => undefined, err: (t) => (err += `${t}\n`), cwd: dir, isTty: true },
      () => prompt,
    )
    expect(code).toBe(0)
    expect(err).toContain('"2026-02-30" is not a day of the calendar; try again')
    expect(err).toContain('"25:00" is not a time (HH:MM, 24-hour)')
    expect(err).toContain('"America/Los_Angles" is not an IANA time zone')
    expect(err).not.toContain('--')
    const startQuestions = asked.filter((q) => q.startsWith('First meeting'))
    expect(startQuestions).toHaveLength(3)
  })

  it('never names flags the user did not type', async () => {
    const dir = await scratchRepo()
    const { prompt } = scripted([
      'fall-2026',
      'Fall 2026 circle',
      '2026-10-25 16:00',
      'Europe/Berlin',
      '',
      '',
      'octo-ana',
      'octo-ana',
      '',
    ])
    let err = ''
    const code = await init(
      [],
      { out: () => undefined, err: (t) => (err += `${t}\n`), cwd: dir, isTty: true },
      () => prompt,
    )
    expect(code).toBe(1)
    expect(err).toContain('members: "octo-ana" is listed twice')
    expect(err).not.toContain('--members')
  })
})
