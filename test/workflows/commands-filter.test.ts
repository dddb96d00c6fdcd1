import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubEmulator, WorkflowRunner } from '../../emulator/src/index.js'
import { asMember } from '../support/github.js'
import { repositoryWithWorkflows } from '../support/workflows.js'

// Which comments start a billed job of commands.yml: GitHub's own evaluator decides, on the real
// workflow file, through the local runner.
let gh: GitHubEmulator
let runner: WorkflowRunner
let close: () => Promise<void>
let issue: number

beforeAll(async () => {
  const repository = await repositoryWithWorkflows()
  ;({ gh, runner, close } = repository)
  const { data } = await asMember(gh, 'octo-ana').rest.issues.create({
    owner: 'acme',
    repo: 'circle',
    title: 'Week 2',
  })
  issue = data.number
  await runner.settle()
})

afterAll(() => close())

async function reconcileAfter(act: () => Promise<unknown>): Promise<string | undefined> {
  const before = runner.runs.length
  await act()
  await runner.settle()
  const run = runner.runs.slice(before).find((r) => r.workflow === 'commands.yml')
  return run?.jobs.find((j) => j.job === 'reconcile')?.conclusion
}

const comment = (body: string) => () =>
  asMember(gh, 'octo-ben').rest.issues.createComment({
    owner: 'acme',
    repo: 'circle',
    issue_number: issue,
    body,
  })

describe('commands.yml: which comments start a billed job', () => {
  it.each([
    ['/rsvp yes', 'success'],
    ['Looking forward!\n   /rsvp maybe', 'success'],
    ['\uFF0Frsvp yes', 'success'],
    ['Thanks, see https://example.com/a/b for the slides', 'skipped'],
    ['I agree with that', 'skipped'],
    ['    /rsvp no (indented: code, not a command)', 'skipped'],
  ])('%j → %s', async (body, conclusion) => {
    expect(await reconcileAfter(comment(body))).toBe(conclusion)
  })

  it('runs for an edit that removed a command, and for a deleted command', async () => {
    const { data } = await comment('/rsvp yes')()
    await runner.settle()
    const member = asMember(gh, 'octo-ben')
    const edited = await reconcileAfter(() =>
      member.rest.issues.updateComment({
        owner: 'acme',
        repo: 'circle',
        comment_id: data.id,
        body: 'Changed my mind, sorry',
      }),
    )
    expect(edited).toBe('success')
    const { data: second } = await comment('/topic Hiring')()
    await runner.settle()
    const deleted = await reconcileAfter(() =>
      member.rest.issues.deleteComment({ owner: 'acme', repo: 'circle', comment_id: second.id }),
    )
    expect(deleted).toBe('success')
  })

  it('starts no workflow at all for a reaction', async () => {
    const before = runner.runs.length
    await asMember(gh, 'octo-ben').rest.reactions.createForIssue({
      owner: 'acme',
      repo: 'circle',
      issue_number: issue,
      content: '+1',
    })
    await runner.settle()
    expect(runner.runs.length).toBe(before)
  })
})
