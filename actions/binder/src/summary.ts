import * as core from '../../lib/runner/core.js'
import type { BinderReport } from './run.js'

/**
 * What happened, in counts: how many of each submission went into the binder and where it went.
 * The binder's text appears only when it is delivered privately (deliver: private).
 */
export async function writeSummary(report: BinderReport): Promise<void> {
  const summary = core.summary.addHeading('Personal binder', 2)
  if (report.failure) {
    summary.addRaw(`:x: ${report.failure}`, true)
    await summary.write()
    return
  }
  const counts = report.counts
  summary.addTable([
    [
      { data: 'What', header: true },
      { data: 'Result', header: true },
    ],
    ['File', report.path ?? ''],
    ['Delivered', report.result ?? ''],
    ...(counts
      ? [
          ['Intention', String(counts.intention)],
          ['Homework', String(counts.homework)],
          ['Check-ins', String(counts.checkIns)],
          ['Reflections', String(counts.reflections)],
          ['Conversation write-ups', String(counts.conversations)],
          ['Self-evaluations', String(counts.selfEvaluations)],
          ['Assessments and interviews', String(counts.assessments)],
        ]
      : []),
  ])
  if (report.text) {
    summary.addRaw(
      "\nThis binder is not in the repository. Download the print-friendly copy from this run's artifacts; ask for deliver: pull-request to keep it in the repository.\n",
      true,
    )
    summary.addRaw(`\n---\n\n${report.text}`, true)
  }
  await summary.write()
}
