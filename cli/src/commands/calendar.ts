import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { groupCalendar } from '../../../actions/lib/sessions/calendar-file.js'
import { calendarPath, type RepositoryRef } from '../../../actions/lib/sessions/links.js'
import { sessionTemplateProblems } from '../../../actions/lib/workspace/check.js'
import { loadSessionTemplates } from '../../../actions/lib/workspace/workspace.js'
import { onePositional, parseCommandArgs, requireRepository } from '../args.js'
import { EXIT_OK, InvalidFilesError } from '../errors.js'
import type { Io } from '../io.js'
import { loadGroupForCommand, repositoryRoot } from '../load.js'
import { writeOutputFile } from '../output.js'

/** What every calendar skill-share writes carries in its PRODID. */
const OUR_PRODID = '//tech-leads-skill-share//'

const isOurs = (text: string) => text.startsWith('BEGIN:VCALENDAR') && text.includes(OUR_PRODID)

export const usage = 'skill-share calendar <group-dir> [--out FILE] [--repo OWNER/NAME]'

/**
 * Prints the group's iCalendar, or writes it to `--out`. Session issues link
 * `groups/<slug>/calendar.ics` when the repository has it, so that is the usual `--out`. It builds
 * on the calendar published so far (the `--out` file, else the group's calendar.ics): a moved
 * session gets a higher SEQUENCE, and the session links keep the repository the file already names
 * unless `--repo` says another.
 */
export async function calendar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('calendar', args, {
    out: { type: 'string' },
    repo: { type: 'string' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'calendar')
  const repository = requireRepository(values.repo, 'calendar')
  const group = await loadGroupForCommand(io, dir)
  const root = repositoryRoot(io, dir, 'calendar')
  const templateProblems = await sessionTemplateProblems(root, group)
  if (templateProblems.length > 0) throw new InvalidFilesError(templateProblems)
  const previous =
    (values.out ? await readOurs(path.resolve(io.cwd, values.out)) : undefined) ??
    (await readOurs(path.join(root, calendarPath(group.slug))))
  const repo: RepositoryRef | undefined = repository
    ? { serverUrl: 'https://github.com', repository, defaultBranch: 'HEAD' }
    : undefined
  const { text, events } = groupCalendar(group, await loadSessionTemplates(root), {
    ...(previous !== undefined ? { previous } : {}),
    ...(repo ? { repo } : {}),
  })
  if (!values.out) {
    io.out(text)
    return EXIT_OK
  }
  const file = await writeOutputFile(values.out, text, {
    cwd: io.cwd,
    shown: values.out,
    command: 'skill-share calendar',
    ours: isOurs,
  })
  const where = path.relative(io.cwd, file)
  const linked = where === calendarPath(group.slug) ? '; session issues link it once committed' : ''
  io.err(`wrote ${where} (${events} events${linked})`)
  return EXIT_OK
}

/** A calendar this project wrote, or undefined (missing, a folder, someone else's file). */
async function readOurs(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  return text !== undefined && isOurs(text) ? text : undefined
}
