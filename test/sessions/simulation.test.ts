import { describe, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { botComments, snapshot } from '../support/github.js'
import { simulate, startExampleRepository, thumbsUp } from './simulation.js'

const FROM = new Date('2026-10-20T00:00:00Z')
const TO = new Date('2027-01-01T06:00:00Z') // ten weeks and a bit: the weekly phase and the first monthly issue

const TITLES = [
  'Week 1 · Kickoff · Sun 25 Oct',
  'Week 2 · Delegation without losing the plot · Sun 1 Nov',
  'Week 3 · Hard conversations · Sun 8 Nov',
  'Week 4 · Coping strategies and self-care · Sun 15 Nov',
  'Week 5 · Hiring and interviewing · Sun 22 Nov',
  'Week 6 · Looking back, looking ahead · Sun 6 Dec',
  'Monthly · Open discussion · Sun 3 Jan',
]

/** Members RSVP with 👍 once an issue is up: plenty for week 2, too few for week 3. */
async function scriptedRsvps(gh: GitHubEmulator) {
  const done = new Set<number>()
  return async (_gh: GitHubEmulator) => {
    for (const [session, who] of [
      [2, ['octo-ana', 'bkowalski', 'priya-n', 'jmartin', 'grace-o', 'tomvdb']],
      [3, ['bkowalski', 'mei-chen']],
    ] as const) {
      if (!done.has(session) && (await thumbsUp(gh, session, who))) done.add(session)
    }
  }
}

/** A fresh example repository for one test, closed when the test ends. */
async function repository(onTestFinished: (fn: () => Promise<void>) => void) {
  const gh = await startExampleRepository()
  onTestFinished(() => gh.close())
  return gh
}

// The three simulations are independent, so they run side by side.
describe('the sessions action over a whole cohort', () => {
  it.concurrent(
    'opens, closes and reports on exactly the right issues over ten weeks',
    async ({ expect, onTestFinished }) => {
      const gh = await repository(onTestFinished)
      const rsvp = await scriptedRsvps(gh)
      const runs = await simulate(gh, { from: FROM, to: TO, beforeRun: rsvp })
      expect(runs.every((r) => r.exitCode === 0)).toBe(true)

      const issues = snapshot(gh)
      expect(issues.map((i) => i.title)).toEqual(TITLES)
      expect(issues.map((i) => [i.state, i.stateReason])).toEqual([
        ...Array.from({ length: 6 }, () => ['closed', 'completed']),
        ['open', null],
      ])
      expect(issues[0]?.labels).toEqual(['group:example', 'kickoff', 'session', 'skill-share'])
      expect(issues[2]?.labels).toEqual(['group:example', 'session', 'skill-share', 'theme'])
      expect(issues[5]?.labels).toEqual(['closing', 'group:example', 'session', 'skill-share'])
      expect(issues[6]?.labels).toEqual([
        'follow-up',
        'group:example',
        'monthly',
        'session',
        'skill-share',
      ])
      // One assignee on every plan, the facilitator; the body names the co-facilitator.
      expect(issues.map((i) => i.assignees)).toEqual([
        ['octo-ana'],
        ['priya-n'],
        ['octo-ana'],
        ['priya-n'],
        ['octo-ana'],
        ['priya-n'],
        ['octo-ana'],
      ])
      expect(issues.map((i) => i.milestone)).toEqual([...Array(6).fill('Fall 2026 circle'), null])
      expect(gh.state.milestones().map((m) => [m.title, m.due_on])).toEqual([
        ['Fall 2026 circle', '2026-12-07T01:30:00Z'],
      ])
      // Every closed session got its status the day before, then one closing comment; nothing twice.
      expect(issues.slice(0, 6).map((i) => i.botComments)).toEqual(
        Array(6).fill(['status', 'closing']),
      )
      expect(issues[6]?.botComments).toEqual([])
    },
    300_000,
  )

  it.concurrent(
    'posts the day-before status with the RSVPs and warns the facilitators when quorum is short',
    async ({ expect, onTestFinished }) => {
      const gh = await repository(onTestFinished)
      const rsvp = await scriptedRsvps(gh)
      await simulate(gh, { from: FROM, to: new Date('2026-11-09T06:00:00Z'), beforeRun: rsvp })
      const [week2] = botComments(gh, 2, 'status')
      expect(week2?.body).toContain('Quorum reached: 6 yes (at least 5 needed).')
      const [week3] = botComments(gh, 3, 'status')
      expect(week3?.body).toContain(
        '> **Only 2 yes so far; a good circle needs at least 5.** @octo-ana, @priya-n, this meeting may fizzle.',
      )
      expect(week3?.body).toContain('reschedule')
      // The closing comment links the next session's issue once it exists, else says when it opens.
      const [closing1] = botComments(gh, 1, 'closing')
      expect(closing1?.body).toContain(
        'Next: Week 2 · Delegation without losing the plot · Sun 1 Nov. Its issue opens Thursday 29 October, 16:00',
      )
    },
    300_000,
  )

  it.concurrent(
    'opens the daylight-saving week at 16:00 local on the Thursday before',
    async ({ expect, onTestFinished }) => {
      const gh = await repository(onTestFinished)
      const workspaceRuns = await simulate(gh, {
        from: new Date('2026-10-29T21:00:00Z'),
        to: new Date('2026-10-30T01:00:00Z'),
        hourly: true,
      })
      expect(workspaceRuns.length).toBeGreaterThan(0)
      const week2 = gh.state.issues({ state: 'all' }).find((i) => i.title.startsWith('Week 2'))
      // 16:00 in Los Angeles on 29 October (still PDT, UTC-7) is 23:00 UTC.
      expect(week2?.created_at).toBe('2026-10-29T23:00:00Z')
    },
    120_000,
  )
})
