import { addCosts, cost, type Cost } from '../../lib/budget/budget.js'
import { DUE_HOURS } from '../../lib/github/status.js'
import type { GroupPlan } from './plan.js'

/** `timeout-minutes` of the sessions workflow's job: work that would not end before it waits. */
export const JOB_TIMEOUT_MINUTES = 15

/**
 * What applying one group's plan costs: an issue per session to open (with a label check and the
 * milestone lookup at worst), a comment and a close per session to close, and per status the
 * comments, reactions and homework read and one comment written.
 */
export function groupPlanCost(plan: GroupPlan): Cost {
  return addCosts(
    cost({ reads: 2 * plan.open.length, creates: plan.open.length }),
    cost({ reads: plan.close.length, creates: plan.close.length, writes: plan.close.length }),
    cost({ reads: 4 * plan.status.length, creates: plan.status.length }),
    cost({ creates: plan.duplicates.length, writes: plan.duplicates.length }),
  )
}

/** When the group's earliest step became due: that group goes first. */
export function dueAt(plan: GroupPlan): number {
  const moments = [
    ...plan.open.map((s) => Date.parse(s.session.opensAt)),
    ...plan.close.map((s) => Date.parse(s.session.endsAt)),
    ...plan.status.map((s) => Date.parse(s.session.startsAt) - DUE_HOURS * 3_600_000),
    ...plan.duplicates.map((s) => Date.parse(s.session.opensAt)),
  ]
  return moments.length > 0 ? Math.min(...moments) : Infinity
}

/** The plans, earliest due first (a stable sort: groups due together keep the file order). */
export function byDue(plans: readonly GroupPlan[]): GroupPlan[] {
  return [...plans].sort((a, b) => dueAt(a) - dueAt(b))
}
