import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { cli, REPO_ROOT } from '../support/cli.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import {
  comment,
  commentEventPayload,
  exampleWorkspace,
  expectOk,
  openSessions,
  ownComments,
  runWithPayload,
  sessionIssue,
  startCircle,
  sweep,
} from './helpers.js'

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
const HOUR = 3_600_000

/**
 * When each buddy week of the example group opens (week N's meeting ends: 17:30 in Los Angeles,
 * PDT until 1 November), is reminded (halfway) and closes (the next meeting starts).
 */
const WEEKS = [
  {
    week: 1,
    opens: '2026-10-26T00:30:00Z',
    nudge: '2026-10-29T12:15:00Z',
    closes: '2026-11-02T00:00:00Z',
  },
  {
    week: 2,
    opens: '2026-11-02T01:30:00Z',
    nudge: '2026-11-05T12:45:00Z',
    closes: '2026-11-09T00:00:00Z',
  },
  {
    week: 3,
    opens: '2026-11-09T01:30:00Z',
    nudge: '2026-11-12T12:45:00Z',
    closes: '2026-11-16T00:00:00Z',
  },
  {
    week: 4,
    opens: '2026-11-16T01:30:00Z',
    nudge: '2026-11-19T12:45:00Z',
    closes: '2026-11-23T00:00:00Z',
  },
]
const later = (iso: string, hours = 1) => new Date(Date.parse(iso) + hours * HOUR).toISOString()

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

/** The bot's pair issues of one week, as sorted login lists, by pair number. */
function pairsOf(gh: GitHubEmulator, week: number) {
  return gh.state
    .issues({ state: 'all' })
    .flatMap((issue) => {
      const found = /skill-share:check-in group=example week=(\d+) pair=(\d+)/.exec(
        issue.body ?? '',
      )
      if (!found || Number(found[1]) !== week || issue.user?.login !== 'github-actions[bot]')
        return []
      return [{ pair: Number(found[2]), issue }]
    })
    .sort((a, b) => a.pair - b.pair)
}

/** The buddies a pair issue records in its marker (its one assignee is the first of them). */
const logins = (issue: { body?: string | null }) =>
  (/ buddies=([A-Za-z0-9.-]+)/.exec(issue.body ?? '')?.[1] ?? '').split('.').filter(Boolean).sort()

function checkInBody(group: string, session: number) {
  return [
    '### Group',
    '',
    group,
    '',
    '### Session',
    '',
    String(session),
    '',
    '### My commitment this week',
    '',
    'Hand the release decision to the team.',
    '',
    '### How it went',
    '',
    'Partly',
    '',
    '### What helped or got in the way',
    '',
    '_No response_',
  ].join('\n')
}

describe('accountability buddies', () => {
  it('opens one issue per pair after the week 1 meeting, naming both and assigned to one, with the prefilled check-in form', async () => {
    gh = await startCircle()
    const workspace = await exampleWorkspace()
    expect(
      expectOk(await sweep(gh, workspace, '2026-10-26T00:17:00Z')).outputs['pair-issues'],
    ).toBe('')
    const run = expectOk(await sweep(gh, workspace, '2026-10-26T00:47:00Z'))
    const pairs = pairsOf(gh, 1)
    expect(run.outputs['pair-issues']).toBe(pairs.map((p) => p.issue.number).join(','))
    expect(pairs.map((p) => logins(p.issue))).toEqual([
      ['bkowalski', 'mei-chen'],
      ['grace-o', 'sam-rivera'],
      ['jmartin', 'octo-ana'],
      ['priya-n', 'tomvdb'],
    ])
    // One assignee on every plan: Free private repositories allow no more.
    expect(pairs.map((p) => (p.issue.assignees ?? []).map((a) => a.login))).toEqual([
      ['bkowalski'],
      ['grace-o'],
      ['jmartin'],
      ['priya-n'],
    ])
    const [first] = pairs
    expect(first?.issue.title).toBe('Buddies · week 1 · @bkowalski & @mei-chen')
    expect(first?.issue.labels?.map((l) => (typeof l === 'string' ? l : l.name)).sort()).toEqual([
      'buddies',
      'group:example',
      'skill-share',
    ])
    expect(first?.issue.body).toContain(
      '@bkowalski and @mei-chen: you are accountability buddies until the next meeting, Sunday 1 November, 16:00.',
    )
    expect(first?.issue.body).toContain(
      `/${OWNER}/${REPO}/issues/new?template=check-in.yml&title=Check-in%20%C2%B7%20example%20%C2%B7%20session%201&group=example&session=1`,
    )
    expect(first?.issue.body).toContain(
      '<!-- skill-share:check-in group=example week=1 pair=1 of=4 buddies=bkowalski.mei-chen -->',
    )
    // The hour after: nothing new.
    const writes = gh.writes().length
    expectOk(await sweep(gh, workspace, '2026-10-26T01:47:00Z'))
    expect(gh.writes().length).toBe(writes)
  }, 60_000)

  it('makes a trio when the count is odd, and leaves out who snoozed', async () => {
    gh = await startCircle()
    const workspace = await exampleWorkspace()
    await openSessions(gh, workspace, '2026-10-23T12:00:00Z')
    const kickoff = sessionIssue(gh, 1)
    gh.clock.set('2026-10-25T20:00:00Z')
    const id = await comment(gh, 'mei-chen', kickoff, 'Travelling for two weeks.\n/snooze')
    expectOk(
      await runWithPayload(
        gh,
        workspace,
        commentEventPayload(gh, { action: 'created', id }),
        '2026-10-25T20:00:00Z',
      ),
    )
    expectOk(await sweep(gh, workspace, '2026-10-26T01:47:00Z'))
    const groups = pairsOf(gh, 1).map((p) => logins(p.issue))
    expect(groups.map((g) => g.length).sort()).toEqual([2, 2, 3])
    expect(groups.flat()).not.toContain('mei-chen')
    expect(groups.flat()).toHaveLength(7)
  }, 60_000)

  it('pairs seven members as two pairs and a trio', async () => {
    gh = await startCircle()
    const seven = EXAMPLE.replace(/^ {2}- \{ github: sam-rivera.*\n/m, '')
    const workspace = await exampleWorkspace(seven)
    expectOk(await sweep(gh, workspace, '2026-10-26T01:47:00Z'))
    const groups = pairsOf(gh, 1).map((p) => logins(p.issue))
    expect(groups.map((g) => g.length)).toEqual(expect.arrayContaining([2, 2, 3]))
    expect(groups).toHaveLength(3)
  }, 60_000)

  it('draws new partners every week for four weeks, reminds once mid-week, and matches skill-share pairs', async () => {
    gh = await startCircle()
    const workspace = await exampleWorkspace()
    for (const week of WEEKS) {
      expectOk(await sweep(gh, workspace, later(week.opens, 0.25)))
      expectOk(await sweep(gh, workspace, later(week.opens, 0.25))) // a rerun opens nothing twice
      const pairs = pairsOf(gh, week.week)
      expect(pairs).toHaveLength(4)
      // Earlier weeks' pair issues are closed; this week's are open.
      for (const earlier of WEEKS.filter((w) => w.week < week.week))
        expect(
          pairsOf(gh, earlier.week).map((p) => gh?.state.issue(p.issue.number)?.state),
        ).toEqual(Array(4).fill('closed'))
      if (week.week === 1) {
        // Pair 1 checks in with /buddy, a member of pair 2 with the form; 3 and 4 stay quiet.
        const [one, two] = pairs
        gh.clock.set(later(week.opens, 24))
        const buddy = await comment(
          gh,
          logins(one!.issue)[0]!,
          one!.issue.number,
          'Done: we talked Tuesday.\n/buddy',
        )
        expectOk(
          await runWithPayload(
            gh,
            workspace,
            commentEventPayload(gh, { action: 'created', id: buddy }),
            later(week.opens, 24),
          ),
        )
        await asMember(gh, logins(two!.issue)[1]!).rest.issues.create({
          owner: OWNER,
          repo: REPO,
          title: 'Check-in · example · session 1',
          body: checkInBody('example', 1),
          labels: ['skill-share', 'check-in'],
        })
      }
      expectOk(await sweep(gh, workspace, later(week.nudge, 0.25)))
      expectOk(await sweep(gh, workspace, later(week.nudge, 1.25)))
      if (week.week === 1) {
        const nudged = pairs.map(
          (p) => ownComments(gh as GitHubEmulator, p.issue.number, 'nudge').length,
        )
        expect(nudged).toEqual([0, 0, 1, 1])
        const [reminder] = ownComments(gh, pairs[2]!.issue.number, 'nudge')
        const [a, b] = logins(pairs[2]!.issue)
        expect(reminder?.body).toContain(
          `@${a} and @${b}: we are halfway to the next meeting (Sunday 1 November, 16:00)`,
        )
        expect(reminder?.body).toContain('template=check-in.yml')
      }
    }
    const history = WEEKS.map((w) =>
      pairsOf(gh as GitHubEmulator, w.week).map((p) => logins(p.issue).join(' ')),
    )
    const all = history.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all).toHaveLength(16)

    const offline = await cli(['pairs', 'groups/example', '--week', '2', '--json'])
    expect(offline.code).toBe(0)
    expect(
      (JSON.parse(offline.stdout) as { pairs: string[][] }).pairs.map((p) => p.join(' ')),
    ).toEqual(history[1])
    // Week 4 ends when week 5 starts.
    expectOk(await sweep(gh, workspace, later(WEEKS[3]!.closes, 0.25)))
    expect(pairsOf(gh, 4).map((p) => gh?.state.issue(p.issue.number)?.state)).toEqual(
      Array(4).fill('closed'),
    )
  }, 180_000)
})
