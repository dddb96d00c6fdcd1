import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkedIn,
  pairIssueRefs,
  pairsToOpen,
  planBuddies,
  snoozeSources,
  withNudgeDecision,
  type PairIssueRef,
  type PairIssueSpec,
} from '../../actions/commands/src/plan-buddies.js'
import {
  autoThemesDue,
  themeRetitles,
  THEME_PLACEHOLDER,
} from '../../actions/commands/src/plan-sweep.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { buddyWeeks, plannedPairs } from '../../actions/lib/pairing/weeks.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { REPO_ROOT } from '../support/cli.js'

const BOT = { login: 'github-actions[bot]', type: 'Bot' }
const TEXT = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
const EXAMPLE = parseGroupFile(TEXT, { file: 'groups/example/group.yml', slug: 'example' }).group!
const SESSIONS = buildSchedule(EXAMPLE)
const WEEKS = buddyWeeks(SESSIONS)
const FORM = readFileSync(path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE/check-in.yml'), 'utf8')

let number = 100
function issue(extra: Partial<IssueView> = {}): IssueView {
  return {
    number: number++,
    title: 't',
    state: 'open',
    stateReason: null,
    body: '',
    author: BOT,
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-26T01:00:00Z',
    updatedAt: '2026-10-26T01:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
    ...extra,
  }
}

function pairIssue(
  week: number,
  pair: number,
  buddies: string[],
  extra: Partial<IssueView> = {},
  of = 4,
) {
  return issue({
    body: `Buddies\n\n<!-- skill-share:check-in group=example week=${week} pair=${pair} of=${of} buddies=${buddies.join('.')} -->\n`,
    assignees: buddies.slice(0, 1),
    ...extra,
  })
}

const observe = (issues: IssueView[], sessionIssues = new Map<number, IssueView>()) => ({
  sessionIssues,
  pairs: pairIssueRefs(issues, EXAMPLE),
})

describe('buddy weeks', () => {
  it('run from the end of each weekly meeting but the last to the start of the next, reminded halfway', () => {
    expect(WEEKS.map((w) => [w.week, w.opensAt, w.nudgeAt, w.closesAt])).toEqual([
      [1, '2026-10-26T00:30:00Z', '2026-10-29T12:15:00Z', '2026-11-02T00:00:00Z'],
      [2, '2026-11-02T01:30:00Z', '2026-11-05T12:45:00Z', '2026-11-09T00:00:00Z'],
      [3, '2026-11-09T01:30:00Z', '2026-11-12T12:45:00Z', '2026-11-16T00:00:00Z'],
      [4, '2026-11-16T01:30:00Z', '2026-11-19T12:45:00Z', '2026-11-23T00:00:00Z'],
      // The Thanksgiving skip stretches week 5 to the closing meeting on 6 December.
      [5, '2026-11-23T01:30:00Z', '2026-11-30T00:45:00Z', '2026-12-07T00:00:00Z'],
    ])
  })

  it('the offline draw never repeats a pair over the five buddy weeks of eight people', () => {
    const all = plannedPairs(EXAMPLE, 5).flatMap((w) => w.pairs.map((p) => p.join(' ')))
    expect(all).toHaveLength(20)
    expect(new Set(all).size).toBe(20)
  })
})

describe('planBuddies', () => {
  const duringWeek1 = new Date('2026-10-27T00:00:00Z')

  it('draws once the meeting is over and no pair issue exists', () => {
    expect(planBuddies(WEEKS, observe([]), duringWeek1)).toMatchObject({
      draw: true,
      week: { week: 1 },
    })
    expect(planBuddies(WEEKS, observe([]), new Date('2026-10-26T00:00:00Z'))).toMatchObject({
      draw: false,
    })
  })

  it('draws again when a run stopped halfway, not when all pairs are there', () => {
    const two = [pairIssue(1, 1, ['a', 'b']), pairIssue(1, 2, ['c', 'd'])]
    expect(planBuddies(WEEKS, observe(two), duringWeek1).draw).toBe(true)
    const all = [1, 2, 3, 4].map((n) => pairIssue(1, n, ['a', 'b']))
    expect(planBuddies(WEEKS, observe(all), duringWeek1).draw).toBe(false)
  })

  it('draws nothing after a meeting that was called off', () => {
    const skipped = issue({ state: 'closed', stateReason: 'not_planned' })
    expect(planBuddies(WEEKS, observe([], new Map([[1, skipped]])), duringWeek1).draw).toBe(false)
  })

  it("closes last week's pair issues and decides the reminder once, from mid-week", () => {
    const last = pairIssue(1, 1, ['a', 'b'])
    const current = [1, 2].map((n) => pairIssue(2, n, ['a', 'b'], {}, 2))
    const decided = pairIssue(2, 3, ['c', 'd'], {
      body: '<!-- skill-share:check-in group=example week=2 pair=3 of=3 nudge=none -->',
    })
    const at = new Date('2026-11-06T00:00:00Z')
    const plan = planBuddies(WEEKS, observe([last, ...current, decided]), at)
    expect(plan.close.map((r) => r.issue.number)).toEqual([last.number])
    expect(plan.nudge.map((r) => r.pair)).toEqual([1, 2])
    expect(planBuddies(WEEKS, observe(current), new Date('2026-11-04T00:00:00Z')).nudge).toEqual([])
  })
})

describe('pair issues', () => {
  const spec = (pair: number, buddies: string[]): PairIssueSpec => ({
    week: 1,
    pair,
    title: '',
    body: '',
    labels: [],
    buddies,
    assignees: buddies.slice(0, 1),
  })

  it('know their buddies from the marker, whoever is assigned; older issues from their assignees', () => {
    const group = {
      ...EXAMPLE,
      members: ['a', 'b', 'c'].map((github) => ({ github, name: github, role: 'member' as const })),
    }
    const unassigned = pairIssue(1, 1, ['a', 'b', 'c'], { assignees: [] })
    const legacy = issue({
      body: 'x\n\n<!-- skill-share:check-in group=example week=1 pair=2 of=2 -->\n',
      assignees: ['c', 'b'],
    })
    expect(pairIssueRefs([unassigned, legacy], group).map((r) => r.buddies)).toEqual([
      ['a', 'b', 'c'],
      ['c', 'b'],
    ])
  })

  it('opens only the missing ones, and none when an existing one names other people', () => {
    const existing = pairIssueRefs([pairIssue(1, 1, ['a', 'b'])], {
      ...EXAMPLE,
      members: [
        { github: 'a', name: 'A', role: 'member' },
        { github: 'b', name: 'B', role: 'member' },
      ],
    })
    expect(pairsToOpen([spec(1, ['b', 'a']), spec(2, ['c', 'd'])], existing)).toEqual({
      open: [spec(2, ['c', 'd'])],
      conflict: false,
    })
    expect(pairsToOpen([spec(1, ['a', 'c'])], existing)).toEqual({ open: [], conflict: true })
  })

  it('record the mid-week decision in their marker', () => {
    const body = 'x\n\n<!-- skill-share:check-in group=example week=2 pair=3 of=4 -->\n'
    expect(withNudgeDecision(body, { week: 2, pair: 3 }, 'example', 'sent')).toBe(
      'x\n\n<!-- skill-share:check-in group=example week=2 pair=3 of=4 nudge=sent -->\n',
    )
    expect(withNudgeDecision(body, { week: 2, pair: 4 }, 'example', 'sent')).toBe(body)
  })

  it('read snoozes from the session issues up to the meeting and earlier pair issues, oldest first', () => {
    const kickoff = issue({ comments: 2, createdAt: '2026-10-22T23:00:00Z' })
    const quiet = issue({ comments: 0, createdAt: '2026-10-29T23:00:00Z' })
    const week2 = issue({ comments: 1, createdAt: '2026-10-29T23:00:00Z' })
    const pair = pairIssue(1, 1, ['a', 'b'], { comments: 3, createdAt: '2026-10-26T01:00:00Z' })
    const later = pairIssue(2, 1, ['a', 'b'], { comments: 3 })
    const sources = snoozeSources(
      WEEKS[1]!,
      observe(
        [pair, later],
        new Map([
          [1, kickoff],
          [2, week2],
          [3, quiet],
        ]),
      ),
    )
    expect(sources.map((s) => s.issue.number)).toEqual([kickoff.number, pair.number, week2.number])
  })
})

describe('checkedIn', () => {
  const ref: PairIssueRef = {
    week: 1,
    pair: 1,
    of: 4,
    issue: issue(),
    buddies: ['grace-o', 'tomvdb'],
  }
  const week = WEEKS[0]!
  const form = (author: string, group: string, createdAt = '2026-10-27T00:00:00Z') =>
    issue({
      author: { login: author, type: 'User' },
      createdAt,
      body: `### Group\n\n${group}\n\n### Session\n\n1\n\n### My commitment this week\n\nx\n\n### How it went\n\nDone\n\n### What helped or got in the way\n\n_No response_`,
    })

  it('counts /buddy from a buddy and a check-in form filed by one since the meeting', () => {
    expect(
      checkedIn(ref, week, EXAMPLE, {
        state: { buddyCheckIns: new Set(['tomvdb']) },
        submissions: [],
      }),
    ).toBe(true)
    expect(
      checkedIn(ref, week, EXAMPLE, { submissions: [form('GRACE-O', 'example')], form: FORM }),
    ).toBe(true)
  })

  it("does not count someone else's form, one for another group, or one from before the meeting", () => {
    const evidence = (submission: IssueView) =>
      checkedIn(ref, week, EXAMPLE, { submissions: [submission], form: FORM })
    expect(evidence(form('jmartin', 'example'))).toBe(false)
    expect(evidence(form('grace-o', 'spring-2027'))).toBe(false)
    expect(evidence(form('grace-o', 'example', '2026-10-25T00:00:00Z'))).toBe(false)
  })
})

describe('the scheduled theme work', () => {
  const noThemes = parseGroupFile(TEXT.replace(/^themes:\n(?: {2}- .*\n)+/m, ''), {
    file: 'groups/example/group.yml',
    slug: 'example',
  }).group!
  const sessions = buildSchedule(noThemes)

  it('proposes themes after week 1 while a themed week without one has yet to open', () => {
    expect(autoThemesDue(sessions, new Date('2026-10-26T00:00:00Z'))).toBeUndefined()
    expect(autoThemesDue(sessions, new Date('2026-10-26T01:00:00Z'))?.number).toBe(1)
    expect(autoThemesDue(sessions, new Date('2026-11-20T00:00:00Z'))).toBeUndefined()
    expect(autoThemesDue(SESSIONS, new Date('2026-10-26T01:00:00Z'))).toBeUndefined()
  })

  it('replaces only the placeholder in open theme issues', () => {
    const open = issue({
      title: `Week 2 · ${THEME_PLACEHOLDER} · Sun 1 Nov`,
      body: `## Week 2: ${THEME_PLACEHOLDER}\n\nBring a story about **${THEME_PLACEHOLDER}**.`,
    })
    const [retitle] = themeRetitles(SESSIONS, new Map([[2, open]]))
    expect(retitle?.title).toBe('Week 2 · Delegation without losing the plot · Sun 1 Nov')
    expect(retitle?.body).toBe(
      '## Week 2: Delegation without losing the plot\n\nBring a story about **Delegation without losing the plot**.',
    )
    expect(themeRetitles(sessions, new Map([[2, open]]))).toEqual([])
    expect(themeRetitles(SESSIONS, new Map([[2, { ...open, state: 'closed' as const }]]))).toEqual(
      [],
    )
  })
})
