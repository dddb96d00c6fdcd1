import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { FORM_KINDS } from '../../actions/lib/forms/catalog.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { createClient } from '../../actions/lib/github/client.js'
import { Repository } from '../../actions/lib/github/repository.js'
import { collectSubmissions } from '../../actions/lib/github/submissions.js'
import { loadFormTemplates } from '../../actions/lib/workspace/forms.js'
import { REPO_ROOT } from '../support/cli.js'
import { OWNER, REPO } from '../support/github.js'
import {
  exampleWorkspace,
  homeworkBody,
  OUTSIDER,
  runForms,
  startRepository,
  submit,
  WEEK_2_OPEN,
} from './helpers.js'

const EXAMPLE = (() => {
  const text = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('the example group is invalid')
  return group
})()

describe('collectSubmissions reads accepted submissions back from the issues', () => {
  let gh: GitHubEmulator
  let numbers: Record<string, number>

  beforeAll(async () => {
    gh = await startRepository()
    const workspace = await exampleWorkspace()
    gh.clock.set(WEEK_2_OPEN)
    numbers = {
      priya: await submit(gh, 'priya-n', homeworkBody({ scores: [6, 8, 4] })),
      grace: await submit(gh, 'grace-o', homeworkBody({ scores: [3, 9, 7] })),
      broken: await submit(gh, 'jmartin', homeworkBody({ scores: [12, 9, 7] })),
      outsider: await submit(gh, OUTSIDER, homeworkBody()),
    }
    for (const n of Object.values(numbers)) await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
  }, 60_000)
  afterAll(() => gh.close())

  it('returns each member submission with its author, skipping needs-fix and outsiders', async () => {
    const github = new Repository(createClient({ token: 'test', baseUrl: gh.url }), OWNER, REPO)
    const templates = await loadFormTemplates(REPO_ROOT)
    const collected = await collectSubmissions(github, {
      kind: 'homework',
      group: EXAMPLE,
      formYaml: templates.homework ?? '',
    })
    expect(collected.map((c) => [c.issue.number, c.author])).toEqual([
      [numbers['priya'], 'priya-n'],
      [numbers['grace'], 'grace-o'],
    ])
    expect(collected[1]?.submission).toMatchObject({
      kind: 'homework',
      group: 'example',
      session: 2,
      scores: { work: 3, family: 9, self: 7 },
      circle: ['work', 'self'],
    })
  })

  it('finds every form the repository offers, and leaves out one it does not', async () => {
    const templates = await loadFormTemplates(REPO_ROOT)
    expect(Object.keys(templates).sort()).toEqual([...FORM_KINDS].sort())
    expect(await loadFormTemplates(path.join(REPO_ROOT, 'groups'))).toEqual({})
  })
})
