import { seededShuffle } from '../random/seeded.js'

/**
 * Two random circles of nearly equal size (the first gets the extra person), for when ten or more
 * people come: the playbook splits a crowd rather than share 90 minutes of airtime among all.
 * The input order does not matter; the same people and seed always give the same split.
 */
export function splitSubgroups(logins: readonly string[], seed: string): [string[], string[]] {
  const unique = [...new Map(logins.map((login) => [login.toLowerCase(), login])).values()]
  const sorted = unique.sort(compareLogins)
  const shuffled = seededShuffle(sorted, `${seed}:subgroups`)
  const half = Math.ceil(shuffled.length / 2)
  return [shuffled.slice(0, half).sort(compareLogins), shuffled.slice(half).sort(compareLogins)]
}

function compareLogins(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}
