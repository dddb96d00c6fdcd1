import { afterAll, beforeAll, describe, it } from 'vitest'
import { runAction, type FaultRequest, type GitHubEmulator } from '../../emulator/src/index.js'
import { snapshot } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'
import { simulate, startExampleRepository, thumbsUp } from './simulation.js'

// Four weeks: the kickoff, the daylight-saving week, day-before statuses and three closings.
const FROM = new Date('2026-10-20T00:00:00Z')
const TO = new Date('2026-11-17T00:00:00Z')
const HALF_HOUR = 1_800_000
// The workflow's firings after every due moment, plus a quiet-time run every week.
const WINDOW = { from: FROM, to: TO }

/** Five members 👍 week 2 once its issue is up (the scripted members are never faulted). */
async function rsvpWeek2(gh: GitHubEmulator) {
  if (!rsvped.has(gh)) {
    if (await thumbsUp(gh, 2, EXAMPLE_MEMBERS.slice(0, 5))) rsvped.add(gh)
  }
}
const rsvped = new WeakSet<GitHubEmulator>()
const fromBot = (request: FaultRequest) => request.user === 'github-actions[bot]'
const botPosts = (request: FaultRequest) => fromBot(request) && request.method === 'POST'

/** The undisturbed run every scenario must end like; it runs alongside them. */
async function baseline() {
  const gh = await startExampleRepository()
  await simulate(gh, { ...WINDOW, beforeRun: rsvpWeek2 })
  const state = snapshot(gh)
  await gh.close()
  return state
}
let clean: ReturnType<typeof baseline>
beforeAll(() => {
  clean = baseline()
  // Awaited by every test; this only keeps an early failure from counting as unhandled.
  clean.catch(() => undefined)
})

const open: GitHubEmulator[] = []
afterAll(async () => {
  await Promise.all(open.map((gh) => gh.close()))
})

async function repository() {
  const gh = await startExampleRepository()
  open.push(gh)
  return gh
}

function sessionKeys(gh: GitHubEmulator, state: 'open' | 'all') {
  return gh.state
    .issues({ state })
    .filter((i) => i.user?.login === 'github-actions[bot]')
    .map((i) => (i.body ?? '').match(/skill-share:session group=example n=(\d+)/)?.[1])
    .filter(Boolean)
}

// Each scenario has its own emulator and workspace, so they run side by side: most of their time
// is spent waiting on the action processes they start.
describe('sessions converge whatever happens to the runs', () => {
  it.concurrent(
    'opens and closes four weeks of sessions, with statuses and closing comments, as the baseline',
    async ({ expect }) => {
      expect((await clean).map((i) => [i.number, i.state, i.botComments])).toEqual(
        [1, 2, 3, 4].map((n) => [n, 'closed', ['status', 'closing']]),
      )
    },
    300_000,
  )

  it.concurrent(
    'ends in the same state when every run is executed twice',
    async ({ expect }) => {
      const gh = await repository()
      const runs = await simulate(gh, {
        ...WINDOW,
        beforeRun: rsvpWeek2,
        runsPerHour: (at) => [at, at],
      })
      expect(runs.every((r) => r.exitCode === 0)).toBe(true)
      expect(snapshot(gh)).toEqual(await clean)
    },
    300_000,
  )

  it.concurrent(
    'ends in the same state with a second schedule interleaved half an hour later',
    async ({ expect }) => {
      const gh = await repository()
      await simulate(gh, {
        ...WINDOW,
        beforeRun: rsvpWeek2,
        runsPerHour: (at) => [at, new Date(at.getTime() + HALF_HOUR)],
      })
      expect(snapshot(gh)).toEqual(await clean)
    },
    300_000,
  )

  it.concurrent(
    'ends in the same state when 20% of requests fail with 502',
    async ({ expect }) => {
      const gh = await repository()
      gh.faults.failRandomly(0.2, { seed: 'sessions-502', match: fromBot })
      await simulate(gh, { ...WINDOW, beforeRun: rsvpWeek2 })
      gh.faults.clear()
      const failedRequests = gh.requests.filter((r) => r.status === 502).length
      expect(failedRequests).toBeGreaterThan(20)
      expect(snapshot(gh)).toEqual(await clean)
    },
    300_000,
  )

  it.concurrent(
    'creates nothing twice when write responses are lost after the write happened',
    async ({ expect }) => {
      const gh = await repository()
      gh.faults.loseResponses(1_000, { match: botPosts })
      await simulate(gh, { ...WINDOW, beforeRun: rsvpWeek2 })
      gh.faults.clear()
      expect(snapshot(gh)).toEqual(await clean)
    },
    300_000,
  )

  it.concurrent(
    'ends in the same state under a secondary rate limit with retry-after',
    async ({ expect }) => {
      const gh = await repository()
      // Five refusals in a row: the throttling plugin waits out each retry-after (scaled down in
      // tests) up to three times, so the run at the kickoff's firing fails cleanly, and the next
      // firing (the day before the meeting) opens the issue. (Two failed firings in a row before
      // a meeting would leave its issue unopened: the workflow has no firing in between.)
      gh.faults.secondaryRateLimit({ times: 5, retryAfter: 30, match: botPosts })
      const runs = await simulate(gh, { ...WINDOW, beforeRun: rsvpWeek2 })
      expect(gh.requests.filter((r) => r.status === 403).length).toBe(5)
      const failed = runs.filter((r) => r.exitCode !== 0)
      expect(failed.length).toBe(1)
      for (const run of failed) expect(run.stdout).toContain('::error::failed for: example')
      expect(snapshot(gh)).toEqual(await clean)
    },
    300_000,
  )

  it.concurrent(
    'fails cleanly when the primary rate limit runs out mid-run, and the next run completes',
    async ({ expect }) => {
      const gh = await repository()
      const workspace = await workspaceWith({ example: { from: 'groups/example' } })
      const at = new Date('2026-10-23T00:00:00Z')
      gh.faults.primaryRateLimit({ times: 10, resetIn: 3_600, match: botPosts })
      const limited = await runAction('sessions', { gh, workspace, now: at, eventName: 'schedule' })
      expect(limited.exitCode).toBe(1)
      expect(limited.stdout).toMatch(/::error::.*(rate limit|failed for: example)/i)
      expect(limited.stdout).not.toMatch(/\n\s+at /)
      gh.faults.clear()
      const next = await runAction('sessions', {
        gh,
        workspace,
        now: new Date(at.getTime() + 3_600_000),
        eventName: 'schedule',
      })
      expect(next.exitCode).toBe(0)
      expect(sessionKeys(gh, 'all')).toEqual(['1'])
    },
    120_000,
  )

  it.concurrent(
    'converges after two runs raced: the next run closes the later duplicate',
    async ({ expect }) => {
      const gh = await repository()
      const workspace = await workspaceWith({ example: { from: 'groups/example' } })
      const at = new Date('2026-10-23T00:00:00Z')
      const race = () => runAction('sessions', { gh, workspace, now: at, eventName: 'schedule' })
      await Promise.all([race(), race()])
      await runAction('sessions', {
        gh,
        workspace,
        now: new Date(at.getTime() + 3_600_000),
        eventName: 'schedule',
      })
      expect(sessionKeys(gh, 'open')).toEqual(['1'])
    },
    120_000,
  )

  it.concurrent(
    'performs no write in a dry run, and says what it would do',
    async ({ expect }) => {
      const gh = await repository()
      const workspace = await workspaceWith({ example: { from: 'groups/example' } })
      const result = await runAction('sessions', {
        gh,
        workspace,
        now: new Date('2026-10-23T00:00:00Z'),
        eventName: 'workflow_dispatch',
        inputs: { 'dry-run': true },
      })
      expect(result.exitCode).toBe(0)
      expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect(result.stdout).toContain('dry run: would open the issue for group example session 1')
      expect(result.summary).toContain('dry run: nothing written')
    },
    60_000,
  )
})
