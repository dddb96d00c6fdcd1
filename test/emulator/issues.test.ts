import { describe, expect, it } from 'vitest'
import { client, failure, NOW, useEmulator } from './helpers.js'

describe('emulator: issues', () => {
  const t = useEmulator()

  it('creates an issue with labels (created on the fly), assignees and a milestone', async () => {
    const { octokit, repo, gh } = t
    const { data: milestone } = await octokit.rest.issues.createMilestone({
      ...repo,
      title: 'Week 1',
    })
    const { data: issue, status } = await octokit.rest.issues.create({
      ...repo,
      title: 'Session 1: Feedback',
      body: 'Agenda',
      labels: ['session', 'week-1'],
      assignees: ['octo-ben'],
      milestone: milestone.number,
    })
    expect(status).toBe(201)
    expect(issue).toMatchObject({
      number: 1,
      title: 'Session 1: Feedback',
      body: 'Agenda',
      state: 'open',
      state_reason: null,
      locked: false,
      comments: 0,
      created_at: NOW,
      updated_at: NOW,
      closed_at: null,
      html_url: 'https://github.com/acme/circle/issues/1',
      url: `${gh.url}/repos/acme/circle/issues/1`,
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      author_association: 'NONE',
      assignee: { login: 'octo-ben', type: 'User' },
      milestone: { number: milestone.number, title: 'Week 1', open_issues: 1 },
      reactions: { total_count: 0, '+1': 0 },
    })
    expect(issue.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'session',
      'week-1',
    ])
    expect(gh.state.label('session')).toMatchObject({ color: 'ededed', default: false })
    expect(issue).not.toHaveProperty('pull_request')
  })

  it('answers 422 for a missing title, an unknown milestone and an unassignable user', async () => {
    const { octokit, repo } = t
    const noTitle = await failure(
      octokit.request('POST /repos/{owner}/{repo}/issues', { ...repo } as never),
    )
    expect(noTitle.status).toBe(422)
    expect(noTitle.data).toMatchObject({ message: 'Invalid request.\n\n"title" wasn\'t supplied.' })
    const badMilestone = await failure(
      octokit.rest.issues.create({ ...repo, title: 'x', milestone: 9 }),
    )
    expect(badMilestone.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'milestone', code: 'invalid' }],
    })
    const badAssignee = await failure(
      octokit.rest.issues.create({ ...repo, title: 'x', assignees: ['outsider'] }),
    )
    expect(badAssignee.status).toBe(422)
  })

  it('gets, updates, closes with a reason and reopens an issue', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'Homework' })
    gh.clock.advance(60_000)
    const { data: closed } = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      title: 'Homework (week 1)',
      state: 'closed',
      state_reason: 'not_planned',
      labels: ['homework'],
    })
    expect(closed).toMatchObject({
      title: 'Homework (week 1)',
      state: 'closed',
      state_reason: 'not_planned',
      closed_at: '2026-11-21T16:01:00Z',
      updated_at: '2026-11-21T16:01:00Z',
      closed_by: { login: 'github-actions[bot]' },
    })
    const { data: reopened } = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: 'open',
    })
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null })
    const { data: got } = await octokit.rest.issues.get({ ...repo, issue_number: 1 })
    expect(got.title).toBe('Homework (week 1)')
    expect((await failure(octokit.rest.issues.get({ ...repo, issue_number: 99 }))).status).toBe(404)
    gh.deleteIssue(1)
    const gone = await failure(octokit.rest.issues.get({ ...repo, issue_number: 1 }))
    expect(gone.status).toBe(410)
  })

  it('paginates 250 issues with octokit.paginate in 3 requests of 100', async () => {
    const { octokit, repo, gh } = t
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          octokit.rest.issues.create({ ...repo, title: `Issue ${batch * 25 + i + 1}` }),
        ),
      )
    }
    gh.clearRequests()
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 100 })
    expect(all).toHaveLength(250)
    expect(new Set(all.map((i) => i.number)).size).toBe(250)
    expect(all[0]?.number).toBe(250) // created, descending by default
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3'])

    const first = await octokit.rest.issues.listForRepo({ ...repo, per_page: 100 })
    expect(first.headers.link).toBe(
      `<${gh.url}/repos/acme/circle/issues?per_page=100&page=2>; rel="next", ` +
        `<${gh.url}/repos/acme/circle/issues?per_page=100&page=3>; rel="last"`,
    )
    const defaultPage = await octokit.rest.issues.listForRepo({ ...repo })
    expect(defaultPage.data).toHaveLength(30)
    const capped = await octokit.rest.issues.listForRepo({ ...repo, per_page: 500 })
    expect(capped.data).toHaveLength(100)
  })

  it('filters by labels (all of them), state, since, creator, assignee and milestone', async () => {
    const { octokit, repo, gh } = t
    const ana = client(gh, 'octo-ana')
    await octokit.rest.issues.createMilestone({ ...repo, title: 'Cohort' })
    await octokit.rest.issues.create({
      ...repo,
      title: 'A',
      labels: ['session', 'week-1'],
      milestone: 1,
    })
    await octokit.rest.issues.create({
      ...repo,
      title: 'B',
      labels: ['session'],
      assignees: ['octo-cy'],
    })
    gh.clock.advance(3_600_000)
    await ana.rest.issues.create({ ...repo, title: 'C', labels: ['Week-1'] })
    await octokit.rest.issues.create({ ...repo, title: 'D' })
    await octokit.rest.issues.update({ ...repo, issue_number: 4, state: 'closed' })

    const titles = async (params: Record<string, unknown>) =>
      (await octokit.rest.issues.listForRepo({ ...repo, direction: 'asc', ...params })).data.map(
        (i) => i.title,
      )
    expect(await titles({ labels: 'session,week-1' })).toEqual(['A'])
    expect(await titles({ labels: 'week-1' })).toEqual(['A', 'C'])
    expect(await titles({})).toEqual(['A', 'B', 'C'])
    expect(await titles({ state: 'closed' })).toEqual(['D'])
    expect(await titles({ state: 'all' })).toEqual(['A', 'B', 'C', 'D'])
    expect(await titles({ since: '2026-11-21T16:30:00Z', state: 'all' })).toEqual(['C', 'D'])
    expect(await titles({ creator: 'octo-ana' })).toEqual(['C'])
    expect(await titles({ assignee: 'octo-cy' })).toEqual(['B'])
    expect(await titles({ assignee: 'none' })).toEqual(['A', 'C'])
    expect(await titles({ milestone: '1' })).toEqual(['A'])
    expect(await titles({ milestone: '*' })).toEqual(['A'])
    expect(await titles({ milestone: 'none' })).toEqual(['B', 'C'])
    expect(await titles({ direction: 'desc' })).toEqual(['C', 'B', 'A'])
  })

  it('sorts by comments and by updated', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'quiet' })
    await octokit.rest.issues.create({ ...repo, title: 'busy' })
    gh.clock.advance(1000)
    await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'hi' })
    const byComments = await octokit.rest.issues.listForRepo({ ...repo, sort: 'comments' })
    expect(byComments.data.map((i) => i.title)).toEqual(['busy', 'quiet'])
    const byUpdated = await octokit.rest.issues.listForRepo({
      ...repo,
      sort: 'updated',
      direction: 'asc',
    })
    expect(byUpdated.data.map((i) => i.title)).toEqual(['quiet', 'busy'])
  })

  it('acts as a member with x-emulator-user and computes author_association', async () => {
    const { gh, repo } = t
    const associations: Record<string, string | undefined> = {}
    for (const login of ['octo-ana', 'octo-ben', 'octo-cy']) {
      const { data } = await client(gh, login).rest.issues.create({ ...repo, title: login })
      expect(data.user?.login).toBe(login)
      expect(data.user?.type).toBe('User')
      associations[login] = data.author_association
    }
    expect(associations).toEqual({
      'octo-ana': 'OWNER',
      'octo-ben': 'MEMBER',
      'octo-cy': 'COLLABORATOR',
    })
    expect(gh.requests.map((r) => r.user)).toEqual(['octo-ana', 'octo-ben', 'octo-cy'])
    const unknown = await failure(
      client(gh, 'nobody').rest.issues.get({ ...repo, issue_number: 1 }),
    )
    expect(unknown.status).toBe(401)
  })

  it('hides a private repository from users without access and drops their triage fields', async () => {
    const { gh, repo } = t
    const outsider = client(gh, 'outsider')
    expect((await failure(outsider.rest.issues.listForRepo({ ...repo }))).status).toBe(404)
    gh.store.repo.private = false
    const { data } = await outsider.rest.issues.create({ ...repo, title: 'Hi', labels: ['x'] })
    expect(data.labels).toEqual([])
    expect(data.author_association).toBe('NONE')
  })

  it('locks and unlocks an issue (204)', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'Retro' })
    const locked = await octokit.rest.issues.lock({
      ...repo,
      issue_number: 1,
      lock_reason: 'resolved',
    })
    expect(locked.status).toBe(204)
    expect(gh.state.issue(1)).toMatchObject({ locked: true, active_lock_reason: 'resolved' })
    gh.store.repo.private = false
    const blocked = await failure(
      client(gh, 'outsider').rest.issues.createComment({ ...repo, issue_number: 1, body: 'x' }),
    )
    expect(blocked.status).toBe(403)
    expect((await octokit.rest.issues.unlock({ ...repo, issue_number: 1 })).status).toBe(204)
    expect(gh.state.issue(1)?.locked).toBe(false)
  })
})
