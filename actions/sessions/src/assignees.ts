import { assignPending, NOT_ASSIGNABLE, pendingAssignees } from '../../lib/github/assignees.js'
import type { IssueView } from '../../lib/github/repository.js'
import { parseMarkers } from '../../lib/markers/markers.js'
import type { ApplyContext, GroupReport } from './run.js'

/**
 * Issues that opened without their assignee (not a collaborator yet) get them once GitHub accepts
 * them. One update per waiting issue and run, only while someone waits.
 */
export async function assignWaiting(
  open: readonly IssueView[],
  reports: readonly GroupReport[],
  context: ApplyContext,
): Promise<void> {
  for (const report of reports) {
    const mine = open.filter(
      (issue) =>
        pendingAssignees(issue).length > 0 &&
        parseMarkers(issue.body).some((m) => m.attributes['group'] === report.group),
    )
    for (const issue of mine) {
      if (context.dryRun) {
        context.deps.log.info(`dry run: would try again to assign #${issue.number}`)
        continue
      }
      try {
        for (const result of await assignPending(context.deps.github, issue))
          noteAssignee(report, context, result.issue, result.login, ASSIGN_OUTCOMES[result.outcome])
      } catch (e) {
        context.deps.log.warning(`#${issue.number}: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
  }
}

const ASSIGN_OUTCOMES = {
  assigned: 'assigned now (they accepted their invitation)',
  'still-pending': `still not assigned: ${NOT_ASSIGNABLE}`,
  dropped: 'someone else was assigned meanwhile',
} as const

export function noteAssignee(
  report: GroupReport,
  context: ApplyContext,
  issue: number,
  login: string,
  result: string,
): void {
  ;(report.assignees ??= []).push({ issue, login, result })
  if (result.startsWith('assigned')) context.deps.log.info(`#${issue}: @${login} ${result}`)
  else context.deps.log.warning(`#${issue}: @${login} ${result}`)
}
