import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, REPO_ROOT } from '../support/cli.js'
import { OUTPUT_MARKER } from '../../cli/src/output.js'

/** A checkout as a new organizer has it: git folder, templates, the example group. */
async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-out-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(path.join(REPO_ROOT, 'groups/example'), path.join(dir, 'groups/example'), {
    recursive: true,
  })
  await mkdir(path.join(dir, '.git'))
  await writeFile(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n')
  await writeFile(path.join(dir, 'README.md'), 'mine\n')
  return dir
}

describe('commands only ever replace what they wrote themselves', () => {
  it('preview --out . refuses the working folder and leaves the checkout alone', async () => {
    const dir = await checkout()
    const before = (await readdir(dir)).sort()
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', '.'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('skill-share: . is the folder you are working in')
    expect((await readdir(dir)).sort()).toEqual(before)
    expect(existsSync(path.join(dir, '.git/HEAD'))).toBe(true)
  })

  it('preview --out refuses a folder that holds the working folder', async () => {
    const dir = await checkout()
    const { code, stderr } = await cli(
      ['preview', 'example', '--out', '..'],
      path.join(dir, 'groups'),
    )
    expect(code).toBe(1)
    expect(stderr).toContain('a folder that holds the one you are working in')
    expect(existsSync(path.join(dir, 'README.md'))).toBe(true)
  })

  it('preview --out refuses a git checkout elsewhere', async () => {
    const dir = await checkout()
    const other = await checkout()
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', other], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('is a git checkout')
    expect(await readFile(path.join(other, 'README.md'), 'utf8')).toBe('mine\n')
  })

  it('preview --out refuses a non-empty folder it did not write, saying how to proceed', async () => {
    const dir = await checkout()
    await mkdir(path.join(dir, 'notes'))
    await writeFile(path.join(dir, 'notes/todo.md'), 'keep me\n')
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', 'notes'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain(
      'skill-share: notes is not empty and was not written by skill-share, so nothing was written. Give a new or empty folder',
    )
    expect(stderr).toContain(OUTPUT_MARKER)
    expect(await readdir(path.join(dir, 'notes'))).toEqual(['todo.md'])
  })

  it('preview --out refuses a path that is a file', async () => {
    const dir = await checkout()
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', 'README.md'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('README.md is a file, not a folder')
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('mine\n')
  })

  it('preview replaces its own earlier output and keeps files the user added there', async () => {
    const dir = await checkout()
    expect((await cli(['preview', 'groups/example', '--out', 'out'], dir)).code).toBe(0)
    await writeFile(path.join(dir, 'out/sessions/99-stale.md'), 'user file\n')
    await writeFile(path.join(dir, 'out/my-notes.md'), 'user file\n')
    const again = await cli(['preview', 'groups/example', '--out', 'out'], dir)
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    expect(existsSync(path.join(dir, 'out/index.md'))).toBe(true)
    expect(await readFile(path.join(dir, 'out/my-notes.md'), 'utf8')).toBe('user file\n')
    expect(await readFile(path.join(dir, 'out/sessions/99-stale.md'), 'utf8')).toBe('user file\n')
    const marker = JSON.parse(await readFile(path.join(dir, 'out', OUTPUT_MARKER), 'utf8')) as {
      files: string[]
    }
    expect(marker.files).toContain('index.md')
    expect(marker.files).not.toContain('my-notes.md')
  })

  it('preview accepts an existing empty folder', async () => {
    const dir = await checkout()
    await mkdir(path.join(dir, 'empty'))
    expect((await cli(['preview', 'groups/example', '--out', 'empty'], dir)).code).toBe(0)
    expect(existsSync(path.join(dir, 'empty/index.md'))).toBe(true)
  })

  it('a tampered marker cannot make preview remove anything outside its folder', async () => {
    const dir = await checkout()
    await mkdir(path.join(dir, 'out'))
    await writeFile(
      path.join(dir, 'out', OUTPUT_MARKER),
      JSON.stringify({ writtenBy: 'skill-share preview', files: ['../README.md', '.git/HEAD'] }),
    )
    expect((await cli(['preview', 'groups/example', '--out', 'out'], dir)).code).toBe(0)
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('mine\n')
  })

  it('rehearse --out checks the folder before playing anything', async () => {
    const dir = await checkout()
    await cp(
      path.join(REPO_ROOT, 'actions/sessions/dist'),
      path.join(dir, 'actions/sessions/dist'),
      { recursive: true },
    )
    const started = Date.now()
    const { code, stderr, stdout } = await cli(['rehearse', 'groups/example', '--out', '.'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('skill-share: . is the folder you are working in')
    expect(stdout).toBe('')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(existsSync(path.join(dir, '.git/HEAD'))).toBe(true)
  })

  it('calendar --out refuses a folder, and a file it did not write, and replaces its own', async () => {
    const dir = await checkout()
    const folder = await cli(['calendar', 'groups/example', '--out', 'groups'], dir)
    expect(folder.code).toBe(1)
    expect(folder.stderr).toContain('skill-share: groups is a folder; give a file name')
    expect(folder.stderr).not.toContain('EISDIR')

    const foreign = await cli(['calendar', 'groups/example', '--out', 'README.md'], dir)
    expect(foreign.code).toBe(1)
    expect(foreign.stderr).toContain(
      'README.md already exists and was not written by skill-share calendar',
    )
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('mine\n')

    const ours = await cli(
      ['calendar', 'groups/example', '--out', 'groups/example/calendar.ics'],
      dir,
    )
    expect(ours.code).toBe(0)
  })

  it('retro --out and binder --out refuse to overwrite a file they did not write', async () => {
    const dir = await checkout()
    await mkdir(path.join(dir, 'groups/example/notes'))
    await writeFile(
      path.join(dir, 'groups/example/notes/week-1.md'),
      '## What worked\n\n- Pairs.\n',
    )
    const retro = await cli(
      ['retro', 'groups/example', '--date', '2026-12-10', '--out', 'README.md'],
      dir,
    )
    expect(retro.code).toBe(1)
    expect(retro.stderr).toContain(
      'README.md already exists and was not written by skill-share retro',
    )
    await cp(path.join(REPO_ROOT, '.github'), path.join(dir, '.github'), { recursive: true })
    const binder = await cli(
      ['binder', 'groups/example', '--member', 'octo-ana', '--out', 'README.md'],
      dir,
    )
    expect(binder.code).toBe(1)
    expect(binder.stderr).toContain(
      'README.md already exists and was not written by skill-share binder',
    )
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe('mine\n')
  })

  it('init says plainly when a file stands where the group folder goes', async () => {
    const dir = await checkout()
    await writeFile(path.join(dir, 'groups/fall'), 'not a folder\n')
    const { code, stderr } = await cli(
      [
        'init',
        'fall',
        '--name',
        'Fall',
        '--start',
        '2026-10-25 16:00',
        '--timezone',
        'Europe/Berlin',
        '--facilitators',
        'octo-ana',
      ],
      dir,
    )
    expect(code).toBe(1)
    expect(stderr).toContain('groups/fall is a file, where a folder should be')
    expect(stderr).not.toMatch(/ENOTDIR|EEXIST/)
  })
})
