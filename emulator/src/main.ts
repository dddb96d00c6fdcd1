/**
 * The emulator as a process:
 *   npm run github-emulator -- --port 4010 [--repo acme/circle] [--public] [--user LOGIN[:ROLE] ...]
 *                              [--plan PLAN] [--assignee-mode MODE] [--deny-actions-pull-requests]
 *                              [--token TOKEN:LOGIN ...] [--state FILE] [--now ISO] [--real-time] [--log]
 * Prints `listening on http://127.0.0.1:PORT` as its first line.
 */
import { parseArgs } from 'node:util'
import { toDate } from './clock.js'
import { startGitHub } from './server.js'
import { parseRepo, type UserSpec } from './state.js'
import { PLANS, type AssigneeMode, type Plan, type UserRole } from './types.js'

const USAGE = `usage: npm run github-emulator -- [options]
  --port N             port on 127.0.0.1 (default 4010; 0 picks a free port)
  --repo OWNER/NAME    the repository (default acme/circle)
  --public             make the repository public (default private)
  --user LOGIN[:ROLE]  a user; ROLE is owner, member, collaborator (default), invited (invitation
                       not accepted yet) or none (repeatable)
  --plan PLAN          the owner's plan: free (default), pro, team or enterprise
  --assignee-mode MODE what a Free-plan private repository does with a second assignee: refuse
                       (422, default) or first (keeps the first)
  --deny-actions-pull-requests
                       "Allow GitHub Actions to create and approve pull requests" off (GitHub's
                       default for new repositories; the emulator's default is on)
  --token TOKEN:LOGIN  a token that acts as LOGIN instead of github-actions[bot] (repeatable)
  --state FILE         load state from FILE if present; save after each write and on exit
  --now ISO            start the emulator clock at this time (default: now, then frozen)
  --real-time          let the clock follow the wall clock
  --log                print one line per request
  -h, --help           show this help`

const ROLES: readonly UserRole[] = ['owner', 'member', 'collaborator', 'invited', 'none']
const ASSIGNEE_MODES: readonly AssigneeMode[] = ['refuse', 'first']

function usageError(message: string): never {
  process.stderr.write(`github-emulator: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function parse() {
  let parsed
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '4010' },
        repo: { type: 'string', default: 'acme/circle' },
        public: { type: 'boolean', default: false },
        user: { type: 'string', multiple: true, default: [] },
        plan: { type: 'string', default: 'free' },
        'assignee-mode': { type: 'string', default: 'refuse' },
        'deny-actions-pull-requests': { type: 'boolean', default: false },
        token: { type: 'string', multiple: true, default: [] },
        state: { type: 'string' },
        now: { type: 'string' },
        'real-time': { type: 'boolean', default: false },
        log: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (err) {
    usageError(err instanceof Error ? err.message : String(err))
  }
  const { values } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const port = Number(values.port)
  if (!/^\d+$/.test(values.port) || port > 65535) usageError(`invalid --port "${values.port}"`)
  try {
    parseRepo(values.repo)
  } catch (err) {
    usageError(err instanceof Error ? err.message : String(err))
  }
  const users: UserSpec[] = values.user.map((spec) => {
    const [login = '', role] = spec.split(':')
    if (!/^[A-Za-z0-9-]+$/.test(login)) usageError(`invalid --user "${spec}"`)
    if (role !== undefined && !ROLES.includes(role as UserRole)) {
      usageError(`invalid role in --user "${spec}" (owner, member, collaborator, invited or none)`)
    }
    return { login, role: role as UserRole | undefined }
  })
  if (!PLANS.includes(values.plan as Plan)) {
    usageError(`invalid --plan "${values.plan}" (free, pro, team or enterprise)`)
  }
  if (!ASSIGNEE_MODES.includes(values['assignee-mode'] as AssigneeMode)) {
    usageError(`invalid --assignee-mode "${values['assignee-mode']}" (refuse or first)`)
  }
  const tokens: Record<string, string> = {}
  for (const spec of values.token) {
    const colon = spec.lastIndexOf(':')
    const login = spec.slice(colon + 1)
    if (colon <= 0 || !/^[A-Za-z0-9-]+(\[bot\])?$/.test(login)) {
      usageError(`invalid --token "${spec}" (TOKEN:LOGIN, e.g. pat-xyz:octo-ana)`)
    }
    tokens[spec.slice(0, colon)] = login
  }
  let now: Date | undefined
  if (values.now !== undefined) {
    try {
      now = toDate(values.now)
    } catch {
      usageError(`invalid --now "${values.now}"`)
    }
  }
  return {
    ...values,
    port,
    users,
    now,
    plan: values.plan as Plan,
    assigneeMode: values['assignee-mode'] as AssigneeMode,
    tokens,
  }
}

async function main(): Promise<void> {
  const args = parse()
  const gh = await startGitHub({
    port: args.port,
    repo: args.repo,
    private: !args.public,
    users: args.users,
    plan: args.plan,
    assigneeMode: args.assigneeMode,
    actionsCanCreatePullRequests: !args['deny-actions-pull-requests'],
    tokens: args.tokens,
    stateFile: args.state,
    now: args.now,
    realTime: args['real-time'],
    onRequest: args.log
      ? (r) => process.stdout.write(`${r.at} ${r.user ?? '-'} ${r.method} ${r.path} ${r.status}\n`)
      : undefined,
  })
  process.stdout.write(`listening on ${gh.url}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    gh.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`github-emulator: ${signal}: ${String(err)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  process.stderr.write(`github-emulator: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
