import { PacedClock, requestKind, RunBudget } from '../budget/budget.js'
import type { GitHubClient } from './client.js'

/** Thrown instead of making a request GitHub would refuse: the hour's requests are spent. */
export class BudgetExhausted extends Error {
  constructor(readonly resetAt: Date) {
    super(
      `GitHub's hourly request budget is spent until ${resetAt.toISOString()}: the rest waits for the next run`,
    )
    this.name = 'BudgetExhausted'
  }
}

export function isBudgetExhausted(error: unknown): error is BudgetExhausted {
  return error instanceof BudgetExhausted
}

/** What the responses so far said about the hourly budget, and the run's requests on production pacing. */
export interface RequestWatch {
  /** `x-ratelimit-remaining` of the latest response; undefined before the first. */
  remaining(): number | undefined
  /** The run's requests replayed on production pacing (see budget.ts). */
  readonly paced: PacedClock
  /** When the watch began, on the monotonic clock (`performance.now()`, milliseconds). */
  readonly startedAt: number
}

/**
 * Elapsed time is read from the monotonic clock: it measures the process itself, whatever the
 * wall clock says (a test harness may move that one to a simulated moment).
 */
const monotonic = () => performance.now()

interface Headers {
  'x-ratelimit-remaining'?: string | number
  'x-ratelimit-reset'?: string | number
}

/**
 * Watches every request of a client: counts it on the production-pacing clock, remembers what the
 * response said about the hourly budget, and refuses a request while that budget is known to be
 * spent (it would only fail, or wait for the reset inside the job's time).
 */
export function watchRequests(client: GitHubClient, now: () => number = Date.now): RequestWatch {
  let remaining: number | undefined
  let resetAt = 0
  const paced = new PacedClock()
  const record = (headers: Headers | undefined) => {
    const left = Number(headers?.['x-ratelimit-remaining'])
    const reset = Number(headers?.['x-ratelimit-reset'])
    if (Number.isFinite(left)) remaining = left
    if (Number.isFinite(reset)) resetAt = reset * 1000
  }
  client.hook.before('request', (options) => {
    if (remaining !== undefined && remaining <= 0 && resetAt > now())
      throw new BudgetExhausted(new Date(resetAt))
    paced.add(requestKind(options.method, options.url))
  })
  client.hook.after('request', (response) => record(response.headers as Headers))
  client.hook.error('request', (error) => {
    record((error as { response?: { headers?: Headers } }).response?.headers)
    throw error
  })
  return { remaining: () => remaining, paced, startedAt: monotonic() }
}

/**
 * Where a job began (wall clock, milliseconds) and its timeout, passed from the first step that
 * watches requests to the later ones through the job's environment: a later step's budget is what
 * the job has left, not a fresh timeout.
 */
export const JOB_CLOCK_ENV = {
  startedAt: 'SKILL_SHARE_JOB_STARTED_AT',
  timeoutMinutes: 'SKILL_SHARE_JOB_TIMEOUT_MINUTES',
} as const

/** The job's start and timeout when an earlier step of the same job recorded them. */
export function jobClockFrom(
  env: NodeJS.ProcessEnv,
): { startedAt: number; timeoutMinutes: number } | undefined {
  const startedAt = Number(env[JOB_CLOCK_ENV.startedAt])
  const timeoutMinutes = Number(env[JOB_CLOCK_ENV.timeoutMinutes])
  if (!(startedAt > 0) || !(timeoutMinutes > 0)) return undefined
  return { startedAt, timeoutMinutes }
}

/**
 * The budget of one job: what GitHub says is left this hour, less a reserve, and the job's
 * timeout less a margin for checkout and start-up. Time counts the longest of the process's own
 * run, the requests at production pacing and, when an earlier step recorded it, the time since the
 * job began; so a test run with shortened waits stops where github.com would.
 */
export function jobBudget(
  watch: RequestWatch,
  job: { timeoutMinutes: number; startedAt?: number; marginSeconds?: number; reserve?: number },
  now: () => number = monotonic,
  wallClock: () => number = Date.now,
): RunBudget {
  const startedAt = job.startedAt
  return new RunBudget({
    remaining: watch.remaining,
    elapsedSeconds: () =>
      Math.max(
        (now() - watch.startedAt) / 1000,
        watch.paced.seconds,
        startedAt === undefined ? 0 : (wallClock() - startedAt) / 1000,
      ),
    seconds: job.timeoutMinutes * 60 - (job.marginSeconds ?? 60),
    reserve: job.reserve ?? 5,
  })
}
