import { statusOf, type Repository } from './repository.js'

/*
 * Files and branches through the REST API (contents and git refs), for actions that write to the
 * repository without a checkout that could push. Functions take the Repository and use its client,
 * so they share its retries and rate-limit handling.
 */

export interface FileView {
  path: string
  /** The blob sha, which an update must name. */
  sha: string
  text: string
}

export interface FileWrite {
  path: string
  text: string
  message: string
  branch: string
}

/** A text file at a branch (or any ref); undefined when the file (or the ref) does not exist. */
export async function getFile(
  repo: Repository,
  path: string,
  ref: string,
): Promise<FileView | undefined> {
  try {
    const { data } = await repo.client.rest.repos.getContent({
      owner: repo.owner,
      repo: repo.repo,
      path,
      ref,
    })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new Error(`${path} at ${ref} is not a file`)
    }
    return { path, sha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') }
  } catch (e) {
    if (statusOf(e) === 404) return undefined
    throw e
  }
}

/**
 * Creates or updates a file on a branch, unless it already has exactly this text. `current` is the
 * file as last read (undefined: it did not exist). When a write fails, perhaps after a retry of a
 * write that did happen (GitHub then refuses the stale sha), the file is read back: if it holds the
 * text, the write is done.
 */
export async function writeFile(
  repo: Repository,
  file: FileWrite,
  current: Pick<FileView, 'sha' | 'text'> | undefined,
): Promise<'created' | 'updated' | 'unchanged'> {
  if (current?.text === file.text) return 'unchanged'
  try {
    await repo.client.rest.repos.createOrUpdateFileContents({
      owner: repo.owner,
      repo: repo.repo,
      path: file.path,
      message: file.message,
      content: Buffer.from(file.text, 'utf8').toString('base64'),
      branch: file.branch,
      ...(current ? { sha: current.sha } : {}),
    })
  } catch (e) {
    if ((await getFile(repo, file.path, file.branch))?.text !== file.text) throw e
  }
  return current ? 'updated' : 'created'
}

/**
 * The commit a branch points at; undefined when there is no such branch. Asked as a prefix match,
 * which answers an empty list rather than a 404 that the client would log as a failure.
 */
export async function branchSha(repo: Repository, branch: string): Promise<string | undefined> {
  const { data } = await repo.client.rest.git.listMatchingRefs({
    owner: repo.owner,
    repo: repo.repo,
    ref: `heads/${branch}`,
  })
  return data.find((ref) => ref.ref === `refs/heads/${branch}`)?.object.sha
}

/** Creates a branch at a commit; a branch that already exists (a lost response, a race) is kept. */
export async function createBranch(
  repo: Repository,
  branch: string,
  sha: string,
): Promise<'created' | 'exists'> {
  try {
    await repo.client.rest.git.createRef({
      owner: repo.owner,
      repo: repo.repo,
      ref: `refs/heads/${branch}`,
      sha,
    })
    return 'created'
  } catch (e) {
    if (statusOf(e) === 422 && (await branchSha(repo, branch)) !== undefined) return 'exists'
    throw e
  }
}

/** Points a branch at a commit even when that is not a fast-forward (our own branches only). */
export async function resetBranch(repo: Repository, branch: string, sha: string): Promise<void> {
  await repo.client.rest.git.updateRef({
    owner: repo.owner,
    repo: repo.repo,
    ref: `heads/${branch}`,
    sha,
    force: true,
  })
}
