import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClock, type Clock } from './clock.js'
import { deriveEvents, snapshot, type RecordedEvent } from './events.js'
import { Faults, type FaultKind, type FaultRequest, type FaultRule } from './faults.js'
import { errorBody, HttpError, type Actor, type HandlerResult, type RouteContext } from './http.js'
import { allows, touchesWorkflowFiles, type TokenPermissions } from './permissions.js'
import { Renderer } from './render.js'
import { Router, safeDecode, type Route } from './router.js'
import { commentRoutes } from './routes/comments.js'
import { contentRoutes } from './routes/contents.js'
import { gitRoutes } from './routes/git.js'
import { issueRoutes } from './routes/issues.js'
import { labelRoutes } from './routes/labels.js'
import { milestoneRoutes } from './routes/milestones.js'
import { pullRoutes } from './routes/pulls.js'
import { reactionRoutes } from './routes/reactions.js'
import { repoRoutes } from './routes/repos.js'
import { BOT_LOGIN, Store, type UserOptions, type UserSpec } from './state.js'
import type { AssigneeMode, Plan } from './types.js'
import type {
  ApiIssue,
  ApiIssueComment,
  ApiLabel,
  ApiMilestone,
  ApiPullRequest,
  ApiRateLimitOverview,
  ApiReaction,
  ApiRepository,
  SerializedState,
  StoredUser,
} from './types.js'

/** Every route the emulator serves. Order matters where patterns overlap. */
export const ROUTES: readonly Route[] = [
  ...repoRoutes,
  ...commentRoutes,
  ...reactionRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...milestoneRoutes,
  ...contentRoutes,
  ...gitRoutes,
  ...pullRoutes,
]

export interface StartGitHubOptions {
  /** `owner/name`; default `acme/circle`. */
  repo?: string
  /** Default true. */
  private?: boolean
  /** Collaborators (default role `collaborator`, write access). `role: 'none'` registers a user
   * who exists on GitHub but has no access to the repository. */
  users?: readonly (UserSpec | string)[]
  /** Start time of the emulator clock (default: the state file's clock, else the wall clock). */
  now?: Date | string | number
  /** Let the clock follow the wall clock instead of standing still (default false). */
  realTime?: boolean
  /** Load state from this file when it exists; `save()` and `close()` write it back. */
  stateFile?: string
  /** Save to `stateFile` after every successful write request (default: true with stateFile). */
  autosave?: boolean
  /** Default 0: a free port. */
  port?: number
  host?: string
  /** Primary rate limit per identity per hour of emulator time (default 1000, like GITHUB_TOKEN). */
  rateLimit?: number
  description?: string | null
  defaultBranch?: string
  /** The owner's GitHub plan (default `free`); a Free-plan private repository takes one assignee per issue. */
  plan?: Plan
  /** On a Free-plan private repository, a second assignee is refused with 422 (`refuse`, default) or dropped (`first`). */
  assigneeMode?: AssigneeMode
  /** "Allow GitHub Actions to create and approve pull requests" (default true); off, the bot's pull requests get 403. */
  actionsCanCreatePullRequests?: boolean
  /** Tokens that act as a user or app other than `github-actions[bot]`, e.g. `{ 'pat-xyz': 'octo-ana' }`. */
  tokens?: Record<string, string>
  /** Called after each request is answered (e.g. to print a request log). */
  onRequest?: (entry: RequestLogEntry) => void
}

export interface RequestLogEntry {
  /** Position in the emulator's lifetime request sequence (never reused, survives clearing). */
  seq: number
  method: string
  /** Decoded path without the query string. */
  path: string
  query: Record<string, string>
  status: number
  /** Parsed JSON request body (undefined when there was none). */
  body: unknown
  /** Acting login (null when the request wasn't authenticated). */
  user: string | null
  /** Emulator-clock time of the request. */
  at: string
  /** Set when a fault (not the handler) decided the response. */
  fault?: FaultKind
}

export type StateReaction = ApiReaction & { subject: 'issue' | 'comment'; subject_id: number }

/** Read-only, typed views of the emulator's state in GitHub's JSON shapes. */
export interface StateView {
  repo(): ApiRepository
  /** Issues (not pull requests unless `includePulls`), ascending by number. */
  issues(options?: { state?: 'open' | 'closed' | 'all'; includePulls?: boolean }): ApiIssue[]
  issue(number: number): ApiIssue | undefined
  /** Comments of one issue, or of the whole repository, in creation order. */
  comments(issueNumber?: number): ApiIssueComment[]
  comment(id: number): ApiIssueComment | undefined
  /** Comments deleted so far (tombstones), as they were just before deletion. */
  deletedComments(): ApiIssueComment[]
  labels(): ApiLabel[]
  label(name: string): ApiLabel | undefined
  milestones(): ApiMilestone[]
  reactions(subject?: { issue: number } | { comment: number }): StateReaction[]
  /** Files at a branch/ref/sha (default branch when omitted), as UTF-8 text. */
  files(ref?: string): Record<string, string>
  file(path: string, ref?: string): string | undefined
  /** Full ref name → commit sha. */
  refs(): Record<string, string>
  pulls(): ApiPullRequest[]
  pull(number: number): ApiPullRequest | undefined
  users(): StoredUser[]
  /** A deep copy of the serializable state (what `save()` writes). */
  raw(): SerializedState
}

export interface RateLimitStatus {
  limit: number
  remaining: number
  used: number
  /** Emulator-clock time at which the window resets. */
  reset: Date
}

export interface GitHubEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`: use as octokit `baseUrl` / `GITHUB_API_URL`. */
  readonly url: string
  readonly port: number
  readonly repo: { owner: string; name: string; fullName: string }
  readonly clock: Clock
  readonly state: StateView
  /** The underlying store (advanced: direct mutation of the serializable state). */
  readonly store: Store
  /** The request log. Cleared in place by `clearRequests()`. */
  readonly requests: RequestLogEntry[]
  clearRequests(): void
  /** Logged requests that were not GETs. */
  writes(): RequestLogEntry[]
  readonly faults: Faults
  /** Unexpected exceptions thrown by handlers (answered with 500). Empty in a healthy run. */
  readonly errors: Error[]
  addUser(login: string, options?: UserOptions): StoredUser
  /** Headers that make a request act as `login`. */
  userHeaders(login: string): { 'x-emulator-user': string }
  /** Commit one file to `branch` (default branch by default; created from it when missing). */
  setFile(path: string, content: string | Buffer, branch?: string): string
  /** Commit several files at once; `null` deletes. Returns the new commit sha. */
  setFiles(
    files: Record<string, string | Buffer | null>,
    options?: { branch?: string; message?: string },
  ): string
  rateLimit(login?: string): RateLimitStatus
  /** Write the state to `file` (default: the `stateFile` option). */
  save(file?: string): void
  /** Mark an issue deleted: it then answers 410 Gone. */
  deleteIssue(number: number): void
  /** A user invited with role `invited` accepts: from now on a collaborator with write access. */
  acceptInvitation(login: string): void
  /** Turns "Allow GitHub Actions to create and approve pull requests" on or off. */
  setActionsCanCreatePullRequests(allowed: boolean): void
  /** Webhook events derived from every successful write, in order (see events.ts). */
  readonly events: RecordedEvent[]
  /** Called with each event as it is recorded; returns a function that unsubscribes. */
  onEvent(listener: (event: RecordedEvent) => void): () => void
  /**
   * A job's GITHUB_TOKEN: acts as `github-actions[bot]` and may do only what `permissions`
   * grants (403 "Resource not accessible by integration" otherwise). Tokens not issued here keep
   * acting as the bot with every permission, as the harness's plain `test-token` does.
   */
  issueToken(permissions: TokenPermissions): string
  revokeToken(token: string): void
  /**
   * Answers `POST /actions/workflows/{id}/dispatches` (set by the workflow runner): returns an
   * error message for a workflow that cannot be dispatched, else undefined, and the route then
   * records a `workflow_dispatch` event.
   */
  setDispatchValidator(
    validate: (
      workflow: string,
      ref: string,
      inputs: Record<string, unknown>,
    ) => string | undefined,
  ): void
  close(): Promise<void>
}

const HOUR = 3600_000

class RateLimiter {
  private buckets = new Map<string, { start: number; used: number }>()

  constructor(
    readonly limit: number,
    private readonly clock: Clock,
  ) {}

  private bucket(login: string) {
    const now = this.clock.now().getTime()
    let bucket = this.buckets.get(login)
    if (!bucket || now >= bucket.start + HOUR || now < bucket.start) {
      bucket = { start: now, used: 0 }
      this.buckets.set(login, bucket)
    }
    return bucket
  }

  /** Count one request; `exceeded` when the window's budget was already spent. */
  take(login: string): RateLimitStatus & { exceeded: boolean } {
    const bucket = this.bucket(login)
    const exceeded = bucket.used >= this.limit
    if (!exceeded) bucket.used += 1
    return { ...this.status(login), exceeded }
  }

  status(login: string): RateLimitStatus {
    const bucket = this.bucket(login)
    return {
      limit: this.limit,
      used: bucket.used,
      remaining: Math.max(0, this.limit - bucket.used),
      reset: new Date(bucket.start + HOUR),
    }
  }
}

export async function startGitHub(options: StartGitHubOptions = {}): Promise<GitHubEmulator> {
  const stateFile = options.stateFile
  const loaded = stateFile && existsSync(stateFile) ? Store.load(stateFile) : undefined
  const clock = createClock(options.now ?? loaded?.data.now, options.realTime ?? false)
  const store =
    loaded ??
    Store.create({
      repo: options.repo ?? 'acme/circle',
      private: options.private ?? true,
      users: options.users ?? [],
      now: clock.now(),
      description: options.description,
      plan: options.plan,
      assigneeMode: options.assigneeMode,
      actionsCanCreatePullRequests: options.actionsCanCreatePullRequests,
      defaultBranch: options.defaultBranch,
    })
  if (loaded) {
    for (const spec of options.users ?? []) {
      const user = typeof spec === 'string' ? { login: spec } : spec
      if (!store.user(user.login)) store.addUser(user.login, user)
    }
  }
  const autosave = options.autosave ?? stateFile !== undefined
  const router = new Router(ROUTES)
  const faults = new Faults()
  const limiter = new RateLimiter(options.rateLimit ?? 1000, clock)
  const requests: RequestLogEntry[] = []
  const errors: Error[] = []
  const events: RecordedEvent[] = []
  const listeners = new Set<(event: RecordedEvent) => void>()
  const tokens = new Map<string, TokenPermissions>()
  const revoked = new Set<string>()
  let validateDispatch:
    | ((workflow: string, ref: string, inputs: Record<string, unknown>) => string | undefined)
    | undefined
  let tokenCounter = 0
  let seq = 0
  let url = ''

  const record = (
    name: string,
    action: string | undefined,
    actorLogin: string,
    payload: Record<string, unknown>,
  ) => {
    const event: RecordedEvent = {
      seq: events.length + 1,
      name,
      ...(action !== undefined ? { action } : {}),
      actor: actorLogin,
      at: clock.iso(),
      payload,
    }
    events.push(event)
    for (const listener of listeners) listener(event)
  }

  const rateHeaders = (status: RateLimitStatus): Record<string, string> => {
    // Reset is reported on the wall clock (now + what is left of the emulator-clock window), so
    // clients computing `reset - Date.now()` wait the right amount whatever the emulator date is.
    const left = status.reset.getTime() - clock.now().getTime()
    return {
      'x-ratelimit-limit': String(status.limit),
      'x-ratelimit-remaining': String(status.remaining),
      'x-ratelimit-reset': String(Math.ceil((Date.now() + Math.max(0, left)) / 1000)),
      'x-ratelimit-used': String(status.used),
      'x-ratelimit-resource': 'core',
    }
  }

  const faultResponse = (rule: FaultRule, actor: Actor, status: RateLimitStatus): HandlerResult => {
    switch (rule.kind) {
      case 'secondary-rate-limit':
        return {
          status: rule.status,
          headers: { ...rateHeaders(status), 'retry-after': String(rule.retryAfter ?? 60) },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID EMULATOR.',
            documentation_url:
              'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: String(rule.status),
          },
        }
      case 'primary-rate-limit': {
        const who =
          actor.user.login === BOT_LOGIN ? 'installation ID 1' : `user ID ${actor.user.id}`
        return {
          status: rule.status,
          headers: {
            ...rateHeaders(status),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(status.limit),
            'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000 + (rule.resetIn ?? 60))),
          },
          body: {
            message: `API rate limit exceeded for ${who}.`,
            documentation_url:
              'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
            status: String(rule.status),
          },
        }
      }
      default:
        return {
          status: rule.status,
          headers: rateHeaders(status),
          body: { message: rule.message ?? 'Server Error', status: String(rule.status) },
        }
    }
  }

  const send = (res: ServerResponse, result: HandlerResult) => {
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `EMU:${seq.toString(16).toUpperCase()}`,
      ...result.headers,
    }
    if (result.raw) {
      res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
      res.end(result.raw)
      return
    }
    if (result.status === 204 || result.status === 304 || result.body === undefined) {
      res.writeHead(result.status, headers)
      res.end()
      return
    }
    const text = JSON.stringify(result.body)
    res.writeHead(result.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    })
    res.end(text)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const rawBody = Buffer.concat(chunks)
    const parsed = new URL(req.url ?? '/', 'http://emulator')
    const rawPath =
      parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname
    const method = (req.method ?? 'GET').toUpperCase()
    const query = Object.fromEntries(parsed.searchParams)
    let body: unknown
    let badJson = false
    if (rawBody.length > 0) {
      const text = rawBody.toString('utf8')
      try {
        body = JSON.parse(text)
      } catch {
        body = text
        badJson = true
      }
    }
    const entry: RequestLogEntry = {
      seq: ++seq,
      method,
      path: safeDecode(rawPath),
      query,
      status: 0,
      body,
      user: null,
      at: clock.iso(),
    }
    const finish = (result: HandlerResult, fault?: FaultKind) => {
      entry.status = result.status
      if (fault) entry.fault = fault
      requests.push(entry)
      send(res, result)
      options.onRequest?.(entry)
    }
    const error = (status: number, message: string, headers: Record<string, string> = {}) =>
      finish({ status, body: errorBody(status, message), headers })

    // Authentication: x-emulator-user acts as that user; any non-empty token is the Actions bot.
    const header = (name: string) => {
      const value = req.headers[name]
      return Array.isArray(value) ? value[0] : value
    }
    const asUser = header('x-emulator-user')
    const authorization = header('authorization')
    let user: StoredUser | undefined
    let granted: TokenPermissions | undefined
    if (asUser !== undefined && asUser !== '') {
      user = store.user(asUser)
      if (!user || user.type === 'Organization') {
        return error(401, `Bad credentials (x-emulator-user "${asUser}" is not a known user)`)
      }
    } else if (authorization !== undefined) {
      const token = authorization.replace(/^(token|bearer|basic)\s*/i, '').trim()
      if (token === '') return error(401, 'Bad credentials')
      const owner = options.tokens?.[token]
      user = store.user(owner ?? BOT_LOGIN)
      if (!user) return error(401, `Bad credentials (the token's user "${owner}" is not known)`)
      if (revoked.has(token)) return error(401, 'Bad credentials')
      granted = tokens.get(token)
    } else {
      return error(401, 'Requires authentication')
    }
    entry.user = user.login
    const actor: Actor = { user, permission: store.permission(user.login) }

    if (method === 'GET' && rawPath === '/rate_limit') {
      const status = limiter.status(user.login)
      const rate = {
        limit: status.limit,
        remaining: status.remaining,
        used: status.used,
        reset: Number(rateHeaders(status)['x-ratelimit-reset']),
      }
      const overview: ApiRateLimitOverview = {
        resources: { core: rate, search: { ...rate, limit: 30, remaining: 30, used: 0 } },
        rate,
      }
      return finish({ status: 200, headers: rateHeaders(status), body: overview })
    }

    const taken = limiter.take(user.login)
    if (taken.exceeded) {
      return finish({
        status: 403,
        headers: rateHeaders(taken),
        body: {
          message: `API rate limit exceeded for ${user.login === BOT_LOGIN ? 'installation ID 1' : `user ID ${user.id}`}.`,
          documentation_url:
            'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          status: '403',
        },
      })
    }
    const limitHeaders = rateHeaders(taken)
    const faultRequest: FaultRequest = { method, path: entry.path, query, body, user: user.login }
    const early = faults.before(faultRequest)
    if (early) return finish(faultResponse(early, actor, taken), early.kind)

    if (badJson) {
      return error(400, 'Problems parsing JSON', limitHeaders)
    }
    if (
      granted &&
      (!allows(granted, method, entry.path) || touchesWorkflowFiles(method, entry.path))
    ) {
      return error(403, 'Resource not accessible by integration', limitHeaders)
    }
    const dispatch = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/([^/]+)\/dispatches$/.exec(
      entry.path,
    )
    if (dispatch && method === 'POST') {
      const input = (body ?? {}) as { ref?: unknown; inputs?: unknown }
      const ref = typeof input.ref === 'string' ? input.ref : ''
      const inputs =
        input.inputs && typeof input.inputs === 'object'
          ? (input.inputs as Record<string, unknown>)
          : {}
      const workflow = safeDecode(dispatch[1] as string)
      const problem = validateDispatch ? validateDispatch(workflow, ref, inputs) : 'Not Found'
      if (problem === 'Not Found') return error(404, 'Not Found', limitHeaders)
      if (problem) return error(422, problem, limitHeaders)
      const r = new Renderer(store, url)
      record('workflow_dispatch', undefined, user.login, {
        inputs,
        ref: ref.startsWith('refs/') ? ref : `refs/heads/${ref}`,
        repository: r.repository(),
        sender: r.user(user.login),
        workflow: `.github/workflows/${workflow}`,
      })
      return finish({ status: 204, headers: limitHeaders })
    }
    const matched = router.match(method, rawPath)
    if (!matched) return error(404, 'Not Found', limitHeaders)
    const { params } = matched
    if (params.owner !== undefined && params.repo !== undefined) {
      const sameRepo =
        params.owner.toLowerCase() === store.repo.owner.toLowerCase() &&
        params.repo.toLowerCase() === store.repo.name.toLowerCase()
      // A private repository is invisible (404) to users without access, as on GitHub.
      if (!sameRepo || actor.permission === 'none') return error(404, 'Not Found', limitHeaders)
    }
    const ctx: RouteContext = {
      method,
      path: entry.path,
      query,
      params,
      body,
      headers: req.headers,
      actor,
      store,
      clock,
      render: new Renderer(store, url),
    }
    let result: HandlerResult
    const before = method === 'GET' ? undefined : snapshot(store)
    try {
      result = matched.route.handler(ctx)
    } catch (err) {
      if (err instanceof HttpError) {
        return finish({
          status: err.status,
          body: err.body,
          headers: { ...limitHeaders, ...err.headers },
        })
      }
      const failure = err instanceof Error ? err : new Error(String(err))
      errors.push(failure)
      return error(500, `Emulator error: ${failure.message}`, limitHeaders)
    }
    if (before && result.status < 300) {
      const login = user.login
      deriveEvents(store, url, before, login, (name, action, payload) =>
        record(name, action, login, payload),
      )
    }
    if (autosave && stateFile && method !== 'GET') store.save(stateFile, clock.now())
    const lost = result.status < 300 ? faults.after(faultRequest) : undefined
    if (lost) return finish(faultResponse(lost, actor, taken), lost.kind)
    finish({ ...result, headers: { ...limitHeaders, ...result.headers } })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      errors.push(err instanceof Error ? err : new Error(String(err)))
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify(errorBody(500, 'Emulator error')))
      }
    })
  })
  // Node closes an idle keep-alive connection after 5 s by default, racing clients that reuse it
  // (they see "other side closed"); GitHub keeps them far longer.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  url = `http://${host}:${port}`

  const view = createStateView(store, () => new Renderer(store, url), clock)

  const setFiles: GitHubEmulator['setFiles'] = (files, opts = {}) => {
    const branch = opts.branch ?? store.repo.default_branch
    if (!store.branchSha(branch)) {
      store.data.refs[`refs/heads/${branch}`] = store.branchSha(store.repo.default_branch) as string
    }
    const changes: Record<string, Buffer | null> = {}
    for (const [path, content] of Object.entries(files)) {
      changes[path.replace(/^\/+/, '')] =
        content === null ? null : Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')
    }
    const paths = Object.keys(changes)
    const commit = store.commitChanges({
      branch,
      changes,
      message:
        opts.message ??
        (paths.length === 1 ? `Update ${paths[0]}` : `Update ${paths.length} files`),
      authorLogin: null,
      date: clock.iso(),
    })
    return commit.sha
  }

  const emulator: GitHubEmulator = {
    url,
    port,
    repo: { owner: store.repo.owner, name: store.repo.name, fullName: store.fullName },
    clock,
    state: view,
    store,
    requests,
    clearRequests: () => {
      requests.length = 0
    },
    writes: () => requests.filter((r) => r.method !== 'GET'),
    faults,
    errors,
    addUser: (login, userOptions) => store.addUser(login, userOptions),
    userHeaders: (login) => ({ 'x-emulator-user': login }),
    setFile: (path, content, branch) => setFiles({ [path]: content }, { branch }),
    setFiles,
    rateLimit: (login = BOT_LOGIN) => limiter.status(login),
    save: (file = stateFile) => {
      if (!file) throw new Error('save(): no file given and no stateFile option')
      store.save(file, clock.now())
    },
    events,
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    issueToken: (permissions) => {
      tokenCounter += 1
      const token = `ghs_job${tokenCounter.toString().padStart(4, '0')}${Math.random().toString(36).slice(2, 10)}`
      tokens.set(token, permissions)
      return token
    },
    revokeToken: (token) => {
      if (tokens.delete(token)) revoked.add(token)
    },
    setDispatchValidator: (validate) => {
      validateDispatch = validate
    },
    acceptInvitation: (login) => {
      store.acceptInvitation(login)
    },
    setActionsCanCreatePullRequests: (allowed) => {
      store.data.repo.actions_can_create_pull_requests = allowed
    },
    deleteIssue: (number) => {
      const issue = store.issue(number)
      if (!issue) throw new Error(`no issue #${number}`)
      issue.deleted = true
    },
    close: async () => {
      if (stateFile) store.save(stateFile, clock.now())
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
  return emulator
}

function createStateView(store: Store, renderer: () => Renderer, clock: Clock): StateView {
  const r = renderer
  const files = (ref?: string) => store.filesAt(ref ?? store.repo.default_branch)
  return {
    repo: () => r().repository(),
    issues: ({ state = 'all', includePulls = false } = {}) =>
      store.data.issues
        .filter((i) => !i.deleted && (includePulls || !i.pull_request))
        .filter((i) => state === 'all' || i.state === state)
        .sort((a, b) => a.number - b.number)
        .map((i) => r().issue(i)),
    issue: (number) => {
      const issue = store.issue(number)
      return issue && !issue.deleted ? r().issue(issue) : undefined
    },
    comments: (issueNumber) =>
      store.data.comments
        .filter((c) => issueNumber === undefined || c.issue_number === issueNumber)
        .sort((a, b) => a.id - b.id)
        .map((c) => r().comment(c)),
    comment: (id) => {
      const comment = store.comment(id)
      return comment ? r().comment(comment) : undefined
    },
    deletedComments: () => store.data.deleted_comments.map((c) => r().comment(c)),
    labels: () =>
      [...store.data.labels]
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
        .map((l) => r().label(l)),
    label: (name) => {
      const label = store.label(name)
      return label ? r().label(label) : undefined
    },
    milestones: () =>
      [...store.data.milestones].sort((a, b) => a.number - b.number).map((m) => r().milestone(m)),
    reactions: (subject) =>
      store.data.reactions
        .filter((x) =>
          subject === undefined
            ? true
            : 'issue' in subject
              ? x.subject === 'issue' && x.subject_id === subject.issue
              : x.subject === 'comment' && x.subject_id === subject.comment,
        )
        .map((x) => ({ ...r().reaction(x), subject: x.subject, subject_id: x.subject_id })),
    files: (ref) => {
      const map = files(ref)
      if (!map) throw new Error(`unknown ref ${ref}`)
      return Object.fromEntries([...map].map(([path, content]) => [path, content.toString('utf8')]))
    },
    file: (path, ref) => files(ref)?.get(path.replace(/^\/+/, ''))?.toString('utf8'),
    refs: () => ({ ...store.data.refs }),
    pulls: () => [...store.data.pulls].sort((a, b) => a.number - b.number).map((p) => r().pull(p)),
    pull: (number) => {
      const pull = store.pull(number)
      return pull ? r().pull(pull) : undefined
    },
    users: () => structuredClone(store.data.users),
    raw: () => ({ ...store.toJSON(), now: clock.iso() }),
  }
}
