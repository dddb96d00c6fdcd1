import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { schedulePayload, workflowDispatchPayload } from './payloads.js'
import type { GitHubEmulator, RequestLogEntry } from './server.js'

/** The repository root (emulator/src/harness.ts → ../..). Resolved from the module's own path
 * at run time: a `new URL(relative, import.meta.url)` would be turned into an asset by the
 * bundler, with an id that depends on where the checkout lives. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLOCK_PRELOAD = join(REPO_ROOT, 'emulator', 'preload', 'clock.mjs')

/**
 * Inherited variables that would change how an action talks to the network, reads its
 * configuration or how its Node starts; stripped so every run sees only what the harness sets,
 * as on a hosted runner, which sets none of them. `NODE_EXTRA_CA_CERTS` matters most in practice:
 * Node 20 reads and parses the whole named certificate bundle before running any code (about
 * 50 ms a process here), and an action talks to the emulator over plain HTTP.
 */
const STRIPPED = new Set([
  'NODE_EXTRA_CA_CERTS',
  'NODE_OPTIONS',
  'NODE_ENV',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'http_proxy',
  'https_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
])
const STRIPPED_PREFIX = /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|SKILL_SHARE_)/i

export type InputValue = string | number | boolean | undefined

export interface RunActionOptions {
  gh: GitHubEmulator
  /** Action inputs by their action.yml names (`github-token` defaults to `test-token`). */
  inputs?: Record<string, InputValue>
  /** Event payload (default: built for `eventName` from the emulator's state). */
  event?: object
  /** Default `workflow_dispatch`. */
  eventName?: string
  /** Extra environment; `undefined` removes a variable. Applied last. */
  env?: Record<string, string | undefined>
  /** Sets the emulator clock and the action process's clock (see emulator/preload/clock.mjs). */
  now?: Date | string
  /** A fixture directory copied into a fresh GITHUB_WORKSPACE (default: empty workspace). */
  workspace?: string
  /** Where `<name>/dist/index.js` lives (default `<repo>/actions`; relative to the repo root). */
  actionsRoot?: string
  /** Kill the action after this many ms (default 60 000). */
  timeoutMs?: number
  /** GITHUB_ACTOR (default: the event's sender, else the repository owner). */
  actor?: string
  /** GITHUB_JOB (default `run`). */
  job?: string
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug'
  message: string
  properties: Record<string, string>
}

export interface ActionRunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Parsed from GITHUB_OUTPUT (`name=value` and `name<<DELIM` heredocs). */
  outputs: Record<string, string>
  /** GITHUB_STEP_SUMMARY contents. */
  summary: string
  /** Parsed from GITHUB_STATE (core.saveState). */
  savedState: Record<string, string>
  /** Parsed from GITHUB_ENV (core.exportVariable). */
  exportedEnv: Record<string, string>
  /** `::error::`, `::warning::`, `::notice::`, `::debug::` workflow commands from stdout. */
  annotations: Annotation[]
  /** Emulator requests made during this run only. */
  requests: RequestLogEntry[]
  /** The run's GITHUB_WORKSPACE (kept so tests can read files written there). */
  workspace: string
  /** The temp directory holding the workspace, event file and command files. */
  runDir: string
  durationMs: number
  /** Remove runDir (workspace included). */
  cleanup(): Promise<void>
}

let runCounter = 0

/** `INPUT_<NAME>`: upper case, spaces → underscores, hyphens kept (as the runner does). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parse a GITHUB_OUTPUT/GITHUB_ENV/GITHUB_STATE file: `k=v` lines and `k<<DELIM` heredocs. */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    i += 1
    if (line === '') continue
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] as string)
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delimiter} in command file`)
      i += 1
      result[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq > 0) result[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return result
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice|debug)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',')) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
    }
    annotations.push({
      level: match[1] as Annotation['level'],
      message: unescapeData(match[3] ?? ''),
      properties,
    })
  }
  return annotations
}

function defaultEvent(gh: GitHubEmulator, eventName: string): object {
  if (eventName === 'schedule') return schedulePayload(gh)
  if (eventName === 'workflow_dispatch') return workflowDispatchPayload(gh)
  return {}
}

/**
 * Run a bundled action (`<actionsRoot>/<name>/dist/index.js`) in a child Node process the way
 * an Actions runner would, against the emulator. Asynchronous, so an in-process emulator keeps
 * serving while the action runs.
 */
export async function runAction(name: string, options: RunActionOptions): Promise<ActionRunResult> {
  const { gh } = options
  const actionsRoot = options.actionsRoot ?? 'actions'
  const root = isAbsolute(actionsRoot) ? actionsRoot : resolve(REPO_ROOT, actionsRoot)
  const script = join(root, name, 'dist', 'index.js')
  if (!existsSync(script)) {
    throw new Error(`runAction(${name}): ${script} does not exist (is the action bundled?)`)
  }

  const runDir = await mkdtemp(join(tmpdir(), `skill-share-${name}-`))
  const workspace = join(runDir, 'workspace')
  const runnerTemp = join(runDir, 'runner-temp')
  const files = join(runDir, 'files')
  await Promise.all([mkdir(runnerTemp), mkdir(files)])
  if (options.workspace !== undefined) {
    const source = isAbsolute(options.workspace)
      ? options.workspace
      : resolve(REPO_ROOT, options.workspace)
    await cp(source, workspace, { recursive: true })
  } else {
    await mkdir(workspace)
  }

  if (options.now !== undefined) gh.clock.set(options.now)
  const eventName = options.eventName ?? 'workflow_dispatch'
  const event = options.event ?? defaultEvent(gh, eventName)
  const paths = {
    event: join(files, 'event.json'),
    output: join(files, 'output'),
    summary: join(files, 'step_summary'),
    state: join(files, 'state'),
    env: join(files, 'env'),
    path: join(files, 'path'),
  }
  await Promise.all([
    writeFile(paths.event, JSON.stringify(event, null, 2)),
    writeFile(paths.output, ''),
    writeFile(paths.summary, ''),
    writeFile(paths.state, ''),
    writeFile(paths.env, ''),
    writeFile(paths.path, ''),
  ])

  const sender = (event as { sender?: { login?: unknown } }).sender?.login
  const actor = options.actor ?? (typeof sender === 'string' ? sender : gh.repo.owner)
  const defaultBranch = gh.store.repo.default_branch
  runCounter += 1

  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || STRIPPED.has(key) || STRIPPED_PREFIX.test(key)) continue
    env[key] = value
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: name,
    GITHUB_ACTION_PATH: join(root, name),
    GITHUB_ACTOR: actor,
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_API_URL: gh.url,
    GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: gh.repo.fullName,
    GITHUB_REPOSITORY_OWNER: gh.repo.owner,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_STATE: paths.state,
    GITHUB_ENV: paths.env,
    GITHUB_PATH: paths.path,
    GITHUB_RUN_ID: String(7_000_000_000 + runCounter),
    GITHUB_RUN_NUMBER: String(runCounter),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: gh.store.branchSha(defaultBranch) ?? '0'.repeat(40),
    GITHUB_REF: `refs/heads/${defaultBranch}`,
    GITHUB_REF_NAME: defaultBranch,
    GITHUB_REF_TYPE: 'branch',
    GITHUB_JOB: options.job ?? 'run',
    GITHUB_WORKFLOW: 'skill-share',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'emulator',
    RUNNER_ENVIRONMENT: 'github-hosted',
    // Waits of whole seconds (write pacing, back-off) pass 1,000 times faster; see the preload.
    EMULATOR_WAIT_SCALE: '0.001',
  })
  // The action reads the simulated moment as the real time: a preload moves its process's clock.
  env.EMULATOR_NOW = gh.clock.iso()
  const inputs: Record<string, InputValue> = {
    ...(await actionDefaults(join(root, name, 'action.yml'))),
    ...options.inputs,
  }
  for (const [input, value] of Object.entries(inputs)) {
    if (value !== undefined) env[inputEnvName(input)] = String(value)
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }

  const firstSeq = (gh.requests[gh.requests.length - 1]?.seq ?? 0) + 1
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', pathToFileURL(CLOCK_PRELOAD).href, script], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, options.timeoutMs ?? 60_000)
  const { code, signal } = await new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((done, fail) => {
    child.once('error', fail)
    child.once('close', (exitCode, exitSignal) => done({ code: exitCode, signal: exitSignal }))
  }).finally(() => clearTimeout(timer))

  const [output, summary, state, exported] = await Promise.all([
    readFile(paths.output, 'utf8'),
    readFile(paths.summary, 'utf8'),
    readFile(paths.state, 'utf8'),
    readFile(paths.env, 'utf8'),
  ])
  return {
    exitCode: code,
    signal,
    timedOut,
    stdout,
    stderr,
    outputs: parseCommandFile(output),
    summary,
    savedState: parseCommandFile(state),
    exportedEnv: parseCommandFile(exported),
    annotations: parseAnnotations(stdout),
    requests: gh.requests.filter((r) => r.seq >= firstSeq),
    workspace,
    runDir,
    durationMs: Date.now() - started,
    cleanup: () => rm(runDir, { recursive: true, force: true }),
  }
}

/**
 * The runner sets every input declared in action.yml, with its default when the workflow gives
 * none. `${{ github.token }}` becomes the test token; other expressions have no value here.
 */
async function actionDefaults(file: string): Promise<Record<string, InputValue>> {
  if (!existsSync(file)) return { 'github-token': 'test-token' }
  const metadata = parseYaml(await readFile(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const defaults: Record<string, InputValue> = { 'github-token': 'test-token' }
  for (const [input, spec] of Object.entries(metadata.inputs ?? {})) {
    if (spec.default === undefined) continue
    const text = String(spec.default)
    defaults[input] = text.includes('github.token')
      ? 'test-token'
      : text.includes('${{')
        ? ''
        : text
  }
  return defaults
}
