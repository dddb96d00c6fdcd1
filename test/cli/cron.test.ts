import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { dueMoments, MAX_DELAY_HOURS } from '../../actions/lib/schedule/due.js'
import { cronMatches, loadWorkflow, parseCron } from '../../emulator/src/index.js'
import { cli, REPO_ROOT } from '../support/cli.js'

const WORKFLOW = '.github/workflows/sessions.yml'

/** A repository with the template's workflows and templates and the example as a real group. */
async function repository(): Promise<{ root: string; groupText: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'skill-share-cron-'))
  await cp(path.join(REPO_ROOT, '.github'), path.join(root, '.github'), { recursive: true })
  await cp(path.join(REPO_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true })
  const groupText = (
    await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  ).replace(/^example: true.*\n/m, '')
  await mkdir(path.join(root, 'groups/fall'), { recursive: true })
  await writeFile(path.join(root, 'groups/fall/group.yml'), groupText)
  return { root, groupText }
}

function crons(workflowText: string): string[] {
  return [...workflowText.matchAll(/- cron: '([^']+)'/g)].map((m) => m[1] as string)
}

describe('skill-share cron', () => {
  it('prints cron lines that run within a few hours after every due moment of the year, and no more', async () => {
    const { root, groupText } = await repository()
    const { code, stdout } = await cli(['cron', '--repo', root, '--from', '2026-10-01'])
    expect(code).toBe(0)
    const lines = crons(stdout).map(parseCron)
    expect(lines.length).toBeGreaterThan(5)
    const { group } = parseGroupFile(groupText, { file: 'groups/fall/group.yml', slug: 'fall' })
    const from = new Date('2026-10-01T00:00:00Z')
    const moments = dueMoments(group!, from, new Date(from.getTime() + 365 * 86_400_000))
    expect(moments.map((m) => m.what)).toEqual(
      expect.arrayContaining(['opens', 'day-before', 'ends', 'buddy-reminder', 'retrospective']),
    )
    for (const moment of moments) {
      const start = Math.ceil(Date.parse(moment.at) / 60_000) * 60_000
      const firings = []
      for (let t = start; t <= start + MAX_DELAY_HOURS * 3_600_000; t += 60_000)
        if (lines.some((c) => cronMatches(c, new Date(t)))) firings.push(t)
      expect(firings.length, `${moment.what} ${moment.at}`).toBeGreaterThan(0)
    }
    // No idle firing: every firing in the weekly phase follows a due moment by at most 2h17.
    for (
      let t = Date.parse('2026-10-20T00:00:00Z');
      t < Date.parse('2026-12-10T00:00:00Z');
      t += 60_000
    ) {
      if (!lines.some((c) => cronMatches(c, new Date(t)))) continue
      expect(
        moments.some((m) => t - Date.parse(m.at) >= 0 && t - Date.parse(m.at) <= 137 * 60_000),
      ).toBe(true)
    }
  })

  it('writes them into sessions.yml between its markers, and validate stops warning', async () => {
    const { root } = await repository()
    const before = await readFile(path.join(root, WORKFLOW), 'utf8')
    const warned = await cli(['validate', '--repo', root])
    expect(warned.stderr).toMatch(
      /^\.github\/workflows\/sessions\.yml:\d+:1: warning: on\.schedule: the cron lines miss \d+ due moment\(s\) of fall in the next 60 days .*run "npx skill-share cron --write"/m,
    )

    const written = await cli(['cron', '--repo', root, '--write'])
    expect(written.code).toBe(0)
    expect(written.stderr).toMatch(/^wrote \.github\/workflows\/sessions\.yml: \d+ cron line\(s\)/)
    const after = await readFile(path.join(root, WORKFLOW), 'utf8')
    expect(crons(after)).not.toEqual(crons(before))
    // Everything outside the markers is as it was, and GitHub's parser accepts the file.
    const outside = (text: string) =>
      text.replace(/# skill-share cron: begin[\s\S]*# skill-share cron: end/, '')
    expect(outside(after)).toBe(outside(before))
    const workflow = await loadWorkflow('sessions.yml', after)
    expect(workflow.events.schedule?.map((s) => s.cron)).toEqual(crons(after))

    const validated = await cli(['validate', '--repo', root])
    expect(validated.stderr).not.toContain('on.schedule')
    const again = await cli(['cron', '--repo', root, '--write'])
    expect(again.stderr).toMatch(/^unchanged /)
  })

  it('refuses a workflow without the markers, and writes nothing', async () => {
    const { root } = await repository()
    const file = path.join(root, WORKFLOW)
    const text = (await readFile(file, 'utf8')).replace(
      /^.*# skill-share cron: (begin|end).*\n/gm,
      '',
    )
    await writeFile(file, text)
    const { code, stderr } = await cli(['cron', '--repo', root, '--write'])
    expect(code).toBe(1)
    expect(stderr).toContain('has no "# skill-share cron: begin" / "# skill-share cron: end" lines')
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('keeps the daily line when no group runs (only the examples)', async () => {
    const { stdout } = await cli(['cron', '--repo', REPO_ROOT])
    expect(crons(stdout)).toEqual(['17 6 * * *'])
  })
})
