import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { describe, expect, it } from 'vitest'
import { failure, useEmulator } from './helpers.js'

const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const Resilient = Octokit.plugin(retry, throttling)
const Retrying = Octokit.plugin(retry)

describe('emulator: fault injection', () => {
  const t = useEmulator()

  it('fails the next N matching requests with 502 and logs them', async () => {
    const { octokit, repo, gh } = t
    const fault = gh.faults.failNext(2, {
      match: { method: 'POST', path: '/repos/:owner/:repo/issues' },
    })
    await octokit.rest.repos.get({ ...repo }) // not matched
    expect((await failure(octokit.rest.issues.create({ ...repo, title: 'a' }))).status).toBe(502)
    expect((await failure(octokit.rest.issues.create({ ...repo, title: 'b' }))).status).toBe(502)
    await octokit.rest.issues.create({ ...repo, title: 'c' })
    expect(fault.hits).toBe(2)
    expect(fault.remaining).toBe(0)
    expect(gh.state.issues().map((i) => i.title)).toEqual(['c'])
    expect(gh.requests.map((r) => [r.method, r.status, r.fault])).toEqual([
      ['GET', 200, undefined],
      ['POST', 502, 'error'],
      ['POST', 502, 'error'],
      ['POST', 201, undefined],
    ])
  })

  it('fails a seeded fraction of requests deterministically', async () => {
    const { octokit, repo, gh } = t
    const run = async () => {
      gh.faults.clear()
      gh.clearRequests()
      gh.faults.failRandomly(0.3, { seed: 42 })
      for (let i = 0; i < 25; i++) await octokit.rest.repos.get({ ...repo }).catch(() => undefined)
      return gh.requests.map((r) => r.status)
    }
    const first = await run()
    const second = await run()
    expect(second).toEqual(first)
    const failed = first.filter((s) => s === 502).length
    expect(failed).toBeGreaterThan(2)
    expect(failed).toBeLessThan(15)
  })

  it('answers a secondary rate limit with 403, retry-after and GitHub’s message', async () => {
    const { octokit, repo, gh } = t
    gh.faults.secondaryRateLimit({ retryAfter: 7 })
    const limited = await failure(octokit.rest.issues.create({ ...repo, title: 'x' }))
    expect(limited.status).toBe(403)
    expect(limited.headers['retry-after']).toBe('7')
    expect((limited.data as { message: string }).message).toContain(
      'You have exceeded a secondary rate limit',
    )

    // The throttling plugin recognises it and retries after the advertised wait.
    gh.faults.secondaryRateLimit({ retryAfter: 2, match: { method: 'GET' } })
    const waits: number[] = []
    const resilient = new Resilient({
      baseUrl: gh.url,
      auth: 'x',
      log: quiet,
      throttle: {
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: (retryAfter) => {
          waits.push(retryAfter)
          return true
        },
        onRateLimit: () => false,
      },
    })
    // (A GET: the plugin spaces writes at least a second apart, which would slow the suite.)
    const { status } = await resilient.rest.repos.get({ ...repo })
    expect(status).toBe(200)
    expect(waits).toEqual([2])
    expect(gh.requests.slice(-2).map((r) => r.status)).toEqual([403, 200])
  })

  it('answers a primary rate limit with x-ratelimit-remaining 0 and a reset time', async () => {
    const { octokit, repo, gh } = t
    gh.faults.primaryRateLimit({ resetIn: 120 })
    const limited = await failure(octokit.rest.repos.get({ ...repo }))
    expect(limited.status).toBe(403)
    expect(limited.headers['x-ratelimit-remaining']).toBe('0')
    const reset = Number(limited.headers['x-ratelimit-reset'])
    expect(reset - Date.now() / 1000).toBeGreaterThan(110)
    expect((limited.data as { message: string }).message).toBe(
      'API rate limit exceeded for installation ID 1.',
    )
    gh.faults.primaryRateLimit({ status: 429, match: { method: 'GET' } })
    expect((await failure(octokit.rest.repos.get({ ...repo }))).status).toBe(429)
    expect((await octokit.rest.repos.get({ ...repo })).status).toBe(200)
  })

  it('loses the response of an applied write, so a blind retry duplicates it', async () => {
    const { repo, gh } = t
    const fault = gh.faults.loseResponses(1)
    const retrying = new Retrying({
      baseUrl: gh.url,
      auth: 'x',
      log: quiet,
      retry: { retryAfterBaseValue: 1 },
    })
    await retrying.rest.repos.get({ ...repo }) // GETs are not matched by default
    const { data } = await retrying.rest.issues.create({ ...repo, title: 'Session 3' })
    expect(fault.hits).toBe(1)
    expect(data.number).toBe(2)
    expect(gh.state.issues().map((i) => [i.number, i.title])).toEqual([
      [1, 'Session 3'],
      [2, 'Session 3'],
    ])
    expect(gh.writes().map((r) => [r.status, r.fault])).toEqual([
      [502, 'lost-response'],
      [201, undefined],
    ])
  })

  it('removes and clears faults', async () => {
    const { octokit, repo, gh } = t
    const handle = gh.faults.failNext(5)
    expect(gh.faults.active).toHaveLength(1)
    handle.remove()
    expect(gh.faults.active).toHaveLength(0)
    gh.faults.failNext(1, { match: (r) => r.path.endsWith('/labels') })
    gh.faults.clear()
    expect((await octokit.rest.issues.listLabelsForRepo({ ...repo })).status).toBe(200)
  })
})
