import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderKickoff } from '../../actions/lib/cohort/issues.js'
import { loadCohortTemplates } from '../../actions/lib/workspace/cohort-templates.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { REPO_ROOT } from '../support/cli.js'
import { asOwnGroup } from '../support/workspace.js'

const repo = { serverUrl: 'https://github.com', repository: 'acme/circle', defaultBranch: 'main' }

async function checklist(text: string): Promise<string[]> {
  const { group } = parseGroupFile(text, { file: 'groups/fall/group.yml', slug: 'fall' })
  if (!group) throw new Error('group does not parse')
  const body = renderKickoff(group, buildSchedule(group), await loadCohortTemplates(REPO_ROOT), {
    repo,
    intentionForm: true,
    intentions: {},
  }).body
  return body.split('\n').filter((line) => line.startsWith('- ['))
}

describe("the organizer's checklist", () => {
  it('does not ask for the names, place and themes the group file already has', async () => {
    const example = asOwnGroup(
      await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8'),
    )
    const items = await checklist(example)
    const open = items.filter((line) => line.startsWith('- [ ]')).join('\n')
    expect(open).not.toMatch(/full name|Settle the place|settle on themes/)
    expect(items).toContain(
      '- [x] Every member has their full name in `groups/fall/group.yml`. Names never appear in issues: they are only used to scrub anything the group publishes.',
    )
    expect(items.join('\n')).toContain("- [x] The place is settled: Ana's place, 12 Alder Street")
    expect(items.join('\n')).toContain('- [x] The themes for weeks 2 to 5 are in')
  })

  it('asks for them when the form only knew logins', async () => {
    const items = await checklist(`name: Fall
timezone: Europe/Berlin
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
members:
  - { github: octo-ana, name: octo-ana, role: facilitator }
  - { github: priya-n, name: priya-n }
`)
    const open = items.filter((line) => line.startsWith('- [ ]')).join('\n')
    expect(open).toContain("Give each member's full name as their `name:`")
    expect(open).toContain('Settle the place')
    expect(open).toContain('settle on themes for weeks 2 to 5')
  })
})
