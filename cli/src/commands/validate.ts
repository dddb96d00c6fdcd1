import { formatProblem, hasErrors } from '../../../actions/lib/group-file/problems.js'
import { checkCalendars, checkCustomisations } from '../../../actions/lib/workspace/check.js'
import { loadGroups } from '../../../actions/lib/workspace/workspace.js'
import path from 'node:path'
import { parseCommandArgs } from '../args.js'
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'

export const usage = 'skill-share validate [--repo DIR]'

export async function validate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, { repo: { type: 'string' } })
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"`, 'validate')
  const root = path.resolve(io.cwd, values.repo ?? '.')
  const loaded = await loadGroups(root)
  const { groups, failed } = loaded
  const problems = [
    ...loaded.problems,
    ...(await checkCustomisations(root, groups)),
    ...(await checkCalendars(root, groups)),
  ]
  for (const problem of problems) io.err(formatProblem(problem))
  if (groups.length === 0 && failed.length === 0) {
    io.err(`${path.relative(io.cwd, root) || '.'}: no group files found (groups/*/group.yml)`)
    return EXIT_INVALID
  }
  if (hasErrors(problems)) return EXIT_INVALID
  io.out(
    `${groups.length} group file(s) valid: ${groups.map((g) => g.slug).join(', ')}; templates and issue forms valid`,
  )
  return EXIT_OK
}
