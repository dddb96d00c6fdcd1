import { Octokit } from '@octokit/rest'
import { makeReliable } from './reliability.js'
import { defaultPostPolicy, guardWrites } from './post-guard.js'
import { transportFetch } from './transport.js'

export type GitHubClient = Octokit

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
  /** Where rate-limit waits and refused writes are reported; never given request or response bodies. */
  log?: { debug(message: string): void; warning(message: string): void }
}

const DEFAULT_MAX_WAIT_SECONDS = 5 * 60

/**
 * The one octokit every action uses: retries server errors with back-off, honours `retry-after`
 * and rate-limit resets, and spaces writes as GitHub asks integrations to.
 */
export function createClient(options: ClientOptions): GitHubClient {
  const log = options.log ?? { debug: () => undefined, warning: () => undefined }
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'tech-leads-skill-share',
    // node:http under octokit instead of Node's fetch: see transport.ts.
    request: { fetch: transportFetch as unknown as typeof fetch },
    // Octokit reports every non-2xx response, including the 404s we expect (a file that does not
    // exist yet); those are debug detail. Failures that matter reach the action as thrown errors,
    // and the rate-limit waits warn on their own.
    log: { debug: () => undefined, info: () => undefined, warn: log.debug, error: log.debug },
  })
  makeReliable(octokit, {
    waitScale: options.waitScale ?? 1,
    maxWaitSeconds: options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
    warning: log.warning,
  })
  // Every action writes through this client: the one check before anything is posted.
  guardWrites(octokit, defaultPostPolicy(options.baseUrl), log.warning)
  return octokit
}
