/**
 * Minimum-cost grouping of people into pairs, plus exactly one trio when the count is odd.
 *
 * Exact for up to MAX_EXACT people: a dynamic program over subsets always settles the lowest
 * unplaced person first (with a pair partner, or two trio partners while the trio is unused), so
 * every partition is considered once; 2^16 subsets x 15 partners stays well under a million steps,
 * and an odd 15 with trio choices a few million. Larger groups, which the playbook advises against,
 * fall back to local search (see `improveBySwaps`), good but not guaranteed optimal.
 */
export const MAX_EXACT = 16

/** `cost(i, j)` of putting i and j together, symmetric; a trio costs the sum of its three pairs. */
export type PairCost = (i: number, j: number) => number

export function minCostGrouping(n: number, cost: PairCost): number[][] {
  if (n < 2) return []
  return n <= MAX_EXACT ? exactGrouping(n, cost) : improveBySwaps(initialGrouping(n), cost)
}

export function groupingCost(groups: readonly (readonly number[])[], cost: PairCost): number {
  let total = 0
  for (const group of groups) {
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++)
        total += cost(group[a] as number, group[b] as number)
    }
  }
  return total
}

function exactGrouping(n: number, cost: PairCost): number[][] {
  const matrix = costMatrix(n, cost)
  const size = 1 << n
  // Two layers: [0] the trio is still to place (odd n), [1] pairs only.
  const best = [new Float64Array(size).fill(NaN), new Float64Array(size).fill(NaN)] as const
  const choice = [new Int32Array(size), new Int32Array(size)] as const
  const full = size - 1
  const needTrio = n % 2 === 1 ? 0 : 1

  const solve = (mask: number, layer: 0 | 1): number => {
    if (mask === 0) return layer === 1 ? 0 : Infinity
    const known = best[layer][mask] as number
    if (!Number.isNaN(known)) return known
    const i = 31 - Math.clz32(mask & -mask)
    const rest = mask & ~(1 << i)
    let bestCost = Infinity
    let bestChoice = -1
    for (let j = i + 1; j < n; j++) {
      if (!(rest & (1 << j))) continue
      const withoutJ = rest & ~(1 << j)
      const pair = (matrix[i * n + j] as number) + solve(withoutJ, layer)
      if (pair < bestCost) {
        bestCost = pair
        bestChoice = j
      }
      if (layer === 1) continue
      for (let k = j + 1; k < n; k++) {
        if (!(withoutJ & (1 << k))) continue
        const trio =
          (matrix[i * n + j] as number) +
          (matrix[i * n + k] as number) +
          (matrix[j * n + k] as number) +
          solve(withoutJ & ~(1 << k), 1)
        if (trio < bestCost) {
          bestCost = trio
          bestChoice = j | ((k + 1) << 8)
        }
      }
    }
    best[layer][mask] = bestCost
    choice[layer][mask] = bestChoice
    return bestCost
  }

  solve(full, needTrio)
  const groups: number[][] = []
  let mask = full
  let layer: 0 | 1 = needTrio
  while (mask !== 0) {
    const i = 31 - Math.clz32(mask & -mask)
    const picked = choice[layer][mask] as number
    const j = picked & 0xff
    const k = (picked >> 8) - 1
    const group = k >= 0 ? [i, j, k] : [i, j]
    groups.push(group)
    for (const member of group) mask &= ~(1 << member)
    if (k >= 0) layer = 1
  }
  return groups
}

function costMatrix(n: number, cost: PairCost): Float64Array {
  const matrix = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = cost(i, j)
      matrix[i * n + j] = c
      matrix[j * n + i] = c
    }
  }
  return matrix
}

function initialGrouping(n: number): number[][] {
  const groups: number[][] = []
  for (let i = 0; i + 1 < n; i += 2) groups.push([i, i + 1])
  if (n % 2 === 1) (groups[groups.length - 1] as number[]).push(n - 1)
  return groups
}

/**
 * Exchanges two people between two groups while that lowers the total, until no exchange does
 * (a local optimum). Each accepted exchange strictly lowers the cost, so the loop ends.
 */
function improveBySwaps(groups: number[][], cost: PairCost): number[][] {
  const within = (group: readonly number[], skip: number, person: number) =>
    group.reduce((sum, other, index) => (index === skip ? sum : sum + cost(person, other)), 0)
  let improved = true
  while (improved) {
    improved = false
    for (let g = 0; g < groups.length; g++) {
      for (let h = g + 1; h < groups.length; h++) {
        const a = groups[g] as number[]
        const b = groups[h] as number[]
        for (let x = 0; x < a.length; x++) {
          for (let y = 0; y < b.length; y++) {
            const p = a[x] as number
            const q = b[y] as number
            const before = within(a, x, p) + within(b, y, q)
            const after = within(a, x, q) + within(b, y, p)
            if (after < before - 1e-9) {
              a[x] = q
              b[y] = p
              improved = true
            }
          }
        }
      }
    }
  }
  return groups
}
