// Billable Actions minutes per 30 days, measured by the workflow runner's billing meter: a private
// repository pays for every job, each rounded up to a whole minute. `tsx bench/minutes.ts` alone,
// or as part of `npm run bench`.
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { DateTime } from 'luxon'
import { glob } from 'tinyglobby'
import { parseGroupFile } from '../actions/lib/group-file/load.js'
import type { Group } from '../actions/lib/group-file/schema.js'
import { buildSchedule } from '../actions/lib/schedule/schedule.js'
import { scheduleLines, SCHEDULED_WORKFLOW, withCronLines } from '../cli/src/commands/cron.js'
import { rehearsalRoot } from '../cli/src/commands/rehearse.js'
import { minutesPer30Days } from '../cli/src/rehearse/report.js'
import { rehearse } from '../cli/src/rehearse/rehearse.js'
import { REPO_ROOT, startGitHub, WorkflowRunner, type JobRecord } from '../emulator/src/index.js'

const DAY = 24 * 3_600_000

async function exampleText(): Promise<string> {
  const text = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  return text.replace(/^example: true.*\n/m, '')
}

function parse(text: string, slug: string): Group {
  const { group } = parseGroupFile(text, { file: `groups/${slug}/group.yml`, slug })
  if (!group) throw new Error(`bench: groups/${slug}/group.yml is invalid`)
  return group
}

export interface MinutesRow {
  scenario: string
  minutes: number
  days: number
  per30: number
  jobs: number
}

/** The example cohort played with its members through the weekly phase and three monthly meetings. */
async function oneGroup(): Promise<{ weekly: MinutesRow; monthly: MinutesRow; jobs: JobRecord[] }> {
  const group = parse(await exampleText(), 'example')
  const weekly = buildSchedule(group).filter((s) => s.week !== undefined)
  const closing = weekly.at(-1)
  if (!closing) throw new Error('bench: the example has no weekly meetings')
  const until = DateTime.fromISO(closing.date).plus({ days: 100 }).toISODate() ?? ''
  const sessions = buildSchedule(group, { until })
  const root = await rehearsalRoot(REPO_ROOT, path.join(REPO_ROOT, 'groups/example'), 'example')
  const result = await rehearse({
    root,
    group,
    sessions,
    until: new Date(`${until}T23:59:59Z`),
  })
  await result.gh.close()
  // The rehearsal root holds links to this checkout and a copy of the group; removing it removes
  // only those links and that copy.
  await rm(root, { recursive: true, force: true })
  const weeklyEnd = new Date(Date.parse(closing.endsAt) + 3 * DAY)
  const row = (scenario: string, from: Date, to: Date): MinutesRow => {
    const jobs = result.jobs.filter(
      (j) => Date.parse(j.at) >= from.getTime() && Date.parse(j.at) < to.getTime(),
    )
    return {
      scenario,
      minutes: jobs.reduce((sum, j) => sum + j.billable_minutes, 0),
      days: Math.round((to.getTime() - from.getTime()) / DAY),
      per30: minutesPer30Days(result.jobs, from, to),
      jobs: jobs.filter((j) => j.conclusion !== 'skipped').length,
    }
  }
  return {
    weekly: row('1 group, weekly phase, members active', result.from, weeklyEnd),
    monthly: row('1 group, monthly phase, members active', weeklyEnd, result.to),
    jobs: result.jobs,
  }
}

/**
 * Scheduled jobs only (no member activity) for `count` circles in one repository, each a copy of
 * the example starting a day after the previous one (so they meet on different weekdays), over
 * their first three weeks.
 */
async function scheduledOnly(count: number): Promise<MinutesRow> {
  const text = await exampleText()
  const groups: Group[] = []
  const files: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    const slug = `circle-${i + 1}`
    const start = DateTime.fromISO('2026-10-25').plus({ days: i }).toISODate() ?? ''
    const groupText = text
      .replace(/^start: .*$/m, `start: ${start}`)
      .replace(
        /^ {2}weekday: .*$/m,
        `  weekday: ${DateTime.fromISO(start).toFormat('cccc').toLowerCase()}`,
      )
      .replace(/^skip: .*$/m, 'skip: []')
    groups.push(parse(groupText, slug))
    files[`groups/${slug}/group.yml`] = groupText
  }
  for (const file of await glob(
    ['templates/**', '.github/ISSUE_TEMPLATE/**', '.github/workflows/**'],
    {
      cwd: REPO_ROOT,
      dot: true,
    },
  ))
    files[file] = await readFile(path.join(REPO_ROOT, file), 'utf8')
  const from = new Date('2026-10-21T00:00:00Z')
  const to = new Date(from.getTime() + 21 * DAY)
  const scheduled = files[SCHEDULED_WORKFLOW]
  const tuned = scheduled && withCronLines(scheduled, scheduleLines(groups, from))
  if (tuned) files[SCHEDULED_WORKFLOW] = tuned
  const gh = await startGitHub({
    repo: 'acme/circles',
    private: true,
    users: [...new Set(groups.flatMap((g) => g.members.map((m) => m.github)))],
    now: from,
    rateLimit: 1_000_000,
  })
  gh.setFiles(files)
  const runner = new WorkflowRunner({ gh, root: REPO_ROOT })
  await runner.advanceTo(to)
  await runner.close()
  await gh.close()
  const minutes = runner.billableMinutes()
  return {
    scenario: `${count} group${count === 1 ? '' : 's'} in one repository, scheduled jobs only`,
    minutes,
    days: 21,
    per30: Math.round((minutes / 21) * 30),
    jobs: runner.jobs.filter((j) => j.conclusion !== 'skipped').length,
  }
}

export async function benchMinutes(): Promise<string> {
  const { weekly, monthly } = await oneGroup()
  const rows = [weekly, monthly, await scheduledOnly(1), await scheduledOnly(10)]
  return [
    '| Scenario | Jobs run | Billable minutes | Days | Minutes per 30 days |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.jobs} | ${r.minutes} | ${r.days} | ${r.per30} |`),
  ].join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log('### Billable Actions minutes (private repository)\n')
  console.log(await benchMinutes())
}
