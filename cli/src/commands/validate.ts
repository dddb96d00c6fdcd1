import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { formatProblem, hasErrors, type Problem } from '../../../actions/lib/group-file/problems.js'
import {
  checkCalendars,
  checkCustomisations,
  checkTemplatesPresent,
} from '../../../actions/lib/workspace/check.js'
import { loadGroups, type LoadedGroups } from '../../../actions/lib/workspace/workspace.js'
import { parseCommandArgs } from '../args.js'
import { EXIT_INVALID, EXIT_OK, UsageError } from '../errors.js'
import type { Io } from '../io.js'
import { groupFolder, repositoryRoot } from '../load.js'
import { checkSchedule } from './cron.js'

export const usage = 'skill-share validate [<group-dir> ...] [--repo DIR]'

/**
 * Checks every group file of a repository (or only the groups named), its templates and its issue
 * forms, as the actions will read them.
 */
export async function validate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, { repo: { type: 'string' } })
  if (values.repo !== undefined && positionals.length > 0)
    throw new UsageError('give either <group-dir> or --repo, not both', 'validate')
  const root = positionals[0]
    ? repositoryRoot(io, positionals[0], 'validate')
    : checkedRepo(io, values.repo ?? '.')
  const shownRoot = path.relative(io.cwd, root) || '.'
  const loaded = positionals.length
    ? await loadNamedGroups(io, root, positionals)
    : await loadGroups(root, undefined, { examples: 'include', now: new Date() })
  const { groups, failed } = loaded
  const problems: Problem[] = [
    ...loaded.problems,
    ...checkTemplatesPresent(root),
    ...(await checkCustomisations(root, groups)),
    ...(await checkCalendars(root, groups)),
    ...(await checkSchedule(root, groups)),
  ]
  for (const problem of problems) io.err(formatProblem(problem))
  if (groups.length === 0 && failed.length === 0) {
    io.err(`skill-share: ${shownRoot}: no group files found (groups/*/group.yml)`)
    return EXIT_INVALID
  }
  if (hasErrors(problems)) return EXIT_INVALID
  io.out(
    `${groups.length} group file(s) valid: ${groups.map((g) => g.slug).join(', ')}; templates and issue forms valid`,
  )
  return EXIT_OK
}

/** `--repo` must name an existing folder; anything else is a usage error, said as such. */
function checkedRepo(io: Io, repo: string): string {
  const root = path.resolve(io.cwd, repo)
  if (!existsSync(root)) throw new UsageError(`--repo: ${repo}: no such folder`, 'validate')
  if (!statSync(root).isDirectory())
    throw new UsageError(`--repo: ${repo} is a file; give the repository's folder`, 'validate')
  return root
}

/** The groups named on the command line, each `<group-dir>` or its group.yml. */
async function loadNamedGroups(io: Io, root: string, dirs: readonly string[]) {
  const all: LoadedGroups = { groups: [], problems: [], failed: [], examples: [] }
  for (const dir of dirs) {
    const file = path.relative(root, path.join(groupFolder(io, dir), 'group.yml'))
    const loaded = await loadGroups(root, file.split(path.sep).join('/'), {
      examples: 'include',
      now: new Date(),
    })
    if (loaded.groups.length + loaded.failed.length === 0) {
      loaded.failed.push(file)
      loaded.problems.push({
        file: path.relative(io.cwd, path.join(root, file)),
        line: 1,
        col: 1,
        field: '',
        message: 'no such group file',
        severity: 'error',
      })
    }
    all.groups.push(...loaded.groups)
    all.problems.push(...loaded.problems)
    all.failed.push(...loaded.failed)
  }
  return all
}
