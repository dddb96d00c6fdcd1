import { formatProblem, hasErrors } from '../../actions/lib/group-file/problems.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { loadGroupAt } from '../../actions/lib/workspace/workspace.js'
import { InvalidFilesError } from './errors.js'
import type { Io } from './io.js'

/** Loads one group for a command; warnings go to stderr, errors stop the command. */
export async function loadGroupForCommand(io: Io, dir: string): Promise<Group> {
  const { group, problems } = await loadGroupAt(io.cwd, dir)
  if (!group || hasErrors(problems)) throw new InvalidFilesError(problems)
  for (const problem of problems) io.err(formatProblem(problem))
  return group
}
