// Requests per run of the sessions action against the lower bound, for 1 to 1,000 groups.
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runAction, startGitHub, type GitHubEmulator } from '../emulator/src/index.js'
import { REPO_ROOT } from '../emulator/src/index.js'

export interface Row {
  groups: number
  scenario: string
  requests: number
  lowerBound: number
  wallMs: number
}

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

/** A workspace with `count` copies of the example group, all on the same calendar. */
async function workspace(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-bench-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
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

async function measure(gh: GitHubEmulator, ws: string, now: string) {
  const started = Date.now()
  const result = await runAction('sessions', {
    gh,
    workspace: ws,
    now,
    eventName: 'schedule',
    timeoutMs: 600_000,
  })
  const wallMs = Date.now() - started
  if (result.exitCode !== 0)
    throw new Error(`sessions failed at ${now}:\n${result.stdout.slice(-2000)}`)
  await result.cleanup()
  return { requests: result.requests, wallMs }
}

function openSessionIssues(gh: GitHubEmulator): number {
  return gh.state
    .issues({ state: 'open' })
    .filter((i) => i.labels.some((l) => (typeof l === 'string' ? l : l.name) === 'session')).length
}

const pages = (n: number) => Math.max(1, Math.ceil(n / 100))

export async function benchSessions(counts = [1, 10, 100, 1000]): Promise<Row[]> {
  const rows: Row[] = []
  for (const count of counts) {
    const gh = await startGitHub({
      users: MEMBERS,
      rateLimit: 1_000_000,
      now: '2026-10-01T00:00:00Z',
    })
    const ws = await workspace(count)
    try {
      // The kickoff issues open (first use: labels and the milestones are created too).
      const open1 = await measure(gh, ws, '2026-10-22T23:30:00Z')
      rows.push({
        groups: count,
        scenario: 'due: open k issues (first run)',
        requests: open1.requests.length,
        lowerBound: pages(0) + count,
        wallMs: open1.wallMs,
      })
      const quiet = await measure(gh, ws, '2026-10-23T05:00:00Z')
      rows.push({
        groups: count,
        scenario: 'nothing due',
        requests: quiet.requests.length,
        lowerBound: pages(openSessionIssues(gh)),
        wallMs: quiet.wallMs,
      })
      const status = await measure(gh, ws, '2026-10-24T23:30:00Z')
      // A status needs the RSVPs read (reactions and comments) and the comment written.
      rows.push({
        groups: count,
        scenario: 'due: k day-before statuses',
        requests: status.requests.length,
        lowerBound: pages(count) + 3 * count,
        wallMs: status.wallMs,
      })
      const close = await measure(gh, ws, '2026-10-26T01:00:00Z')
      rows.push({
        groups: count,
        scenario: 'due: close k issues',
        requests: close.requests.length,
        lowerBound: pages(count) + 2 * count,
        wallMs: close.wallMs,
      })
      const open2 = await measure(gh, ws, '2026-10-29T23:30:00Z')
      rows.push({
        groups: count,
        scenario: 'due: open k issues',
        requests: open2.requests.length,
        lowerBound: pages(0) + count,
        wallMs: open2.wallMs,
      })
    } finally {
      await gh.close()
    }
  }
  return rows
}
