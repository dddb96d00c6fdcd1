import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { DateTime } from 'luxon'
import { glob } from 'tinyglobby'
import { buildSchedule } from '../../../actions/lib/schedule/schedule.js'
import { onePositional, parseCommandArgs, requireDate } from '../args.js'
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { groupFolder, loadGroupForCommand } from '../load.js'
import { writeOutputFile } from '../output.js'

export const usage = 'skill-share retro <group-dir> [--out FILE] [--date DATE]'

/** The retrospective from the notes files alone, as the retro action would write it. */
export async function retro(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('retro', args, {
    out: { type: 'string' },
    date: { type: 'string' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'retro')
  const date = requireDate(values.date, '--date', 'retro') ?? DateTime.utc().toISODate() ?? ''
  const group = await loadGroupForCommand(io, dir)
  if (group.format === 'coaching')
    throw new UsageError(
      `${dir} is a coaching network; retro compiles a circle's retrospective from its notes. Each coachee keeps their own write-ups: see \`skill-share binder ${dir} --member LOGIN\``,
      'retro',
    )
  const folder = groupFolder(io, dir)
  const notesDir = path.join(folder, 'notes')
  const shownNotes = path.relative(io.cwd, notesDir) || '.'
  const files = (await glob('*.md', { cwd: notesDir, onlyFiles: true })).sort()
  if (files.length === 0) {
    io.err(
      `skill-share: no notes in ${shownNotes}/ (*.md), so the retrospective would be empty; nothing was written. The scribe writes one file per session there (templates/notes.md shows the shape).`,
    )
    return EXIT_INVALID
  }
  const notes = await Promise.all(
    files.map(async (file) => ({
      path: path.relative(io.cwd, path.join(notesDir, file)),
      text: await readFile(path.join(notesDir, file), 'utf8'),
    })),
  )
  // The name detection (compromise) loads here, for this command only: every other command and
  // `--help` start without it.
  const { compileRetro } = await import('../../../actions/lib/retro/compile.js')
  const result = compileRetro({
    group,
    sessions: buildSchedule(group, { until: date }),
    date,
    notes,
  })
  if (result.report.problems.length > 0) {
    for (const problem of result.report.problems) io.err(`${problem}`)
    io.err(
      'skill-share: fix the front matter above (YAML between the --- lines, e.g. "session: 3"); nothing was written',
    )
    return EXIT_INVALID
  }
  if (result.report.leaks.length > 0) {
    const where = result.report.leaks
      .map((l) => `${l.category} at ${l.line}:${l.column}`)
      .join(', ')
    io.err(
      `skill-share: the leak check found roster identifiers in the retrospective (${where}); nothing was written`,
    )
    return EXIT_INVALID
  }
  const shown = values.out ?? path.relative(io.cwd, path.join(folder, 'retros', `${date}.md`))
  const out = await writeOutputFile(shown, result.markdown, {
    cwd: io.cwd,
    shown,
    command: 'skill-share retro',
    ours: (existing) => existing.startsWith('# Retrospective: '),
  })
  const counts = Object.entries(result.report.replacements)
    .map(([category, n]) => `${category} ${n}`)
    .join(', ')
  io.out(
    `wrote ${path.relative(io.cwd, out)} from ${notes.length} notes file(s): ${result.report.points.kept} points`,
  )
  io.out(`replacements: ${counts}`)
  if (result.report.flagged.length)
    io.out(`check these names the safety net replaced: ${result.report.flagged.join(', ')}`)
  return EXIT_OK
}
