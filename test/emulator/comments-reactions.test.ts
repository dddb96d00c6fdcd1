import { describe, expect, it } from 'vitest'
import { client, failure, useEmulator } from './helpers.js'

describe('emulator: issue comments', () => {
  const t = useEmulator()

  it('creates, gets, edits, lists and deletes comments, tracking counts and timestamps', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'Session 1' })
    gh.clock.advance(60_000)
    const ben = client(gh, 'octo-ben')
    const { data: comment, status } = await ben.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: '/rsvp yes',
    })
    expect(status).toBe(201)
    expect(comment).toMatchObject({
      body: '/rsvp yes',
      user: { login: 'octo-ben' },
      author_association: 'MEMBER',
      created_at: '2026-11-21T16:01:00Z',
      updated_at: '2026-11-21T16:01:00Z',
      html_url: `https://github.com/acme/circle/issues/1#issuecomment-${comment.id}`,
      issue_url: `${gh.url}/repos/acme/circle/issues/1`,
      reactions: { total_count: 0 },
    })
    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: 1 })
    expect(issue).toMatchObject({ comments: 1, updated_at: '2026-11-21T16:01:00Z' })

    gh.clock.advance(60_000)
    const { data: edited } = await ben.rest.issues.updateComment({
      ...repo,
      comment_id: comment.id,
      body: '/rsvp no',
    })
    expect(edited).toMatchObject({ body: '/rsvp no', updated_at: '2026-11-21T16:02:00Z' })
    expect(edited.created_at).toBe('2026-11-21T16:01:00Z')
    const { data: got } = await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id })
    expect(got.body).toBe('/rsvp no')

    // A collaborator with write access may delete anyone's comment.
    const removed = await client(gh, 'octo-cy').rest.issues.deleteComment({
      ...repo,
      comment_id: comment.id,
    })
    expect(removed.status).toBe(204)
    const deleted = gh.state.deletedComments()
    expect(deleted.map((c) => c.id)).toEqual([comment.id])
    expect(gh.state.issue(1)?.comments).toBe(0)
    const missing = await failure(
      octokit.rest.issues.getComment({ ...repo, comment_id: comment.id }),
    )
    expect(missing.status).toBe(404)
  })

  it('lists comments for an issue and for the repository with since/sort/direction', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'one' })
    await octokit.rest.issues.create({ ...repo, title: 'two' })
    const c1 = (await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'a' }))
      .data
    gh.clock.advance(3_600_000)
    const c2 = (await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: 'b' }))
      .data
    const c3 = (await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'c' }))
      .data

    const forIssue = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: 1,
    })
    expect(forIssue.map((c) => c.body)).toEqual(['a', 'c'])
    const recent = await octokit.rest.issues.listComments({
      ...repo,
      issue_number: 1,
      since: '2026-11-21T16:30:00Z',
    })
    expect(recent.data.map((c) => c.id)).toEqual([c3.id])

    const repoWide = await octokit.rest.issues.listCommentsForRepo({ ...repo })
    expect(repoWide.data.map((c) => c.id)).toEqual([c1.id, c2.id, c3.id])
    const newestFirst = await octokit.rest.issues.listCommentsForRepo({
      ...repo,
      sort: 'created',
      direction: 'desc',
    })
    expect(newestFirst.data.map((c) => c.id)).toEqual([c3.id, c2.id, c1.id])
    const since = await octokit.rest.issues.listCommentsForRepo({
      ...repo,
      since: '2026-11-21T17:00:00Z',
    })
    expect(since.data.map((c) => c.id)).toEqual([c2.id, c3.id])
    expect(
      (await failure(octokit.rest.issues.listComments({ ...repo, issue_number: 9 }))).status,
    ).toBe(404)
  })

  it('refuses to edit someone else’s comment without write access', async () => {
    const { octokit, repo, gh } = t
    gh.store.repo.private = false
    await octokit.rest.issues.create({ ...repo, title: 'x' })
    const { data } = await client(gh, 'octo-ana').rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: 'mine',
    })
    const denied = await failure(
      client(gh, 'outsider').rest.issues.updateComment({
        ...repo,
        comment_id: data.id,
        body: 'no',
      }),
    )
    expect(denied.status).toBe(403)
  })
})

describe('emulator: reactions', () => {
  const t = useEmulator()

  it('reacts to issues as the acting user: 201 new, 200 existing, content filter, delete', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'Topic: feedback' })
    const ana = client(gh, 'octo-ana')
    const first = await ana.rest.reactions.createForIssue({
      ...repo,
      issue_number: 1,
      content: '+1',
    })
    expect(first.status).toBe(201)
    expect(first.data).toMatchObject({ content: '+1', user: { login: 'octo-ana' } })
    const again = await ana.rest.reactions.createForIssue({
      ...repo,
      issue_number: 1,
      content: '+1',
    })
    expect(again.status).toBe(200)
    expect(again.data.id).toBe(first.data.id)
    await client(gh, 'octo-ben').rest.reactions.createForIssue({
      ...repo,
      issue_number: 1,
      content: '+1',
    })
    await ana.rest.reactions.createForIssue({ ...repo, issue_number: 1, content: 'heart' })

    const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: 1 })
    expect(issue.reactions).toMatchObject({
      '+1': 2,
      heart: 1,
      total_count: 3,
      url: `${gh.url}/repos/acme/circle/issues/1/reactions`,
    })
    const thumbs = await octokit.paginate(octokit.rest.reactions.listForIssue, {
      ...repo,
      issue_number: 1,
      content: '+1',
    })
    expect(thumbs.map((r) => r.user?.login)).toEqual(['octo-ana', 'octo-ben'])
    const bad = await failure(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/reactions', {
        ...repo,
        issue_number: 1,
        content: 'party' as never,
      }),
    )
    expect(bad.status).toBe(422)

    const removed = await ana.rest.reactions.deleteForIssue({
      ...repo,
      issue_number: 1,
      reaction_id: first.data.id,
    })
    expect(removed.status).toBe(204)
    expect(gh.state.reactions({ issue: 1 }).map((r) => r.content)).toEqual(['+1', 'heart'])
  })

  it('reacts to comments and rolls the counts up on the comment', async () => {
    const { octokit, repo, gh } = t
    await octokit.rest.issues.create({ ...repo, title: 'x' })
    const { data: comment } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: 'Proposal: pairing',
    })
    const cy = client(gh, 'octo-cy')
    const { data: reaction } = await cy.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: 'rocket',
    })
    const { data: got } = await octokit.rest.issues.getComment({ ...repo, comment_id: comment.id })
    expect(got.reactions).toMatchObject({ rocket: 1, total_count: 1 })
    const list = await octokit.rest.reactions.listForIssueComment({
      ...repo,
      comment_id: comment.id,
    })
    expect(list.data).toEqual([reaction])
    await cy.rest.reactions.deleteForIssueComment({
      ...repo,
      comment_id: comment.id,
      reaction_id: reaction.id,
    })
    expect(gh.state.reactions({ comment: comment.id })).toEqual([])
  })
})
