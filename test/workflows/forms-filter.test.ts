import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubEmulator, WorkflowRunner } from '../../emulator/src/index.js'
import { asMember } from '../support/github.js'
import { repositoryWithWorkflows } from '../support/workflows.js'

// Which issue events start a billed job of forms.yml, decided by GitHub's evaluator on the real file.
let gh: GitHubEmulator
let runner: WorkflowRunner
let close: () => Promise<void>

beforeAll(async () => {
  const repository = await repositoryWithWorkflows()
  ;({ gh, runner, close } = repository)
  for (const name of ['homework', 'skill-share'])
    await asMember(gh, 'octo-ana').rest.issues.createLabel({ owner: 'acme', repo: 'circle', name })
  await runner.settle()
})

afterAll(() => close())

async function formsJob(act: () => Promise<unknown>): Promise<string | undefined> {
  const before = runner.runs.length
  await act()
  await runner.settle()
  const run = runner.runs.slice(before).find((r) => r.workflow === 'forms.yml')
  return run?.jobs[0]?.conclusion
}

const open =
  (body: string, labels: string[] = []) =>
  () =>
    asMember(gh, 'octo-ben').rest.issues.create({
      owner: 'acme',
      repo: 'circle',
      title: 'Something',
      body,
      labels,
    })

describe('forms.yml: which issue events start a billed job', () => {
  it('runs for a form submission (its ### headings), and for a form label whose headings were edited away', async () => {
    expect(await formsJob(open('### Group\n\nfall\n\n### Session\n\n2'))).toBe('success')
    expect(await formsJob(open('my homework, typed by hand', ['homework']))).toBe('success')
  })

  it('skips, at no cost, an issue that is not a form submission', async () => {
    expect(await formsJob(open('Can we move the meeting?'))).toBe('skipped')
    expect(runner.jobs.at(-1)?.billable_minutes).toBe(0)
  })

  it('starts nothing for an issue the bot opens', async () => {
    const before = runner.runs.length
    await fetch(`${gh.url}/repos/acme/circle/issues`, {
      method: 'POST',
      headers: { authorization: 'token job', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Week 3', body: '### Agenda' }),
    })
    await runner.settle()
    expect(runner.runs.length).toBe(before)
  })
})
