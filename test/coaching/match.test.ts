import { describe, expect, it } from 'vitest'
import { matchCoaching, type SignUpEntry } from '../../actions/lib/coaching/match.js'
import { parseHours } from '../../actions/lib/coaching/hours.js'
import type { CoreSkill } from '../../actions/lib/forms/catalog.js'
import type { SignUpSubmission } from '../../actions/lib/forms/submissions.js'
import { groupSchema, type Group, type Pair } from '../../actions/lib/group-file/schema.js'
import { minCostAssignment } from '../../actions/lib/pairing/assignment.js'
import { seededRandom } from '../../actions/lib/random/seeded.js'

const NOW = new Date('2026-11-02T09:00:00Z') // a Monday

function group(
  members: Array<[string, string?]>,
  pairs: Pair[] = [],
  timezone = 'Europe/Berlin',
): Group {
  const file = groupSchema.parse({
    name: 'Network',
    format: 'coaching',
    timezone,
    members: members.map(([github, employer]) => ({
      github,
      name: github,
      ...(employer ? { employer } : {}),
    })),
    pairs,
  })
  return { ...file, slug: 'net' }
}

let issue = 0
function signUp(
  login: string,
  fields: {
    offer?: CoreSkill[]
    seek?: CoreSkill[]
    capacity?: number
    timezone?: string
    hours?: string
    cadence?: SignUpSubmission['cadence']
    place?: string
  },
): SignUpEntry {
  const hours = parseHours(fields.hours ?? 'Mon-Fri 09:00-17:00')
  if (!hours.ok) throw new Error(hours.message)
  return {
    login,
    issue: ++issue,
    signUp: {
      kind: 'sign-up',
      group: 'net',
      offer: fields.offer ?? [],
      seek: fields.seek ?? [],
      capacity: fields.capacity ?? 1,
      timezone: fields.timezone ?? 'Europe/Berlin',
      hours: hours.windows,
      cadence: fields.cadence ?? 'biweekly',
      ...(fields.place ? { place: fields.place } : {}),
    },
  }
}

const pairsOf = (result: ReturnType<typeof matchCoaching>) =>
  result.pairs.map((p) => `${p.coach}>${p.coachee}`)

describe('matching coaching sign-ups', () => {
  it('finds the assignment that matches everyone where a greedy first pick would strand someone', () => {
    // bo (feedback) could have ana or dee; cy (delegation) only ana. A greedy pass in login
    // order gives ana to bo and strands cy.
    const g = group([
      ['ana', 'A'],
      ['bo', 'B'],
      ['cy', 'C'],
      ['dee', 'D'],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('ana', { offer: ['delegation', 'feedback'] }),
        signUp('dee', { offer: ['feedback'] }),
        signUp('bo', { seek: ['feedback'] }),
        signUp('cy', { seek: ['delegation'] }),
      ],
    })
    expect(pairsOf(result)).toEqual(['ana>cy', 'dee>bo'])
    expect(result.unmatched).toEqual([])
  })

  it('never pairs colleagues, and says so when that leaves someone out', () => {
    const g = group([
      ['ana', 'Acme'],
      ['bo', 'acme '],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [signUp('ana', { offer: ['feedback'] }), signUp('bo', { seek: ['feedback'] })],
    })
    expect(result.pairs).toEqual([])
    expect(result.unmatched).toEqual([
      {
        login: 'bo',
        issue: expect.any(Number),
        reason: '1 coach offers feedback, but 1 works for the same employer',
      },
    ])
  })

  it('pairs only people whose usual hours overlap by an hour, in their own time zones', () => {
    const g = group([
      ['ana', 'A'],
      ['bo', 'B'],
      ['cy', 'C'],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        // 08:00-10:00 in Berlin is 23:00-01:00 in Los Angeles (the night before).
        signUp('ana', { offer: ['feedback'], capacity: 2, hours: 'Tue 08:00-10:00' }),
        signUp('bo', {
          seek: ['feedback'],
          timezone: 'America/Los_Angeles',
          hours: 'Mon 23:00-24:00',
        }),
        signUp('cy', {
          seek: ['feedback'],
          timezone: 'America/Los_Angeles',
          hours: 'Mon-Fri 09:00-17:00',
        }),
      ],
    })
    expect(pairsOf(result)).toEqual(['ana>bo'])
    expect(result.pairs[0]).toMatchObject({
      weekday: 'monday',
      time: '23:00',
      timezone: 'America/Los_Angeles',
      duration: 60,
      start: '2026-11-09',
    })
    expect(result.unmatched.map((u) => [u.login, u.reason])).toEqual([
      [
        'cy',
        '1 coach offers feedback, but 1 shares no 60 minutes of usual hours with Mon-Fri 09:00-17:00 (America/Los_Angeles)',
      ],
    ])
  })

  it('gives no coach more coachees than they offered, spreads coachees over coaches, and names who is full', () => {
    const g = group([
      ['ana', 'A'],
      ['bo', 'B'],
      ['cy', 'C'],
      ['dee', 'D'],
      ['eve', 'E'],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('ana', { offer: ['feedback'], capacity: 2 }),
        signUp('bo', { offer: ['feedback'], capacity: 1 }),
        signUp('cy', { seek: ['feedback'] }),
        signUp('dee', { seek: ['feedback'] }),
        signUp('eve', { seek: ['feedback'] }),
      ],
    })
    const load = (coach: string) => result.pairs.filter((p) => p.coach === coach).length
    expect(load('ana')).toBe(2)
    expect(load('bo')).toBe(1)
    expect(result.unmatched).toEqual([])

    const crowded = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('ana', { offer: ['feedback'] }),
        signUp('cy', { seek: ['feedback'] }),
        signUp('dee', { seek: ['feedback'] }),
      ],
    })
    expect(crowded.pairs).toHaveLength(1)
    expect(crowded.unmatched[0]?.reason).toBe(
      '1 coach offers feedback, but 1 has no place left: @ana (coaches 1, offered 1)',
    )
  })

  it('keeps a pair that is already in pairs: and still fits, with its own day and time', () => {
    const kept: Pair = {
      coach: 'bo',
      coachee: 'cy',
      cadence: 'monthly',
      weekday: 'friday',
      time: '15:00',
      duration: 45,
      start: '2026-10-02',
    }
    const g = group(
      [
        ['ana', 'A'],
        ['bo', 'B'],
        ['cy', 'C'],
      ],
      [kept],
    )
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        // ana would be the cheaper match (same cadence); the pair that works stays anyway.
        signUp('ana', { offer: ['feedback'] }),
        signUp('bo', { offer: ['feedback'], cadence: 'monthly' }),
        signUp('cy', { seek: ['feedback'] }),
      ],
    })
    expect(result.pairs).toEqual([kept])
    expect(result.proposed).toMatchObject([{ kept: true, skills: ['feedback'] }])
    expect(result.spare).toEqual([{ login: 'ana', places: 1 }])
  })

  it('ends a pair whose coach no longer offers what the coachee seeks, and leaves pairs of people who did not sign up alone', () => {
    const old: Pair = {
      coach: 'bo',
      coachee: 'cy',
      cadence: 'monthly',
      weekday: 'friday',
      time: '15:00',
      duration: 60,
      start: '2026-10-02',
    }
    const quiet: Pair = { ...old, coach: 'ana', coachee: 'dee' }
    const g = group(
      [
        ['ana', 'A'],
        ['bo', 'B'],
        ['cy', 'C'],
        ['dee', 'D'],
      ],
      [old, quiet],
    )
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('ana', { offer: ['delegation'], capacity: 2 }),
        signUp('bo', { offer: ['feedback'] }),
        signUp('cy', { seek: ['delegation'] }),
      ],
    })
    expect(pairsOf(result)).toEqual(['ana>dee', 'ana>cy'])
    expect(result.ended).toEqual([
      { pair: old, reason: '@bo no longer offers what @cy now seeks (delegation)' },
    ])
  })

  it('reads only the latest sign-up of each person, and passes refusals through', () => {
    const g = group([
      ['ana', 'A'],
      ['bo', 'B'],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('bo', { seek: ['feedback'] }),
        signUp('ana', { offer: ['feedback'] }),
        signUp('bo', { seek: ['self-care'] }),
      ],
      refused: [{ login: 'zed', issue: 99, reason: 'not on the member list' }],
    })
    expect(result.pairs).toEqual([])
    expect(result.unmatched.map((u) => `${u.login}: ${u.reason}`)).toEqual([
      'bo: nobody who signed up offers self-care',
      'zed: not on the member list',
    ])
  })

  it('does not let two people coach each other', () => {
    const g = group([
      ['ana', 'A'],
      ['bo', 'B'],
    ])
    const result = matchCoaching({
      group: g,
      now: NOW,
      signUps: [
        signUp('ana', { offer: ['feedback'], seek: ['delegation'] }),
        signUp('bo', { offer: ['delegation'], seek: ['feedback'] }),
      ],
    })
    expect(result.pairs).toHaveLength(1)
    expect(result.unmatched).toHaveLength(1)
  })
})

describe('minCostAssignment', () => {
  it('finds the optimum a brute force finds, with forbidden cells and unassigned rows', () => {
    const random = seededRandom('assignment')
    for (let round = 0; round < 200; round++) {
      const rows = 1 + Math.floor(random() * 5)
      const columns = Math.floor(random() * 5)
      const costs = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () =>
          random() < 0.3 ? Infinity : Math.floor(random() * 50),
        ),
      )
      const unassigned = 40
      const total = (assignment: number[]) =>
        assignment.reduce((sum, j, i) => sum + (j < 0 ? unassigned : (costs[i]?.[j] as number)), 0)
      const result = minCostAssignment(rows, columns, (i, j) => costs[i]?.[j] as number, unassigned)
      expect(new Set(result.filter((j) => j >= 0)).size).toBe(result.filter((j) => j >= 0).length)
      expect(total(result)).toBe(bruteForce(rows, columns, costs, unassigned))
    }
  })
})

function bruteForce(rows: number, columns: number, costs: number[][], unassigned: number): number {
  let best = Infinity
  const used = new Set<number>()
  const go = (i: number, sum: number) => {
    if (i === rows) {
      best = Math.min(best, sum)
      return
    }
    go(i + 1, sum + unassigned)
    for (let j = 0; j < columns; j++) {
      const c = costs[i]?.[j] as number
      if (used.has(j) || !Number.isFinite(c)) continue
      used.add(j)
      go(i + 1, sum + c)
      used.delete(j)
    }
  }
  go(0, 0)
  return best
}
