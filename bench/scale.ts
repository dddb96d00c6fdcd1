// Requests and production-pacing wall time of every scheduled and event-driven action, at 1 to
// 1,000 circles and for a 500-pair coaching network, under GITHUB_TOKEN's real 1,000 requests an
// hour. Each scheduled run that leaves work waiting is followed by the next hourly run until
// nothing waits, as on github.com.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  issueCommentPayload,
  issuesPayload,
  REPO_ROOT,
  runAction,
  startGitHub,
  type GitHubEmulator,
  type RequestLogEntry,
} from '../emulator/src/index.js'
import { asMember, OWNER, REPO } from '../test/support/github.js'
import { homeworkBody } from '../test/forms-action/helpers.js'
import { productionSeconds } from './pacing.js'

export interface Row {
  /** `1`, `10`, ... circles, or the coaching network. */
  groups: string
  action: string
  scenario: string
  /** Hourly runs it took until nothing was left waiting (1 for an event). */
  runs: number
  requests: number
  lowerBound: number
  /** Requests GitHub refused (rate limits): none is the goal. */
  refused: number
  /** The first run's requests at production pacing, and all runs' together. */
  firstSeconds: number
  totalSeconds: number
  /** The same runs on the local GitHub with waits scaled down 1,000 times. */
  measuredMs: number
}

const HOUR = 3_600_000
export const LIMIT = 1_000

const MEMBERS = [
  'octo-ana',
  'bkowalski',
  'priya-n',
  'jmartin',
  'grace-o',
  'tomvdb',
  'mei-chen',
  'sam-rivera',
]

const WAIT = 'const scale = options.waitScale'

/**
 * Copies of the bundles whose client waits 1,000 times shorter (write pacing and back-off only;
 * every request is the same), so 1,000 groups run in minutes. Production-pacing wall time is
 * computed from the request log either way. Without the hook in a bundle, the bundle runs as is.
 */
async function scaledActions(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'skill-share-bench-actions-'))
  for (const name of ['sessions', 'commands', 'forms']) {
    const from = path.join(REPO_ROOT, 'actions', name)
    await mkdir(path.join(root, name, 'dist'), { recursive: true })
    await cp(path.join(from, 'action.yml'), path.join(root, name, 'action.yml'))
    await cp(path.join(from, 'dist'), path.join(root, name, 'dist'), { recursive: true })
    const bundle = path.join(root, name, 'dist', 'index.js')
    const code = await readFile(bundle, 'utf8')
    if (code.includes(WAIT))
      await writeFile(
        bundle,
        code.replace(WAIT, `${WAIT} * (Number(process.env['BENCH_WAIT_SCALE']) || 1)`),
      )
  }
  return root
}

let actionsRoot: Promise<string> | undefined
const run = async (name: string, options: Omit<Parameters<typeof runAction>[1], 'actionsRoot'>) =>
  runAction(name, {
    ...options,
    actionsRoot: await (actionsRoot ??= scaledActions()),
    env: { BENCH_WAIT_SCALE: '0.001' },
  })

const pages = (n: number) => Math.max(1, Math.ceil(n / 100))
const isWrite = (r: RequestLogEntry) => r.method !== 'GET' && r.method !== 'HEAD'
const refusedOf = (rs: readonly RequestLogEntry[]) =>
  rs.filter((r) => r.status === 429 || (r.status === 403 && r.fault !== undefined)).length

function labelsOf(issue: { labels: Array<string | { name?: string }> }): string[] {
  return issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
}

function openWith(gh: GitHubEmulator, label: string): number {
  return gh.state.issues({ state: 'open' }).filter((i) => labelsOf(i).includes(label)).length
}

function closedWith(gh: GitHubEmulator, label: string): number {
  return gh.state.issues({ state: 'closed' }).filter((i) => labelsOf(i).includes(label)).length
}

/** A checkout with `count` copies of the example circle, all on the same calendar (the worst case). */
async function circles(count: number): Promise<string> {
  const dir = await checkout()
  const example = (await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8'))
    .replace(/^example: true.*\n/m, '')
    .replace(/^calendar:.*\n/m, '')
  for (let i = 1; i <= count; i++) {
    const slug = `group-${String(i).padStart(4, '0')}`
    await mkdir(path.join(dir, 'groups', slug), { recursive: true })
    await writeFile(
      path.join(dir, 'groups', slug, 'group.yml'),
      example.replace('Fall 2026 circle', `Circle ${slug}`),
    )
  }
  return dir
}

async function checkout(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-bench-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(
    path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE'),
    path.join(dir, '.github/ISSUE_TEMPLATE'),
    { recursive: true },
  )
  return dir
}

interface Run {
  requests: RequestLogEntry[]
  ms: number
}

/**
 * One scheduled run at `at`, then one an hour later for as long as the previous one left due work
 * waiting. `bound` gives each run's lower bound from the state before it and its requests.
 */
async function series(
  gh: GitHubEmulator,
  workspace: string,
  action: 'sessions' | 'commands',
  at: string,
  bound: (requests: RequestLogEntry[], before: { open: number; closed: number }) => number,
  label = 'skill-share',
): Promise<Omit<Row, 'groups' | 'action' | 'scenario'>> {
  const runs: Run[] = []
  let lowerBound = 0
  let t = Date.parse(at)
  for (let i = 0; i < 72; i++) {
    const before = { open: openWith(gh, label), closed: closedWith(gh, label) }
    const result = await run(action, {
      gh,
      workspace,
      now: new Date(t),
      eventName: 'schedule',
      timeoutMs: 1_800_000,
    })
    if (result.exitCode !== 0)
      throw new Error(
        `${action} failed at ${new Date(t).toISOString()}:\n${result.stdout.slice(-3000)}`,
      )
    runs.push({ requests: result.requests, ms: result.durationMs })
    lowerBound += bound(result.requests, before)
    if (process.env['BENCH_DEBUG'])
      for (const r of result.requests) console.error(`${action} ${r.method} ${r.path} ${r.status}`)
    const waited = /waits for the next run/.test(result.stdout)
    if (waited && process.env['BENCH_DEBUG'])
      console.error(result.stdout.split('\n').find((l) => l.includes('waits for the next run')))
    await result.cleanup()
    if (!waited) break
    t += HOUR
  }
  return summarize(runs, lowerBound)
}

function summarize(runs: readonly Run[], lowerBound: number) {
  const all = runs.flatMap((r) => r.requests)
  return {
    runs: runs.length,
    requests: all.length,
    lowerBound,
    refused: refusedOf(all),
    firstSeconds: productionSeconds(runs[0]?.requests ?? []),
    totalSeconds: runs.reduce((s, r) => s + productionSeconds(r.requests), 0),
    measuredMs: runs.reduce((s, r) => s + r.ms, 0),
  }
}

const bodyHas = (r: RequestLogEntry, text: string) => JSON.stringify(r.body ?? '').includes(text)

/** A creation lease (a label made and deleted around an issue creation) guards, it changes nothing. */
const isLease = (r: RequestLogEntry) =>
  r.path.includes('/labels/skill-share-lease-') || bodyHas(r, 'skill-share-lease-')
/**
 * The changes a run made, one request each, plus the repository's visibility when it wrote (a
 * schedule event's payload does not say whether the repository is private).
 */
const writes = (rs: readonly RequestLogEntry[]) =>
  rs.filter((r) => isWrite(r) && !isLease(r)).length +
  (rs.some((r) => r.method === 'GET' && /^\/repos\/[^/]+\/[^/]+$/.test(r.path)) ? 1 : 0)

/** Circles: the sessions action and the commands sweep through a cohort's first two weeks, plus events. */
export async function benchCircles(count: number): Promise<Row[]> {
  const gh = await startGitHub({
    users: MEMBERS,
    rateLimit: LIMIT,
    plan: 'team',
    now: '2026-10-01T00:00:00Z',
  })
  const ws = await circles(count)
  const rows: Row[] = []
  const add = (action: string, scenario: string, r: Omit<Row, 'groups' | 'action' | 'scenario'>) =>
    rows.push({ groups: String(count), action, scenario, ...r })
  // The sessions action lists the open session issues (and, when one is missing, the closed ones).
  const sessionsBound =
    (extra: (rs: RequestLogEntry[]) => number) => (rs: RequestLogEntry[], b: { open: number }) =>
      pages(b.open) + writes(rs) + extra(rs)
  try {
    add(
      'sessions',
      'due: open every kickoff (first run, labels and milestone too)',
      await series(
        gh,
        ws,
        'sessions',
        '2026-10-22T23:17:00Z',
        sessionsBound(() => 1),
        'session',
      ),
    )
    add(
      'commands sweep',
      'nothing due (an idle hour)',
      await series(
        gh,
        ws,
        'commands',
        '2026-10-23T05:47:00Z',
        (rs, b) => pages(b.open) + writes(rs),
      ),
    )
    add(
      'sessions',
      'nothing due (an idle hour)',
      await series(
        gh,
        ws,
        'sessions',
        '2026-10-23T06:17:00Z',
        sessionsBound(() => 0),
        'session',
      ),
    )
    rows.push(...(await commentEvents(gh, ws, count)))
    rows.push(await formEvent(gh, ws, count))
    // A status reads the issue's comments and reactions; the homework count is one more read.
    add(
      'sessions',
      'due: every day-before status',
      await series(
        gh,
        ws,
        'sessions',
        '2026-10-24T23:17:00Z',
        sessionsBound((rs) => 1 + 2 * rs.filter((r) => bodyHas(r, 'skill-share:status')).length),
        'session',
      ),
    )
    // Closing looks for its own closing comment first (a rerun must not post it twice).
    add(
      'sessions',
      'due: close every kickoff',
      await series(
        gh,
        ws,
        'sessions',
        '2026-10-26T01:17:00Z',
        sessionsBound(
          (rs) => rs.filter((r) => r.method === 'PATCH' && /\/issues\/\d+$/.test(r.path)).length,
        ),
        'session',
      ),
    )
    // Drawing pairs needs the closed issues (history) and, per group, the comments of the issues
    // that can hold a /snooze (here the kickoff), then one issue per pair.
    add(
      'commands sweep',
      "due: draw every group's week-1 pairs",
      await series(gh, ws, 'commands', '2026-10-26T01:47:00Z', (rs, b) => {
        const drawn = new Set(
          rs
            .filter((r) => r.method === 'POST' && /\/issues$/.test(r.path))
            .map((r) => JSON.stringify(r.body).match(/group:group-\d+/)?.[0]),
        ).size
        return pages(b.open) + (drawn > 1 ? pages(b.closed) : drawn) + drawn + writes(rs)
      }),
    )
    add(
      'commands sweep',
      'nothing due (pairs open, an idle hour)',
      await series(
        gh,
        ws,
        'commands',
        '2026-10-28T05:47:00Z',
        (rs, b) => pages(b.open) + writes(rs),
      ),
    )
    // The reminder needs the check-in forms (one listing for all) and one comment and edit per pair.
    add(
      'commands sweep',
      'due: every mid-week reminder',
      await series(
        gh,
        ws,
        'commands',
        '2026-10-29T12:47:00Z',
        (rs, b) => pages(b.open) + 1 + writes(rs),
      ),
    )
    add(
      'sessions',
      'due: open every week-2 issue',
      await series(
        gh,
        ws,
        'sessions',
        '2026-10-29T23:17:00Z',
        sessionsBound(() => 0),
        'session',
      ),
    )
  } finally {
    await gh.close()
  }
  return rows
}

const TOPICS = 50

/**
 * One `/rsvp` on a kickoff issue that holds 50 `/topic` comments, each with 👍 from three other
 * members: the first comment after the topics (every voted topic is counted once) and a later one
 * (only topics whose 👍 count changed since the status recorded it are read again).
 */
async function commentEvents(gh: GitHubEmulator, ws: string, count: number): Promise<Row[]> {
  const kickoff = gh.state.issues({ state: 'open' })[0]
  if (!kickoff) throw new Error('no kickoff issue to comment on')
  const n = kickoff.number
  for (let i = 0; i < TOPICS; i++) {
    const author = MEMBERS[i % MEMBERS.length] as string
    const { data } = await asMember(gh, author).rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: n,
      body: `/topic Topic number ${i + 1}: how to handle case ${i + 1}`,
    })
    for (let k = 1; k <= 3; k++) {
      const voter = MEMBERS[(i + k) % MEMBERS.length] as string
      await asMember(gh, voter).rest.reactions.createForIssueComment({
        owner: OWNER,
        repo: REPO,
        comment_id: data.id,
        content: '+1',
      })
    }
  }
  const rows: Row[] = []
  for (const [scenario, login] of [
    ['one /rsvp after 50 voted topics (first status with votes)', 'grace-o'],
    ['one /rsvp later (votes unchanged since the status)', 'tomvdb'],
  ] as const) {
    const { data } = await asMember(gh, login).rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: n,
      body: '/rsvp yes',
    })
    const first = scenario.startsWith('one /rsvp after')
    const result = await run('commands', {
      gh,
      workspace: ws,
      eventName: 'issue_comment',
      event: issueCommentPayload(gh, 'created', data.id),
      now: '2026-10-23T07:00:00Z',
      timeoutMs: 600_000,
    })
    if (result.exitCode !== 0) throw new Error(`commands failed:\n${result.stdout.slice(-2000)}`)
    const comments = gh.state.comments(n).length
    // The issue, its comments, its reactions and the homework count; on the first status each
    // voted topic's reactions once; then one request per change.
    const bound = 3 + pages(comments) + (first ? TOPICS : 0) + writes(result.requests)
    rows.push({
      groups: String(count),
      action: 'commands (comment event)',
      scenario,
      ...summarize([{ requests: result.requests, ms: result.durationMs }], bound),
    })
    await result.cleanup()
  }
  return rows
}

/** A member files homework for the kickoff: the forms action checks it and refreshes the status. */
async function formEvent(gh: GitHubEmulator, ws: string, count: number): Promise<Row> {
  const { data } = await asMember(gh, 'priya-n').rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: 'Homework: group-0001 session 1',
    body: homeworkBody({ group: 'group-0001', session: 1 }),
    labels: ['homework'],
  })
  const result = await run('forms', {
    gh,
    workspace: ws,
    eventName: 'issues',
    event: issuesPayload(gh, 'opened', data.number),
    now: '2026-10-23T08:00:00Z',
    timeoutMs: 600_000,
  })
  if (result.exitCode !== 0) throw new Error(`forms failed:\n${result.stdout.slice(-2000)}`)
  // The group's session issues, then the status: comments, reactions and homework count; then
  // one request per change (labels looked up and added, the reply, the status).
  const bound = 4 + writes(result.requests) + labelLookups(result.requests)
  await result.cleanup()
  // Out of the way of the scheduled runs measured next.
  await asMember(gh, 'priya-n').rest.issues.update({
    owner: OWNER,
    repo: REPO,
    issue_number: data.number,
    state: 'closed',
  })
  return {
    groups: String(count),
    action: 'forms (issue event)',
    scenario: 'one homework submission',
    ...summarize([{ requests: result.requests, ms: result.durationMs }], bound),
  }
}

const labelLookups = (rs: readonly RequestLogEntry[]) =>
  rs.filter((r) => r.method === 'GET' && /\/labels\/[^/]+$/.test(r.path)).length

const PAIRS = 500
/** One group file: it takes up to 500 pairs and 1,000 members. */
const NETWORK_FILES = 1
const COACHEES_PER_COACH = 5

/**
 * A coaching network of 500 pairs in one group file (100 coaches with five coachees each), every
 * pair meeting at the same hour (the worst case).
 */
async function network(): Promise<{ workspace: string; users: string[] }> {
  const dir = await checkout()
  const users: string[] = []
  const perFile = PAIRS / NETWORK_FILES
  for (let f = 1; f <= NETWORK_FILES; f++) {
    const members: string[] = []
    const pairs: string[] = []
    for (let c = 1; c <= perFile / COACHEES_PER_COACH; c++) {
      const coach = `coach-${f}-${String(c).padStart(2, '0')}`
      users.push(coach)
      const role = c === 1 ? ', role: facilitator' : ''
      members.push(`  - { github: ${coach}, name: Coach ${f} ${c}${role} }`)
      for (let k = 1; k <= COACHEES_PER_COACH; k++) {
        const coachee = `coachee-${f}-${String(c).padStart(2, '0')}-${k}`
        users.push(coachee)
        members.push(`  - { github: ${coachee}, name: Coachee ${f} ${c} ${k} }`)
        pairs.push(
          `  - { coach: ${coach}, coachee: ${coachee}, cadence: weekly, weekday: tuesday, time: "08:30", duration: 45, start: 2026-11-03 }`,
        )
      }
    }
    const file = [
      `name: Coaching network part ${f}`,
      'format: coaching',
      'timezone: Europe/Berlin',
      'lead: 2d',
      'members:',
      ...members,
      'pairs:',
      ...pairs,
      'public: false',
      '',
    ].join('\n')
    await mkdir(path.join(dir, 'groups', `network-${f}`), { recursive: true })
    await writeFile(path.join(dir, 'groups', `network-${f}`, 'group.yml'), file)
  }
  return { workspace: dir, users }
}

/** The 500-pair network: conversations opened two days ahead, a quiet hour, and closed after. */
export async function benchNetwork(): Promise<Row[]> {
  const { workspace, users } = await network()
  const gh = await startGitHub({
    users,
    rateLimit: LIMIT,
    plan: 'team',
    now: '2026-10-25T00:00:00Z',
  })
  const rows: Row[] = []
  const add = (action: string, scenario: string, r: Omit<Row, 'groups' | 'action' | 'scenario'>) =>
    rows.push({ groups: `${PAIRS}-pair network`, action, scenario, ...r })
  const bound = (rs: RequestLogEntry[], b: { open: number }) => pages(b.open) + writes(rs)
  try {
    // Tuesday 3 November 08:30 Berlin is 07:30 UTC; the issues open two days before.
    add(
      'sessions',
      `due: open ${PAIRS} conversation issues`,
      await series(
        gh,
        workspace,
        'sessions',
        '2026-11-01T08:17:00Z',
        (rs, b) => bound(rs, b) + 1,
        'session',
      ),
    )
    add(
      'sessions',
      'nothing due (an idle hour)',
      await series(gh, workspace, 'sessions', '2026-11-02T03:17:00Z', bound, 'session'),
    )
    // The sweep has nothing to do for coaching groups and asks GitHub nothing.
    add(
      'commands sweep',
      'nothing due (an idle hour)',
      await series(gh, workspace, 'commands', '2026-11-02T03:47:00Z', () => 0),
    )
    add(
      'sessions',
      `due: close ${PAIRS} conversations`,
      await series(gh, workspace, 'sessions', '2026-11-03T09:17:00Z', bound, 'session'),
    )
  } finally {
    await gh.close()
  }
  return rows
}
