import type { Member } from '../group-file/schema.js'

/**
 * Members commit to at least 4 of the 6 weekly meetings; for other lengths the same two thirds,
 * rounded up. The summary only ever names people who have reached it: who cannot reach it any more
 * is nobody's business in a comment.
 */
export function commitmentTarget(weekly: number): number {
  return Math.ceil((weekly * 2) / 3)
}

export interface CommitmentInput {
  /** Weekly meetings each member attended so far, by login in any casing. */
  attended: ReadonlyMap<string, number>
  /** Weekly meetings held so far, this one included once it is over. */
  held: number
}

export interface CommitmentSummary {
  target: number
  weekly: number
  /** Roster spellings, sorted. */
  reached: string[]
  everyoneReached: boolean
  everyoneCanReach: boolean
}

export function commitmentSummary(
  members: readonly Member[],
  weekly: number,
  input: CommitmentInput,
): CommitmentSummary {
  const target = commitmentTarget(weekly)
  const attended = new Map([...input.attended].map(([login, n]) => [login.toLowerCase(), n]))
  const remaining = Math.max(0, weekly - input.held)
  const counts = members.map((m) => ({
    login: m.github,
    n: attended.get(m.github.toLowerCase()) ?? 0,
  }))
  const reached = counts.filter((c) => c.n >= target).map((c) => c.login)
  return {
    target,
    weekly,
    reached: reached.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    everyoneReached: reached.length === members.length,
    everyoneCanReach: counts.every((c) => c.n + remaining >= target),
  }
}
