import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DateTime } from 'luxon'
import { glob } from 'tinyglobby'
import { compileRetro } from '../../../actions/lib/retro/compile.js'
import { buildSchedule } from '../../../actions/lib/schedule/schedule.js'
import { onePositional, parseCommandArgs, requireDate } from '../args.js'
import { EXIT_INVALID, EXIT_OK } from '../errors.js'
import type { Io } from '../io.js'
import { loadGroupForCommand } from '../load.js'

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
  const files = (await glob(`groups/${group.slug}/notes/*.md`, { cwd: io.cwd })).sort()
  const notes = await Promise.all(
    files.map(async (file) => ({
      path: file,
      text: await readFile(path.join(io.cwd, file), 'utf8'),
    })),
  )
  const result = compileRetro({
    group,
    sessions: buildSchedule(group, { until: date }),
    date,
    notes,
  })
  if (result.report.leaks.length > 0) {
    const where = result.report.leaks
      .map((l) => `${l.category} at ${l.line}:${l.column}`)
      .join(', ')
    io.err(
      `skill-share: the leak check found roster identifiers in the retrospective (${where}); nothing was written`,
    )
    return EXIT_INVALID
  }
  const out = path.resolve(io.cwd, values.out ?? result.path)
  await mkdir(path.dirname(out), { recursive: true })
  await writeFile(out, result.markdown)
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
