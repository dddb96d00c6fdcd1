import { branchSha, createBranch, getFile, writeFile } from './contents.js'
import { explainForbidden } from './forbidden.js'
import {
  findOpenPull,
  isPullRequestCreationForbidden,
  openPull,
  updatePull,
  type PullView,
} from './pulls.js'
import type { Repository } from './repository.js'

export interface Proposal {
  /** Our own branch, e.g. skill-share/retro-fall-2026. */
  branch: string
  base: string
  path: string
  text: string
  message: string
  title: string
  body: string
}

/**
 * Proposes one file through a pull request, never a commit to the default branch: the branch is
 * created from the base once, the file written (or left alone when unchanged), and the one open pull
 * request from that branch opened or brought up to date. Every step converges on a rerun.
 */
export async function proposeFile(
  github: Repository,
  proposal: Proposal,
): Promise<{ pull: PullView; file: string }> {
  if ((await branchSha(github, proposal.branch)) === undefined) {
    const base = await branchSha(github, proposal.base)
    if (base === undefined) throw new Error(`the base branch ${proposal.base} does not exist`)
    await createBranch(github, proposal.branch, base)
  }
  const current = await getFile(github, proposal.path, proposal.branch)
  const file = await writeFile(
    github,
    {
      path: proposal.path,
      text: proposal.text,
      message: proposal.message,
      branch: proposal.branch,
    },
    current,
  )
  const open = await findOpenPull(github, proposal.branch)
  if (open) {
    if (open.title !== proposal.title || open.body !== proposal.body) {
      await updatePull(github, open.number, { title: proposal.title, body: proposal.body })
    }
    return { pull: { ...open, title: proposal.title, body: proposal.body }, file }
  }
  try {
    const { branch: head, base, title, body } = proposal
    return { pull: await openPull(github, { head, base, title, body }), file }
  } catch (e) {
    const why = explainForbidden(e, 'open a pull request')
    if (why === undefined) throw e
    const instead = isPullRequestCreationForbidden(e)
      ? ` Then run this again, or open a pull request from the branch ${proposal.branch} yourself.`
      : ''
    throw new Error(why + instead)
  }
}
