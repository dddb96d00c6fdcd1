import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Problem } from '../../../actions/lib/group-file/problems.js'
import type { Group } from '../../../actions/lib/group-file/schema.js'
import {
  cronLines,
  dueMoments,
  uncovered,
  type DueMoment,
} from '../../../actions/lib/schedule/due.js'
import { loadGroups } from '../../../actions/lib/workspace/workspace.js'
import { cronMatches, parseCron } from '../../../emulator/src/workflows/cron.js'
import { parseCommandArgs, requireDate } from '../args.js'
import { EXIT_INVALID, EXIT_OK, InvalidFilesError, UsageError } from '../errors.js'
import type { Io } from '../io.js'

export const usage = 'skill-share cron [--repo DIR] [--from YYYY-MM-DD] [--write]'

/** The workflow whose `schedule:` the cron lines belong to, and the markers around them. */
export const SCHEDULED_WORKFLOW = '.github/workflows/sessions.yml'
const BEGIN = '# skill-share cron: begin'
const END = '# skill-share cron: end'
/** What the schedule holds when no group needs anything: one daily run. */
export const IDLE_CRON = '17 6 * * *'
const YEAR_MS = 365 * 24 * 3_600_000

/**
 * Prints (or, with --write, puts into sessions.yml) the cron lines that run the scheduled workflow
 * at every due moment of the repository's groups in the coming year, and no more often.
 */
export async function cron(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('cron', args, {
    repo: { type: 'string' },
    from: { type: 'string' },
    write: { type: 'boolean' },
  })
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"`, 'cron')
  const root = path.resolve(io.cwd, values.repo ?? '.')
  if (!existsSync(root)) throw new UsageError(`--repo: ${values.repo} does not exist`, 'cron')
  const fromDate = requireDate(values.from, '--from', 'cron')
  const from = fromDate ? new Date(`${fromDate}T00:00:00Z`) : new Date()
  const loaded = await loadGroups(root)
  if (loaded.failed.length > 0) throw new InvalidFilesError(loaded.problems)
  const lines = scheduleLines(loaded.groups, from)
  if (!values.write) {
    io.out(cronYaml(lines))
    return EXIT_OK
  }
  const file = path.join(root, SCHEDULED_WORKFLOW)
  if (!existsSync(file)) {
    io.err(`skill-share: ${SCHEDULED_WORKFLOW} does not exist under ${root}`)
    return EXIT_INVALID
  }
  const text = await readFile(file, 'utf8')
  const replaced = withCronLines(text, lines)
  if (replaced === undefined) {
    io.err(
      `skill-share: ${SCHEDULED_WORKFLOW} has no "${BEGIN}" / "${END}" lines under schedule:; ` +
        'add them around the cron lines, or paste the output of "skill-share cron" yourself',
    )
    return EXIT_INVALID
  }
  if (replaced !== text) await writeFile(file, replaced)
  io.err(
    `${replaced === text ? 'unchanged' : 'wrote'} ${SCHEDULED_WORKFLOW}: ${lines.length} cron line(s); commit it (GITHUB_TOKEN cannot change workflow files)`,
  )
  return EXIT_OK
}

/**
 * After `init` wrote a group file: the scheduled workflow's cron lines for every group of the
 * repository, when the workflow has the markers (undefined when there is nothing to update).
 */
export async function refreshSchedule(
  root: string,
  from = new Date(),
): Promise<string | undefined> {
  const file = path.join(root, SCHEDULED_WORKFLOW)
  if (!existsSync(file)) return undefined
  const loaded = await loadGroups(root)
  if (loaded.failed.length > 0) return undefined
  const lines = scheduleLines(loaded.groups, from)
  const text = await readFile(file, 'utf8')
  const replaced = withCronLines(text, lines)
  if (replaced === undefined || replaced === text) return undefined
  await writeFile(file, replaced)
  return `wrote ${lines.length} cron line(s) for the groups' due moments to ${SCHEDULED_WORKFLOW}; commit it with the group file`
}

/** Every group's due moments from `from` for a year, as cron lines (the idle line when none). */
export function scheduleLines(groups: readonly Group[], from: Date): string[] {
  const moments = groups.flatMap((g) => dueMoments(g, from, new Date(from.getTime() + YEAR_MS)))
  const lines = cronLines(moments)
  return lines.length > 0 ? lines : [IDLE_CRON]
}

/** The workflow with `lines` between its cron markers (undefined when it has no markers). */
export function withCronLines(text: string, crons: readonly string[]): string | undefined {
  const yaml = cronYaml(crons)
  const lines = text.split('\n')
  const begin = lines.findIndex((l) => l.trim().startsWith(BEGIN))
  const end = lines.findIndex((l, i) => i > begin && l.trim().startsWith(END))
  if (begin < 0 || end < 0) return undefined
  return [...lines.slice(0, begin + 1), yaml, ...lines.slice(end)].join('\n')
}

/** Cron lines as the entries of sessions.yml's `on.schedule`. */
function cronYaml(crons: readonly string[]): string {
  return crons.map((line) => `    - cron: '${line}'`).join('\n')
}

/** The cron lines of the scheduled workflow's `on.schedule`, as written. */
export function workflowCrons(text: string): string[] {
  const parsed = parseYaml(text) as { on?: { schedule?: Array<{ cron?: unknown }> } } | null
  return (parsed?.on?.schedule ?? [])
    .map((s) => s.cron)
    .filter((c): c is string => typeof c === 'string')
}

/**
 * The due moments in the next `days` that the workflow's crons miss (no run within the allowed
 * delay), for `validate` to warn about.
 */
export function missedMoments(
  groups: readonly Group[],
  workflowText: string,
  from: Date,
  days = 60,
): DueMoment[] {
  const crons = workflowCrons(workflowText).map(parseCron)
  const until = new Date(from.getTime() + days * 24 * 3_600_000)
  const moments = groups.flatMap((g) => dueMoments(g, from, until))
  return uncovered(moments, (at) => crons.some((c) => cronMatches(c, at)))
}

/** `validate`'s warning when the scheduled workflow would miss a running group's due moment. */
export async function checkSchedule(
  root: string,
  groups: readonly Group[],
  now = new Date(),
): Promise<Problem[]> {
  const file = path.join(root, SCHEDULED_WORKFLOW)
  if (!existsSync(file)) return []
  const text = await readFile(file, 'utf8')
  const missed = missedMoments(
    groups.filter((g) => !g.example),
    text,
    now,
  )
  const first = missed[0]
  if (!first) return []
  const line = text.split('\n').findIndex((l) => /^\s*schedule:/.test(l)) + 1
  const slugs = [...new Set(missed.map((m) => m.group))].join(', ')
  const what = first.session !== undefined ? `session ${first.session} ${first.what}` : first.what
  return [
    {
      file: SCHEDULED_WORKFLOW,
      line: Math.max(line, 1),
      col: 1,
      field: 'on.schedule',
      severity: 'warning',
      message:
        `the cron lines miss ${missed.length} due moment(s) of ${slugs} in the next 60 days ` +
        `(first: ${first.group} ${what} at ${first.at}), so those runs would come late or not at all; ` +
        `run "npx skill-share cron --write" and commit ${SCHEDULED_WORKFLOW}`,
    },
  ]
}
