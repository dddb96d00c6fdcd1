import type { IssueView, Repository } from '../../lib/github/repository.js'
import { statusFingerprint, withFingerprint } from '../../lib/sessions/issue.js'
import { countHomework, refreshStatus, type StatusResult } from '../../lib/github/status.js'
import type { StatusStep } from './plan.js'

/**
 * The day-before status: RSVPs so far (👍 on the issue counts as yes until commands arrive), the
 * homework count and the quorum warning. Afterwards the issue's marker records what was seen, so
 * the next hourly run only looks again when a reaction or a comment came in.
 */
export function createStatusRefresher(
  github: Repository,
  now: Date,
  log: { info(message: string): void },
): (step: StatusStep, dryRun: boolean, held?: boolean) => Promise<StatusResult> {
  // One query for the homework of every session whose status is due in this run.
  let homework: Promise<IssueView[]> | undefined
  return async (step, dryRun, held = false) => {
    const { group, session, issue } = step
    homework ??= github.listIssues({
      labels: ['homework'],
      state: 'all',
      since: step.homeworkSince,
    })
    const homeworkIn = countHomework(await homework, group, session)
    const { result } = await refreshStatus(
      github,
      { group, session, issue: issue.number },
      { now, dryRun, log, homeworkIn, held },
    )
    if (dryRun) return result
    const seen = statusFingerprint({
      plusOnes: issue.plusOnes,
      comments: issue.comments + (result === 'posted' ? 1 : 0),
    })
    const body = withFingerprint(issue.body, group, session, seen)
    if (body !== issue.body) await github.updateIssue(issue.number, { body })
    return result
  }
}
