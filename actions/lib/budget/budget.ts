/*
 * How much a run may still do: GitHub's hourly request budget (1,000 requests for GITHUB_TOKEN,
 * read from each response's `x-ratelimit-remaining`) and the job's timeout, with time counted at
 * production pacing. Pure: the client layer feeds it what was requested (see github/rate-limit.ts).
 */

/**
 * The client's pacing on github.com (actions/lib/github/client.ts, as the throttling plugin and
 * GitHub's guidance ask): writes start at least 1 s apart, creations (issues, comments, pull
 * requests) at least 3 s apart. The round trip is an assumption about github.com, not measured here.
 */
export const PACING = {
  roundTripSeconds: 0.3,
  writeGapSeconds: 1,
  createGapSeconds: 3,
} as const

export type RequestKind = 'read' | 'write' | 'create'

/**
 * What a request costs in pacing. The throttling plugin spaces every non-GET request as a write
 * and additionally spaces, as notifications, POSTs that create an issue, a comment or a pull
 * request (its `triggers-notification` routes; edits and deletions are plain writes).
 */
export function requestKind(method: string, path: string): RequestKind {
  const m = method.toUpperCase()
  if (m === 'GET' || m === 'HEAD') return 'read'
  const route = path.split('?')[0] ?? ''
  if (m === 'POST' && /\/repos\/[^/]+\/[^/]+\/(issues|issues\/[^/]+\/comments|pulls)$/.test(route))
    return 'create'
  return 'write'
}

/**
 * A request sequence replayed on production pacing: each request starts when the previous one
 * has answered and, for writes, when the write (and creation) spacing allows. Only sequential
 * runs are modelled, as our actions make one request at a time.
 */
export class PacedClock {
  private at = 0
  private lastWrite = -Infinity
  private lastCreate = -Infinity
  readonly counts: Record<RequestKind, number> = { read: 0, write: 0, create: 0 }

  add(kind: RequestKind): void {
    let start = this.at
    if (kind !== 'read') start = Math.max(start, this.lastWrite + PACING.writeGapSeconds)
    if (kind === 'create') start = Math.max(start, this.lastCreate + PACING.createGapSeconds)
    if (kind !== 'read') this.lastWrite = start
    if (kind === 'create') this.lastCreate = start
    this.at = start + PACING.roundTripSeconds
    this.counts[kind]++
  }

  /** Seconds from the first request's start to the last one's answer. */
  get seconds(): number {
    return this.at
  }

  get requests(): number {
    return this.counts.read + this.counts.write + this.counts.create
  }
}

/** What a piece of work is expected to cost, by kind of request. */
export interface Cost {
  reads: number
  writes: number
  creates: number
}

export function cost(parts: Partial<Cost>): Cost {
  return { reads: parts.reads ?? 0, writes: parts.writes ?? 0, creates: parts.creates ?? 0 }
}

export function addCosts(...costs: readonly Cost[]): Cost {
  return costs.reduce(
    (sum, c) => ({
      reads: sum.reads + c.reads,
      writes: sum.writes + c.writes,
      creates: sum.creates + c.creates,
    }),
    cost({}),
  )
}

export function requestsOf(c: Cost): number {
  return c.reads + c.writes + c.creates
}

/** Seconds the work takes on production pacing, when started right after an earlier write. */
export function secondsOf(c: Cost): number {
  const { roundTripSeconds: rt, writeGapSeconds, createGapSeconds } = PACING
  return (
    c.reads * rt +
    c.writes * Math.max(rt, writeGapSeconds) +
    c.creates * Math.max(rt, createGapSeconds)
  )
}

export interface BudgetLimits {
  /** Requests left in GitHub's hourly window, as the last response said; undefined before one. */
  remaining(): number | undefined
  /** Seconds the run has taken so far (the longer of the wall clock and production pacing). */
  elapsedSeconds(): number
  /** Seconds the run may take in all: the job's timeout less start-up and a margin. */
  seconds: number
  /** Requests kept back for what follows the work (the job summary's reads, a retry). */
  reserve: number
}

export type Refusal = { reason: 'requests' | 'time'; detail: string }

/**
 * Decides, before a piece of work starts, whether it can finish inside the hour's requests and
 * the job's time. Work that cannot waits for the next run instead of failing halfway.
 */
export class RunBudget {
  constructor(private readonly limits: BudgetLimits) {}

  /** Undefined when the work fits, else why it waits. */
  refuse(work: Cost): Refusal | undefined {
    const remaining = this.limits.remaining()
    const requests = requestsOf(work)
    if (remaining !== undefined && remaining - requests < this.limits.reserve)
      return {
        reason: 'requests',
        detail: `needs about ${requests} requests, ${remaining} left this hour`,
      }
    const left = this.limits.seconds - this.limits.elapsedSeconds()
    const seconds = secondsOf(work)
    if (seconds > left)
      return {
        reason: 'time',
        detail: `needs about ${Math.ceil(seconds)} s, ${Math.max(0, Math.floor(left))} s left before the job's timeout`,
      }
    return undefined
  }
}

/** A budget that never refuses (dry runs, tests of the logic). */
export const UNLIMITED = new RunBudget({
  remaining: () => undefined,
  elapsedSeconds: () => 0,
  seconds: Infinity,
  reserve: 0,
})
