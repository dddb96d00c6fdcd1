import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { cli, REPO_ROOT } from '../support/cli.js'
import {
  asBot,
  comment,
  commentEventPayload,
  exampleWorkspace,
  expectOk,
  groupFiles,
  openSessions,
  ownComments,
  react,
  runWithPayload,
  sessionIssue,
  startCircle,
  statusOf,
  sweep,
} from './helpers.js'
import { OWNER, REPO } from '../support/github.js'

const FILE = 'groups/example/group.yml'
const CALENDAR = 'groups/example/calendar.ics'

/** A checkout with the templates and the given example group file, for the offline CLI. */
function scratchWith(groupYaml: string | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'skill-share-calendar-'))
  cpSync(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  mkdirSync(path.join(dir, 'groups/example'), { recursive: true })
  writeFileSync(path.join(dir, FILE), groupYaml ?? '')
  return dir
}
const EXAMPLE = readFileSync(path.join(REPO_ROOT, FILE), 'utf8')
/** The example group before anyone chose themes. */
const NO_THEMES = EXAMPLE.replace(/^themes:\n(?: {2}- .*\n)+/m, '')

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

async function repository(groupYaml = EXAMPLE) {
  gh = await startCircle()
  // The default branch holds the group file, as the checkout does.
  gh.setFile(FILE, groupYaml)
  return gh
}

async function commentAndRun(
  gh: GitHubEmulator,
  workspace: string,
  login: string,
  issue: number,
  body: string,
  now: string,
) {
  gh.clock.set(now)
  const id = await comment(gh, login, issue, body)
  return expectOk(
    await runWithPayload(gh, workspace, commentEventPayload(gh, { action: 'created', id }), now),
  )
}

describe('/continue on the closing issue', () => {
  it('opens one pull request changing then: once a facilitator confirms the vote', async () => {
    const gh = await repository()
    const workspace = await exampleWorkspace()
    await openSessions(gh, workspace, '2026-12-04T12:00:00Z')
    const closing = sessionIssue(gh, 6)
    const now = '2026-12-07T02:00:00Z'
    for (const [login, vote] of [
      ['bkowalski', 'biweekly'],
      ['jmartin', 'biweekly'],
      ['grace-o', 'monthly'],
      ['mei-chen', 'fortnightly'],
      ['tomvdb', 'stop'],
    ]) {
      const run = await commentAndRun(
        gh,
        workspace,
        login as string,
        closing,
        `/continue ${vote}`,
        now,
      )
      expect(run.outputs['group-changes']).toBe('')
    }
    // The other closing questions, in one comment or several.
    for (const [login, votes] of [
      ['bkowalski', '/homework drop\n/seats nominations 10'],
      ['grace-o', '/homework drop'],
      ['mei-chen', '/seats nominations'],
    ]) {
      const run = await commentAndRun(gh, workspace, login as string, closing, votes as string, now)
      expect(run.outputs['group-changes']).toBe('')
    }
    // A member cannot close the vote.
    const early = await commentAndRun(
      gh,
      workspace,
      'sam-rivera',
      closing,
      '/continue confirm',
      now,
    )
    expect(early.outputs['group-changes']).toBe('')
    expect(ownComments(gh, closing, 'reply')).toHaveLength(1)

    const confirm = await commentAndRun(gh, workspace, 'priya-n', closing, '/continue confirm', now)
    expect(confirm.outputs['group-changes']).toBe(`example/continue#${closing}`)
    expect(statusOf(gh, closing)).toContain(
      '**Decided** (confirmed by a facilitator): we continue every other week, without homework, new members by nomination up to 10 members.',
    )

    const job = expectOk(
      await groupFiles(gh, workspace, confirm.outputs['group-changes'] ?? '', now),
    )
    const [pull] = gh.state.pulls()
    expect(job.outputs['pull-requests']).toBe(String(pull?.number))
    expect(pull?.head.ref).toBe('skill-share/example/continue')
    expect(pull?.base.ref).toBe('main')
    expect(pull?.body).toContain(`The group voted in #${closing} to go on meeting every other week`)
    expect(pull?.body).toContain('- `homework: false`')
    expect(pull?.body).toContain('- [ ] Ask the members for nominations (room for 10 in all)')
    expect(pull?.body).not.toContain('Close the discussion channel')
    const proposed = gh.state.file(FILE, 'skill-share/example/continue')
    // Only the decision changes: `then:` and the new block right after it.
    expect(proposed).toContain(
      '\nthen: biweekly\ncontinuation:\n  homework: false\n  seats: nominations\n  cap: 10\nlead: 3d ',
    )
    // The repository publishes the calendar, so the same pull request refreshes it: follow-ups
    // every other week instead of monthly.
    // The CLI builds on the published calendar (its SEQUENCEs) and links the repository's issues.
    const calendar = gh.state.file(CALENDAR, 'skill-share/example/continue') ?? ''
    const scratch = scratchWith(proposed)
    cpSync(path.join(REPO_ROOT, CALENDAR), path.join(scratch, CALENDAR))
    const offline = await cli(['calendar', 'groups/example', '--repo', `${OWNER}/${REPO}`], scratch)
    expect(calendar).toBe(offline.stdout.slice(0, -1))
    expect(calendar).toMatch(/^SEQUENCE:1\r$/m)
    expect(calendar).not.toBe(readFileSync(path.join(REPO_ROOT, CALENDAR), 'utf8'))

    // Both jobs again (a rerun, a redelivered event): no second pull request, nothing rewritten.
    const writes = gh.writes().length
    const again = await commentAndRun(gh, workspace, 'jmartin', closing, 'Thanks all!', now)
    expect(again.outputs['group-changes']).toBe('')
    expectOk(await groupFiles(gh, workspace, `example/continue#${closing}`, now))
    expect(gh.state.pulls()).toHaveLength(1)
    expect(gh.writes().length - writes).toBe(1) // the chat comment itself
  }, 120_000)
})

describe('themes from the kickoff topics', () => {
  async function kickoff(groupYaml: string) {
    const gh = await repository(groupYaml)
    const workspace = await exampleWorkspace(groupYaml)
    await openSessions(gh, workspace, '2026-10-23T12:00:00Z')
    const issue = sessionIssue(gh, 1)
    const now = '2026-10-25T23:00:00Z'
    const topics: number[] = []
    for (const [login, text] of [
      ['bkowalski', 'Saying no to my own manager'],
      ['mei-chen', 'Delegating without losing the plot'],
      ['jmartin', 'Coping strategies and self-care'],
      ['grace-o', 'Hiring when the budget is frozen'],
      ['tomvdb', 'Running a calmer incident review'],
    ]) {
      gh.clock.set(now)
      topics.push(await comment(gh, login as string, issue, `/topic ${text}`))
    }
    // Votes: topic 3 gets three, topic 2 two, topic 5 one; the author's own 👍 does not count.
    for (const [topic, voters] of [
      [3, ['octo-ana', 'priya-n', 'sam-rivera', 'jmartin']],
      [2, ['octo-ana', 'tomvdb']],
      [5, ['grace-o']],
    ] as const) {
      for (const voter of voters) await react(gh, voter, { comment: topics[topic - 1] as number })
    }
    return { gh, workspace, issue, now }
  }

  it('/themes by a facilitator opens a pull request with the picked topics, in order', async () => {
    const { gh, workspace, issue, now } = await kickoff(NO_THEMES)
    const run = await commentAndRun(gh, workspace, 'octo-ana', issue, '/themes 4, 1, 5, 2', now)
    expect(run.outputs['group-changes']).toBe(`example/themes#${issue}`)
    const status = statusOf(gh, issue)
    expect(status).toContain('**Themes chosen:** topics 4, 1, 5, 2, in that order.')
    expect(status).toMatch(
      /\| 3 \| \[Coping strategies and self-care\]\(#issuecomment-\d+\) \| 3 \|/,
    )

    expectOk(await groupFiles(gh, workspace, run.outputs['group-changes'] ?? '', now))
    const [pull] = gh.state.pulls()
    expect(pull?.head.ref).toBe('skill-share/example/themes')
    const proposed = gh.state.file(FILE, 'skill-share/example/themes') ?? ''
    expect(proposed).toContain(
      'themes:\n  - Hiring when the budget is frozen\n  - Saying no to my own manager\n' +
        '  - Running a calmer incident review\n  - Delegating without losing the plot\nmembers:',
    )
    expect(pull?.body).toContain('as a facilitator picked them with `/themes`')
    // This checkout publishes no calendar, so the pull request adds none.
    expect(gh.state.file(CALENDAR, 'skill-share/example/themes')).toBeUndefined()
  }, 120_000)

  it('after week 1, the most voted topics are proposed, and open theme issues take them once merged', async () => {
    const { gh, workspace, issue } = await kickoff(NO_THEMES)
    // Week 1 ends Monday 26 October 01:30 UTC; the next hourly sweep proposes the votes.
    const after = '2026-10-26T02:47:00Z'
    const run = expectOk(await sweep(gh, workspace, after))
    expect(run.outputs['group-changes']).toBe(`example/themes#${issue}`)
    expectOk(await groupFiles(gh, workspace, run.outputs['group-changes'] ?? '', after))
    const proposed = gh.state.file(FILE, 'skill-share/example/themes') ?? ''
    expect(proposed).toContain(
      'themes:\n  - Coping strategies and self-care\n  - Delegating without losing the plot\n' +
        '  - Running a calmer incident review\n  - Saying no to my own manager\nmembers:',
    )
    expect(gh.state.pulls()[0]?.body).toContain('the most voted topics')
    // Later sweeps leave the proposal alone.
    expect(
      expectOk(await sweep(gh, workspace, '2026-10-26T03:47:00Z')).outputs['group-changes'],
    ).toBe('')

    // Week 2 opens before anyone merges: its issue waits for a theme.
    await openSessions(gh, workspace, '2026-10-30T00:00:00Z')
    const week2 = sessionIssue(gh, 2)
    expect(gh.state.issue(week2)?.title).toBe('Week 2 · Theme to be chosen in week 1 · Sun 1 Nov')
    // Merged: the checkout now has the themes, and the next sweep retitles the open issue.
    const merged = await exampleWorkspace(proposed)
    gh.setFile(FILE, proposed)
    expectOk(await sweep(gh, merged, '2026-10-30T00:47:00Z'))
    const retitled = gh.state.issue(week2)
    expect(retitled?.title).toBe('Week 2 · Coping strategies and self-care · Sun 1 Nov')
    expect(retitled?.body).toContain('## Week 2: Coping strategies and self-care')
    expect(retitled?.body).not.toContain('Theme to be chosen')
  }, 120_000)
})

const OUTSIDER_LOGIN = 'outsider-olga'

describe('/agree on the ground rules', () => {
  it('counts who agreed in the issue status', async () => {
    const gh = await repository()
    const workspace = await exampleWorkspace()
    const { data } = await asBot(gh).rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: 'Ground rules · Fall 2026 circle',
      body: 'Our ground rules.\n\n<!-- skill-share:ground-rules group=example -->\n',
      labels: ['skill-share', 'group:example', 'ground-rules'],
    })
    const now = '2026-10-20T12:00:00Z'
    await commentAndRun(gh, workspace, 'grace-o', data.number, '/agree', now)
    await commentAndRun(gh, workspace, 'octo-ana', data.number, 'Agreed!\n/agree', now)
    await commentAndRun(gh, workspace, 'jmartin', data.number, '/rsvp yes', now)
    expect(statusOf(gh, data.number)).toContain(
      '**Agreed to the ground rules:** 2 of 8: @grace-o, @octo-ana. React 👍 to this issue or comment `/agree` to join them (a 👍 is counted within the hour).',
    )
    expect(ownComments(gh, data.number, 'reply')[0]?.body).toContain(
      '`/rsvp` works on a session issue',
    )
  }, 60_000)

  it('counts a 👍 as agreeing: the hourly run notices it, and a quiet hour reads nothing more', async () => {
    const gh = await repository()
    const workspace = await exampleWorkspace()
    const { data } = await asBot(gh).rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: 'Ground rules · Fall 2026 circle',
      body: 'Our ground rules.\n\n<!-- skill-share:ground-rules group=example -->\n',
      labels: ['skill-share', 'group:example', 'ground-rules'],
    })
    const now = '2026-10-20T12:00:00Z'
    await commentAndRun(gh, workspace, 'grace-o', data.number, '/agree', now)
    // Reactions start no workflow: the 👍 waits for the scheduled run.
    await react(gh, 'tomvdb', { issue: data.number })
    await react(gh, 'mei-chen', { issue: data.number })
    // Someone off the roster: counted by GitHub, never as agreeing.
    await react(gh, OUTSIDER_LOGIN, { issue: data.number })
    expectOk(await sweep(gh, workspace, '2026-10-20T13:00:00Z'))
    expect(statusOf(gh, data.number)).toContain(
      '**Agreed to the ground rules:** 3 of 8: @grace-o, @mei-chen, @tomvdb.',
    )
    expect(gh.state.issue(data.number)?.body).toContain(
      '<!-- skill-share:ground-rules group=example thumbs=3 -->',
    )
    // The next hour: the count is unchanged, so the issue is not read again.
    const quiet = expectOk(await sweep(gh, workspace, '2026-10-20T14:00:00Z'))
    const reads = quiet.requests.filter((r) => r.path.includes(`/issues/${data.number}`))
    expect(reads, quiet.stdout).toEqual([])
  }, 90_000)
})
