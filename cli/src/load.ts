import { existsSync } from 'node:fs'
import path from 'node:path'
import { formatProblem, hasErrors } from '../../actions/lib/group-file/problems.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { loadGroupAt } from '../../actions/lib/workspace/workspace.js'
import { InvalidFilesError, UsageError } from './errors.js'
import type { Io } from './io.js'

/** Loads one group for a command; warnings go to stderr, errors stop the command. */
export async function loadGroupForCommand(io: Io, dir: string): Promise<Group> {
  const { group, problems } = await loadGroupAt(io.cwd, dir)
  if (!group || hasErrors(problems)) throw new InvalidFilesError(problems)
  for (const problem of problems) io.err(formatProblem(problem))
  return group
}

/** The folder of a `<group-dir>` argument, which may also name its group.yml. */
export function groupFolder(io: Io, dir: string): string {
  const absolute = path.resolve(io.cwd, dir)
  return /\.ya?ml$/.test(absolute) ? path.dirname(absolute) : absolute
}

/**
 * The repository a group belongs to: the nearest folder holding `templates/`, looking up from the
 * group folder and then from the working directory, so `preview example` works from inside
 * `groups/` and a group copied elsewhere still finds its repository when run from it.
 */
export function repositoryRoot(io: Io, dir: string, command: string): string {
  for (const start of [groupFolder(io, dir), path.resolve(io.cwd)]) {
    for (let at = start; ; at = path.dirname(at)) {
      if (existsSync(path.join(at, 'templates', 'session-kickoff.md'))) return at
      if (path.dirname(at) === at) break
    }
  }
  throw new UsageError(
    `no templates/ folder in or above ${dir} or the current folder; run it inside a repository made from the template`,
    command,
  )
}
