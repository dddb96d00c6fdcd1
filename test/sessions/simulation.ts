import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { dueMoments, firingFor } from '../../actions/lib/schedule/due.js'
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
 * The moments at which the scheduled workflow runs in a simulation: where github.com would run it.
 * `sessions.yml` fires at the cron lines `skill-share cron --write` derives from the group file:
 * one firing (the next even hour's :17) after every due moment (an issue opens, the day before, a
 * meeting ends, a buddy reminder, the retrospective). Those firings, plus a quiet-time run every
 * `tickDays` days (the daily line a repository has before its lines are written, and the runs a
 * late or manual start adds), are what a cohort really gets.
 * `hourly: true` runs every hour of the window instead (a short window, to see an exact minute);
 * SKILL_SHARE_FULL_SIMULATION=1 does so for every simulation (the soak).
 */
export function scheduledHours(from: Date, to: Date, tickDays = 7, hourly = false): Date[] {
  const start = Math.ceil(from.getTime() / HOUR) * HOUR
  if (hourly || process.env['SKILL_SHARE_FULL_SIMULATION'] === '1') {
    const all: Date[] = []
    for (let t = start; t <= to.getTime(); t += HOUR) all.push(new Date(t))
    return all
  }
  const moments = new Set<number>()
  for (let t = start; t <= to.getTime(); t += tickDays * 24 * HOUR) moments.add(t)
  // Moments a little past the window still count: an issue due then may open inside it.
  const horizon = new Date(to.getTime() + 30 * 24 * HOUR)
  for (const moment of dueMoments(EXAMPLE, new Date(start - 3 * HOUR), horizon)) {
    const at = firingFor(new Date(moment.at)).getTime()
    if (at >= start && at <= to.getTime()) moments.add(at)
  }
  return [...moments].sort((a, b) => a - b).map((t) => new Date(t))
}

export interface SimulationOptions {
  from: Date
  to: Date
  /** Called before each hour's run(s): script member activity, faults. */
  beforeRun?: (gh: GitHubEmulator, at: Date) => Promise<void>
  /** Days between the quiet-time runs (default 7). */
  tickDays?: number
  /** Run every hour of the window rather than at the workflow's firings. */
  hourly?: boolean
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
  for (const hour of scheduledHours(options.from, options.to, options.tickDays, options.hourly)) {
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
