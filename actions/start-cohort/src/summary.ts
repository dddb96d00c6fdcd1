import * as core from '../../lib/runner/core.js'
import { formatFormProblem } from '../../lib/group-file/write.js'
import { scheduleTable } from '../../lib/cohort/issues.js'
import type { CohortReport } from './run.js'

/**
 * What the run did, for the organizer: problems first (by input), then one row per object, then the
 * schedule. Logins, numbers and titles only: no issue bodies, no member names.
 */
export async function writeSummary(report: CohortReport): Promise<void> {
  const title = `Start a cohort: \`${report.slug || '(no slug)'}\``
  const summary = core.summary.addHeading(
    `${title}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    2,
  )
  if (report.failure) summary.addRaw(`:x: ${report.failure}.`, true)
  if (report.problems.length > 0) {
    summary.addTable([
      [
        { data: '', header: true },
        { data: 'Input', header: true },
        { data: 'Problem', header: true },
      ],
      ...report.problems.map((p) => [
        p.severity === 'error' ? ':x:' : ':warning:',
        p.field ? `\`${p.field}\`` : '',
        escapeCell(p.field ? p.message : formatFormProblem(p)),
      ]),
    ])
  }
  if (report.rows.length > 0) {
    summary.addHeading(report.dryRun ? 'What this run would do' : 'What this run did', 3)
    summary.addTable([
      [
        { data: 'What', header: true },
        { data: 'Result', header: true },
        { data: 'Where', header: true },
      ],
      ...report.rows.map((r) => [escapeCell(r.what), escapeCell(r.result), escapeCell(r.where)]),
    ])
  }
  if (report.sessions.length > 0) {
    summary.addHeading('Schedule', 3)
    summary.addRaw(scheduleTable(report.sessions), true)
  }
  await summary.write()
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;')
}
