import type { Octokit } from '@octokit/rest'

/**
 * What every request of the client does around the call: writes spaced as GitHub asks integrations
 * to (one a second, content that notifies people one every three seconds), server errors retried
 * with growing back-off, and rate limits waited out as `retry-after` or the reset say, within a
 * bound. Plain timers only: a request that needs no wait costs no event-loop turn (a scheduler that
 * yields on every step costs 15-25 ms per request, most of a run's time on a local GitHub).
 */
export interface ReliabilityOptions {
  /** Multiplies every wait (1 in production; tests shorten waits without switching them off). */
  waitScale: number
  /** Give up instead of waiting when a single rate-limit pause would exceed this. */
  maxWaitSeconds: number
  /** Says each rate-limit pause or give-up; never given request or response bodies. */
  warning(message: string): void
}

/**
 * Server-error retries after the first attempt, waiting 1, 4 and 9 seconds. A request may ask for
 * fewer with octokit's `request: { retries }` option: a create whose response was lost may have
 * happened, so createOnce looks before it tries again.
 */
const SERVER_ERROR_RETRIES = 3
/** Rate-limit retries after the first attempt. */
const RATE_LIMIT_RETRIES = 3
/** Answers retrying cannot change. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 410, 422, 451])
/** A secondary rate limit without `retry-after`: GitHub asks to wait at least a minute. */
const SECONDARY_FALLBACK_SECONDS = 60
const WRITE_GAP_MS = 1_000
const NOTIFYING_WRITE_GAP_MS = 3_000
/** Requests in flight at once; more wait for a free place. */
const MAX_CONCURRENT = 10

/**
 * Writes that create content GitHub may notify people about, as REST routes. GitHub's guidance
 * spaces these further apart than other writes.
 */
const NOTIFYING_ROUTES = [
  '/orgs/{org}/invitations',
  '/orgs/{org}/invitations/{invitation_id}',
  '/orgs/{org}/teams/{team_slug}/discussions',
  '/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments',
  '/repos/{owner}/{repo}/collaborators/{username}',
  '/repos/{owner}/{repo}/commits/{commit_sha}/comments',
  '/repos/{owner}/{repo}/issues',
  '/repos/{owner}/{repo}/issues/{issue_number}/comments',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue',
  '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority',
  '/repos/{owner}/{repo}/pulls',
  '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
  '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
  '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
  '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
  '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  '/repos/{owner}/{repo}/releases',
  '/teams/{team_id}/discussions',
  '/teams/{team_id}/discussions/{discussion_number}/comments',
]
// A parameter matches one path segment, filled in ("42") or still a template ("%7Bowner%7D").
const NOTIFYING = new RegExp(
  `^(?:${NOTIFYING_ROUTES.map((route) => route.replace(/\{[^}]+\}/g, '[^/]+')).join('|')})$`,
  'i',
)

export function notifiesPeople(method: string, url: string): boolean {
  return isWrite(method) && NOTIFYING.test(pathOf(url))
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD'
}

function pathOf(url: string): string {
  return new URL(url, 'http://github.invalid').pathname
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Hands out start times at least `gapMs` apart, in the order asked. A wait is rounded up to whole
 * `unitMs` (a second in production), so it is always a timer of whole seconds: a second write right
 * after a slow first one waits a full second rather than the rest of one. The harness's clock
 * preload runs whole-second timers faster in tests; the pacing itself stays as it is.
 */
class Spacing {
  private next = 0

  constructor(
    private readonly gapMs: number,
    private readonly unitMs: number,
  ) {}

  async turn(): Promise<void> {
    const now = Date.now()
    const early = this.next - now
    const wait = early > 0 ? Math.ceil(early / this.unitMs) * this.unitMs : 0
    this.next = now + wait + this.gapMs
    if (wait > 0) await sleep(wait)
  }
}

/** At most `limit` holders at once; the rest queue in order. */
class Slots {
  private used = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly limit: number) {}

  async take(): Promise<void> {
    if (this.used < this.limit) {
      this.used++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.used--
  }
}

interface FailedRequest {
  status: number
  message: string
  headers: Record<string, string | number | undefined>
}

function failedRequest(error: unknown): FailedRequest | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { status, message, response } = error as {
    status?: unknown
    message?: unknown
    response?: { headers?: FailedRequest['headers'] }
  }
  if (typeof status !== 'number') return undefined
  return { status, message: String(message ?? ''), headers: response?.headers ?? {} }
}

/** Seconds GitHub asks to wait before retrying, and which limit; undefined when not rate limited. */
function rateLimitWait(
  failure: FailedRequest,
): { kind: 'primary' | 'secondary'; seconds: number } | undefined {
  if (failure.status !== 403 && failure.status !== 429) return undefined
  if (/\bsecondary rate\b/i.test(failure.message)) {
    const seconds = Number(failure.headers['retry-after']) || SECONDARY_FALLBACK_SECONDS
    return { kind: 'secondary', seconds }
  }
  if (String(failure.headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(failure.headers['x-ratelimit-reset']) * 1000
    // One second past the reset, so the retry lands after it.
    return { kind: 'primary', seconds: Math.max(Math.ceil((reset - Date.now()) / 1000) + 1, 0) }
  }
  return undefined
}

/** Wraps every request of `octokit` in the pacing and retry rules above. */
export function makeReliable(octokit: Octokit, options: ReliabilityOptions): void {
  const scale = options.waitScale
  const writes = new Spacing(WRITE_GAP_MS * scale, 1_000 * scale)
  const notifying = new Spacing(NOTIFYING_WRITE_GAP_MS * scale, 1_000 * scale)
  const slots = new Slots(MAX_CONCURRENT)

  octokit.hook.wrap('request', async (request, requestOptions) => {
    const method = String(requestOptions.method).toUpperCase()
    const url = String(requestOptions.url)
    const paced = isWrite(method)
    const notifies = notifiesPeople(method, url)
    const retries =
      (requestOptions.request as { retries?: number } | undefined)?.retries ?? SERVER_ERROR_RETRIES
    let serverErrorRetries = 0
    let rateLimitRetries = 0
    for (;;) {
      if (paced) await writes.turn()
      if (notifies) await notifying.turn()
      await slots.take()
      let error: unknown
      try {
        return await request(requestOptions)
      } catch (caught) {
        error = caught
      } finally {
        slots.release()
      }
      const failure = failedRequest(error)
      if (!failure) throw error
      const limited = rateLimitWait(failure)
      if (limited) {
        const retry =
          rateLimitRetries < RATE_LIMIT_RETRIES && limited.seconds <= options.maxWaitSeconds
        options.warning(
          `${limited.kind} rate limit on ${method} ${url}: ` +
            (retry
              ? `retrying after ${limited.seconds}s`
              : `giving up (retry after ${limited.seconds}s)`),
        )
        if (!retry) throw error
        rateLimitRetries++
        await sleep(limited.seconds * 1000 * scale)
        continue
      }
      if (FINAL_STATUSES.has(failure.status) || failure.status < 400) throw error
      if (serverErrorRetries >= retries) throw error
      serverErrorRetries++
      await sleep(serverErrorRetries ** 2 * 1000 * scale)
    }
  })
}
