import { afterEach, describe, expect, it } from 'vitest'
import path from 'node:path'
import {
  REPO_ROOT,
  startGitHub,
  WorkflowRunner,
  type GitHubEmulator,
} from '../../emulator/src/index.js'

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/workflows')

let gh: GitHubEmulator | undefined
let runner: WorkflowRunner | undefined

afterEach(async () => {
  await runner?.close()
  await gh?.close()
  runner = undefined
  gh = undefined
})

async function start(options: { workflows?: string; root?: string } = {}) {
  gh = await startGitHub({
    repo: 'acme/circle',
    private: true,
    users: [{ login: 'octo-ana', role: 'owner' }, 'octo-ben'],
    now: '2026-11-02T09:00:00Z',
  })
  runner = new WorkflowRunner({
    gh,
    root: options.root ?? FIXTURE,
    workflows: options.workflows ?? path.join(FIXTURE, 'workflows'),
  })
  return { gh, runner }
}

async function api(
  gh: GitHubEmulator,
  as: string | undefined,
  method: string,
  route: string,
  body?: object,
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (as) Object.assign(headers, gh.userHeaders(as))
  else headers.authorization = 'token plain-github-token'
  const response = await fetch(`${gh.url}/repos/acme/circle${route}`, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json().catch(() => ({}))) as any } // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON
}

describe('the workflow runner: what starts a run', () => {
  it('starts no workflow for an issue closed with GITHUB_TOKEN, and the retrospective for one a facilitator closes', async () => {
    const { gh, runner } = await start({
      root: REPO_ROOT,
      workflows: path.join(REPO_ROOT, '.github/workflows'),
    })
    const opened = await api(gh, undefined, 'POST', '/issues', { title: 'Week 6: closing' })
    await api(gh, undefined, 'PATCH', `/issues/${opened.body.number}`, { state: 'closed' })
    await runner.settle()
    expect(runner.runs).toEqual([])
    expect(runner.ignored.map((e) => `${e.event}.${e.action}: ${e.reason}`)).toEqual([
      'issues.opened: caused by GITHUB_TOKEN: starts no workflow run',
      'issues.closed: caused by GITHUB_TOKEN: starts no workflow run',
    ])

    await api(gh, 'octo-ana', 'PATCH', `/issues/${opened.body.number}`, { state: 'open' })
    await api(gh, 'octo-ana', 'PATCH', `/issues/${opened.body.number}`, { state: 'closed' })
    await runner.settle()
    // retro.yml listens to issues: closed; its job only runs for a closing issue (a label).
    expect(runner.runs.map((r) => `${r.workflow} ${r.event}.${r.action} by ${r.actor}`)).toEqual([
      'retro.yml issues.closed by octo-ana',
    ])
    expect(runner.jobs.map((j) => [j.job, j.conclusion, j.billable_minutes])).toEqual([
      ['retro', 'skipped', 0],
    ])
  })

  it("starts the commands workflow for a member's comment, and skips its job (billed 0) for a comment on a pull request", async () => {
    const { gh, runner } = await start({
      root: REPO_ROOT,
      workflows: path.join(REPO_ROOT, '.github/workflows'),
    })
    const issue = await api(gh, 'octo-ana', 'POST', '/issues', { title: 'A question' })
    await runner.settle()
    // The forms workflow ran (a person's issue) but its job's `if:` found no form headings.
    expect(runner.jobs.map((j) => [j.workflow, j.job, j.conclusion, j.billable_minutes])).toEqual([
      ['forms.yml', 'forms', 'skipped', 0],
    ])

    await api(gh, 'octo-ben', 'POST', `/issues/${issue.body.number}/comments`, { body: '/help' })
    await runner.settle()
    const commands = runner.runs.filter((r) => r.workflow === 'commands.yml')
    expect(commands.map((r) => [r.event, r.action, r.actor, r.conclusion])).toEqual([
      ['issue_comment', 'created', 'octo-ben', 'success'],
    ])
    expect(commands[0]?.jobs.map((j) => [j.job, j.conclusion, j.billable_minutes])).toEqual([
      ['reconcile', 'success', 1],
      ['group-files', 'skipped', 0],
    ])

    gh.setFile('README.md', 'hello', 'topic')
    const pull = await api(gh, 'octo-ana', 'POST', '/pulls', {
      title: 'Docs',
      head: 'topic',
      base: 'main',
    })
    expect(pull.status).toBe(201)
    await api(gh, 'octo-ben', 'POST', `/issues/${pull.body.number}/comments`, { body: '/help' })
    await runner.settle()
    const onPull = runner.runs.filter((r) => r.workflow === 'commands.yml').at(-1)
    expect(onPull?.jobs.map((j) => [j.job, j.conclusion, j.billable_minutes])).toEqual([
      ['reconcile', 'skipped', 0],
      ['group-files', 'skipped', 0],
    ])
  })
})

describe('the workflow runner: jobs', () => {
  it("answers a write outside the job's permissions with 403, and the job fails", async () => {
    const { runner } = await start()
    const run = await runner.dispatch(
      'limited.yml',
      { title: 'Not allowed' },
      { actor: 'octo-ana' },
    )
    expect(run?.conclusion).toBe('failure')
    const job = run?.jobs[0]
    expect(job?.outputs).toEqual({})
    expect(job?.steps[0]?.annotations.map((a) => a.message)).toEqual([
      '403 Resource not accessible by integration',
    ])
    expect(gh?.state.issues()).toEqual([])
    expect(job?.billable_minutes).toBe(1)
  })

  it('runs two dispatches in one concurrency group one after the other; a third replaces the pending second', async () => {
    const { gh, runner } = await start()
    await runner.workflows()
    for (const wait of ['400', '1', '2']) {
      const response = await fetch(
        `${gh.url}/repos/acme/circle/actions/workflows/queued.yml/dispatches`,
        {
          method: 'POST',
          headers: { ...gh.userHeaders('octo-ana'), 'content-type': 'application/json' },
          body: JSON.stringify({ ref: 'main', inputs: { wait } }),
        },
      )
      expect(response.status).toBe(204)
    }
    await runner.settle()
    const [first, second, third] = runner.runs
    expect([first?.conclusion, second?.conclusion, third?.conclusion]).toEqual([
      'success',
      'cancelled',
      'success',
    ])
    expect(second?.note).toBe('replaced by a newer run in its concurrency group')
    expect(second?.jobs).toEqual([])
    expect(third?.startedMs).toBeGreaterThanOrEqual(first?.completedMs ?? Infinity)
    // Job outputs reach `needs`: `after` is skipped because `work` saw a time.
    expect(first?.jobs.map((j) => [j.job, j.conclusion])).toEqual([
      ['work', 'success'],
      ['after', 'skipped'],
    ])
    expect(runner.billableMinutes()).toBe(2)
  })

  it('refuses a dispatch with an unknown input or a workflow without workflow_dispatch', async () => {
    const { runner } = await start()
    await expect(runner.dispatch('queued.yml', { nope: 'x' })).rejects.toThrow(
      /422 Unexpected inputs provided: \["nope"\]/,
    )
    await expect(runner.dispatch('clock.yml')).rejects.toThrow(/404/)
  })
})

describe('the workflow runner: schedule', () => {
  it('fires a cron at its minute on the simulated clock, and notes the steps it does not run', async () => {
    const { gh, runner } = await start()
    await runner.advanceTo('2026-11-02T19:00:00Z')
    expect(runner.runs.map((r) => [r.event, r.at])).toEqual([
      ['schedule', '2026-11-02T12:17:00Z'],
      ['schedule', '2026-11-02T18:17:00Z'],
    ])
    expect(runner.jobs[0]?.outputs.now?.slice(0, 16)).toBe('2026-11-02T12:17')
    expect(runner.jobs[0]?.log).toEqual([
      expect.stringMatching(
        /^actions\/checkout@v5: not run: the job's workspace already is a checkout of [0-9a-f]{7}$/,
      ),
      './actions/probe: success',
      'run: not run: the local runner runs only ./ actions',
    ])
    expect(gh.clock.iso()).toBe('2026-11-02T19:00:00Z')
  })
})
