import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import {
  comment,
  commentEventPayload,
  deleteComment,
  editComment,
  exampleWorkspace,
  expectOk,
  issuePicture,
  openSessions,
  ownComments,
  react,
  runWithPayload,
  sessionIssue,
  startCircle,
  statusOf,
  type CommentEvent,
} from './helpers.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

/** Week 2 of the example group: its issue opens Thursday 29 October, the meeting is Sunday 1 November 16:00 PST. */
async function week2() {
  gh = await startCircle()
  const workspace = await exampleWorkspace()
  await openSessions(gh, workspace, '2026-10-30T12:00:00Z')
  return { gh, workspace, issue: sessionIssue(gh, 2) }
}

describe('a week of commands on a session issue', () => {
  it('keeps one correct status comment through concurrent, edited and replayed comments', async () => {
    const { gh, workspace, issue } = await week2()
    const events: Array<{ payload: object; now: string }> = []
    const at = async (now: string, ...happened: CommentEvent[]) => {
      gh.clock.set(now)
      const payloads = happened.map((event) => commentEventPayload(gh, event))
      for (const payload of payloads) events.push({ payload, now })
      // Runs for one moment start together, as two events do when nothing queues them.
      const runs = await Promise.all(payloads.map((p) => runWithPayload(gh, workspace, p, now)))
      for (const run of runs) expectOk(run)
    }

    gh.clock.set('2026-10-30T13:00:00Z')
    const bart = await comment(gh, 'bkowalski', issue, '/rsvp yes')
    const priya = await comment(
      gh,
      'priya-n',
      issue,
      'Great theme.\n/rsvp maybe flying back that day',
    )
    await at(
      '2026-10-30T13:00:00Z',
      { action: 'created', id: bart },
      { action: 'created', id: priya },
    )
    expect(ownComments(gh, issue, 'status')).toHaveLength(1)

    gh.clock.set('2026-10-31T09:00:00Z')
    await react(gh, 'jmartin', { issue })
    const chat = await comment(gh, 'jmartin', issue, 'Looking forward to this one.')
    const grace = await comment(gh, 'grace-o', issue, '/rsvp no, sorry: family weekend')
    const tom = await comment(gh, 'tomvdb', issue, '/rsvp yes')
    await at(
      '2026-10-31T09:00:00Z',
      { action: 'created', id: chat },
      { action: 'created', id: grace },
      { action: 'created', id: tom },
    )

    gh.clock.set('2026-10-31T18:00:00Z')
    const from = await editComment(
      gh,
      'priya-n',
      priya,
      'Great theme.\n/rsvp yes made it back early',
    )
    await at('2026-10-31T18:00:00Z', { action: 'edited', id: priya, from })

    gh.clock.set('2026-11-01T10:00:00Z')
    const mei = await comment(gh, 'mei-chen', issue, '/rsvp yes\n/snooze')
    const ana = await comment(gh, 'octo-ana', issue, '/rsvp yes')
    await at('2026-11-01T10:00:00Z', { action: 'created', id: mei }, { action: 'created', id: ana })

    const before = statusOf(gh, issue)
    expect(before).toContain('#### RSVPs · 6 yes · 0 maybe · 1 no · 1 not yet')
    expect(before).toContain('| @priya-n | ✅ yes | made it back early |')
    expect(before).toContain('| @jmartin | ✅ yes |  |')
    expect(before).toContain('| @grace-o | ➖ no | sorry: family weekend |')
    expect(before).toContain('| @sam-rivera | not yet |  |')
    expect(before).toContain('Quorum reached: 6 yes (at least 5 needed).')

    // After the meeting: attendance from a facilitator, and one member's own /here.
    gh.clock.set('2026-11-02T02:00:00Z')
    const attended = await comment(
      gh,
      'octo-ana',
      issue,
      '/attended @bkowalski @tomvdb @priya-n @mei-chen @octo-ana',
    )
    const here = await comment(gh, 'sam-rivera', issue, '/here')
    await at(
      '2026-11-02T02:00:00Z',
      { action: 'created', id: attended },
      { action: 'created', id: here },
    )

    const status = statusOf(gh, issue)
    expect(status).toContain(
      '6 of 8 were there: @bkowalski, @mei-chen, @octo-ana, @priya-n, @sam-rivera, @tomvdb.',
    )
    expect(status).not.toContain('#### RSVPs')
    expect(ownComments(gh, issue)).toHaveLength(1)
    // Every comment with a command that counted got 👀; the chat and the others nothing.
    const acknowledged = gh.state
      .reactions()
      .filter((r) => r.user?.login === 'github-actions[bot]')
      .map((r) => r.subject_id)
      .sort()
    expect(acknowledged).toEqual([bart, priya, grace, tom, mei, ana, attended, here].sort())

    // Replaying every event twice, as GitHub may redeliver them, changes nothing.
    const settled = issuePicture(gh, issue)
    for (const round of [1, 2]) {
      for (const event of events) {
        expectOk(await runWithPayload(gh, workspace, event.payload, '2026-11-02T03:00:00Z'))
      }
      expect(issuePicture(gh, issue), `after replay ${round}`).toEqual(settled)
    }
  }, 120_000)

  it("drops a deleted comment's RSVP at the next reconcile", async () => {
    const { gh, workspace, issue } = await week2()
    const now = '2026-10-31T09:00:00Z'
    gh.clock.set(now)
    const sam = await comment(gh, 'sam-rivera', issue, '/rsvp yes')
    const ana = await comment(gh, 'octo-ana', issue, '/rsvp maybe')
    for (const id of [sam, ana])
      expectOk(
        await runWithPayload(
          gh,
          workspace,
          commentEventPayload(gh, { action: 'created', id }),
          now,
        ),
      )
    expect(statusOf(gh, issue)).toContain('| @sam-rivera | ✅ yes |  |')

    await deleteComment(gh, 'sam-rivera', sam)
    const deleted = commentEventPayload(gh, { action: 'deleted', id: sam })
    expectOk(await runWithPayload(gh, workspace, deleted, now))
    const status = statusOf(gh, issue)
    expect(status).toContain('| @sam-rivera | not yet |  |')
    expect(status).toContain('#### RSVPs · 0 yes · 1 maybe · 0 no · 7 not yet')
  }, 60_000)
})
