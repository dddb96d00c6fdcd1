import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { sessionCalendar } from '../../../actions/lib/schedule/calendar.js'
import { buildSchedule } from '../../../actions/lib/schedule/schedule.js'
import { loadSessionTemplates } from '../../../actions/lib/workspace/workspace.js'
import { renderSessionIssue } from '../../../actions/lib/sessions/issue.js'
import { onePositional, parseCommandArgs } from '../args.js'
import { EXIT_OK } from '../errors.js'
import type { Io } from '../io.js'
import { loadGroupForCommand } from '../load.js'

export const usage = 'skill-share calendar <group-dir> [--out FILE]'

export async function calendar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('calendar', args, { out: { type: 'string' } })
  const dir = onePositional(positionals, '<group-dir>', 'calendar')
  const group = await loadGroupForCommand(io, dir)
  const templates = await loadSessionTemplates(io.cwd)
  const sessions = buildSchedule(group)
  const ics = sessionCalendar(
    group,
    sessions,
    (s) => renderSessionIssue(group, s, templates, {}).title,
  )
  if (!values.out) {
    io.out(ics)
    return EXIT_OK
  }
  const file = path.resolve(io.cwd, values.out)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, ics)
  io.err(`wrote ${path.relative(io.cwd, file)} (${sessions.length} events)`)
  return EXIT_OK
}
