import { describe, expect, it } from 'vitest'
import type { Member } from '../../actions/lib/group-file/schema.js'
import {
  buddyHistory,
  pairBuddies,
  pairCounts,
  pairKey,
} from '../../actions/lib/pairing/buddies.js'
import { groupingCost, minCostGrouping } from '../../actions/lib/pairing/matching.js'
import { splitSubgroups } from '../../actions/lib/pairing/subgroups.js'
import { seededRandom } from '../../actions/lib/random/seeded.js'

const people = (n: number, employer?: (i: number) => string | undefined): Member[] =>
  Array.from({ length: n }, (_, i) => {
    const company = employer?.(i)
    return {
      github: `lead${i + 1}`,
      name: `Lead ${i + 1}`,
      role: 'member' as const,
      ...(company ? { employer: company } : {}),
    }
  })

function pairsOf(groups: readonly (readonly string[])[]): string[] {
  return groups.flatMap((group) =>
    group.flatMap((a, i) => group.slice(i + 1).map((b) => pairKey(a, b))),
  )
}

function weeks(members: Member[], count: number, seed = 'fall-2026'): string[][][] {
  const done: string[][][] = []
  for (let week = 1; week <= count; week++) {
    done.push(pairBuddies({ members, week, seed, history: buddyHistory(done) }))
  }
  return done
}

/** Every way to split an even number of people into pairs (105 for 8). */
function allPairings(logins: readonly string[]): string[][][] {
  if (logins.length === 0) return [[]]
  const [first, ...rest] = logins as [string, ...string[]]
  return rest.flatMap((partner) =>
    allPairings(rest.filter((x) => x !== partner)).map((tail) => [[first, partner], ...tail]),
  )
}

describe('pairBuddies', () => {
  it('never repeats a pair over 5 weeks of 8 members (20 distinct pairs of 28)', () => {
    const all = weeks(people(8), 5)
    for (const week of all) {
      expect(week).toHaveLength(4)
      expect(week.flat().sort()).toEqual(
        people(8)
          .map((m) => m.github)
          .sort(),
      )
    }
    const pairs = pairsOf(all.flat())
    expect(pairs).toHaveLength(20)
    expect(new Set(pairs).size).toBe(20)
  })

  it('once repeats are unavoidable, repeats the pairs that met least (1 + 2 + ... per meeting)', () => {
    const members = people(8)
    const logins = members.map((m) => m.github)
    const done = weeks(members, 10)
    for (let w = 0; w < done.length; w++) {
      const met = pairCounts(done.slice(0, w).flat())
      const burden = (groups: string[][]) =>
        pairsOf(groups).reduce(
          (sum, p) => sum + ((met.get(p) ?? 0) * ((met.get(p) ?? 0) + 1)) / 2,
          0,
        )
      const least = Math.min(...allPairings(logins).map(burden))
      expect(burden(done[w] as string[][])).toBe(least)
    }
  })

  it('makes one trio when the count is odd', () => {
    const groups = pairBuddies({ members: people(7), week: 1, seed: 's', history: [] })
    expect(groups.map((g) => g.length).sort()).toEqual([2, 2, 3])
    expect(groups.flat().sort()).toEqual(
      people(7)
        .map((m) => m.github)
        .sort(),
    )
  })

  it('chooses the trio to avoid repeats too', () => {
    const members = people(5)
    // After these, a repeat-free week needs lead1 and lead2 apart and lead3, lead4 apart.
    const history = [
      ['lead1', 'lead2'],
      ['lead3', 'lead4'],
    ]
    for (let week = 1; week <= 6; week++) {
      const groups = pairBuddies({ members, week, seed: 's', history })
      expect(pairsOf(groups).filter((pair) => pairsOf(history).includes(pair))).toEqual([])
    }
  })

  it('never pairs coworkers when someone else is available', () => {
    const members = people(6, (i) => (i < 2 ? 'Acme' : i === 2 ? 'acme ' : undefined))
    for (let week = 1; week <= 6; week++) {
      const groups = pairBuddies({ members, week, seed: 'x', history: [] })
      for (const group of groups) {
        const acme = group.filter((login) => Number(login.slice(4)) <= 3)
        expect(acme.length).toBeLessThanOrEqual(1)
      }
    }
  })

  it('prefers a repeat over pairing coworkers', () => {
    const members = people(4, (i) => (i < 2 ? 'Acme' : 'Initech'))
    const history = [
      ['lead1', 'lead3'],
      ['lead2', 'lead4'],
    ]
    const groups = pairBuddies({ members, week: 2, seed: 'x', history })
    expect(groups).toEqual([
      ['lead1', 'lead4'],
      ['lead2', 'lead3'],
    ])
  })

  it('leaves snoozed members out, whatever the casing', () => {
    const groups = pairBuddies({
      members: people(8),
      week: 1,
      seed: 's',
      history: [],
      snoozed: new Set(['LEAD2', 'lead5']),
    })
    expect(groups.flat()).not.toContain('lead2')
    expect(groups.flat()).not.toContain('lead5')
    expect(groups).toHaveLength(3)
  })

  it('makes no groups for fewer than two people', () => {
    expect(pairBuddies({ members: people(1), week: 1, seed: 's', history: [] })).toEqual([])
    expect(pairBuddies({ members: [], week: 1, seed: 's', history: [] })).toEqual([])
  })

  it('is reproducible for the same seed and week, whatever the roster order', () => {
    const members = people(8)
    const first = pairBuddies({ members, week: 2, seed: 'fall-2026', history: [] })
    const again = pairBuddies({
      members: [...members].reverse(),
      week: 2,
      seed: 'fall-2026',
      history: [],
    })
    expect(again).toEqual(first)
  })

  it('draws differently for another week or another group', () => {
    const members = people(8)
    const week2 = pairBuddies({ members, week: 2, seed: 'fall-2026', history: [] })
    const week3 = pairBuddies({ members, week: 3, seed: 'fall-2026', history: [] })
    const other = pairBuddies({ members, week: 2, seed: 'spring-2027', history: [] })
    expect(week3).not.toEqual(week2)
    expect(other).not.toEqual(week2)
  })

  it('pairs 16 people exactly and quickly', () => {
    const members = people(16)
    const started = performance.now()
    const all = weeks(members, 3)
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(new Set(pairsOf(all.flat())).size).toBe(24)
  })

  it('still pairs everyone in a roster too large for the exact search', () => {
    const groups = pairBuddies({ members: people(21), week: 1, seed: 's', history: [] })
    expect(groups.map((g) => g.length).sort()).toEqual([...Array(9).fill(2), 3])
    expect(new Set(groups.flat()).size).toBe(21)
  })
})

describe('minCostGrouping', () => {
  function bruteForce(n: number, cost: (i: number, j: number) => number): number {
    const best = (left: number[], trioLeft: boolean): number => {
      if (left.length === 0) return trioLeft ? Infinity : 0
      const [i, ...rest] = left as [number, ...number[]]
      let min = Infinity
      for (const j of rest) {
        const after = rest.filter((x) => x !== j)
        min = Math.min(min, cost(i, j) + best(after, trioLeft))
        if (!trioLeft) continue
        for (const k of after) {
          if (k < j) continue
          const rem = after.filter((x) => x !== k)
          min = Math.min(min, cost(i, j) + cost(i, k) + cost(j, k) + best(rem, false))
        }
      }
      return min
    }
    return best([...Array(n).keys()], n % 2 === 1)
  }

  it('finds the optimum that an exhaustive search finds, for even and odd counts', () => {
    for (const n of [2, 3, 4, 5, 6, 7, 8, 9]) {
      for (let trial = 0; trial < 5; trial++) {
        const random = seededRandom(`matching:${n}:${trial}`)
        const table = Array.from({ length: n }, () =>
          Array.from({ length: n }, () => Math.floor(random() * 10)),
        )
        const cost = (i: number, j: number) =>
          (table[Math.min(i, j)] as number[])[Math.max(i, j)] as number
        const groups = minCostGrouping(n, cost)
        expect(groups.flat().sort((a, b) => a - b)).toEqual([...Array(n).keys()])
        expect(groupingCost(groups, cost)).toBe(bruteForce(n, cost))
      }
    }
  })
})

describe('splitSubgroups', () => {
  const logins = Array.from({ length: 11 }, (_, i) => `lead${i}`)

  it('splits into two circles of nearly equal size with everyone in exactly one', () => {
    const [a, b] = splitSubgroups(logins, 'fall-2026:3')
    expect([a.length, b.length]).toEqual([6, 5])
    expect([...a, ...b].sort()).toEqual([...logins].sort())
  })

  it('is reproducible whatever the input order, and differs for another seed', () => {
    const split = splitSubgroups(logins, 'fall-2026:3')
    expect(splitSubgroups([...logins].reverse(), 'fall-2026:3')).toEqual(split)
    expect(splitSubgroups(logins, 'fall-2026:4')).not.toEqual(split)
  })
})
