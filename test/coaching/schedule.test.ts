import { describe, expect, it } from 'vitest'
import {
  buildCoachingSchedule,
  conversationDates,
  defaultCoachingUntil,
  openConversationsAt,
} from '../../actions/lib/schedule/coaching.js'
import { groupFrom } from '../support/groups.js'

const network = (pairs: string, extra = '') =>
  groupFrom(
    `name: Coaching
format: coaching
timezone: Europe/Berlin
${extra}
members:
  - { github: coach-a, name: Coach A, role: facilitator }
  - { github: coachee-b, name: Coachee B }
  - { github: coachee-c, name: Coachee C }
pairs:
${pairs}
`,
    'network',
  )

const take = (dates: Generator<string>, n: number) =>
  Array.from({ length: n }, () => dates.next().value)

describe('coaching schedule', () => {
  it('meets every week, every other week, or on the same weekday of the same week each month', () => {
    expect(take(conversationDates({ cadence: 'weekly', start: '2026-11-03' }), 3)).toEqual([
      '2026-11-03',
      '2026-11-10',
      '2026-11-17',
    ])
    expect(take(conversationDates({ cadence: 'biweekly', start: '2026-11-05' }), 3)).toEqual([
      '2026-11-05',
      '2026-11-19',
      '2026-12-03',
    ])
    // 11 November 2026 is the second Wednesday: so are 9 December and 13 January.
    expect(take(conversationDates({ cadence: 'monthly', start: '2026-11-11' }), 3)).toEqual([
      '2026-11-11',
      '2026-12-09',
      '2027-01-13',
    ])
  })

  it('yields no date at all for a start that is not a date (validation reports it first)', () => {
    expect([...conversationDates({ cadence: 'weekly', start: '2026-02-30' })]).toEqual([])
  })

  it('keeps a fifth-week monthly start on the last such weekday of shorter months', () => {
    // 30 December 2026 is the fifth Wednesday; January's last Wednesday is the 27th.
    expect(take(conversationDates({ cadence: 'monthly', start: '2026-12-30' }), 3)).toEqual([
      '2026-12-30',
      '2027-01-27',
      '2027-02-24',
    ])
  })

  it("keeps each pair's local time in its own zone across daylight saving, and opens the lead before", () => {
    const group = network(
      `  - { coach: coach-a, coachee: coachee-b, cadence: weekly, weekday: tuesday, time: "08:30", start: 2026-10-27, timezone: America/Los_Angeles }`,
    )
    const [first, second] = buildCoachingSchedule(group)
    expect(first).toMatchObject({
      pair: 'coach-a+coachee-b',
      number: 1,
      localStart: '2026-10-27T08:30:00-07:00',
      startsAt: '2026-10-27T15:30:00Z',
      endsAt: '2026-10-27T16:30:00Z',
      opensAt: '2026-10-24T15:30:00Z',
    })
    expect(second).toMatchObject({
      localStart: '2026-11-03T08:30:00-08:00',
      startsAt: '2026-11-03T16:30:00Z',
    })
  })

  it('numbers each pair on its own, lists them in time order, and stops 12 weeks after the earliest start', () => {
    const group =
      network(`  - { coach: coach-a, coachee: coachee-b, cadence: weekly, weekday: tuesday, time: "08:30", start: 2026-11-03 }
  - { coach: coach-a, coachee: coachee-c, cadence: biweekly, weekday: monday, time: "09:00", start: 2026-11-02, duration: 45 }`)
    expect(defaultCoachingUntil(group)).toBe('2027-01-25')
    const all = buildCoachingSchedule(group)
    expect(all.slice(0, 3).map((c) => [c.pair, c.number, c.date])).toEqual([
      ['coach-a+coachee-c', 1, '2026-11-02'],
      ['coach-a+coachee-b', 1, '2026-11-03'],
      ['coach-a+coachee-b', 2, '2026-11-10'],
    ])
    expect(all.filter((c) => c.pair === 'coach-a+coachee-b')).toHaveLength(12)
    expect(all.filter((c) => c.pair === 'coach-a+coachee-c')).toHaveLength(7)
    expect(all.find((c) => c.pair === 'coach-a+coachee-c')?.endsAt).toBe('2026-11-02T08:45:00Z')
  })

  it('drops a skipped date without using up a number', () => {
    const group = network(
      `  - { coach: coach-a, coachee: coachee-b, cadence: weekly, weekday: tuesday, time: "08:30", start: 2026-11-03 }`,
      'skip: [2026-11-10]',
    )
    expect(
      buildCoachingSchedule(group, { until: '2026-11-24' }).map((c) => [c.number, c.date]),
    ).toEqual([
      [1, '2026-11-03'],
      [2, '2026-11-17'],
      [3, '2026-11-24'],
    ])
  })

  it('has an issue open from two days before (lead: 2d) until the conversation ends', () => {
    const group = network(
      `  - { coach: coach-a, coachee: coachee-b, cadence: weekly, weekday: tuesday, time: "08:30", start: 2026-11-03 }`,
      'lead: 2d',
    )
    const all = buildCoachingSchedule(group)
    expect(openConversationsAt(all, new Date('2026-11-01T07:29:00Z'))).toEqual([])
    expect(openConversationsAt(all, new Date('2026-11-01T07:30:00Z')).map((c) => c.number)).toEqual(
      [1],
    )
    expect(openConversationsAt(all, new Date('2026-11-03T08:30:00Z'))).toEqual([])
  })
})
