import { existsSync } from 'node:fs'
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DateTime } from 'luxon'
import { buildSchedule } from '../../../actions/lib/schedule/schedule.js'
import { onePositional, parseCommandArgs, requireDate } from '../args.js'
import { EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { groupFolder, loadGroupForCommand } from '../load.js'
import { checkOutputFolder, writeOutputFolder } from '../output.js'
import { exportRepository } from '../rehearse/export.js'
import { billing, endOfDay, promisesMarkdown, runsJson } from '../rehearse/report.js'
import { rehearse, type PlanName } from '../rehearse/rehearse.js'

export const usage =
  'skill-share rehearse <group-dir> [--until DATE] [--out DIR] [--plan free|pro|team|enterprise] [--pending LOGIN,...]'

const PLANS = ['free', 'pro', 'team', 'enterprise'] as const

export async function rehearseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('rehearse', args, {
    until: { type: 'string' },
    out: { type: 'string' },
    plan: { type: 'string' },
    pending: { type: 'string' },
  })
  const plan = values.plan ?? 'free'
  if (!(PLANS as readonly string[]).includes(plan))
    throw new UsageError(`--plan: "${plan}" is not one of ${PLANS.join(', ')}`, 'rehearse')
  const dir = onePositional(positionals, '<group-dir>', 'rehearse')
  const until = requireDate(values.until, '--until', 'rehearse')
  if (!existsSync(path.join(io.cwd, 'actions', 'sessions', 'dist', 'index.js'))) {
    throw new UsageError(
      'run it from the repository root (actions/sessions/dist/index.js not found)',
      'rehearse',
    )
  }
  const group = await loadGroupForCommand(io, dir)
  if (group.format === 'coaching') {
    throw new UsageError(
      `${dir} is a coaching network; rehearse plays circles. See its conversations with \`skill-share preview ${dir}\` and \`skill-share plan ${dir}\``,
      'rehearse',
    )
  }
  const shown = values.out ?? path.join('rehearsal', group.slug)
  const out = path.resolve(io.cwd, shown)
  const target = { cwd: io.cwd, shown, command: 'skill-share rehearse' }
  await checkOutputFolder(out, target)
  const weekly = buildSchedule(group).filter((s) => s.week !== undefined)
  const last = weekly.at(-1)?.date ?? group.start ?? ''
  const end = until ?? DateTime.fromISO(last).plus({ days: 3 }).toISODate() ?? last
  const sessions = buildSchedule(group, { until: end })
  const started = Date.now()
  const root = await rehearsalRoot(io.cwd, groupFolder(io, dir), group.slug)
  const pending = (values.pending ?? '')
    .split(',')
    .map((login) => login.trim())
    .filter(Boolean)
  const unknown = pending.filter((login) => !group.members.some((m) => m.github === login))
  if (unknown.length > 0)
    throw new UsageError(`--pending: ${unknown.join(', ')} not in the group's members`, 'rehearse')
  const result = await rehearse({
    root,
    group,
    sessions,
    plan: plan as PlanName,
    pending,
    ...(until ? { until: endOfDay(until, group.timezone) } : {}),
    onEntry: (e) =>
      io.out(
        `${e.at.toISOString().slice(0, 16).replace('T', ' ')}  ${e.source.padEnd(26)}  ${e.what}`,
      ),
    onProgress: (done, total, at) => {
      if (!io.isTty) return
      const width = 30
      const filled = Math.round((done / total) * width)
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round((100 * done) / total)).padStart(3)}% ${at.toISOString().slice(0, 10)}`,
      )
      if (done === total) process.stderr.write('\n')
    },
  })
  const { gh, timeline } = result
  try {
    const bill = billing(result)
    await writeOutputFolder(
      out,
      [
        ...exportRepository(gh, timeline, group.name),
        { path: 'runs.json', content: `${JSON.stringify(runsJson(result), null, 2)}\n` },
        { path: 'promises.md', content: promisesMarkdown(result) },
      ],
      target,
    )
    const issues = gh.state.issues({ state: 'all' }).length
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    io.out('')
    io.out(promisesMarkdown(result))
    io.out(
      `${bill.jobs} jobs in ${timeline.length} workflow runs (${bill.failed} failed): ${bill.minutes} billable minutes over ${bill.days.toFixed(1)} days, ${bill.perMonth} per 30 days on a private repository`,
    )
    io.out(
      'retrospective' in result && 'pull' in result.retrospective
        ? `retrospective proposed in pull request #${result.retrospective.pull}`
        : `no retrospective: ${(result.retrospective as { missing: string }).missing}`,
    )
    io.out(
      `${issues} issues, ${gh.state.pulls().length} pull requests in ${seconds}s; open ${path.relative(io.cwd, path.join(out, 'index.md'))}`,
    )
  } finally {
    await gh.close()
    await rm(root, { recursive: true, force: true })
  }
  return EXIT_OK
}

/**
 * The repository the rehearsal checks out: this one, except that groups/ holds only the group
 * rehearsed, played as its organizer's own. The template's examples say `example: true`, which
 * makes the actions skip them on GitHub; a rehearsal is where they should run, so the line goes.
 * Everything else is linked, not copied; removing the folder afterwards removes only the links.
 */
export async function rehearsalRoot(cwd: string, folder: string, slug: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'skill-share-rehearse-'))
  for (const entry of await readdir(cwd)) {
    if (entry === 'groups' || entry === '.git') continue
    await symlink(path.join(cwd, entry), path.join(root, entry))
  }
  const target = path.join(root, 'groups', slug)
  await cp(folder, target, { recursive: true })
  const schema = path.join(cwd, 'groups', 'group.schema.json')
  if (existsSync(schema)) await cp(schema, path.join(root, 'groups', 'group.schema.json'))
  const file = path.join(target, 'group.yml')
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^example: true\b[^\n]*\n/m, ''))
  return root
}
