import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { isBoolean, isMapping } from '@actions/workflow-parser'
import { parse as parseYaml } from 'yaml'
import type { RecordedEvent } from '../events.js'
import { REPO_ROOT, runAction, type ActionRunResult } from '../harness.js'
import { DEFAULT_TOKEN_PERMISSIONS, permissionsFrom } from '../permissions.js'
import type { GitHubEmulator, RequestLogEntry } from '../server.js'
import { BOT_LOGIN } from '../state.js'
import { cronMatches, nextFiring, parseCron, type Cron } from './cron.js'
import {
  evaluateCondition,
  evaluateText,
  evaluateToString,
  type ExpressionContext,
  type StatusState,
} from './expressions.js'
import { loadWorkflow, type LoadedJob, type LoadedStep, type LoadedWorkflow } from './load.js'

export type Conclusion = 'success' | 'failure' | 'skipped' | 'cancelled'

/** One job run, as the billing meter records it (the first six fields are `runs.json`'s). */
export interface JobRecord {
  workflow: string
  job: string
  event: string
  at: string
  conclusion: Conclusion
  billable_minutes: number
  /** The event's `action` (`opened`, `created` ...), when it has one. */
  action?: string
  runId: number
  /** Who caused the event (the `schedule` event has no actor: `schedule`). */
  actor: string
  /** Simulated duration in seconds: runner start-up, the steps' own time, and GitHub's write pacing. */
  seconds: number
  /** What the runner did with each step, and why it skipped or failed anything. */
  log: string[]
  outputs: Record<string, string>
  /** The action steps' results (annotations, summary, requests), in step order. */
  steps: ActionRunResult[]
  requests: RequestLogEntry[]
}

export interface WorkflowRun {
  id: number
  workflow: string
  event: string
  action?: string
  actor: string
  at: string
  status: 'queued' | 'pending' | 'running' | 'completed'
  conclusion?: Conclusion
  concurrency?: string
  jobs: JobRecord[]
  /** Why a run ended without running its jobs (replaced in its concurrency group ...). */
  note?: string
  /** Wall-clock ms when it started and completed (the order runs really ran in). */
  startedMs?: number
  completedMs?: number
}

/** An event that started no run, and why (caused by GITHUB_TOKEN, no workflow listens ...). */
export interface IgnoredEvent {
  event: string
  action?: string
  actor: string
  at: string
  reason: string
}

export interface WorkflowRunnerOptions {
  gh: GitHubEmulator
  /** Where `uses: ./actions/<name>` resolves (default: this checkout). */
  root?: string
  /**
   * Where the workflow files come from: `repository` (default) reads `.github/workflows/` from the
   * default branch of the emulated repository, as GitHub does for `schedule`; a directory reads
   * them from disk (tests of one workflow file).
   */
  workflows?: 'repository' | string
  /** Repository variables (`vars`). */
  vars?: Record<string, string>
  /** The repository's default GITHUB_TOKEN permissions (Settings → Actions); default `restricted`. */
  defaultPermissions?: 'restricted' | 'permissive'
  /** Seconds a job spends before its first step (runner assignment, set-up, checkout); default 15. */
  startupSeconds?: number
  /** Called when a run completes. */
  onRun?: (run: WorkflowRun) => void
  /** Real-time limit per action process, in ms (default 120 000). */
  actionTimeoutMs?: number
}

const DISPATCH_EVENTS = new Set(['workflow_dispatch', 'repository_dispatch'])
/** Activity types a workflow gets when its `on:` lists none, per event (GitHub's docs). */
const DEFAULT_TYPES: Record<string, string[]> = {
  pull_request: ['opened', 'synchronize', 'reopened'],
  pull_request_target: ['opened', 'synchronize', 'reopened'],
}

interface GroupState {
  running?: WorkflowRun
  pending?: { run: WorkflowRun; start: () => void }
}

/**
 * Runs the repository's workflow files the way github.com does: every event the emulator records
 * starts the workflows whose `on:` matches, unless GITHUB_TOKEN caused it; each `schedule` cron
 * fires at its minute on the simulated clock; jobs honour `if:`, `needs`, outputs, `permissions`
 * and `concurrency`; each `uses: ./actions/<name>` step runs the committed bundle; and every job
 * is billed as a private repository is billed.
 */
export class WorkflowRunner {
  readonly runs: WorkflowRun[] = []
  readonly ignored: IgnoredEvent[] = []
  private readonly queue: RecordedEvent[] = []
  private readonly active = new Set<Promise<void>>()
  private readonly groups = new Map<string, GroupState>()
  private readonly unsubscribe: () => void
  private workflowCache: { key: string; workflows: LoadedWorkflow[] } | undefined
  private workspaceCache = new Map<string, string>()
  private tempRoot: string | undefined
  private runCounter = 0

  constructor(private readonly options: WorkflowRunnerOptions) {
    const { gh } = options
    this.unsubscribe = gh.onEvent((event) => this.queue.push(event))
    gh.setDispatchValidator((workflow, ref, inputs) => this.validateDispatch(workflow, ref, inputs))
  }

  private get gh(): GitHubEmulator {
    return this.options.gh
  }

  private get root(): string {
    return this.options.root ?? REPO_ROOT
  }

  /** Every job run so far, in the order they finished: the billing meter. */
  get jobs(): JobRecord[] {
    return this.runs.flatMap((run) => run.jobs)
  }

  billableMinutes(): number {
    return this.jobs.reduce((sum, job) => sum + job.billable_minutes, 0)
  }

  /** The workflow files as the default branch has them now. */
  async workflows(): Promise<LoadedWorkflow[]> {
    const source = this.options.workflows ?? 'repository'
    let files: Record<string, string>
    if (source === 'repository') {
      const all = this.gh.state.files()
      files = Object.fromEntries(
        Object.entries(all).filter(([path]) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)),
      )
    } else {
      files = {}
      for (const name of (await readdir(source)).sort()) {
        if (/\.ya?ml$/.test(name)) files[name] = await readFile(join(source, name), 'utf8')
      }
    }
    const key = JSON.stringify(files)
    if (this.workflowCache?.key === key) return this.workflowCache.workflows
    const workflows: LoadedWorkflow[] = []
    for (const [path, content] of Object.entries(files))
      workflows.push(await loadWorkflow(path, content))
    this.workflowCache = { key, workflows }
    return workflows
  }

  /**
   * "Run workflow" as a person clicks it: a `workflow_dispatch` through the REST API as `actor`,
   * then every run it leads to. Returns the dispatched run.
   */
  async dispatch(
    workflow: string,
    inputs: Record<string, string | boolean> = {},
    options: { actor?: string; ref?: string } = {},
  ): Promise<WorkflowRun | undefined> {
    const { gh } = this
    await this.workflows()
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (options.actor) headers['x-emulator-user'] = options.actor
    else headers.authorization = 'token dispatch'
    const response = await fetch(
      `${gh.url}/repos/${gh.repo.fullName}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ ref: options.ref ?? gh.store.repo.default_branch, inputs }),
      },
    )
    if (response.status !== 204) {
      const body = (await response.json()) as { message?: string }
      throw new Error(`dispatch ${workflow}: ${response.status} ${body.message ?? ''}`)
    }
    const before = this.runs.length
    await this.settle()
    return this.runs.slice(before).find((run) => run.workflow === workflow.split('/').pop())
  }

  /**
   * Move the clock to `until`, firing every `schedule` cron at its minute (from the default
   * branch's workflow files) and settling the runs each firing leads to. `between` is called at
   * each firing, before its runs, so a script can act at the right moments too.
   */
  async advanceTo(until: Date | string): Promise<void> {
    const end = new Date(until)
    for (;;) {
      await this.settle()
      const from = new Date(this.gh.clock.now().getTime() + 60_000)
      const next = await this.nextCron(from, end)
      if (!next) break
      this.gh.clock.set(next.at)
      for (const { workflow, cron } of next.firing) this.startSchedule(workflow, cron)
    }
    if (this.gh.clock.now().getTime() < end.getTime()) this.gh.clock.set(end)
    await this.settle()
  }

  /** The next minute in [from, limit] at which any cron fires, and what fires then. */
  private async nextCron(
    from: Date,
    limit: Date,
  ): Promise<{ at: Date; firing: { workflow: LoadedWorkflow; cron: string }[] } | undefined> {
    const crons: { workflow: LoadedWorkflow; cron: Cron }[] = []
    for (const workflow of await this.workflows()) {
      for (const schedule of workflow.events.schedule ?? []) {
        crons.push({ workflow, cron: parseCron(schedule.cron) })
      }
    }
    let earliest: Date | undefined
    for (const { cron } of crons) {
      const at = nextFiring(cron, from, earliest ?? limit)
      if (at && (!earliest || at.getTime() < earliest.getTime())) earliest = at
    }
    if (!earliest) return undefined
    const at = earliest
    return {
      at,
      firing: crons
        .filter(({ cron }) => cronMatches(cron, at))
        .map(({ workflow, cron }) => ({ workflow, cron: cron.source })),
    }
  }

  private startSchedule(workflow: LoadedWorkflow, cron: string): void {
    const payload = { schedule: cron, workflow: `.github/workflows/${workflow.file}` }
    this.startRun(workflow, {
      seq: 0,
      name: 'schedule',
      actor: 'schedule',
      at: this.gh.clock.iso(),
      payload,
    })
  }

  /** Process recorded events until no event is waiting and no run is going. */
  async settle(): Promise<void> {
    for (;;) {
      while (this.queue.length > 0) {
        const event = this.queue.shift() as RecordedEvent
        await this.route(event)
      }
      if (this.active.size === 0) break
      await Promise.race(this.active)
    }
  }

  private async route(event: RecordedEvent): Promise<void> {
    const ignore = (reason: string) =>
      this.ignored.push({
        event: event.name,
        ...(event.action ? { action: event.action } : {}),
        actor: event.actor,
        at: event.at,
        reason,
      })
    if (event.actor === BOT_LOGIN && !DISPATCH_EVENTS.has(event.name)) {
      ignore('caused by GITHUB_TOKEN: starts no workflow run')
      return
    }
    const matching = (await this.workflows()).filter((w) => triggers(w, event))
    if (matching.length === 0) ignore('no workflow runs on it')
    for (const workflow of matching) this.startRun(workflow, event)
  }

  private startRun(workflow: LoadedWorkflow, event: RecordedEvent): void {
    this.runCounter += 1
    const run: WorkflowRun = {
      id: this.runCounter,
      workflow: workflow.file,
      event: event.name,
      ...(event.action ? { action: event.action } : {}),
      actor: event.actor,
      at: event.at,
      status: 'queued',
      jobs: [],
    }
    this.runs.push(run)
    const payload = withDispatchDefaults(workflow, event)
    const context = this.githubContext(workflow, run, payload)
    const start = () => {
      run.status = 'running'
      run.startedMs = Date.now()
      const promise = this.execute(workflow, run, context).finally(() => {
        this.active.delete(promise)
        run.status = 'completed'
        run.completedMs = Date.now()
        this.options.onRun?.(run)
        this.release(run)
      })
      this.active.add(promise)
    }
    const group = this.concurrencyOf(workflow, context)
    if (!group) return start()
    run.concurrency = group.name
    const state = this.groups.get(group.name) ?? {}
    this.groups.set(group.name, state)
    if (!state.running) {
      state.running = run
      return start()
    }
    // One running and at most one pending per group: a newer run replaces the pending one.
    if (state.pending)
      this.cancelPending(state.pending.run, 'replaced by a newer run in its concurrency group')
    if (group.cancelInProgress) state.running.note = 'cancel-in-progress: cancelled by a newer run'
    run.status = 'pending'
    state.pending = {
      run,
      start: () => {
        state.running = run
        start()
      },
    }
    if (group.cancelInProgress) this.cancelRunning(state.running)
  }

  private release(run: WorkflowRun): void {
    if (!run.concurrency) return
    const state = this.groups.get(run.concurrency)
    if (!state || state.running !== run) return
    state.running = undefined
    const next = state.pending
    state.pending = undefined
    next?.start()
  }

  private cancelPending(run: WorkflowRun, note: string): void {
    run.status = 'completed'
    run.conclusion = 'cancelled'
    run.note = note
    this.options.onRun?.(run)
  }

  private readonly cancelling = new Set<WorkflowRun>()

  private cancelRunning(run: WorkflowRun): void {
    this.cancelling.add(run)
  }

  private concurrencyOf(
    workflow: LoadedWorkflow,
    context: ExpressionContext,
  ): { name: string; cancelInProgress: boolean } | undefined {
    const token = workflow.concurrency
    if (!token) return undefined
    if (!isMapping(token))
      return { name: evaluateToString(token, context), cancelInProgress: false }
    const group = token.find('group')
    if (!group) return undefined
    const cancel = token.find('cancel-in-progress')
    return {
      name: evaluateToString(group, context),
      cancelInProgress: cancel
        ? isBoolean(cancel)
          ? cancel.value
          : evaluateToString(cancel, context) === 'true'
        : false,
    }
  }

  private githubContext(
    workflow: LoadedWorkflow,
    run: WorkflowRun,
    payload: Record<string, unknown>,
  ): ExpressionContext {
    const { gh } = this
    const branch = gh.store.repo.default_branch
    const ref =
      typeof payload.ref === 'string' && run.event === 'workflow_dispatch'
        ? payload.ref
        : `refs/heads/${branch}`
    const inputs = run.event === 'workflow_dispatch' ? typedInputs(workflow, payload) : {}
    return {
      github: {
        event_name: run.event,
        event: payload,
        repository: gh.repo.fullName,
        repository_owner: gh.repo.owner,
        actor: run.actor === 'schedule' ? gh.repo.owner : run.actor,
        triggering_actor: run.actor === 'schedule' ? gh.repo.owner : run.actor,
        ref,
        ref_name: ref.replace(/^refs\/heads\//, ''),
        ref_type: 'branch',
        sha: gh.store.branchSha(ref.replace(/^refs\/heads\//, '')) ?? '',
        run_id: String(8_000_000_000 + run.id),
        run_number: String(run.id),
        run_attempt: '1',
        workflow: workflow.name,
        workflow_ref: `${gh.repo.fullName}/.github/workflows/${workflow.file}@${ref}`,
        server_url: 'https://github.com',
        api_url: gh.url,
        graphql_url: `${gh.url}/graphql`,
        event_path: '',
        workspace: '',
      },
      inputs,
      vars: this.options.vars ?? {},
      env: {},
      secrets: {},
      needs: {},
      steps: {},
      job: {},
      runner: { os: 'Linux', arch: 'X64', name: 'emulator', environment: 'github-hosted' },
      strategy: {},
      matrix: {},
    }
  }

  private async execute(
    workflow: LoadedWorkflow,
    run: WorkflowRun,
    context: ExpressionContext,
  ): Promise<void> {
    const results = new Map<string, { result: Conclusion; outputs: Record<string, string> }>()
    const remaining = [...workflow.jobs]
    while (remaining.length > 0) {
      const ready = remaining.filter((job) => job.needs.every((need) => results.has(need)))
      if (ready.length === 0) throw new Error(`${workflow.file}: jobs with unmet needs`)
      // Independent jobs run in parallel on GitHub; their order does not change what they bill.
      await Promise.all(
        ready.map(async (job) => {
          remaining.splice(remaining.indexOf(job), 1)
          const record = await this.runJob(workflow, run, job, context, results)
          run.jobs.push(record)
          results.set(job.id, { result: record.conclusion, outputs: record.outputs })
        }),
      )
    }
    const conclusions = run.jobs.map((j) => j.conclusion)
    run.conclusion = this.cancelling.has(run)
      ? 'cancelled'
      : conclusions.includes('failure')
        ? 'failure'
        : conclusions.every((c) => c === 'skipped')
          ? 'skipped'
          : 'success'
    this.cancelling.delete(run)
  }

  private async runJob(
    workflow: LoadedWorkflow,
    run: WorkflowRun,
    job: LoadedJob,
    base: ExpressionContext,
    results: Map<string, { result: Conclusion; outputs: Record<string, string> }>,
  ): Promise<JobRecord> {
    const record: JobRecord = {
      workflow: workflow.file,
      job: job.id,
      event: run.event,
      at: this.gh.clock.iso(),
      conclusion: 'skipped',
      billable_minutes: 0,
      ...(run.action ? { action: run.action } : {}),
      runId: run.id,
      actor: run.actor,
      seconds: 0,
      log: [],
      outputs: {},
      steps: [],
      requests: [],
    }
    const needs = Object.fromEntries(
      job.needs.map((need) => [need, results.get(need) ?? { result: 'skipped', outputs: {} }]),
    )
    const status: StatusState = {
      failed: Object.values(needs).some((n) => n.result === 'failure'),
      cancelled: this.cancelling.has(run),
    }
    const implicit = !/\b(always|failure|cancelled|success)\(\)/.test(
      job.if.replace(/^success\(\) && /, ''),
    )
    const context: ExpressionContext = { ...base, needs, job: { status: 'success' } }
    const neededSkipped = Object.values(needs).some((n) => n.result !== 'success')
    let runs: boolean
    try {
      runs = !(implicit && neededSkipped) && evaluateCondition(job.if, context, status)
    } catch (error) {
      record.conclusion = 'failure'
      record.log.push(`if: ${(error as Error).message}`)
      return record
    }
    if (!runs) {
      record.log.push(`skipped: if: ${job.if} is false`)
      return record
    }

    const permissions = permissionsFrom(
      job.permissions ?? workflow.permissions,
      DEFAULT_TOKEN_PERMISSIONS[this.options.defaultPermissions ?? 'restricted'],
    )
    const token = this.gh.issueToken(permissions)
    const github = { ...(context.github as Record<string, unknown>), job: job.id, token }
    const steps: Record<
      string,
      { outputs: Record<string, string>; outcome: string; conclusion: string }
    > = {}
    let seconds = this.options.startupSeconds ?? 15
    let failed = false
    try {
      for (const step of job.steps) {
        const stepContext = { ...context, github, steps, secrets: { GITHUB_TOKEN: token } }
        const stepStatus = { failed, cancelled: this.cancelling.has(run) }
        if (!evaluateCondition(step.if, stepContext, stepStatus)) {
          record.log.push(`${describe(step)}: skipped (if: ${step.if})`)
          if (step.named)
            steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
          continue
        }
        const outcome = await this.runStep(workflow, run, job, step, stepContext, token, record)
        seconds += outcome.seconds
        if (step.named)
          steps[step.id] = {
            outputs: outcome.outputs,
            outcome: outcome.ok ? 'success' : 'failure',
            conclusion: outcome.ok ? 'success' : 'failure',
          }
        if (!outcome.ok) failed = true
      }
    } finally {
      this.gh.revokeToken(token)
    }
    const outputContext = { ...context, github, steps }
    for (const [name, token] of job.outputs) {
      try {
        record.outputs[name] = evaluateToString(token, outputContext)
      } catch (error) {
        record.log.push(`outputs.${name}: ${(error as Error).message}`)
      }
    }
    record.seconds = Math.round(seconds)
    record.conclusion = this.cancelling.has(run) ? 'cancelled' : failed ? 'failure' : 'success'
    if (seconds > job.timeoutMinutes * 60) {
      record.conclusion = 'failure'
      record.log.push(
        `timed out: ${Math.round(seconds)} s is more than timeout-minutes ${job.timeoutMinutes}`,
      )
    }
    // A private repository is billed each job's duration rounded up to a whole minute.
    record.billable_minutes = this.gh.store.repo.private ? Math.max(1, Math.ceil(seconds / 60)) : 0
    return record
  }

  private async runStep(
    workflow: LoadedWorkflow,
    run: WorkflowRun,
    job: LoadedJob,
    step: LoadedStep,
    context: ExpressionContext,
    token: string,
    record: JobRecord,
  ): Promise<{ ok: boolean; outputs: Record<string, string>; seconds: number }> {
    const github = context.github as Record<string, unknown>
    if (step.uses?.startsWith('actions/checkout@')) {
      record.log.push(
        `${describe(step)}: not run: the job's workspace already is a checkout of ${String(github.sha).slice(0, 7)}`,
      )
      return { ok: true, outputs: {}, seconds: 3 }
    }
    if (!step.uses?.startsWith('./')) {
      record.log.push(`${describe(step)}: not run: the local runner runs only ./ actions`)
      return { ok: true, outputs: {}, seconds: 0 }
    }
    const actionDir = join(this.root, step.uses.slice(2))
    const name = step.uses.replace(/^\.\/actions\//, '').replace(/\/$/, '')
    const metadata = parseYaml(await readFile(join(actionDir, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { default?: unknown }>
    }
    const inputs: Record<string, string> = {}
    for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
      if (spec.default === undefined) continue
      inputs[input] = defaultInput(String(spec.default), context)
    }
    for (const [input, token] of step.with) inputs[input] = evaluateToString(token, context)
    const workspace = await this.checkout(String(github.sha))
    const result = await runAction(name, {
      gh: this.gh,
      actionsRoot: dirname(actionDir),
      workspace,
      eventName: run.event,
      event: github.event as object,
      inputs,
      actor: String(github.actor),
      job: job.id,
      timeoutMs: this.options.actionTimeoutMs ?? 120_000,
      env: {
        GITHUB_WORKFLOW: workflow.name,
        GITHUB_WORKFLOW_REF: String(github.workflow_ref),
        GITHUB_RUN_ID: String(github.run_id),
        GITHUB_RUN_NUMBER: String(github.run_number),
        GITHUB_REF: String(github.ref),
        GITHUB_REF_NAME: String(github.ref_name),
        GITHUB_TOKEN: undefined,
      },
    })
    await result.cleanup()
    record.steps.push(result)
    record.requests.push(...result.requests)
    const ok = result.exitCode === 0 && !result.timedOut
    record.log.push(
      `${describe(step)}: ${ok ? 'success' : `failure (exit ${result.exitCode ?? result.signal})`}`,
    )
    return {
      ok,
      outputs: result.outputs,
      seconds: result.durationMs / 1000 + pacingSeconds(result.requests),
    }
  }

  /** The files of a commit, written once to a directory the job's workspace is copied from. */
  private async checkout(sha: string): Promise<string> {
    const cached = this.workspaceCache.get(sha)
    if (cached) return cached
    this.tempRoot ??= await mkdtemp(join(tmpdir(), 'skill-share-checkout-'))
    const dir = join(this.tempRoot, sha || 'empty')
    const files = this.gh.store.filesAt(sha) ?? new Map<string, Buffer>()
    for (const [path, content] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    }
    if (!existsSync(dir)) await mkdir(dir, { recursive: true })
    this.workspaceCache.set(sha, dir)
    return dir
  }

  private validateDispatch(
    workflowId: string,
    ref: string,
    inputs: Record<string, unknown>,
  ): string | undefined {
    const workflow = this.workflowCache?.workflows.find(
      (w) => w.file === workflowId || w.name === workflowId,
    )
    if (!workflow || !workflow.events.workflow_dispatch) return 'Not Found'
    const branch = ref.replace(/^refs\/heads\//, '')
    if (!this.gh.store.branchSha(branch)) return `No ref found for: ${ref}`
    const declared = workflow.events.workflow_dispatch.inputs ?? {}
    const unexpected = Object.keys(inputs).filter((name) => !(name in declared))
    if (unexpected.length > 0) return `Unexpected inputs provided: ${JSON.stringify(unexpected)}`
    for (const [name, spec] of Object.entries(declared)) {
      const given = inputs[name]
      if (spec.required && (given === undefined || given === '') && spec.default === undefined)
        return `Required input '${name}' not provided`
      if (spec.type === 'choice' && given !== undefined && !spec.options?.includes(String(given)))
        return `Provided value '${String(given)}' for input '${name}' not in the list of allowed values`
    }
    return undefined
  }

  /** Stop listening and remove the runner's temporary checkouts. */
  async close(): Promise<void> {
    this.unsubscribe()
    if (this.tempRoot) await rm(this.tempRoot, { recursive: true, force: true })
  }
}

/** Whether a workflow's `on:` starts a run for this event. */
function triggers(workflow: LoadedWorkflow, event: RecordedEvent): boolean {
  const config = workflow.events[event.name]
  if (config === undefined) return false
  if (event.name === 'workflow_dispatch') {
    return event.payload.workflow === `.github/workflows/${workflow.file}`
  }
  if (event.name === 'schedule') return false
  const filters = (config ?? {}) as { types?: string[]; branches?: string[] }
  const types = filters.types ?? DEFAULT_TYPES[event.name]
  if (types && event.action && !types.includes(event.action)) return false
  if (filters.branches && event.name === 'push') {
    const branch = String(event.payload.ref).replace(/^refs\/heads\//, '')
    if (!filters.branches.some((pattern) => globMatch(pattern, branch))) return false
  }
  return true
}

function globMatch(pattern: string, text: string): boolean {
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*')
  return new RegExp(`^${source}$`).test(text)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}

/** `workflow_dispatch` payloads carry every declared input, defaults filled in. */
function withDispatchDefaults(
  workflow: LoadedWorkflow,
  event: RecordedEvent,
): Record<string, unknown> {
  if (event.name !== 'workflow_dispatch') return event.payload
  const given = (event.payload.inputs ?? {}) as Record<string, unknown>
  const inputs: Record<string, string> = {}
  for (const [name, spec] of Object.entries(workflow.events.workflow_dispatch?.inputs ?? {})) {
    const value = given[name] ?? spec.default
    if (value !== undefined) inputs[name] = String(value)
  }
  return { ...event.payload, inputs }
}

/** The `inputs` context: booleans as booleans, the rest as strings. */
function typedInputs(
  workflow: LoadedWorkflow,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  const given = (payload.inputs ?? {}) as Record<string, string>
  const typed: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(workflow.events.workflow_dispatch?.inputs ?? {})) {
    const value = given[name]
    if (value === undefined) continue
    typed[name] = spec.type === 'boolean' ? value === 'true' : value
  }
  return typed
}

/** An action.yml default: literal text, or `${{ }}` evaluated against the step's contexts. */
function defaultInput(text: string, context: ExpressionContext): string {
  const match = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(text.trim())
  return match ? evaluateText(match[1] as string, context) : text
}

function describe(step: LoadedStep): string {
  return step.name ?? step.uses ?? (step.run ? 'run' : step.id)
}

/**
 * The seconds GitHub's pacing adds at production speed: the throttling plugin spaces writes a
 * second apart and content creation (issues, comments, pull requests) three seconds apart. Tests
 * run the actions with pacing scaled down, so the bill is computed from what the run wrote.
 */
export function pacingSeconds(requests: readonly RequestLogEntry[]): number {
  let seconds = 0
  for (const request of requests) {
    if (request.method === 'GET') continue
    const creates = request.method === 'POST' && /\/(issues|comments|pulls)$/.test(request.path)
    seconds += creates ? 3 : 1
  }
  return seconds
}
