/**
 * Exact minimum-cost assignment of rows to columns (the Hungarian method with potentials), the
 * one-sided counterpart of matching.ts: there, anybody may pair with anybody (buddies); here, each
 * row (a coachee) takes at most one column (a coach's free place), and a row may stay unassigned
 * at `unassigned` cost. Forbidden combinations cost `Infinity`. O(n^3) for n = rows + columns, so
 * exact at any size a coaching network reaches, unlike the subset search of matching.ts.
 *
 * Returns, per row, the column it gets or -1. Ties go to the earlier column for the earlier row,
 * so the same input always gives the same answer.
 */
export function minCostAssignment(
  rows: number,
  columns: number,
  cost: (row: number, column: number) => number,
  unassigned: number,
): number[] {
  if (rows === 0) return []
  // Square matrix: real columns, then one "stay unassigned" column per row. Padding rows (for
  // unused columns) cost nothing anywhere.
  const size = rows + columns
  const forbidden = unassigned * (rows + 1) + 1
  const at = (i: number, j: number): number => {
    if (i >= rows) return 0
    if (j < columns) {
      const c = cost(i, j)
      return Number.isFinite(c) ? c : forbidden
    }
    return unassigned
  }
  const matrix = new Float64Array(size * size)
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) matrix[i * size + j] = at(i, j)
  const columnOf = hungarian(size, matrix)
  return Array.from({ length: rows }, (_, i) => {
    const j = columnOf[i] as number
    return j < columns && Number.isFinite(cost(i, j)) ? j : -1
  })
}

/** Row i gets column result[i]; potentials u (rows) and v (columns), 1-based as is usual. */
function hungarian(n: number, a: Float64Array): number[] {
  const u = new Float64Array(n + 1)
  const v = new Float64Array(n + 1)
  const p = new Int32Array(n + 1) // p[j]: the row holding column j (0: none)
  const way = new Int32Array(n + 1)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    const minv = new Float64Array(n + 1).fill(Infinity)
    const used = new Uint8Array(n + 1)
    do {
      used[j0] = 1
      const i0 = p[j0] as number
      let delta = Infinity
      let j1 = 0
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue
        const reduced = (a[(i0 - 1) * n + (j - 1)] as number) - (u[i0] as number) - (v[j] as number)
        if (reduced < (minv[j] as number) - 1e-9) {
          minv[j] = reduced
          way[j] = j0
        }
        if ((minv[j] as number) < delta - 1e-9) {
          delta = minv[j] as number
          j1 = j
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta
          v[j] = (v[j] as number) - delta
        } else minv[j] = (minv[j] as number) - delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0] as number
      p[j0] = p[j1] as number
      j0 = j1
    } while (j0 !== 0)
  }
  const result = new Array<number>(n).fill(-1)
  for (let j = 1; j <= n; j++) if ((p[j] as number) > 0) result[(p[j] as number) - 1] = j - 1
  return result
}
