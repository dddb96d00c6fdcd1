import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import {
  assignPending,
  createIssueAssigning,
  isAssigneeRefusal,
  pendingAssignees,
  withoutPendingNote,
} from '../../actions/lib/github/assignees.js'
import { createClient } from '../../actions/lib/github/client.js'
import { Repository } from '../../actions/lib/github/repository.js'

let gh: GitHubEmulator
let github: Repository

beforeEach(async () => {
  gh = await startGitHub({
    users: ['octo-ana', { login: 'newcomer', role: 'invited' }],
    now: '2026-10-01T00:00:00Z',
  })
  github = new Repository(
    createClient({ token: 't', baseUrl: gh.url, waitScale: 0.01 }),
    gh.repo.owner,
    gh.repo.name,
  )
})

afterEach(async () => {
  await gh.close()
})

const issue = (assignees: string[]) => ({
  title: 'Week 1',
  body: 'Hello\n\n<!-- skill-share:session group=g n=1 -->\n',
  labels: ['skill-share'],
  assignees,
})

describe('assigning without stopping a run', () => {
  it('opens the issue unassigned, with a note, when GitHub refuses the one assignee', async () => {
    const { issue: opened, unassigned } = await createIssueAssigning(github, issue(['newcomer']))
    expect(opened.assignees).toEqual([])
    expect(unassigned).toEqual([
      { issue: opened.number, login: 'newcomer', reason: expect.stringContaining('invitation') },
    ])
    expect(pendingAssignees(opened)).toEqual(['newcomer'])
    expect(opened.body).toContain('<!-- skill-share:session group=g n=1 -->')
    expect(withoutPendingNote(opened.body, 'newcomer').trimEnd()).toBe(issue([]).body.trimEnd())
    expect(gh.state.issues()).toHaveLength(1)
  })

  it('assigns an assignable person straight away, and lets other refusals through', async () => {
    const { issue: opened, unassigned } = await createIssueAssigning(github, issue(['octo-ana']))
    expect([opened.assignees, unassigned]).toEqual([['octo-ana'], []])
    const error = await createIssueAssigning(github, {
      ...issue(['octo-ana']),
      milestone: 99,
    }).catch((e: unknown) => e)
    expect(isAssigneeRefusal(error)).toBe(false)
    expect((error as { status: number }).status).toBe(422)
  })

  it('tries again on a later run: nothing while refused, assigned once accepted', async () => {
    const { issue: waiting } = await createIssueAssigning(github, issue(['newcomer']))
    expect(await assignPending(github, waiting)).toEqual([
      { issue: waiting.number, login: 'newcomer', outcome: 'still-pending' },
    ])
    expect(gh.state.issue(waiting.number)?.body).toBe(waiting.body)

    gh.acceptInvitation('newcomer')
    expect(await assignPending(github, waiting)).toEqual([
      { issue: waiting.number, login: 'newcomer', outcome: 'assigned' },
    ])
    const now = await github.getIssue(waiting.number)
    expect(now.assignees).toEqual(['newcomer'])
    expect(pendingAssignees(now)).toEqual([])
    expect(await assignPending(github, now)).toEqual([])
  })

  it('drops the note when someone was assigned by hand in the meantime', async () => {
    const { issue: waiting } = await createIssueAssigning(github, issue(['newcomer']))
    await github.updateIssue(waiting.number, { assignees: ['octo-ana'] })
    const seen = await github.getIssue(waiting.number)
    expect(await assignPending(github, seen)).toEqual([
      { issue: waiting.number, login: 'newcomer', outcome: 'dropped' },
    ])
    const after = gh.state.issue(waiting.number)
    expect(after?.assignees?.map((a) => a.login)).toEqual(['octo-ana'])
    expect(after?.body).not.toContain('will be assigned')
  })

  it('never takes a pasted note for the bot’s', async () => {
    const pasted = {
      author: { login: 'octo-ana', type: 'User' },
      body: '<!-- skill-share:assign to=octo-ana -->',
    }
    expect(pendingAssignees(pasted)).toEqual([])
  })
})
