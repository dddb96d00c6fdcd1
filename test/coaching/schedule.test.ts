import { describe, expect, it } from 'vitest'
import {
  buildCoachingSchedule,
  conversationDates,
  defaultCoachingUntil,
  isConversationDateOf,
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

describe('telling whether a date is a conversation date without walking there', () => {
  const cadences = ['weekly', 'biweekly', 'monthly'] as const

  function* days(from: string, until: string) {
    for (let t = Date.parse(from); t <= Date.parse(until); t += 86_400_000)
      yield new Date(t).toISOString().slice(0, 10)
  }

  function walked(pair: { cadence: (typeof cadences)[number]; start: string }, until: string) {
    const dates = new Set<string>()
    for (const date of conversationDates(pair)) {
      if (date > until) break
      dates.add(date)
    }
    return dates
  }

  it('agrees with the walk for every start over seven weeks, leap day and fifth weeks included', () => {
    const disagreements: string[] = []
    for (const cadence of cadences)
      for (const start of days('2028-01-20', '2028-03-10')) {
        const isConversationDate = isConversationDateOf({ cadence, start })
        const dates = walked({ cadence, start }, '2029-12-31')
        for (const date of days('2028-01-01', '2029-12-31'))
          if (isConversationDate(date) !== dates.has(date))
            disagreements.push(`${cadence} from ${start}: ${date}`)
      }
    expect(disagreements).toEqual([])
  })

  it('stops where the walk stops, ten years after the start', () => {
    for (const cadence of cadences) {
      const isConversationDate = isConversationDateOf({ cadence, start: '2028-02-29' })
      const dates = walked({ cadence, start: '2028-02-29' }, '2039-01-01')
      const near = [...days('2037-09-01', '2038-06-30')]
      expect(near.filter(isConversationDate)).toEqual(near.filter((d) => dates.has(d)))
    }
  })

  it('says no to anything that is not a real date, and for a start that is not one', () => {
    const weekly = isConversationDateOf({ cadence: 'weekly', start: '2026-02-23' })
    expect(weekly('2026-03-02')).toBe(true)
    expect(['2026-02-30', '2026-3-2', '', 'soon'].map(weekly)).toEqual([false, false, false, false])
    expect(isConversationDateOf({ cadence: 'weekly', start: '2026-02-30' })('2026-03-02')).toBe(
      false,
    )
  })
})
