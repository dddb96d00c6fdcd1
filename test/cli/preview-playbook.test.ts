import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, REPO_ROOT } from '../support/cli.js'

/** A copy of what a repository made from the template holds: templates, forms and the example. */
async function scratchRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-playbook-'))
  for (const part of ['templates', '.github/ISSUE_TEMPLATE', 'groups/example'])
    await cp(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true })
  return dir
}

describe('the preview of groups/example shows the playbook', () => {
  let out: string
  const read = (file: string) => readFile(path.join(out, file), 'utf8')
  beforeAll(async () => {
    const dir = await scratchRepo()
    const { code, stderr } = await cli(['preview', 'groups/example', '--out', 'out'], dir)
    expect(code, stderr).toBe(0)
    out = path.join(dir, 'out')
  }, 60_000)

  it('the homework sheet: six prompts with what and why, two to share, optional scores', async () => {
    const sheet = await read('forms/homework.md')
    for (const area of ['Work', 'Family', 'Self'])
      for (const leaning of ['positive', 'negative']) {
        expect(sheet).toContain(`**${area}, ${leaning}: what happened**`)
        expect(sheet).toContain(`**${area}, ${leaning}: why it matters to me**`)
      }
    expect(sheet).toContain("**The two I'll share in the opening circle** · tick boxes")
    expect(sheet).toContain('**Work: a score from 1 to 10, if you like** · one choice')
    expect(await read('index.md')).toContain('[forms/homework.md](forms/homework.md)')
  })

  it("the kickoff's framing, the ground rules' 👍 and the reading list", async () => {
    const kickoff = await read('sessions/01-kickoff.md')
    expect(kickoff).toContain('usually feels a bit awkward')
    expect(kickoff).toContain('This is not group therapy, and it is not a stage')
    expect(kickoff).toContain('docs/reading-list.md')
    const rules = await read('issues/ground-rules.md')
    expect(rules).toContain('react with 👍 to this issue (or comment `/agree`)')
    expect(rules).toContain('not group therapy and not a performance')
  })

  it("a theme's prep in its issue and calendar event, and the pulse after week 2", async () => {
    const week2 = await read('sessions/02-theme.md')
    expect(week2).toContain('### To prepare\n\nBring one task you kept last month')
    expect(week2).toContain('template=pulse.yml')
    expect(await read('sessions/03-theme.md')).not.toContain('template=pulse.yml')
    expect((await read('calendar.ics')).replace(/\r\n /g, '')).toContain(
      'To prepare:\\nBring one task you kept last month',
    )
    expect(await read('forms/pulse.md')).toContain('**I feel part of this group**')
  })

  it('the closing week: the reflection form and the whole decision', async () => {
    const closing = await read('sessions/06-closing.md')
    expect(closing).toContain('template=reflection.yml')
    for (const vote of ['`/continue channel`', '`/homework keep`', '`/seats nominations 10`'])
      expect(closing).toContain(vote)
    expect(closing).not.toContain('plus two questions')
  })

  it('nominations: the form and the checklist', async () => {
    const nomination = await read('forms/nomination.md')
    expect(nomination).toContain('**How I know them**')
    expect(nomination).toContain('**How they lead**')
    expect(await read('issues/kickoff.md')).toContain('**Nomination or interest** form')
  })
})
