import { statusOf } from './repository.js'

/*
 * GitHub answers 403 for different reasons that call for different fixes, and says which in its
 * message: the repository does not let GitHub Actions open pull requests, a rate limit, or a token
 * without the permission. Each gets its own words; a 403 is never guessed to be the first.
 */

export type Forbidden = 'pull-request-setting' | 'rate-limit' | 'permissions'

export const PULL_REQUEST_SETTING =
  'Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"'

/** Why GitHub answered 403 (or 429), from its message and headers; undefined for other errors. */
export function forbiddenKind(error: unknown): Forbidden | undefined {
  const status = statusOf(error)
  if (status !== 403 && status !== 429) return undefined
  const message = messageOf(error)
  if (/not permitted to create or approve pull requests/i.test(message)) {
    return 'pull-request-setting'
  }
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers
  if (
    status === 429 ||
    /rate limit/i.test(message) ||
    String(headers?.['x-ratelimit-remaining'] ?? '') === '0' ||
    headers?.['retry-after'] !== undefined
  ) {
    return 'rate-limit'
  }
  return 'permissions'
}

/** What to do about a 403, in the words a maintainer needs; undefined when it was not a 403. */
export function explainForbidden(error: unknown, doing: string): string | undefined {
  const kind = forbiddenKind(error)
  if (kind === undefined) return undefined
  switch (kind) {
    case 'pull-request-setting':
      return (
        `GitHub does not let this workflow ${doing}: the repository (or its organization) does not allow ` +
        `GitHub Actions to create pull requests. Turn on ${PULL_REQUEST_SETTING}; in an organization, ` +
        'its own Settings → Actions → General must allow it first.'
      )
    case 'rate-limit':
      return `GitHub's rate limit stopped this workflow before it could ${doing} ("${messageOf(error)}"); the next run carries on.`
    case 'permissions':
      return (
        `The token may not ${doing} ("${messageOf(error)}"): give the workflow job the permission it needs in its ` +
        '`permissions:` block, or give the token in `github-token` that scope.'
      )
  }
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data
  if (typeof data?.message === 'string') return data.message
  return error instanceof Error ? error.message : String(error)
}
