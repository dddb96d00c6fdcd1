import { describe, expect, it } from 'vitest'
import { failure, useEmulator } from './helpers.js'

describe('emulator: labels', () => {
  const t = useEmulator()

  it('creates, gets, updates and lists labels; a duplicate answers 422 already_exists', async () => {
    const { octokit, repo, gh } = t
    const { data: label, status } = await octokit.rest.issues.createLabel({
      ...repo,
      name: 'session',
      color: '#0E8A16',
      description: 'A session issue',
    })
    expect(status).toBe(201)
    expect(label).toMatchObject({
      name: 'session',
      color: '0e8a16',
      description: 'A session issue',
      default: false,
      url: `${gh.url}/repos/acme/circle/labels/session`,
    })
    const duplicate = await failure(octokit.rest.issues.createLabel({ ...repo, name: 'Session' }))
    expect(duplicate.status).toBe(422)
    expect(duplicate.data).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      documentation_url: 'https://docs.github.com/rest/issues/labels',
      status: '422',
    })
    await octokit.rest.issues.createLabel({ ...repo, name: 'good first topic', color: 'ffffff' })
    const { data: got } = await octokit.rest.issues.getLabel({ ...repo, name: 'good first topic' })
    expect(got.name).toBe('good first topic')
    const { data: renamed } = await octokit.rest.issues.updateLabel({
      ...repo,
      name: 'session',
      new_name: 'kind/session',
      color: '111111',
    })
    expect(renamed).toMatchObject({ name: 'kind/session', color: '111111' })
    const all = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo })
    expect(all.map((l) => l.name)).toEqual(['good first topic', 'kind/session'])
    expect((await failure(octokit.rest.issues.getLabel({ ...repo, name: 'nope' }))).status).toBe(
      404,
    )
  })

  it('adds, sets, lists and removes labels on an issue', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'x', labels: ['a'] })
    const added = await octokit.rest.issues.addLabels({
      ...repo,
      issue_number: 1,
      labels: ['b', 'a'],
    })
    expect(added.status).toBe(200)
    expect(added.data.map((l) => l.name)).toEqual(['a', 'b'])
    const set = await octokit.rest.issues.setLabels({ ...repo, issue_number: 1, labels: ['c'] })
    expect(set.data.map((l) => l.name)).toEqual(['c'])
    const listed = await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 })
    expect(listed.data.map((l) => l.name)).toEqual(['c'])
    const removed = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'c' })
    expect(removed.data).toEqual([])
    const notThere = await failure(
      octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'c' }),
    )
    expect(notThere.status).toBe(404)
    expect(notThere.data).toMatchObject({ message: 'Label does not exist' })
    expect(gh.state.labels().map((l) => l.name)).toEqual(['a', 'b', 'c'])
  })
})

describe('emulator: milestones', () => {
  const t = useEmulator()

  it('creates, lists by state, gets, updates and counts issues of milestones', async () => {
    const { octokit, repo } = t
    const { data: m1, status } = await octokit.rest.issues.createMilestone({
      ...repo,
      title: 'Cohort 1',
      description: 'Six weeks',
      due_on: '2027-01-10T00:00:00.000Z',
    })
    expect(status).toBe(201)
    expect(m1).toMatchObject({
      number: 1,
      title: 'Cohort 1',
      state: 'open',
      due_on: '2027-01-10T00:00:00Z',
      creator: { login: 'github-actions[bot]' },
      open_issues: 0,
      closed_issues: 0,
      html_url: 'https://github.com/acme/circle/milestone/1',
    })
    const duplicate = await failure(
      octokit.rest.issues.createMilestone({ ...repo, title: 'Cohort 1' }),
    )
    expect(duplicate.status).toBe(422)
    expect(duplicate.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Milestone', code: 'already_exists', field: 'title' }],
    })
    await octokit.rest.issues.createMilestone({ ...repo, title: 'Cohort 0', state: 'closed' })
    await octokit.rest.issues.create({ ...repo, title: 'a', milestone: 1 })
    await octokit.rest.issues.create({ ...repo, title: 'b', milestone: 1 })
    await octokit.rest.issues.update({ ...repo, issue_number: 2, state: 'closed' })

    const open = await octokit.rest.issues.listMilestones({ ...repo })
    expect(open.data.map((m) => m.title)).toEqual(['Cohort 1'])
    const all = await octokit.rest.issues.listMilestones({ ...repo, state: 'all' })
    expect(all.data.map((m) => m.title)).toEqual(['Cohort 1', 'Cohort 0'])
    const { data: got } = await octokit.rest.issues.getMilestone({ ...repo, milestone_number: 1 })
    expect(got).toMatchObject({ open_issues: 1, closed_issues: 1 })
    const { data: closed } = await octokit.rest.issues.updateMilestone({
      ...repo,
      milestone_number: 1,
      state: 'closed',
      title: 'Cohort 1 (done)',
    })
    expect(closed).toMatchObject({ state: 'closed', title: 'Cohort 1 (done)' })
    expect(closed.closed_at).not.toBeNull()
    const missing = await failure(
      octokit.rest.issues.getMilestone({ ...repo, milestone_number: 7 }),
    )
    expect(missing.status).toBe(404)
  })
})
