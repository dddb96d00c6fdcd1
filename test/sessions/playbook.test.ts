import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { sessionContext } from '../../actions/lib/sessions/issue.js'
import { playbookLinks } from '../../actions/lib/sessions/links.js'

const TEXT = readFileSync(new URL('../../groups/example/group.yml', import.meta.url), 'utf8')
const load = (text: string): Group => {
  const { group, problems } = parseGroupFile(text, {
    file: 'groups/example/group.yml',
    slug: 'example',
  })
  if (!group) throw new Error(problems.map((p) => p.message).join('; '))
  return group
}
const REPO = { serverUrl: 'https://github.com', repository: 'acme/leads', defaultBranch: 'main' }

describe('the playbook in the session issues', () => {
  const group = load(TEXT)
  const sessions = buildSchedule(group)
  const context = (n: number, g: Group = group) =>
    sessionContext(g, buildSchedule(g)[n - 1]!, {
      homework: 'https://example.test/homework',
      ...playbookLinks(REPO, g),
    })

  it("shows a theme's prep in its own issue, and nowhere else", () => {
    expect(sessions[1]?.prep).toContain('Bring one task you kept last month')
    expect(context(2)['prep']).toMatch(/^### To prepare\n\nBring one task/)
    expect(context(3)['prep']).toBe('')
  })

  it('asks for the pulse in week 2 only', () => {
    expect(context(2)['pulse']).toContain('template=pulse.yml')
    expect(context(3)['pulse']).toBe('')
  })

  it('links the closing-reflection form and the reading list', () => {
    expect(context(6)['reflection_link']).toBe(
      'https://github.com/acme/leads/issues/new?template=reflection.yml&title=Reflection%20%C2%B7%20example&group=example',
    )
    expect(context(6)['reading_list']).toBe(
      'https://github.com/acme/leads/blob/main/docs/reading-list.md',
    )
  })

  it('follows the closing decision in the meetings after the weekly phase', () => {
    expect(context(7)['homework_step']).toContain('[homework](https://example.test/homework)')
    expect(context(7)['seats']).toBe('')
    const decided = load(
      TEXT.replace(
        'then: monthly',
        'then: monthly\ncontinuation: { homework: false, seats: nominations, cap: 10 }',
      ),
    )
    expect(context(7, decided)['homework_step']).toContain('No homework for these meetings')
    expect(context(7, decided)['seats']).toBe(
      '- **New members:** welcome by nomination, up to 10 members in all. Know someone? [Nominate them](https://github.com/acme/leads/issues/new?template=nomination.yml&title=Nomination%20%C2%B7%20example&group=example): who, why, and how you know them.',
    )
  })

  it('refuses a prep that is not text the issue can show', () => {
    const bad = TEXT.replace('prep: "Bring', 'prep: "\u001b[31mBring')
    expect(() => load(bad)).toThrow(/control character/)
  })
})
