import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { matchCoaching } from '../../../actions/lib/coaching/match.js'
import {
  describeProposal,
  readSignUps,
  writePairs,
  pairNotes,
} from '../../../actions/lib/coaching/proposal.js'
import { groupFilePath } from '../../../actions/lib/group-file/write.js'
import { loadFormTemplates } from '../../../actions/lib/workspace/forms.js'
import { onePositional, parseCommandArgs } from '../args.js'
import { EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { readIssueExport } from '../issues-export.js'
import { loadGroupForCommand } from '../load.js'

export const usage = 'skill-share match <group-dir> --from DIR [--now ISO] [--json]'

/**
 * The coaching pairs the `/match` command would propose, offline: from the sign-up issues in an
 * export (as `binder --from` reads them), with the same matching and the same words. Prints the
 * pairs, who cannot be matched and why, and the group file's `pairs:` as the pull request would
 * write it. `--now` pins the day the first conversations are counted from (default: today).
 */
export async function match(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('match', args, {
    from: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
  })
  const dir = onePositional(positionals, '<group-dir>', 'match')
  if (!values.from) throw new UsageError('missing --from DIR (exported sign-up issues)', 'match')
  const now = values.now === undefined ? new Date() : new Date(values.now)
  if (Number.isNaN(now.getTime()))
    throw new UsageError(
      `--now: "${values.now}" is not a moment, e.g. 2026-11-02T09:00:00Z`,
      'match',
    )
  const group = await loadGroupForCommand(io, dir)
  if (group.format !== 'coaching') {
    throw new Error(
      `${groupFilePath(group.slug)}: format is ${group.format}; match pairs a coaching network (format: coaching)`,
    )
  }
  const form = (await loadFormTemplates(io.cwd))['sign-up']
  if (form === undefined)
    throw new Error(
      '.github/ISSUE_TEMPLATE/coaching-sign-up.yml is missing: copy it from the skill-share template',
    )
  const issues = await readIssueExport(path.resolve(io.cwd, values.from), 'match')
  const { signUps, refused } = readSignUps(issues, group, form)
  const result = matchCoaching({ group, signUps, refused, now })
  if (values.json) {
    io.out(JSON.stringify({ group: group.slug, ...result }, null, 2))
    return EXIT_OK
  }
  io.out(`${group.name} (${group.slug}): ${signUps.length} sign-ups\n`)
  io.out(describeProposal(group, result))
  const file = path.join(path.resolve(io.cwd, dir), 'group.yml')
  const edited = writePairs(await readFile(file, 'utf8'), group, result.pairs, pairNotes(result))
  io.out(`\nThe pull request would set, in ${groupFilePath(group.slug)}:\n`)
  io.out(pairsBlock(edited))
  return EXIT_OK
}

/** The `pairs:` key and its lines, up to the next top-level key. */
function pairsBlock(text: string): string {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => /^pairs:/.test(line))
  if (start < 0) return 'pairs: none'
  const end = lines.findIndex((line, i) => i > start && /^[^\s#-]/.test(line))
  return lines
    .slice(start, end < 0 ? undefined : end)
    .join('\n')
    .trimEnd()
}
