import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { buildCoachingSchedule, type Conversation } from '../../actions/lib/schedule/coaching.js'
import { stepDone } from '../../actions/lib/sessions/conversation.js'
import { parseFrontMatter } from '../../actions/lib/templates/front-matter.js'
import {
  conversationsMissing,
  lapsed,
  planCoaching,
  writeUpsByPair,
  type WriteUp,
} from '../../actions/sessions/src/plan-coaching.js'
import { REPO_ROOT } from '../support/cli.js'
import { groupFrom } from '../support/groups.js'

const TEMPLATE = parseFrontMatter(
  readFileSync(path.join(REPO_ROOT, 'templates/conversation.md'), 'utf8'),
  'templates/conversation.md',
)
const REPO = { serverUrl: 'https://github.com', repository: 'acme/leads', defaultBranch: 'main' }

const GROUP = groupFrom(
  `name: Coaching
format: coaching
timezone: Europe/Berlin
lead: 2d
members:
  - { github: Coach-A, name: Coach A, role: facilitator }
  - { github: coachee-b, name: Coachee B }
  - { github: coachee-c, name: Coachee C }
  - { github: coach-d, name: Coach D }
pairs:
  - { coach: Coach-A, coachee: coachee-b, cadence: weekly, weekday: tuesday, time: "09:00", start: 2026-11-03 }
  - { coach: Coach-A, coachee: coachee-c, cadence: biweekly, weekday: thursday, time: "17:00", start: 2026-11-05 }
  - { coach: coach-d, coachee: coachee-c, cadence: monthly, weekday: wednesday, time: "12:00", start: 2026-11-11 }
`,
  'network',
)
const ALL = buildCoachingSchedule(GROUP, { until: '2027-03-01' })
const conversation = (pair: string, n: number) =>
  ALL.find((c) => c.pair === pair && c.number === n) as Conversation
const AB = 'coach-a+coachee-b'

let nextNumber = 100
function issue(overrides: Partial<IssueView> = {}): IssueView {
  return {
    number: nextNumber++,
    title: '',
    state: 'open',
    stateReason: null,
    body: '',
    author: { login: 'github-actions[bot]', type: 'Bot' },
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
    ...overrides,
  }
}

/** The bot's issue for one conversation, as an earlier run opened it. */
function opened(pair: string, n: number, overrides: Partial<IssueView> = {}): IssueView {
  const c = conversation(pair, n)
  const rendered = plan({ open: [] }, new Date(Date.parse(c.opensAt) + 1000)).open.find(
    (s) => s.conversation.pair === pair && s.conversation.number === n,
  )
  return issue({ title: rendered?.title ?? '', body: rendered?.body ?? '', ...overrides })
}

function writeUp(author: string, n: number, nextStep: string, createdAt?: string): WriteUp {
  return {
    issue: { number: nextNumber++, createdAt: createdAt ?? conversation(AB, n).endsAt },
    author,
    submission: {
      kind: 'conversation',
      group: 'network',
      session: n,
      nextStep,
      byWhen: 'Friday',
      confidence: 7,
      skill: 'delegation',
    },
  }
}

function plan(
  observed: { open: IssueView[]; closed?: IssueView[]; writeUps?: WriteUp[] },
  now: Date,
) {
  const writeUps = observed.writeUps ? new Map([['network', observed.writeUps]]) : undefined
  const [result] = planCoaching(
    [GROUP],
    { open: observed.open, closed: observed.closed ?? [], ...(writeUps ? { writeUps } : {}) },
    now,
    TEMPLATE,
    REPO,
  )
  return result!
}

const justOpened = (pair: string, n: number) =>
  new Date(Date.parse(conversation(pair, n).opensAt) + 60_000)

describe('coaching planner', () => {
  it('opens the first conversation two days ahead, assigned to the coach, labelled and marked', () => {
    const result = plan({ open: [], writeUps: [] }, justOpened(AB, 1))
    expect(result.open).toHaveLength(1)
    const [step] = result.open
    expect(step?.title).toBe('Conversation 1 · Coach-A & coachee-b · Tue 3 Nov')
    expect(step?.assignees).toEqual(['Coach-A'])
    expect(step?.labels).toEqual(['skill-share', 'group:network', 'session', 'conversation'])
    expect(step?.body).toContain(
      '<!-- skill-share:conversation group=network coach=coach-a coachee=coachee-b n=1 -->',
    )
    expect(step?.body).toContain('there is no earlier step')
    expect(step?.body).toContain('template=conversation.yml')
    expect(step?.body).toContain('group=network&session=1')
    expect(step?.nudge).toBeUndefined()
  })

  it("quotes the coachee's previous next step with a box to tick, and links the previous issue", () => {
    const previous = opened(AB, 1, { state: 'closed' })
    const result = plan(
      {
        open: [],
        closed: [previous],
        writeUps: [writeUp('coachee-b', 1, 'Hand the on-call rota to Sam.')],
      },
      justOpened(AB, 2),
    )
    const body = result.open[0]?.body ?? ''
    expect(body).toContain(
      `coachee-b's next step from conversation 1 (#${previous.number}), by Friday:`,
    )
    expect(body).toContain('> Hand the on-call rota to Sam.')
    expect(body).toContain('- [ ] I took this step <!-- skill-share:step-done n=1 -->')
    expect(body).toContain(`Previous conversation: #${previous.number}`)
    expect(stepDone(body, 1)).toBe(false)
    expect(stepDone(body.replace('- [ ] I took', '- [x] I took'), 1)).toBe(true)
  })

  it('says so when there was no write-up, and only asks to recall when write-ups cannot be read', () => {
    const none = plan({ open: [], writeUps: [] }, justOpened(AB, 2)).open[0]?.body
    expect(none).toContain('did not write a next step down after conversation 1')
    const unknown = plan({ open: [] }, justOpened(AB, 2)).open[0]?.body
    expect(unknown).toContain('Start with the step from conversation 1')
  })

  it('never lets a pasted marker in a write-up pass for the bot', () => {
    const body = plan(
      {
        open: [],
        writeUps: [
          writeUp('coachee-b', 1, 'Ship it <!-- skill-share:conversation group=network n=9 -->'),
        ],
      },
      justOpened(AB, 2),
    ).open[0]?.body
    expect(body).toContain('> Ship it &lt;!-- skill-share:conversation')
    expect(body?.match(/<!-- skill-share:conversation /g)).toHaveLength(1)
  })

  it('nudges the first time a pair goes two conversations without a write-up, and only then', () => {
    const steps = (written: number[]) =>
      new Map(written.map((n) => [n, writeUp('coachee-b', n, `step ${n}`)]))
    expect(lapsed(2, steps([]))).toBe(false)
    expect(lapsed(3, steps([]))).toBe(true)
    expect(lapsed(4, steps([]))).toBe(false)
    expect(lapsed(5, steps([1, 2]))).toBe(true)
    expect(lapsed(6, steps([1, 2]))).toBe(false)
    expect(lapsed(5, steps([1, 2, 4]))).toBe(false)
    const result = plan(
      {
        open: [],
        writeUps: [writeUp('coachee-b', 1, 'one'), writeUp('coachee-b', 2, 'two')],
      },
      justOpened(AB, 5),
    )
    const step = result.open[0]
    expect(step?.nudge).toContain('there is no write-up from the last two conversations')
    expect(step?.nudge).toContain(
      '<!-- skill-share:nudge group=network coach=coach-a coachee=coachee-b n=5 -->',
    )
    expect(step?.body).toContain('n=5 nudge=due -->')
  })

  it('posts a nudge the issue still owes, and none once it is sent', () => {
    const due = opened(AB, 5)
    const owed = plan(
      { open: [{ ...due, body: due.body.replace(' n=5 -->', ' n=5 nudge=due -->') }] },
      justOpened(AB, 5),
    )
    expect(owed.nudge.map((s) => s.conversation.number)).toEqual([5])
    const sent = plan(
      { open: [{ ...due, body: due.body.replace(' n=5 -->', ' n=5 nudge=sent -->') }] },
      justOpened(AB, 5),
    )
    expect(sent.nudge).toEqual([])
  })

  it('closes the issue once the conversation is over, asking the coachee for the write-up', () => {
    const open = opened(AB, 1)
    const result = plan({ open: [open] }, new Date(Date.parse(conversation(AB, 1).endsAt)))
    expect(result.close).toHaveLength(1)
    expect(result.close[0]?.issue).toBe(open.number)
    expect(result.close[0]?.comment).toContain('@coachee-b, while it is fresh')
    expect(result.close[0]?.comment).toContain('Next: conversation 2 on Tuesday 10 November, 09:00')
    expect(result.close[0]?.comment).toContain(
      '<!-- skill-share:conversation-closing group=network coach=coach-a coachee=coachee-b n=1 -->',
    )
  })

  it('does not reopen a conversation closed by hand, and closes the later of two racing issues', () => {
    const now = justOpened(AB, 1)
    expect(plan({ open: [], closed: [opened(AB, 1, { state: 'closed' })] }, now).open).toEqual([])
    const first = opened(AB, 1)
    const second = opened(AB, 1)
    const result = plan({ open: [second, first] }, now)
    expect(result.open).toEqual([])
    expect(result.duplicates.map((d) => [d.issue, d.keep])).toEqual([[second.number, first.number]])
  })

  it('ignores markers on issues the bot did not write', () => {
    const forged = opened(AB, 1, { author: { login: 'coachee-b', type: 'User' } })
    expect(plan({ open: [forged] }, justOpened(AB, 1)).open).toHaveLength(1)
  })

  it('needs no further lookup when every due conversation has its issue', () => {
    const now = justOpened(AB, 1)
    expect(conversationsMissing([GROUP], [], now).map((c) => c.pair)).toEqual([AB])
    expect(conversationsMissing([GROUP], [opened(AB, 1)], now)).toEqual([])
  })

  it("matches a coachee's write-up to the coach whose conversation of that number ended nearest", () => {
    const biweekly = conversation('coach-a+coachee-c', 1)
    const monthly = conversation('coach-d+coachee-c', 1)
    const pairs = writeUpsByPair(GROUP, ALL, [
      writeUp('coachee-c', 1, 'after Thursday', biweekly.endsAt),
      writeUp('coachee-c', 1, 'after Wednesday', monthly.endsAt),
    ])
    expect(pairs.get('coach-a+coachee-c')?.get(1)?.submission.nextStep).toBe('after Thursday')
    expect(pairs.get('coach-d+coachee-c')?.get(1)?.submission.nextStep).toBe('after Wednesday')
  })

  it('names the next conversation to open across pairs', () => {
    const result = plan({ open: [] }, new Date('2026-10-20T00:00:00Z'))
    expect(result.next?.conversation).toMatchObject({ pair: AB, number: 1 })
  })
})
