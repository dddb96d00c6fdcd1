import type { Member } from '../group-file/schema.js'
import { seededRandom } from '../random/seeded.js'
import { minCostGrouping } from './matching.js'

/** Earlier buddy groups: pairs, and the odd week's trio. */
export type PairingHistory = ReadonlyArray<readonly string[]>

export interface BuddyInput {
  members: readonly Member[]
  week: number
  /** Usually the group slug; with the week it makes each week's draw reproducible. */
  seed: string
  history: PairingHistory
  /** Logins sitting out this week (any casing). */
  snoozed?: ReadonlySet<string>
}

/**
 * Weights, from strongest to weakest. Coworkers are kept apart whenever any other grouping exists
 * (the playbook keeps colleagues out of the same group; a roster mistake should not pair them).
 * Then repeats: a pair that met k times before costs REPEAT x (1 + 2 + ... + k), so a second
 * repeat of the same pair hurts more than a first repeat of another. The jitter, below 1 per pair,
 * only chooses among groupings that are otherwise equally good.
 */
const COWORKER_COST = 1e9
const REPEAT_COST = 1_000

/**
 * This week's accountability buddies: pairs, with one trio when the count is odd, chosen as the
 * exact minimum-cost grouping (see matching.ts) over coworker, repeat and jitter costs. Snoozed
 * members sit out; fewer than two people make no groups. Logins are spelled as in the roster;
 * groups and their members are sorted so the output reads the same however the roster is ordered.
 */
export function pairBuddies(input: BuddyInput): string[][] {
  const snoozed = new Set([...(input.snoozed ?? [])].map((login) => login.toLowerCase()))
  const people = [...input.members]
    .filter((member) => !snoozed.has(member.github.toLowerCase()))
    .sort((a, b) => compareLogins(a.github, b.github))
  const counts = pairCounts(input.history)
  const random = seededRandom(`${input.seed}:buddies:week-${input.week}`)
  const jitter = new Map<string, number>()
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) jitter.set(`${i},${j}`, random())
  }
  const cost = (i: number, j: number): number => {
    const a = people[i] as Member
    const b = people[j] as Member
    const met = counts.get(pairKey(a.github, b.github)) ?? 0
    return (
      (sameEmployer(a, b) ? COWORKER_COST : 0) +
      (REPEAT_COST * met * (met + 1)) / 2 +
      (jitter.get(`${Math.min(i, j)},${Math.max(i, j)}`) ?? 0)
    )
  }
  return minCostGrouping(people.length, cost)
    .map((group) => group.map((index) => (people[index] as Member).github).sort(compareLogins))
    .sort((a, b) => compareLogins(a[0] as string, b[0] as string))
}

/** The history for `pairBuddies` from the groups of earlier weeks. */
export function buddyHistory(weeks: ReadonlyArray<ReadonlyArray<readonly string[]>>): string[][] {
  return weeks.flatMap((groups) =>
    groups.filter((group) => group.length >= 2).map((group) => [...group]),
  )
}

/** How often each pair met before; a trio counts as its three pairs. Keys from `pairKey`. */
export function pairCounts(history: PairingHistory): Map<string, number> {
  const counts = new Map<string, number>()
  for (const group of history) {
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        const key = pairKey(group[a] as string, group[b] as string)
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
    }
  }
  return counts
}

export function pairKey(a: string, b: string): string {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()].sort()
  return `${x} ${y}`
}

/** Both name the same employer (ignoring case and spaces around); no employer matches nobody. */
export function sameEmployer(a: Pick<Member, 'employer'>, b: Pick<Member, 'employer'>): boolean {
  const x = a.employer?.trim().toLowerCase()
  return !!x && x === b.employer?.trim().toLowerCase()
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
