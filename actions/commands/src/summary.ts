import * as core from '../../lib/runner/core.js'
import type { CommandsReport } from './run.js'

const MODE_TITLE: Record<CommandsReport['mode'], string> = {
  issue: 'one issue reconciled',
  sweep: 'scheduled sweep',
  'group-files': 'group-file pull requests',
}

/** What the run did, as a table of groups, issue numbers and results: never a body or a name. */
export async function writeSummary(
  report: CommandsReport,
  failedFiles: readonly string[],
  inputs: { now: Date; dryRun: boolean },
): Promise<void> {
  const summary = core.summary.addHeading(
    `Commands: ${MODE_TITLE[report.mode]}${inputs.dryRun ? ' (dry run: nothing written)' : ''}`,
    2,
  )
  summary.addRaw(`Run at ${inputs.now.toISOString()}.`, true)
  for (const file of failedFiles)
    summary.addRaw(`\n:x: \`${file}\` is invalid; see the annotations.`, true)
  for (const error of report.errors) summary.addRaw(`\n:x: ${error}`, true)
  if (report.rows.length === 0) summary.addRaw('\nNothing to do.', true)
  else
    summary.addTable([
      [
        { data: 'Group', header: true },
        { data: 'What', header: true },
        { data: 'Where', header: true },
        { data: 'Result', header: true },
      ],
      ...report.rows.map((r) => [r.group, r.what, r.where, r.result]),
    ])
  if (report.waiting.length > 0) {
    summary.addRaw(
      `\n:hourglass: ${report.waiting.length} due task(s) wait for the next run: ${report.waiting[0]?.reason}.`,
      true,
    )
    summary.addTable([
      [
        { data: 'Group', header: true },
        { data: 'Waiting', header: true },
        { data: 'Due since', header: true },
      ],
      ...report.waiting.map((w) => [w.group, w.what, w.dueAt]),
    ])
  }
  if (report.groupChanges.length > 0)
    summary.addRaw(
      `\nPull requests to open or update in the next job: ${report.groupChanges.map((c) => `${c.slug}/${c.kind} (#${c.issue})`).join(', ')}.`,
      true,
    )
  await summary.write()
}
