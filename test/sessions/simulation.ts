import { DateTime } from 'luxon'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../support/cli.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

const HOUR = 3_600_000

export const EXAMPLE = (() => {
  const text = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('the example group is invalid')
  return group
})()

/**
 * The hours at which the scheduled workflow runs in a simulation. Every hour of ten weeks is 1,680
 * runs of a bundle that takes a third of a second to start, so by default the simulation runs the
 * hours where something is due (each issue's open time, the day-before status, the end of each
 * meeting) and the hour after each (a rerun must change nothing), plus a run every `tickDays`
 * days in between.
 * SKILL_SHARE_FULL_SIMULATION=1 runs every single hour.
 */
export function scheduledHours(from: Date, to: Date, tickDays = 1): Date[] {
  const start = Math.ceil(from.getTime() / HOUR) * HOUR
  if (process.env['SKILL_SHARE_FULL_SIMULATION'] === '1') {
    const all: Date[] = []
    for (let t = start; t <= to.getTime(); t += HOUR) all.push(new Date(t))
    return all
  }
  const hours = new Set<number>()
  for (let t = start; t <= to.getTime(); t += tickDays * 24 * HOUR) hours.add(t)
  const until = DateTime.fromJSDate(to).plus({ days: 14 }).toISODate() ?? ''
  for (const s of buildSchedule(EXAMPLE, { until })) {
    for (const moment of [
      s.opensAt,
      new Date(Date.parse(s.startsAt) - 24 * HOUR).toISOString(),
      s.endsAt,
    ]) {
      const first = Math.ceil(Date.parse(moment) / HOUR) * HOUR
      for (const t of [first, first + HOUR]) if (t >= start && t <= to.getTime()) hours.add(t)
    }
  }
  return [...hours].sort((a, b) => a - b).map((t) => new Date(t))
}

export interface SimulationOptions {
  from: Date
  to: Date
  /** Called before each hour's run(s): script member activity, faults. */
  beforeRun?: (gh: GitHubEmulator, at: Date) => Promise<void>
  /** Days between the quiet-time runs (default 1). */
  tickDays?: number
  /** How each scheduled hour is executed (default: one run). */
  runsPerHour?: (at: Date) => Date[]
}

export async function startExampleRepository(): Promise<GitHubEmulator> {
  return startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: EXAMPLE_MEMBERS.map((login) => ({ login })),
    now: '2026-10-01T00:00:00Z',
  })
}

export async function simulate(gh: GitHubEmulator, options: SimulationOptions) {
  const workspace = await workspaceWith({ example: { from: 'groups/example' } })
  const runs: Array<{ at: Date; exitCode: number | null; stdout?: string }> = []
  for (const hour of scheduledHours(options.from, options.to, options.tickDays)) {
    await options.beforeRun?.(gh, hour)
    for (const at of options.runsPerHour?.(hour) ?? [hour]) {
      const result = await runAction('sessions', {
        gh,
        workspace,
        now: at,
        eventName: 'schedule',
      })
      runs.push({
        at,
        exitCode: result.exitCode,
        ...(result.exitCode === 0 ? {} : { stdout: result.stdout }),
      })
      await result.cleanup()
    }
  }
  return runs
}

/** Members 👍 the issue of a session once it is open (scripted RSVPs). */
export async function thumbsUp(
  gh: GitHubEmulator,
  sessionNumber: number,
  logins: readonly string[],
) {
  const issue = gh.state
    .issues({ state: 'open' })
    .find(
      (i) =>
        (i.body ?? '').includes(`<!-- skill-share:session group=example n=${sessionNumber} `) ||
        (i.body ?? '').includes(`<!-- skill-share:session group=example n=${sessionNumber} -->`),
    )
  if (!issue) return false
  for (const login of logins) {
    await asMember(gh, login).rest.reactions.createForIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: issue.number,
      content: '+1',
    })
  }
  return true
}
