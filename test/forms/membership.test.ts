import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { buildSchedule, type Session } from '../../actions/lib/schedule/schedule.js'
import {
  checkMembership,
  checkSession,
  checkSubmission,
  findGroup,
  LATE_DAYS,
} from '../../actions/lib/forms/membership.js'
import type {
  CheckInSubmission,
  ConversationSubmission,
  HomeworkSubmission,
  ReflectionSubmission,
} from '../../actions/lib/forms/submissions.js'

function group(slug: string, yaml: string): Group {
  const { group, problems } = parseGroupFile(yaml, { file: `groups/${slug}/group.yml`, slug })
  if (!group) throw new Error(problems.map((p) => p.message).join('\n'))
  return group
}

const circle = group(
  'fall-2026',
  `
name: Fall 2026 circle
timezone: America/Los_Angeles
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
members:
  - { github: octo-ana, name: Ana Lima, role: facilitator }
  - { github: bkowalski, name: Bartosz Kowalski }
  - { github: priya-n, name: Priya Natarajan }
  - { github: grace-o, name: Grace Okafor }
  - { github: tomvdb, name: Tom van den Berg }
`,
)

const coaching = group(
  'coaching-2026',
  `
name: Coaching 2026
format: coaching
timezone: Europe/Berlin
members:
  - { github: lena-k, name: Lena Koch, role: facilitator }
  - { github: omar-s, name: Omar Said }
pairs:
  - { coach: lena-k, coachee: omar-s, weekday: tuesday, time: "08:00", start: 2026-11-03 }
`,
)

const groups = [circle, coaching]
const sessions: Session[] = [...buildSchedule(circle), ...buildSchedule(coaching)]
const session = (n: number) => sessions.find((s) => s.group === 'fall-2026' && s.number === n)!
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs)
const DAY = 24 * 60 * 60 * 1000

const homework: HomeworkSubmission = {
  sheet: 'scores',
  kind: 'homework',
  group: 'fall-2026',
  session: 3,
  scores: { work: 6, family: 7, self: 8 },
  notes: {},
  circle: ['work', 'self'],
}
const checkIn: CheckInSubmission = {
  kind: 'check-in',
  group: 'fall-2026',
  session: 2,
  commitment: 'Protect two mornings',
  outcome: 'done',
}
const reflection: ReflectionSubmission = {
  kind: 'reflection',
  group: 'fall-2026',
  learned: 'x',
  inAYear: 'y',
  continue: 'monthly',
  consent: false,
}
const conversation: ConversationSubmission = {
  kind: 'conversation',
  group: 'coaching-2026',
  session: 2,
  nextStep: 'Ask for the roadmap meeting',
  byWhen: 'Friday',
  confidence: 7,
  skill: 'influence-without-authority',
}

describe('checkMembership', () => {
  it('accepts a member of the named group, whatever the case of login and slug', () => {
    expect(checkMembership({ ...homework, group: 'Fall-2026' }, 'BKowalski', groups)).toEqual([])
    expect(findGroup({ ...homework, group: 'FALL-2026' }, groups)).toBe(circle)
  })

  it('names the groups that do exist when the slug matches none', () => {
    expect(checkMembership({ ...homework, group: 'spring-2027' }, 'bkowalski', groups)).toEqual([
      {
        field: 'group',
        message:
          "There's no group called spring-2027 here. Groups in this repository: coaching-2026, fall-2026.",
      },
    ])
    expect(checkMembership(homework, 'bkowalski', [])[0]?.message).toBe(
      "There's no group called fall-2026 here. This repository has no groups yet.",
    )
  })

  it('turns away someone who is not on the member list, without naming anyone', () => {
    expect(checkMembership(homework, 'stranger', groups)).toEqual([
      {
        field: '',
        message:
          "You're not on fall-2026's member list yet. Ask a facilitator to add you to groups/fall-2026/group.yml.",
      },
    ])
  })

  it('keeps circle forms and coaching write-ups in their own kind of group', () => {
    expect(
      checkMembership({ ...homework, group: 'coaching-2026' }, 'omar-s', groups)[0]?.message,
    ).toBe(
      'coaching-2026 is a coaching network; this form is for peer circles. A conversation write-up may be what you need.',
    )
    expect(
      checkMembership({ ...conversation, group: 'fall-2026' }, 'bkowalski', groups)[0]?.message,
    ).toBe(
      'fall-2026 is a peer circle, not a coaching network; conversation write-ups belong to a coaching group.',
    )
  })

  it('lets intentions and reflections come from either kind of group', () => {
    expect(checkMembership({ ...reflection, group: 'coaching-2026' }, 'lena-k', groups)).toEqual([])
    expect(checkMembership(reflection, 'tomvdb', groups)).toEqual([])
  })

  it('takes conversation write-ups from the coachee only', () => {
    expect(checkMembership(conversation, 'omar-s', groups)).toEqual([])
    expect(checkMembership(conversation, 'lena-k', groups)[0]?.message).toMatch(
      /^Conversation write-ups come from the coachee, and you're not a coachee in coaching-2026's pairs\./,
    )
  })
})

describe('checkSession', () => {
  it('accepts homework from the moment the session issue opens', () => {
    expect(checkSession(homework, sessions, at(session(3).opensAt))).toEqual([])
    expect(checkSession(homework, sessions, at(session(3).startsAt))).toEqual([])
  })

  it(`accepts late homework and check-ins up to ${LATE_DAYS} days after the session ends`, () => {
    expect(checkSession(homework, sessions, at(session(3).endsAt, LATE_DAYS * DAY))).toEqual([])
    expect(checkSession(checkIn, sessions, at(session(2).endsAt, 3 * DAY))).toEqual([])
  })

  it('says when a session opens if it is too early, in the group time zone', () => {
    expect(checkSession(homework, sessions, at(session(3).opensAt, -1))).toEqual([
      {
        field: 'session',
        message:
          "Session 3 isn't open yet; it takes homework from Thursday 5 November 2026, 16:00 (America/Los_Angeles).",
      },
    ])
  })

  it('says until when a session took submissions once that has passed', () => {
    expect(checkSession(checkIn, sessions, at(session(2).endsAt, LATE_DAYS * DAY + 1))).toEqual([
      {
        field: 'session',
        message:
          'Session 2 took check-ins until Sunday 8 November 2026, 17:30 (America/Los_Angeles), 7 days after it ended. Bring it to the next session instead.',
      },
    ])
  })

  it('refuses a session number that is not on the schedule', () => {
    const last = sessions.filter((s) => s.group === 'fall-2026').length
    expect(checkSession({ ...homework, session: 99 }, sessions, at(session(1).opensAt))).toEqual([
      {
        field: 'session',
        message: `fall-2026 has no session 99; its sessions are numbered 1 to ${last}.`,
      },
    ])
    expect(checkSession(homework, [], new Date())[0]?.message).toBe(
      'fall-2026 has no sessions scheduled yet.',
    )
  })

  it('does not check forms without a scheduled session', () => {
    expect(checkSession(reflection, [], new Date())).toEqual([])
    expect(checkSession(conversation, [], new Date())).toEqual([])
  })
})

describe('checkSubmission', () => {
  it('reports membership first and skips the session check when that fails', () => {
    const context = { author: 'stranger', groups, sessions, now: at(session(3).opensAt, -1) }
    expect(checkSubmission(homework, context).map((p) => p.field)).toEqual([''])
  })

  it('checks the session for a member', () => {
    const context = { author: 'priya-n', groups, sessions, now: at(session(3).opensAt, -1) }
    expect(checkSubmission(homework, context).map((p) => p.field)).toEqual(['session'])
    expect(checkSubmission(homework, { ...context, now: at(session(3).startsAt) })).toEqual([])
  })
})
