import { getOctokit } from '@actions/github'
import { describe, expect, it } from 'vitest'
import { client, failure, useEmulator } from './helpers.js'

describe('emulator: repository, users and authentication', () => {
  const t = useEmulator()

  it('serves the repository with visibility, default branch and URLs', async () => {
    const { octokit, repo, gh } = t
    const { data, headers } = await octokit.rest.repos.get({ ...repo })
    expect(data).toMatchObject({
      full_name: 'acme/circle',
      name: 'circle',
      private: true,
      visibility: 'private',
      default_branch: 'main',
      html_url: 'https://github.com/acme/circle',
      url: `${gh.url}/repos/acme/circle`,
      owner: { login: 'acme', type: 'Organization' },
      permissions: { admin: false, push: true, pull: true },
    })
    expect(headers['content-type']).toBe('application/json; charset=utf-8')
    const other = await failure(octokit.rest.repos.get({ owner: 'acme', repo: 'elsewhere' }))
    expect(other.status).toBe(404)
  })

  it('reports collaborator permissions: write, admin, none for registered outsiders, 404 for unknown', async () => {
    const { octokit, repo } = t
    const permission = async (username: string) =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username })).data
    expect(await permission('octo-cy')).toMatchObject({
      permission: 'write',
      role_name: 'write',
      user: { login: 'octo-cy', permissions: { push: true, admin: false } },
    })
    expect((await permission('octo-ana')).permission).toBe('admin')
    expect((await permission('outsider')).permission).toBe('none')
    const unknown = await failure(
      octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'ghost-user' }),
    )
    expect(unknown.status).toBe(404)
    expect(
      (await octokit.rest.repos.checkCollaborator({ ...repo, username: 'octo-cy' })).status,
    ).toBe(204)
    expect(
      (await failure(octokit.rest.repos.checkCollaborator({ ...repo, username: 'outsider' })))
        .status,
    ).toBe(404)
    const collaborators = await octokit.paginate(octokit.rest.repos.listCollaborators, { ...repo })
    expect(collaborators.map((c) => c.login)).toEqual(['octo-ana', 'octo-ben', 'octo-cy'])
  })

  it('serves users, including users added later', async () => {
    const { octokit, gh } = t
    gh.addUser('octo-dee', { name: 'Dee' })
    const { data } = await octokit.rest.users.getByUsername({ username: 'octo-dee' })
    expect(data).toMatchObject({ login: 'octo-dee', type: 'User', name: 'Dee' })
    const bot = await octokit.rest.users.getByUsername({ username: 'github-actions[bot]' })
    expect(bot.data).toMatchObject({ id: 41898282, type: 'Bot' })
    expect((await failure(octokit.rest.users.getByUsername({ username: 'nobody' }))).status).toBe(
      404,
    )
  })

  it('answers 401 without a token', async () => {
    const res = await fetch(`${t.gh.url}/repos/acme/circle`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
    })
  })

  it('answers 404 with GitHub’s body for an unknown route and logs it', async () => {
    const { gh } = t
    const res = await fetch(`${gh.url}/repos/acme/circle/deployments`, {
      headers: { authorization: 'token x' },
    })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    })
    expect(gh.requests).toMatchObject([
      {
        method: 'GET',
        path: '/repos/acme/circle/deployments',
        status: 404,
        user: 'github-actions[bot]',
      },
    ])
  })

  it('counts the rate limit down per request with GitHub’s headers', async () => {
    const { octokit, repo, gh } = t
    const first = await octokit.rest.repos.get({ ...repo })
    const second = await octokit.rest.issues.listForRepo({ ...repo })
    expect(first.headers['x-ratelimit-limit']).toBe('1000')
    expect(first.headers['x-ratelimit-remaining']).toBe('999')
    expect(second.headers['x-ratelimit-remaining']).toBe('998')
    expect(second.headers['x-ratelimit-used']).toBe('2')
    expect(second.headers['x-ratelimit-resource']).toBe('core')
    const reset = Number(second.headers['x-ratelimit-reset'])
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 3500)
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600)
    // Users have their own budget; a new hour of emulator time resets it.
    const ana = await client(gh, 'octo-ana').rest.repos.get({ ...repo })
    expect(ana.headers['x-ratelimit-remaining']).toBe('999')
    gh.clock.advance(3_600_000)
    const later = await octokit.rest.repos.get({ ...repo })
    expect(later.headers['x-ratelimit-remaining']).toBe('999')
    const { data: limits } = await octokit.rest.rateLimit.get()
    expect(limits.rate).toMatchObject({ limit: 1000, remaining: 999, used: 1 })
  })

  it('exhausts a small primary rate limit naturally', async () => {
    const { gh, repo } = t
    await gh.close()
    const { startGitHub } = await import('../../emulator/src/index.js')
    t.gh = await startGitHub({ rateLimit: 2 })
    const octokit = client(t.gh)
    await octokit.rest.repos.get({ ...repo })
    await octokit.rest.repos.get({ ...repo })
    const limited = await failure(octokit.rest.repos.get({ ...repo }))
    expect(limited.status).toBe(403)
    expect(limited.headers['x-ratelimit-remaining']).toBe('0')
    expect(limited.data).toMatchObject({
      message: 'API rate limit exceeded for installation ID 1.',
    })
  })

  it('works with @actions/github getOctokit(token, { baseUrl })', async () => {
    const { gh, repo } = t
    const octokit = getOctokit('ghs_test', { baseUrl: gh.url })
    const { data: issue } = await octokit.rest.issues.create({ ...repo, title: 'via toolkit' })
    expect(issue.number).toBe(1)
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 1 })
    expect(all.map((i) => i.title)).toEqual(['via toolkit'])
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/circle/issues',
      'GET /repos/acme/circle/issues',
    ])
  })
})
