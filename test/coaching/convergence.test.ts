import { afterEach, describe, expect, it } from 'vitest'
import { runAction, type GitHubEmulator } from '../../emulator/src/index.js'
import { botComments } from '../support/github.js'
import {
  conversationIssue,
  conversationsUntil,
  GRACE,
  networkWorkspace,
  runSessionsAt,
  startNetworkRepository,
} from './network.js'

// Grace's first conversation issue opens Sunday 1 November 16:30 UTC; Tom's on Tuesday 16:00.
const OPENS = new Date('2026-11-01T17:00:00Z')
const HOUR = 3_600_000

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

const botIssues = (emulator: GitHubEmulator, state: 'open' | 'all') =>
  emulator.state.issues({ state }).filter((i) => i.user?.login === 'github-actions[bot]')

describe('conversation issues converge whatever happens to the runs', () => {
  it('keeps one issue when two runs raced to open it', async () => {
    gh = await startNetworkRepository()
    const workspace = await networkWorkspace()
    await Promise.all([runSessionsAt(gh, workspace, OPENS), runSessionsAt(gh, workspace, OPENS)])
    await runSessionsAt(gh, workspace, new Date(OPENS.getTime() + HOUR))
    expect(botIssues(gh, 'open').map((i) => i.number)).toEqual([
      conversationIssue(gh, GRACE, 1)?.number,
    ])
  }, 60_000)

  it('opens and closes nothing twice when write responses are lost after the write happened', async () => {
    gh = await startNetworkRepository()
    const workspace = await networkWorkspace()
    gh.faults.loseResponses(1_000, {
      match: (r) => r.user === 'github-actions[bot]' && r.method === 'POST',
    })
    const first = conversationsUntil(new Date('2026-11-06T00:00:00Z')).find(
      (c) => c.pair === GRACE && c.number === 1,
    )!
    for (const at of [OPENS, new Date(Date.parse(first.endsAt) + HOUR)]) {
      await runSessionsAt(gh, workspace, at)
      await runSessionsAt(gh, workspace, new Date(at.getTime() + HOUR))
    }
    gh.faults.clear()
    const issue = conversationIssue(gh, GRACE, 1)
    // Grace's first conversation, opened and closed; Tom's, opened on Tuesday, still open.
    expect(botIssues(gh, 'all').map((i) => [i.title, i.state])).toEqual([
      ['Conversation 1 · octo-ana & grace-o · Tue 3 Nov', 'closed'],
      ['Conversation 1 · octo-ana & tomvdb · Thu 5 Nov', 'open'],
    ])
    expect(botComments(gh, issue?.number ?? 0, 'conversation-closing')).toHaveLength(1)
  }, 60_000)

  it('performs no write in a dry run, and says what it would do', async () => {
    gh = await startNetworkRepository()
    const result = await runAction('sessions', {
      gh,
      workspace: await networkWorkspace(),
      now: OPENS,
      inputs: { 'dry-run': true },
    })
    await result.cleanup()
    expect(result.exitCode).toBe(0)
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(result.stdout).toContain(
      'dry run: would open the issue for group example-coaching pair 1 conversation 1',
    )
    expect(result.stdout).not.toMatch(/grace|octo-ana/)
  }, 60_000)
})
