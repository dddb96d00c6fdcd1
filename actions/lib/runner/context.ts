import { readFileSync } from 'node:fs'

/** What the Actions runner tells an action through its environment, read once at the edge. */
export interface RunnerContext {
  workspace: string
  owner: string
  repo: string
  repository: string
  apiUrl: string
  serverUrl: string
  eventName: string
  event: Record<string, unknown>
}

export function runnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env['GITHUB_REPOSITORY'] ?? ''
  const [owner, repo] = repository.split('/')
  if (!owner || !repo)
    throw new Error('GITHUB_REPOSITORY is not set: run this action from a workflow')
  return {
    workspace: env['GITHUB_WORKSPACE'] || process.cwd(),
    owner,
    repo,
    repository,
    apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    serverUrl: env['GITHUB_SERVER_URL'] || 'https://github.com',
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    event: readEvent(env['GITHUB_EVENT_PATH']),
  }
}

function readEvent(file: string | undefined): Record<string, unknown> {
  if (!file) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return {}
  }
}

/** The repository's visibility when the event carries it (most events do), so no request is spent on it. */
export function repositoryPrivacy(event: Record<string, unknown>): boolean | undefined {
  const repository = event['repository']
  if (repository && typeof repository === 'object' && 'private' in repository) {
    return Boolean((repository as { private: unknown }).private)
  }
  return undefined
}

/** The clock: the `now` input when given (dry runs, replaying a moment), else the real time. */
export function resolveNow(input: string): Date {
  const text = input.trim()
  if (!text) return new Date()
  const at = new Date(text)
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new Error(`now: "${text}" is not an ISO-8601 moment, e.g. 2026-10-29T23:00:00Z`)
  }
  return at
}

/** The default branch when the event names it (most do; `schedule` does not). */
export function defaultBranchOf(event: Record<string, unknown>): string | undefined {
  const repository = event['repository'] as { default_branch?: unknown } | undefined
  const branch = repository?.default_branch
  return typeof branch === 'string' && branch !== '' ? branch : undefined
}
