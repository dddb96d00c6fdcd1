import path from 'node:path'
import { groupCalendar } from '../../../actions/lib/sessions/calendar-file.js'
import { calendarPath } from '../../../actions/lib/sessions/links.js'
import { loadSessionTemplates } from '../../../actions/lib/workspace/workspace.js'
import { onePositional, parseCommandArgs } from '../args.js'
import { EXIT_OK, InvalidFilesError } from '../errors.js'
import type { Io } from '../io.js'
import { sessionTemplateProblems } from '../../../actions/lib/workspace/check.js'
import { loadGroupForCommand, repositoryRoot } from '../load.js'
import { writeOutputFile } from '../output.js'

/** What every calendar skill-share writes carries in its PRODID. */
const OUR_PRODID = '//tech-leads-skill-share//'

export const usage = 'skill-share calendar <group-dir> [--out FILE]'

/**
 * Prints the group's iCalendar, or writes it to `--out`. Session issues link
 * `groups/<slug>/calendar.ics` when the repository has it, so that is the usual `--out`.
 */
export async function calendar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('calendar', args, { out: { type: 'string' } })
  const dir = onePositional(positionals, '<group-dir>', 'calendar')
  const group = await loadGroupForCommand(io, dir)
  const root = repositoryRoot(io, dir, 'calendar')
  const templateProblems = await sessionTemplateProblems(root, group)
  if (templateProblems.length > 0) throw new InvalidFilesError(templateProblems)
  const { text, events } = groupCalendar(group, await loadSessionTemplates(root))
  if (!values.out) {
    io.out(text)
    return EXIT_OK
  }
  const file = await writeOutputFile(values.out, text, {
    cwd: io.cwd,
    shown: values.out,
    command: 'skill-share calendar',
    ours: (existing) => existing.startsWith('BEGIN:VCALENDAR') && existing.includes(OUR_PRODID),
  })
  const where = path.relative(io.cwd, file)
  const linked = where === calendarPath(group.slug) ? '; session issues link it once committed' : ''
  io.err(`wrote ${where} (${events} events${linked})`)
  return EXIT_OK
}
