import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { REPO_ROOT } from '../support/cli.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

const HOUR = 3_600_000

/** `count` copies of the example circle, all on its calendar. */
async function circles(count: number): Promise<string> {
  const example = await readFile(`${REPO_ROOT}/groups/example/group.yml`, 'utf8')
  const groups: Record<string, string> = {}
  for (let i = 1; i <= count; i++) groups[`circle-${i}`] = example
  return workspaceWith(groups)
}

/** Runs an action every hour from `at` until a run leaves nothing waiting. */
async function untilDone(gh: GitHubEmulator, ws: string, name: string, at: string) {
  const runs = []
  for (let t = Date.parse(at), i = 0; i < 12; i++, t += HOUR) {
    const run = await runAction(name, {
      gh,
      workspace: ws,
      now: new Date(t),
      eventName: 'schedule',
    })
    runs.push(run)
    await run.cleanup()
    if (!run.stdout.includes('waits for the next run')) break
  }
  return runs
}

function pairIssues(gh: GitHubEmulator): string[] {
  return gh.state
    .issues({ state: 'all' })
    .flatMap((i) => (i.body ?? '').match(/skill-share:check-in group=\S+ week=\d+ pair=\d+/) ?? [])
}

describe('the hourly sweep at scale', () => {
  it('spends one request in an idle hour, whatever the number of groups', async () => {
    const gh = await startGitHub({
      users: EXAMPLE_MEMBERS,
      plan: 'team',
      now: '2026-10-01T00:00:00Z',
    })
    try {
      const ws = await circles(12)
      await untilDone(gh, ws, 'sessions', '2026-10-22T23:17:00Z')
      const [idle] = await untilDone(gh, ws, 'commands', '2026-10-23T05:47:00Z')
      expect(idle?.exitCode).toBe(0)
      expect(idle?.requests.map((r) => `${r.method} ${r.path} ${r.query['labels']}`)).toEqual([
        'GET /repos/acme/circle/issues skill-share',
      ])
    } finally {
      await gh.close()
    }
  }, 300_000)

  it('stops before the hour runs out, asks GitHub nothing it would refuse, and the next run finishes', async () => {
    const gh = await startGitHub({
      users: EXAMPLE_MEMBERS,
      plan: 'team',
      rateLimit: 15,
      now: '2026-10-01T00:00:00Z',
    })
    try {
      const ws = await circles(3)
      await untilDone(gh, ws, 'sessions', '2026-10-22T23:17:00Z')
      await untilDone(gh, ws, 'sessions', '2026-10-26T01:17:00Z')
      const runs = await untilDone(gh, ws, 'commands', '2026-10-26T01:47:00Z')
      expect(runs.length).toBeGreaterThan(1)
      for (const run of runs) {
        expect(run.exitCode).toBe(0)
        expect(run.requests.filter((r) => r.status === 403 || r.status === 429)).toEqual([])
      }
      expect(runs[0]?.summary).toContain('wait for the next run')
      const pairs = pairIssues(gh)
      expect(pairs).toHaveLength(12)
      expect(new Set(pairs).size).toBe(12)
    } finally {
      await gh.close()
    }
  }, 600_000)
})
