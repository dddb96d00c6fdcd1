import { compilePattern } from './router.js'
import { seededPrng } from './util.js'

/** What a fault predicate sees about a request. */
export interface FaultRequest {
  method: string
  /** Decoded path without the query string, e.g. `/repos/acme/circle/issues/7/comments`. */
  path: string
  query: Record<string, string>
  body: unknown
  /** The acting login (null before authentication). */
  user: string | null
}

/**
 * Which requests a fault applies to: a predicate, or `{ method, path }` where `method` is one
 * method or a list, and `path` is a RegExp or a route pattern (`/repos/:owner/:repo/issues`,
 * `:name` = one segment, `*rest` = the rest; no parameters = exact path).
 */
export type FaultMatcher =
  | ((request: FaultRequest) => boolean)
  | { method?: string | readonly string[]; path?: string | RegExp }

export type FaultKind =
  'error' | 'random-error' | 'secondary-rate-limit' | 'primary-rate-limit' | 'lost-response'

export interface FaultHandle {
  readonly id: number
  readonly kind: FaultKind
  /** How many requests this fault has hit so far. */
  readonly hits: number
  /** How many more requests it may hit (Infinity for unlimited). */
  readonly remaining: number
  /** Stop injecting this fault. */
  remove(): void
}

export interface FaultRule {
  id: number
  kind: FaultKind
  remaining: number
  hits: number
  matches: (request: FaultRequest) => boolean
  status: number
  message?: string
  retryAfter?: number
  resetIn?: number
  fraction?: number
  random?: () => number
}

export interface MatchOption {
  match?: FaultMatcher
}

const WRITE_DEFAULT: FaultMatcher = { method: 'POST' }

function compileMatcher(matcher: FaultMatcher | undefined): (request: FaultRequest) => boolean {
  if (matcher === undefined) return () => true
  if (typeof matcher === 'function') return matcher
  const methods =
    matcher.method === undefined
      ? undefined
      : (typeof matcher.method === 'string' ? [matcher.method] : matcher.method).map((m) =>
          m.toUpperCase(),
        )
  const path = matcher.path
  const pathTest =
    path === undefined
      ? () => true
      : path instanceof RegExp
        ? (p: string) => path.test(p)
        : (
            (regex) => (p: string) =>
              regex.test(p)
          )(compilePattern(path).regex)
  return (request) =>
    (methods === undefined || methods.includes(request.method.toUpperCase())) &&
    pathTest(request.path)
}

/**
 * Fault injection. Rules apply in the order they were added; the first matching rule with hits
 * left decides. Faulted requests are logged with their status (and `fault` = the kind).
 */
export class Faults {
  private rules: FaultRule[] = []
  private nextRuleId = 1

  /** Fail the next `count` matching requests with a 502 (or `status`); nothing is applied. */
  failNext(
    count = 1,
    options: MatchOption & { status?: number; message?: string } = {},
  ): FaultHandle {
    return this.add({
      kind: 'error',
      remaining: count,
      matches: compileMatcher(options.match),
      status: options.status ?? 502,
      message: options.message,
    })
  }

  /** Fail a `fraction` (0..1) of matching requests, chosen by a PRNG seeded with `seed`. */
  failRandomly(
    fraction: number,
    options: MatchOption & { seed: number | string; status?: number; times?: number },
  ): FaultHandle {
    if (!(fraction >= 0 && fraction <= 1)) throw new Error('fraction must be between 0 and 1')
    return this.add({
      kind: 'random-error',
      remaining: options.times ?? Infinity,
      matches: compileMatcher(options.match),
      status: options.status ?? 502,
      fraction,
      random: seededPrng(options.seed),
    })
  }

  /** 403 with `retry-after` and "You have exceeded a secondary rate limit" for `times` requests. */
  secondaryRateLimit(
    options: MatchOption & { times?: number; retryAfter?: number } = {},
  ): FaultHandle {
    return this.add({
      kind: 'secondary-rate-limit',
      remaining: options.times ?? 1,
      matches: compileMatcher(options.match),
      status: 403,
      retryAfter: options.retryAfter ?? 60,
    })
  }

  /**
   * Primary rate limit: 403 (or 429) with `x-ratelimit-remaining: 0`, a reset `resetIn` seconds
   * ahead and "API rate limit exceeded for ..." for `times` requests.
   */
  primaryRateLimit(
    options: MatchOption & { times?: number; status?: 403 | 429; resetIn?: number } = {},
  ): FaultHandle {
    return this.add({
      kind: 'primary-rate-limit',
      remaining: options.times ?? 1,
      matches: compileMatcher(options.match),
      status: options.status ?? 403,
      resetIn: options.resetIn ?? 60,
    })
  }

  /**
   * "Lost response": the request IS applied, then answered with a 502 anyway, for the next
   * `count` matching requests (default: POST requests). A client that retries blindly duplicates.
   */
  loseResponses(count = 1, options: MatchOption & { status?: number } = {}): FaultHandle {
    return this.add({
      kind: 'lost-response',
      remaining: count,
      matches: compileMatcher(options.match ?? WRITE_DEFAULT),
      status: options.status ?? 502,
    })
  }

  clear(): void {
    this.rules = []
  }

  /** Rules that can still fire. */
  get active(): FaultHandle[] {
    return this.rules.filter((r) => r.remaining > 0).map((r) => this.handle(r))
  }

  /** Server hook: a fault that answers instead of the handler, if any. */
  before(request: FaultRequest): FaultRule | undefined {
    return this.pick(request, (kind) => kind !== 'lost-response')
  }

  /** Server hook: after the handler ran, a lost-response fault that replaces its answer. */
  after(request: FaultRequest): FaultRule | undefined {
    return this.pick(request, (kind) => kind === 'lost-response')
  }

  private pick(request: FaultRequest, phase: (kind: FaultKind) => boolean): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !phase(rule.kind) || !rule.matches(request)) continue
      if (rule.kind === 'random-error' && (rule.random as () => number)() >= (rule.fraction ?? 0)) {
        continue
      }
      rule.remaining -= 1
      rule.hits += 1
      return rule
    }
    return undefined
  }

  private add(rule: Omit<FaultRule, 'id' | 'hits'>): FaultHandle {
    const full: FaultRule = { ...rule, id: this.nextRuleId++, hits: 0 }
    this.rules.push(full)
    return this.handle(full)
  }

  private handle(rule: FaultRule): FaultHandle {
    const remove = () => {
      this.rules = this.rules.filter((r) => r !== rule)
    }
    return {
      id: rule.id,
      kind: rule.kind,
      get hits() {
        return rule.hits
      },
      get remaining() {
        return rule.remaining
      },
      remove,
    }
  }
}
