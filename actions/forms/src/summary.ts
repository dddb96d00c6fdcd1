import * as core from '../../lib/runner/core.js'
import type { FormsReport } from './run.js'

const RESULT: Record<FormsReport['result'], string> = {
  accepted: 'accepted',
  'needs-fix': 'needs a fix',
  outsider: 'author on no member list',
  'not-a-form': 'not a form submission',
  blocked: ':x: blocked',
  refused: ':x: refused',
}

/** One row: the issue, its form and what became of it. Numbers, kinds and field ids only, no content. */
export async function writeSummary(report: FormsReport, inputs: { now: Date }): Promise<void> {
  const summary = core.summary.addHeading('Forms', 2)
  summary.addRaw(`Run at ${inputs.now.toISOString()}.`, true)
  summary.addTable([
    [
      { data: 'Issue', header: true },
      { data: 'Form', header: true },
      { data: 'Result', header: true },
      { data: 'Details', header: true },
      { data: 'Changes', header: true },
    ],
    [
      `#${report.issue}`,
      report.kind ?? '',
      RESULT[report.result],
      report.detail,
      report.changes.length > 0 ? report.changes.join('; ') : 'none',
    ],
  ])
  if (report.failure) summary.addRaw(`\n:x: ${report.failure}`, true)
  await summary.write()
}
