import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import {
  comment,
  commentEventPayload,
  exampleWorkspace,
  expectOk,
} from '../commands-action/helpers.js'
import { OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS } from '../support/workspace.js'

/*
 * A group that replaces GITHUB_TOKEN with a personal token (here of a machine user) or a GitHub
 * App's installation token writes as that user or app. The bot's markers must keep counting, or
 * every hourly run would open everything again.
 */

const TOKEN = 'replacement-token'
const SESSION_1 = '<!-- skill-share:session group=example n=1 '

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

describe.each([
  ['a personal token of a machine user', { login: 'circle-bot' }],
  [
    "a GitHub App's installation token",
    { login: 'skill-share-app[bot]', permission: 'write' as const },
  ],
])('with %s', (_, identity) => {
  it('runs sessions and commands twice each and creates nothing twice', async () => {
    gh = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: true,
      users: [...EXAMPLE_MEMBERS, identity],
      tokens: { [TOKEN]: identity.login },
      now: '2026-10-20T00:00:00Z',
    })
    const workspace = await exampleWorkspace()
    const inputs = { 'github-token': TOKEN }
    const sessions = async (now: string) =>
      expectOk(
        await runAction('sessions', { gh: gh!, workspace, now, eventName: 'schedule', inputs }),
      )
    const sweep = async (now: string) =>
      expectOk(
        await runAction('commands', { gh: gh!, workspace, now, eventName: 'schedule', inputs }),
      )

    await sessions('2026-10-22T23:30:00Z')
    await sessions('2026-10-22T23:45:00Z')
    const opened = gh.state.issues({ state: 'all' }).filter((i) => i.body?.includes(SESSION_1))
    expect(opened).toHaveLength(1)
    const issue = opened[0]!
    expect(issue.user?.login).toBe(identity.login)

    // A member's command, reconciled twice (a redelivered event): one status, one reply at most.
    const now = '2026-10-23T12:00:00Z'
    gh.clock.set(now)
    const id = await comment(gh, 'bkowalski', issue.number, '/rsvp yes')
    const payload = commentEventPayload(gh, { action: 'created', id })
    for (let run = 0; run < 2; run++) {
      expectOk(
        await runAction('commands', {
          gh,
          workspace,
          now,
          eventName: 'issue_comment',
          event: payload,
          inputs,
        }),
      )
    }
    const own = gh.state.comments(issue.number).filter((c) => c.user?.login === identity.login)
    const statuses = own.filter((c) => c.body?.includes('<!-- skill-share:status '))
    expect(statuses).toHaveLength(1)
    expect(statuses[0]?.body).toContain('@bkowalski')
    expect(own.length).toBe(new Set(own.map((c) => c.body)).size)

    // The day-before status and the buddies, each run twice: nothing twice.
    await sessions('2026-10-25T01:00:00Z')
    await sessions('2026-10-25T01:30:00Z')
    await sweep('2026-10-26T02:00:00Z')
    await sweep('2026-10-26T03:00:00Z')
    const all = gh.state.issues({ state: 'all' })
    expect(all.filter((i) => i.body?.includes(SESSION_1))).toHaveLength(1)
    const pairs = all.filter((i) =>
      i.body?.includes('<!-- skill-share:check-in group=example week=1 '),
    )
    expect(pairs).toHaveLength(EXAMPLE_MEMBERS.length / 2)
    expect(all.every((i) => i.user?.login === identity.login)).toBe(true)
    const statusNow = gh.state
      .comments(issue.number)
      .filter((c) => c.body?.includes('<!-- skill-share:status '))
    expect(statusNow).toHaveLength(1)
    // It learned who it is from GitHub (GraphQL viewer), not from a hard-coded name.
    expect(gh.requests.some((r) => r.method === 'POST' && r.path === '/graphql')).toBe(true)
    expect(gh.errors).toEqual([])
  }, 120_000)
})
