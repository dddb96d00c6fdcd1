import type { Group } from '../../lib/group-file/schema.js'
import { getFile } from '../../lib/github/contents.js'
import { findPulls } from '../../lib/github/pulls.js'
import type { Repository } from '../../lib/github/repository.js'
import { retroBranch, retroDue, retroPath, type RetroDue } from '../../lib/retro/due.js'
import { buildSchedule } from '../../lib/schedule/schedule.js'

/**
 * The first circle whose retrospective is due and not yet proposed: no file on the default branch
 * and no pull request (open, merged or closed) from its branch. The scheduled workflow's retro job
 * compiles it; GITHUB_TOKEN closing the closing issue starts no workflow, so this is what makes the
 * retrospective appear by itself. One per run: the next run finds the next one.
 */
export async function retroToPropose(
  github: Repository,
  groups: readonly Group[],
  now: Date,
  defaultBranch: string | undefined,
): Promise<RetroDue | undefined> {
  let branch = defaultBranch
  for (const group of groups) {
    const due = retroDue(group, buildSchedule(group), now)
    if (!due) continue
    // A schedule event does not name the default branch: read it once, only when a retro is due.
    branch ??= (await github.get()).defaultBranch
    if (await getFile(github, retroPath(group, due.date), branch)) continue
    if ((await findPulls(github, retroBranch(group, due.date))).length > 0) continue
    return due
  }
  return undefined
}
