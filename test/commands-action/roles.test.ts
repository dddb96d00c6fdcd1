import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import {
  comment,
  commentEventPayload,
  editComment,
  exampleWorkspace,
  expectOk,
  issuePicture,
  openSessions,
  OTHER_BOT,
  OUTSIDER,
  ownComments,
  runWithPayload,
  sessionIssue,
  startCircle,
  statusOf,
} from './helpers.js'

const NOW = '2026-10-30T13:00:00Z'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

async function week2() {
  gh = await startCircle()
  const workspace = await exampleWorkspace()
  await openSessions(gh, workspace, '2026-10-30T12:00:00Z')
  gh.clock.set(NOW)
  const issue = sessionIssue(gh, 2)
  const run = async (
    id: number,
    action: 'created' | 'edited' | 'deleted' = 'created',
    from?: string,
  ) =>
    expectOk(
      await runWithPayload(
        gh as GitHubEmulator,
        workspace,
        commentEventPayload(gh as GitHubEmulator, {
          action,
          id,
          ...(from !== undefined ? { from } : {}),
        }),
        NOW,
      ),
    )
  return { gh, workspace, issue, run }
}

describe('who may use which command', () => {
  it('changes nothing for people outside the group and for bots', async () => {
    const { gh, issue, run } = await week2()
    await run(await comment(gh, 'bkowalski', issue, '/rsvp yes'))
    const before = issuePicture(gh, issue)
    const outsider = await comment(gh, OUTSIDER, issue, '/rsvp yes\n/skip\n/help')
    const bot = await comment(gh, OTHER_BOT, issue, '/rsvp yes\n/frobnicate')
    await run(outsider)
    await run(bot)
    const after = issuePicture(gh, issue)
    const theirs = (c: { user?: string }) => c.user !== OUTSIDER && c.user !== OTHER_BOT
    expect({ ...after, comments: after.comments.filter(theirs) }).toEqual(before)
    expect(statusOf(gh, issue)).toContain('#### RSVPs · 1 yes · 0 maybe · 0 no · 7 not yet')
  }, 60_000)

  it('refuses a facilitator command from a member politely, once, however often it reruns', async () => {
    const { gh, issue, run } = await week2()
    const skip = await comment(gh, 'bkowalski', issue, '/skip nobody can make it')
    for (let i = 0; i < 3; i++) await run(skip)
    const replies = ownComments(gh, issue, 'reply')
    expect(replies).toHaveLength(1)
    expect(replies[0]?.body).toBe(
      `<!-- skill-share:reply to=${skip} -->\n\n` +
        `@bkowalski, about [your comment](#issuecomment-${skip}):\n\n` +
        "- Sorry, `/skip` is for the group's facilitators. Ask one of them if it should happen.\n\n" +
        'Comment `/help` to see the commands available here.\n',
    )
    expect(gh.state.issue(issue)?.state).toBe('open')
    // Nothing took effect, so nothing is acknowledged and no status is needed.
    expect(gh.state.reactions({ comment: skip })).toEqual([])
    expect(ownComments(gh, issue, 'status')).toEqual([])
  }, 60_000)

  it('answers /help and unknown commands, and takes the answer back once the comment is fixed', async () => {
    const { gh, issue, run } = await week2()
    const help = await comment(gh, 'jmartin', issue, '/help')
    const typo = await comment(gh, 'grace-o', issue, '/rsvp yse')
    await run(help)
    await run(typo)
    const [helpReply, typoReply] = ownComments(gh, issue, 'reply')
    expect(helpReply?.body).toContain('`/rsvp yes|no|maybe [note]`')
    expect(helpReply?.body).toContain('`/swap @login` _(facilitators)_')
    expect(typoReply?.body).toContain('`/rsvp` takes yes, no or maybe')

    const from = await editComment(gh, 'grace-o', typo, '/rsvp yes')
    await run(typo, 'edited', from)
    expect(ownComments(gh, issue, 'reply').map((c) => c.id)).toEqual([helpReply?.id])
    expect(statusOf(gh, issue)).toContain('| @grace-o | ✅ yes |  |')
    expect(gh.state.reactions({ comment: typo }).map((r) => r.content)).toEqual(['eyes'])
  }, 60_000)
})

describe('facilitator commands', () => {
  it('/skip closes the session issue as not planned, with the reason in the status', async () => {
    const { gh, workspace, issue, run } = await week2()
    await run(await comment(gh, 'priya-n', issue, '/skip half of us are at the offsite'))
    const closed = gh.state.issue(issue)
    expect([closed?.state, closed?.state_reason]).toEqual(['closed', 'not_planned'])
    expect(statusOf(gh, issue)).toContain(
      '@priya-n called this meeting off. Reason: half of us are at the offsite',
    )
    // The sessions workflow never reopens it, and opens nothing in its place.
    await openSessions(gh, workspace, '2026-10-31T12:00:00Z')
    expect(gh.state.issue(issue)?.state).toBe('closed')
    expect(gh.state.issues({ state: 'all' })).toHaveLength(1)
  }, 60_000)

  it('/swap hands the facilitation over: the one assignee follows', async () => {
    const { gh, issue, run } = await week2()
    expect(issuePicture(gh, issue).assignees).toEqual(['priya-n'])
    await run(await comment(gh, 'priya-n', issue, '/swap @tomvdb'))
    expect(issuePicture(gh, issue).assignees).toEqual(['tomvdb'])
    expect(statusOf(gh, issue)).toContain('**Facilitation:** @tomvdb takes over from @priya-n.')
    // A facilitator who is not scheduled hands over the co-facilitation: the scheduled
    // facilitator is assigned again, the co-facilitator named in the status.
    await run(await comment(gh, 'octo-ana', issue, '/swap @sam-rivera'))
    expect(issuePicture(gh, issue).assignees).toEqual(['priya-n'])
  }, 60_000)
})
