import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import Bottleneck from 'bottleneck/light.js'

export type GitHubClient = InstanceType<typeof ReliableOctokit>

const ReliableOctokit = Octokit.plugin(retry, throttling)

export interface ClientOptions {
  token: string
  /** GITHUB_API_URL: https://api.github.com on github.com, the emulator in tests. */
  baseUrl: string
  /**
   * Multiplies every wait (retry back-off, rate-limit pauses, write spacing). 1 in production;
   * tests shorten waits this way without switching the behaviour off.
   */
  waitScale?: number
  /** Give up instead of waiting when a single pause would exceed this, so a run ends inside its job timeout. */
  maxWaitSeconds?: number
  /** Where the plugins report; never given request or response bodies. */
  log?: { debug(message: string): void; warning(message: string): void }
}

const MAX_RATE_LIMIT_RETRIES = 3
const DEFAULT_MAX_WAIT_SECONDS = 5 * 60

/**
 * The one octokit every action uses: retries server errors with back-off, honours `retry-after`
 * and rate-limit resets, and spaces writes as GitHub asks integrations to.
 */
export function createClient(options: ClientOptions): GitHubClient {
  const scale = options.waitScale ?? 1
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS
  const log = options.log ?? { debug: () => undefined, warning: () => undefined }
  const shouldRetry =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const willRetry = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= maxWait
      log.warning(
        `${kind} rate limit on ${request.method} ${request.url}: ` +
          (willRetry ? `retrying after ${retryAfter}s` : `giving up (retry after ${retryAfter}s)`),
      )
      return willRetry
    }
  return new ReliableOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'tech-leads-skill-share',
    // Octokit reports every non-2xx response, including the 404s we expect (a file that does not
    // exist yet); those are debug detail. Failures that matter reach the action as thrown errors,
    // and our own rate-limit handlers warn above.
    log: { debug: () => undefined, info: () => undefined, warn: log.debug, error: log.debug },
    retry: { retryAfterBaseValue: 1000 * scale },
    throttle: {
      retryAfterBaseValue: 1000 * scale,
      // Scaled copies of the plugin's own spacing: one write per second, notifications every three.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 * scale }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 * scale }),
      onRateLimit: shouldRetry('primary'),
      onSecondaryRateLimit: shouldRetry('secondary'),
    },
  })
}

/** Reads the wait scale tests set; production leaves it unset. */
export function waitScaleFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env['SKILL_SHARE_RETRY_SCALE'])
  return Number.isFinite(value) && value > 0 ? value : 1
}
