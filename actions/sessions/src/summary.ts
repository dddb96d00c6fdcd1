import * as core from '../../lib/runner/core.js'
import { DateTime } from 'luxon'
import type { GroupReport } from './run.js'

/** One table per group: what this run did and what comes next. Titles and numbers only, no bodies. */
export async function writeSummary(
  reports: readonly GroupReport[],
  failedFiles: readonly string[],
  inputs: { now: Date; dryRun: boolean },
): Promise<void> {
  const summary = core.summary.addHeading(
    `Sessions${inputs.dryRun ? ' (dry run: nothing written)' : ''}`,
    2,
  )
  summary.addRaw(`Run at ${inputs.now.toISOString()}.`, true)
  for (const file of failedFiles)
    summary.addRaw(`\n:x: \`${file}\` is invalid; see the annotations.`, true)
  for (const report of reports) {
    summary.addHeading(`Group \`${report.group}\``, 3)
    if (report.error) summary.addRaw(`:x: ${report.error}`, true)
    if (report.waiting)
      summary.addRaw(`:hourglass: Due work waits for the next run: ${report.waiting}.`, true)
    if (report.waiting)
      summary.addRaw(`:hourglass: Due work waits for the next run: ${report.waiting}.`, true)
    const rows = [
      ...report.opened.map((o) => [
        'opened',
        o.issue ? `#${o.issue}` : '(dry run)',
        `${o.session}`,
        o.title,
      ]),
      ...report.closed.map((c) => [
        c.duplicateOf ? 'closed as duplicate' : 'closed',
        `#${c.issue}`,
        `${c.session}`,
        c.duplicateOf ? `duplicate of #${c.duplicateOf}` : '',
      ]),
      ...report.status.map((s) => [`status ${s.result}`, `#${s.issue}`, `${s.session}`, '']),
      ...(report.nudged ?? []).map((n) => ['nudged', `#${n.issue}`, `${n.session}`, '']),
      ...(report.assignees ?? []).map((a) => [`@${a.login}`, `#${a.issue}`, '', a.result]),
    ]
    if (rows.length === 0) summary.addRaw('Nothing to do.', true)
    else
      summary.addTable([
        [
          { data: 'Action', header: true },
          { data: 'Issue', header: true },
          { data: 'Session', header: true },
          { data: 'Title', header: true },
        ],
        ...rows,
      ])
    if (report.next) {
      const opens = DateTime.fromISO(report.next.opensAt, { zone: 'utc' }).toFormat(
        'ccc d LLL yyyy HH:mm',
      )
      summary.addRaw(
        `\nNext: session ${report.next.session}, "${report.next.title}", opens ${opens} UTC.`,
        true,
      )
    }
  }
  await summary.write()
}
