import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { cli, cliProcess, REPO_ROOT } from '../support/cli.js'

describe('skill-share rehearse', () => {
  it('plays the example cohort with the bundled actions through to the retrospective pull request', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'skill-share-rehearsal-'))
    const { code, stdout, stderr } = await cliProcess(['rehearse', 'groups/example', '--out', out])
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(code).toBe(0)

    // The timeline: every workflow ran, in time order.
    const lines = stdout.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d {2}/.test(l))
    const sources = new Set(lines.map((l) => l.slice(18).trim().split(/\s+/)[0]))
    expect([...sources].sort()).toEqual(['commands', 'forms', 'retro', 'sessions', 'start-cohort'])
    expect(lines.map((l) => l.slice(0, 16))).toEqual(lines.map((l) => l.slice(0, 16)).sort())
    expect(stdout).toMatch(/\d+ workflow runs, \d+ issues, 1 pull requests in [\d.]+s/)
    expect(lines.at(-1)).toMatch(
      /retro +opened pull request "Retrospective: example, \S+"; created branch skill-share\/retro-example-\S+; wrote groups\/example\/retros\/\S+\.md$/,
    )

    // The repository as members would find it: six weekly sessions, opened and closed.
    const index = await readFile(path.join(out, 'index.md'), 'utf8')
    for (const title of [
      'Week 1 · Kickoff · Sun 25 Oct',
      'Week 2 · Delegation without losing the plot · Sun 1 Nov',
      'Week 6 · Looking back, looking ahead · Sun 6 Dec',
    ])
      expect(index).toMatch(
        new RegExp(`\\| ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\| closed \\|`),
      )
    expect(index).toMatch(/Buddies · week 1 · @\S+ & @\S+/)

    // The retrospective: proposed, anonymized, with the scribe's notes and the consented quotes.
    const [pull] = await readdir(path.join(out, 'pulls'))
    const retro = await readFile(path.join(out, 'pulls', pull as string), 'utf8')
    expect(retro).toContain('Retrospective: example')
    expect(retro).toContain('`groups/example/retros/')
    expect(retro).toContain('## Stories and takeaways')
    expect(retro).toMatch(/- Member [A-H] [a-z]/)
    expect(retro).toContain('> A hard conversation goes better when I name the feeling first.')
    const file = 'groups/example/group.yml'
    const { group } = parseGroupFile(await readFile(path.join(REPO_ROOT, file), 'utf8'), {
      file,
      slug: 'example',
    })
    const retroFile = retro.slice(retro.indexOf('````markdown'))
    for (const member of group?.members ?? []) {
      for (const identifier of [member.name, ...(member.aliases ?? []), member.employer])
        if (identifier) expect(retroFile, identifier).not.toContain(identifier)
    }
  }, 300_000)

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
