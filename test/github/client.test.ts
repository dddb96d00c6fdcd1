import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, type GitHubClient } from '../../actions/lib/github/client.js'
import { notifiesPeople } from '../../actions/lib/github/reliability.js'
import { startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'

// Waits are scaled down: SCALE × (1 s per write, 3 s per notifying write, 1/4/9 s back-off).
const SCALE = 0.02
const WRITE_GAP = 1_000 * SCALE
const NOTIFYING_GAP = 3_000 * SCALE

let gh: GitHubEmulator
let warnings: string[]
let client: GitHubClient
let repo: { owner: string; repo: string }

beforeEach(async () => {
  warnings = []
  gh = await startGitHub()
  repo = { owner: gh.repo.owner, repo: gh.repo.name }
  client = createClient({
    token: 'test-token',
    baseUrl: gh.url,
    waitScale: SCALE,
    maxWaitSeconds: 60,
    log: { debug: () => undefined, warning: (message) => warnings.push(message) },
  })
})

afterEach(async () => {
  await gh.close()
})

const statuses = () => gh.requests.map((r) => r.status)

async function failure(promise: Promise<unknown>): Promise<{ status: number }> {
  try {
    await promise
  } catch (error) {
    return error as { status: number }
  }
  throw new Error('expected the request to fail')
}

describe('the client layer', () => {
  it('retries a server error with growing back-off, then succeeds', async () => {
    gh.faults.failNext(2, { match: { method: 'POST', path: '/repos/:owner/:repo/issues' } })
    const started = performance.now()
    const { data } = await client.rest.issues.create({ ...repo, title: 'after two 502s' })
    expect(data.title).toBe('after two 502s')
    expect(statuses()).toEqual([502, 502, 201])
    // 1 s then 4 s of back-off, scaled.
    expect(performance.now() - started).toBeGreaterThanOrEqual((1_000 + 4_000) * SCALE)
    expect(gh.state.issues({ state: 'all' })).toHaveLength(1)
  })

  it('gives up after three retries and throws the server error', async () => {
    gh.faults.failNext(10, { match: { method: 'GET' } })
    expect((await failure(client.rest.repos.get(repo))).status).toBe(502)
    expect(statuses()).toEqual([502, 502, 502, 502])
  })

  it('leaves a server error to the caller when the request asks for no retries', async () => {
    gh.faults.loseResponses(1, { match: { method: 'POST' } })
    const create = client.rest.issues.create({ ...repo, title: 'x', request: { retries: 0 } })
    expect((await failure(create)).status).toBe(502)
    // The create happened; only its response was lost. Retrying blindly would post it twice.
    expect(statuses()).toEqual([502])
    expect(gh.state.issues({ state: 'all' })).toHaveLength(1)
  })

  it('never retries an answer that retrying cannot change', async () => {
    expect((await failure(client.rest.issues.get({ ...repo, issue_number: 99 }))).status).toBe(404)
    expect((await failure(client.rest.issues.create({ ...repo, title: '' }))).status).toBe(422)
    expect(statuses()).toEqual([404, 422])
  })

  it("waits out a secondary rate limit's retry-after, says so, and retries", async () => {
    gh.faults.secondaryRateLimit({ times: 1, retryAfter: 3 })
    const started = performance.now()
    await client.rest.issues.create({ ...repo, title: 'x' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(3_000 * SCALE)
    expect(statuses()).toEqual([403, 201])
    expect(warnings).toEqual([
      'secondary rate limit on POST /repos/{owner}/{repo}/issues: retrying after 3s',
    ])
  })

  it('waits for the primary rate limit to reset when that is soon enough', async () => {
    gh.faults.primaryRateLimit({ times: 1, resetIn: 2 })
    await client.rest.repos.get(repo)
    expect(statuses()).toEqual([403, 200])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^primary rate limit on GET \/repos\/\{owner\}\/\{repo\}: retrying after \d+s$/,
    )
  })

  it('gives up at once when the reset is further away than it may wait', async () => {
    gh.faults.primaryRateLimit({ times: 1, resetIn: 3_600 })
    expect((await failure(client.rest.repos.get(repo))).status).toBe(403)
    expect(statuses()).toEqual([403])
    expect(warnings[0]).toMatch(/^primary rate limit on GET .*: giving up \(retry after \d+s\)$/)
  })

  it('stops after three rate-limit retries', async () => {
    gh.faults.secondaryRateLimit({ times: 10, retryAfter: 1 })
    expect((await failure(client.rest.repos.get(repo))).status).toBe(403)
    expect(statuses()).toEqual([403, 403, 403, 403])
    expect(warnings.at(-1)).toContain('giving up')
  })

  it('starts writes at least a second apart', async () => {
    const { data: issue } = await client.rest.issues.create({ ...repo, title: 'spacing' })
    const started = performance.now()
    for (const title of ['a', 'b', 'c', 'd', 'e'])
      await client.rest.issues.update({ ...repo, issue_number: issue.number, title })
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * WRITE_GAP)
  })

  it('starts writes that notify people at least three seconds apart', async () => {
    const { data: issue } = await client.rest.issues.create({ ...repo, title: 'spacing' })
    const started = performance.now()
    for (const body of ['one', 'two', 'three'])
      await client.rest.issues.createComment({ ...repo, issue_number: issue.number, body })
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * NOTIFYING_GAP)
  })

  it('never holds a read back for the write spacing', async () => {
    // The next write may start five seconds after this one; a read need not wait for it.
    const paced = createClient({ token: 'test-token', baseUrl: gh.url, waitScale: 5 })
    await paced.rest.issues.create({ ...repo, title: 'a write' })
    const started = performance.now()
    await paced.rest.repos.get(repo)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it.each([
    ['POST', '/repos/{owner}/{repo}/issues', true],
    ['POST', '/repos/acme/circle/issues', true],
    ['POST', '/repos/acme/circle/issues/7/comments', true],
    ['POST', '/repos/acme/circle/pulls', true],
    ['PATCH', '/repos/acme/circle/issues/7', false],
    ['PATCH', '/repos/acme/circle/issues/comments/9', false],
    ['POST', '/repos/acme/circle/issues/7/labels', false],
    ['GET', '/repos/acme/circle/issues', false],
  ])('%s %s notifies people: %s', (method, url, expected) => {
    expect(notifiesPeople(method, url)).toBe(expected)
  })
})
