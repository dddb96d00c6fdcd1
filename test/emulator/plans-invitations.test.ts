import { request as httpRequest, Agent } from 'node:http'
import { Octokit } from '@octokit/rest'
import { afterEach, describe, expect, it } from 'vitest'
import {
  startGitHub,
  type GitHubEmulator,
  type StartGitHubOptions,
} from '../../emulator/src/index.js'
import { client, failure, MEMBERS, NOW } from './helpers.js'

const started: GitHubEmulator[] = []

async function emulator(options: StartGitHubOptions = {}) {
  const gh = await startGitHub({ users: MEMBERS, now: NOW, ...options })
  started.push(gh)
  return { gh, octokit: client(gh), repo: { owner: gh.repo.owner, repo: gh.repo.name } }
}

afterEach(async () => {
  for (const gh of started.splice(0)) {
    const errors = gh.errors
    await gh.close()
    if (errors.length > 0) throw errors[0]
  }
})

describe('plans and assignees', () => {
  it('refuses a second assignee on a Free-plan private repository by default', async () => {
    const { octokit, repo } = await emulator()
    const refused = await failure(
      octokit.rest.issues.create({ ...repo, title: 'Week 1', assignees: ['octo-ana', 'octo-ben'] }),
    )
    expect(refused.status).toBe(422)
    expect(refused.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'assignees', code: 'custom' }],
    })
    const one = await octokit.rest.issues.create({
      ...repo,
      title: 'Week 1',
      assignees: ['octo-ben'],
    })
    expect(one.data.assignees?.map((a) => a.login)).toEqual(['octo-ben'])
    const update = await failure(
      octokit.rest.issues.update({
        ...repo,
        issue_number: one.data.number,
        assignees: ['octo-ben', 'octo-cy'],
      }),
    )
    expect(update.status).toBe(422)
  })

  it('keeps only the first assignee in `first` mode', async () => {
    const { octokit, repo } = await emulator({ assigneeMode: 'first' })
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: 'Week 1',
      assignees: ['octo-cy', 'octo-ana'],
    })
    expect(data.assignees?.map((a) => a.login)).toEqual(['octo-cy'])
  })

  it('assigns several people on paid plans and on public Free repositories', async () => {
    for (const options of [
      { plan: 'pro' as const },
      { plan: 'team' as const },
      { private: false },
    ]) {
      const { octokit, repo } = await emulator(options)
      const { data } = await octokit.rest.issues.create({
        ...repo,
        title: 'Week 1',
        assignees: ['octo-ana', 'octo-ben'],
      })
      expect(data.assignees).toHaveLength(2)
    }
  })
})

describe('pending invitations', () => {
  const users = [...MEMBERS, { login: 'octo-new', role: 'invited' as const }]

  it('a pending invitee exists, has no access, cannot be assigned, and can be once they accept', async () => {
    const { gh, octokit, repo } = await emulator({ plan: 'team', users })
    expect((await octokit.rest.users.getByUsername({ username: 'octo-new' })).data.login).toBe(
      'octo-new',
    )
    const permission = await octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repo,
      username: 'octo-new',
    })
    expect(permission.data.permission).toBe('none')
    expect((await failure(client(gh, 'octo-new').rest.repos.get(repo))).status).toBe(404)

    const refused = await failure(
      octokit.rest.issues.create({ ...repo, title: 'Week 1', assignees: ['octo-ana', 'octo-new'] }),
    )
    expect(refused.status).toBe(422)
    expect(refused.data).toMatchObject({
      errors: [{ resource: 'Issue', field: 'assignees', code: 'invalid', value: 'octo-new' }],
    })
    expect(gh.state.issues()).toHaveLength(0)

    gh.acceptInvitation('octo-new')
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: 'Week 1',
      assignees: ['octo-ana', 'octo-new'],
    })
    expect(data.assignees?.map((a) => a.login)).toEqual(['octo-ana', 'octo-new'])
    expect((await client(gh, 'octo-new').rest.repos.get(repo)).status).toBe(200)
    expect(() => gh.acceptInvitation('octo-new')).toThrow(/no pending invitation/)
  })
})

describe('length limits', () => {
  it('answers 422 as GitHub does for a long label, title or body', async () => {
    const { octokit, repo } = await emulator()
    const label = await failure(
      octokit.rest.issues.createLabel({ ...repo, name: 'g'.repeat(51), color: 'ededed' }),
    )
    expect(label.status).toBe(422)
    expect(label.data).toMatchObject({
      errors: [
        {
          resource: 'Label',
          field: 'name',
          code: 'custom',
          message: 'name is too long (maximum is 50 characters)',
        },
      ],
    })
    await octokit.rest.issues.createLabel({ ...repo, name: 'g'.repeat(50), color: 'ededed' })
    const viaIssue = await failure(
      octokit.rest.issues.create({ ...repo, title: 'x', labels: ['h'.repeat(51)] }),
    )
    expect(viaIssue.status).toBe(422)

    const title = await failure(octokit.rest.issues.create({ ...repo, title: 't'.repeat(257) }))
    expect(title.data).toMatchObject({
      errors: [
        {
          resource: 'Issue',
          field: 'title',
          message: 'title is too long (maximum is 256 characters)',
        },
      ],
    })
    const body = await failure(
      octokit.rest.issues.create({ ...repo, title: 'ok', body: 'b'.repeat(65_537) }),
    )
    expect(body.data).toMatchObject({
      errors: [
        {
          resource: 'Issue',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
    })
    const { data: issue } = await octokit.rest.issues.create({
      ...repo,
      title: 't'.repeat(256),
      body: 'b'.repeat(65_536),
    })
    const comment = await failure(
      octokit.rest.issues.createComment({
        ...repo,
        issue_number: issue.number,
        body: 'c'.repeat(65_537),
      }),
    )
    expect(comment.status).toBe(422)
    expect(comment.data).toMatchObject({ errors: [{ resource: 'IssueComment', field: 'body' }] })
  })
})

describe('pull requests from GitHub Actions', () => {
  async function branchWithChange(gh: GitHubEmulator) {
    gh.setFile('README.md', 'one')
    gh.setFile('README.md', 'two', 'topic')
  }

  it('answers the bot 403 while the setting is off, and opens once it is on', async () => {
    const { gh, octokit, repo } = await emulator({ actionsCanCreatePullRequests: false })
    await branchWithChange(gh)
    const pull = { ...repo, head: 'topic', base: 'main', title: 'Change' }
    const refused = await failure(octokit.rest.pulls.create(pull))
    expect(refused.status).toBe(403)
    expect(refused.data).toMatchObject({
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
    })
    // A person (or a personal token) is not GitHub Actions.
    expect((await client(gh, 'octo-ben').rest.pulls.create(pull)).status).toBe(201)
    await client(gh, 'octo-ben').rest.pulls.update({ ...repo, pull_number: 1, state: 'closed' })
    gh.setActionsCanCreatePullRequests(true)
    expect((await octokit.rest.pulls.create(pull)).status).toBe(201)
  })
})

describe('token identities', () => {
  it('maps a token to its user; GraphQL viewer names every identity, GET /user only users', async () => {
    const { gh } = await emulator({
      users: [...MEMBERS, { login: 'skill-share-app[bot]', permission: 'write' }],
      tokens: { 'pat-ana': 'octo-ana', 'ghs-app': 'skill-share-app[bot]' },
    })
    const quiet = { debug() {}, info() {}, warn() {}, error() {} }
    const as = (auth: string) => new Octokit({ baseUrl: gh.url, auth, log: quiet })
    const viewer = async (auth: string) =>
      (await as(auth).graphql<{ viewer: { login: string } }>('{ viewer { login } }')).viewer.login
    expect(await viewer('pat-ana')).toBe('octo-ana')
    expect(await viewer('ghs-app')).toBe('skill-share-app[bot]')
    expect(await viewer('any-other-token')).toBe('github-actions[bot]')
    expect((await as('pat-ana').rest.users.getAuthenticated()).data.login).toBe('octo-ana')
    expect((await failure(as('any-other-token').rest.users.getAuthenticated())).status).toBe(403)

    const { data } = await as('pat-ana').rest.issues.create({
      owner: gh.repo.owner,
      repo: gh.repo.name,
      title: 'Written with a personal token',
    })
    expect(data.user?.login).toBe('octo-ana')
  })
})

describe('keep-alive', () => {
  it('keeps an idle connection open longer than 5 s', async () => {
    const { gh } = await emulator()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const get = () =>
      new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
        const req = httpRequest(
          `${gh.url}/repos/${gh.repo.fullName}`,
          { agent, headers: { authorization: 'token t' } },
          (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }))
          },
        )
        req.on('error', reject)
        req.end()
      })
    const first = await get()
    await new Promise((resolve) => setTimeout(resolve, 5_500))
    const second = await get()
    agent.destroy()
    expect([first.status, second.status]).toEqual([200, 200])
    expect(second.socket).toBe(first.socket)
  }, 15_000)
})
