import { Octokit } from '@octokit/rest'
import { afterEach, beforeEach } from 'vitest'
import {
  startGitHub,
  type GitHubEmulator,
  type StartGitHubOptions,
} from '../../emulator/src/index.js'

export const MEMBERS = [
  { login: 'octo-ana', role: 'owner' as const },
  { login: 'octo-ben', role: 'member' as const },
  { login: 'octo-cy' },
  { login: 'outsider', role: 'none' as const },
]

export const NOW = '2026-11-21T16:00:00Z'

const quiet = { debug() {}, info() {}, warn() {}, error() {} }

/** An Octokit pointed at the emulator; with `login`, it acts as that user. */
export function client(gh: GitHubEmulator, login?: string): Octokit {
  const octokit = new Octokit({ baseUrl: gh.url, auth: 'test-token', log: quiet })
  if (login) {
    octokit.hook.before('request', (request) => {
      request.headers['x-emulator-user'] = login
    })
  }
  return octokit
}

/** A fresh emulator per test (`ctx.gh`, `ctx.octokit`), closed afterwards. */
export function useEmulator(options: StartGitHubOptions = {}) {
  const ctx = {} as { gh: GitHubEmulator; octokit: Octokit; repo: { owner: string; repo: string } }
  beforeEach(async () => {
    ctx.gh = await startGitHub({ users: MEMBERS, now: NOW, ...options })
    ctx.octokit = client(ctx.gh)
    ctx.repo = { owner: ctx.gh.repo.owner, repo: ctx.gh.repo.name }
  })
  afterEach(async () => {
    const errors = ctx.gh.errors
    await ctx.gh.close()
    if (errors.length > 0) throw errors[0]
  })
  return ctx
}

/** The status and body of a rejected octokit call. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
  try {
    await promise
  } catch (err) {
    const e = err as {
      status: number
      response?: { data: unknown; headers: Record<string, unknown> }
    }
    return { status: e.status, data: e.response?.data, headers: e.response?.headers ?? {} }
  }
  throw new Error('expected the request to fail')
}
