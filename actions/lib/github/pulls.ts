import { forbiddenKind } from './forbidden.js'
import { statusOf, userRef, type Repository, type UserRef } from './repository.js'

/** The fields of a pull request our actions read. */
export interface PullView {
  number: number
  state: 'open' | 'closed'
  title: string
  body: string
  /** Branch names (this repository's own branches). */
  head: string
  base: string
  author: UserRef
  htmlUrl: string
}

export interface NewPull {
  head: string
  base: string
  title: string
  body: string
}

interface RawPull {
  number: number
  state: string
  title: string
  body: string | null
  head: { ref: string }
  base: { ref: string }
  user: { login: string; type?: string } | null
  html_url: string
}

/** The open pull request from one of this repository's branches, if any. */
export async function findOpenPull(repo: Repository, head: string): Promise<PullView | undefined> {
  const { data } = await repo.client.rest.pulls.list({
    owner: repo.owner,
    repo: repo.repo,
    head: `${repo.owner}:${head}`,
    state: 'open',
    per_page: 10,
  })
  const match = data.find((pull) => pull.head.ref === head)
  return match ? pullView(match, await repo.selfAmong([match])) : undefined
}

/** Every pull request from one of this repository's branches, open and closed, newest first. */
export async function findPulls(repo: Repository, head: string): Promise<PullView[]> {
  const data = await repo.client.paginate(repo.client.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    head: `${repo.owner}:${head}`,
    state: 'all',
    per_page: 100,
  })
  const self = await repo.selfAmong(data)
  return data.filter((pull) => pull.head.ref === head).map((pull) => pullView(pull, self))
}

/** Every pull request of the repository, open and closed: one listing for many branches. */
export async function listPulls(repo: Repository): Promise<PullView[]> {
  const data = await repo.client.paginate(repo.client.rest.pulls.list, {
    owner: repo.owner,
    repo: repo.repo,
    state: 'all',
    per_page: 100,
  })
  const self = await repo.selfAmong(data)
  return data.map((pull) => pullView(pull, self))
}

/**
 * Opens a pull request once. GitHub refuses a second open pull request for the same head branch,
 * so a create retried after a lost response (or raced by another run) finds the first one instead.
 */
export async function openPull(repo: Repository, pull: NewPull): Promise<PullView> {
  try {
    const { data } = await repo.client.rest.pulls.create({
      owner: repo.owner,
      repo: repo.repo,
      ...pull,
    })
    return pullView(data, await repo.selfAmong([data]))
  } catch (e) {
    const existing = statusOf(e) === 422 ? await findOpenPull(repo, pull.head) : undefined
    if (existing) return existing
    throw e
  }
}

export async function updatePull(
  repo: Repository,
  number: number,
  patch: { title?: string; body?: string },
): Promise<void> {
  await repo.client.rest.pulls.update({
    owner: repo.owner,
    repo: repo.repo,
    pull_number: number,
    ...patch,
  })
}

/**
 * GitHub answers 403 "GitHub Actions is not permitted to create or approve pull requests." when
 * the repository does not let GITHUB_TOKEN open pull requests (Settings → Actions → General →
 * "Allow GitHub Actions to create and approve pull requests"). Other 403s mean other things.
 */
export function isPullRequestCreationForbidden(error: unknown): boolean {
  return forbiddenKind(error) === 'pull-request-setting'
}

function pullView(raw: RawPull, self?: string): PullView {
  return {
    number: raw.number,
    state: raw.state === 'closed' ? 'closed' : 'open',
    title: raw.title,
    body: raw.body ?? '',
    head: raw.head.ref,
    base: raw.base.ref,
    author: userRef(raw.user, self),
    htmlUrl: raw.html_url,
  }
}
