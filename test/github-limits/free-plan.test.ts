import { afterEach, describe, expect, it } from 'vitest'
import {
  runAction,
  startGitHub,
  type ActionRunResult,
  type AssigneeMode,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import { OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

/*
 * The most common setup, tried as a new group would: a Free-plan private repository (one assignee
 * per issue, whichever way the API enforces it) and one member whose collaborator invitation is
 * still pending. The cohort plays through session, buddy and coaching issues with no failed run;
 * once the member accepts, the next run assigns them.
 */

const SESSION = /<!-- skill-share:session group=example n=(\d+)/
const PAIR =
  /<!-- skill-share:check-in group=example week=(\d+) pair=(\d+) of=\d+ buddies=([a-z0-9.-]+)/
const CONVERSATION = /<!-- skill-share:conversation group=example-coaching /

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

async function repository(assigneeMode: AssigneeMode, pending: string): Promise<GitHubEmulator> {
  gh = await startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    plan: 'free',
    assigneeMode,
    users: EXAMPLE_MEMBERS.map((login) =>
      login === pending ? { login, role: 'invited' as const } : login,
    ),
    now: '2026-10-20T00:00:00Z',
  })
  return gh
}

function ok(name: string, run: ActionRunResult): ActionRunResult {
  if (run.exitCode !== 0) throw new Error(`${name} failed:\n${run.stdout}\n${run.stderr}`)
  return run
}

const sessions = async (gh: GitHubEmulator, workspace: string, now: string) =>
  ok('sessions', await runAction('sessions', { gh, workspace, now, eventName: 'schedule' }))
const sweep = async (gh: GitHubEmulator, workspace: string, now: string) =>
  ok('commands', await runAction('commands', { gh, workspace, now, eventName: 'schedule' }))

const assigneesOf = (issue: { assignees?: Array<{ login: string }> | null }) =>
  (issue.assignees ?? []).map((a) => a.login)

function sessionIssues(gh: GitHubEmulator) {
  return gh.state
    .issues({ state: 'all' })
    .flatMap((i) => {
      const n = SESSION.exec(i.body ?? '')?.[1]
      return n ? [{ n: Number(n), issue: i }] : []
    })
    .sort((a, b) => a.n - b.n)
}

function pairIssues(gh: GitHubEmulator, week: number) {
  return gh.state.issues({ state: 'all' }).flatMap((issue) => {
    const found = PAIR.exec(issue.body ?? '')
    if (!found || Number(found[1]) !== week) return []
    return [{ issue, buddies: (found[3] ?? '').split('.') }]
  })
}

function conversations(gh: GitHubEmulator) {
  return gh.state.issues({ state: 'all' }).filter((i) => CONVERSATION.test(i.body ?? ''))
}

/** Every member in exactly one pair of the week, and each pair issue assigned to at most one buddy. */
function expectPairsIntact(gh: GitHubEmulator, week: number, pending: string) {
  const pairs = pairIssues(gh, week)
  expect(pairs.length).toBeGreaterThanOrEqual(3)
  expect(pairs.flatMap((p) => p.buddies).sort()).toEqual([...EXAMPLE_MEMBERS].sort())
  for (const { issue, buddies } of pairs) {
    expect(issue.user?.login).toBe('github-actions[bot]')
    const assigned = assigneesOf(issue)
    expect(assigned.length).toBeLessThanOrEqual(1)
    if (buddies[0] === pending) {
      expect(assigned).toEqual([])
      expect(issue.body).toContain(`@${pending} will be assigned here once they accept`)
    } else expect(assigned).toEqual([buddies[0]])
    for (const login of buddies) expect(issue.body).toContain(`@${login}`)
  }
  return pairs
}

/*
 * Two variants of GitHub's undocumented answer to a second assignee, each with a different member
 * pending: the facilitator of week 1 who also coaches (session and conversation issues wait for
 * them), and a member drawn first in their buddy pairs (pair issues wait for them).
 */
describe.each<[AssigneeMode, string]>([
  ['refuse', 'octo-ana'],
  ['first', 'bkowalski'],
])('a Free-plan private repository (%s a second assignee) with @%s invited', (mode, pending) => {
  it('plays sessions, buddies and coaching with no failed run, and assigns the member once they accept', async () => {
    const gh = await repository(mode, pending)
    const workspace = await workspaceWith({
      example: { from: 'groups/example' },
      'example-coaching': { from: 'groups/example-coaching' },
    })
    const facilitates = pending === 'octo-ana'

    // Week 1 opens: a facilitator who has not accepted yet is named, not assigned.
    const first = await sessions(gh, workspace, '2026-10-22T23:30:00Z')
    const [week1] = sessionIssues(gh)
    expect(week1?.n).toBe(1)
    expect(week1!.issue.body).toContain('**Facilitator:** @octo-ana')
    if (facilitates) {
      expect(assigneesOf(week1!.issue)).toEqual([])
      expect(week1!.issue.body).toContain(`@${pending} will be assigned here once they accept`)
      expect(first.annotations).toContainEqual(
        expect.objectContaining({
          level: 'warning',
          message: expect.stringContaining(
            `@${pending} not assigned yet: GitHub would not assign them`,
          ),
        }),
      )
      expect(first.summary).toContain(`@${pending}`)
      expect(first.summary).toContain('an invitation counts once it is accepted')
    } else expect(assigneesOf(week1!.issue)).toEqual(['octo-ana'])

    // Buddies after the first meeting: every pair opens, with its members in the marker.
    const buddies1 = await sweep(gh, workspace, '2026-10-26T02:00:00Z')
    const week1Pairs = expectPairsIntact(gh, 1, pending)
    if (!facilitates) {
      expect(week1Pairs.some((p) => p.buddies[0] === pending)).toBe(true)
      expect(buddies1.summary).toContain(`@${pending} not assigned yet`)
    }

    // Week 2 (another facilitator) opens assigned; week 1 closes.
    await sessions(gh, workspace, '2026-10-29T23:30:00Z')
    const [closed, week2] = sessionIssues(gh)
    expect(closed?.issue.state).toBe('closed')
    expect(assigneesOf(week2!.issue)).toEqual(['priya-n'])
    expect(week2!.issue.body).toContain('**Co-facilitator:**')

    // Coaching: each conversation is assigned to its coach, or waits for them.
    await sessions(gh, workspace, '2026-11-01T18:00:00Z')
    const anas = conversations(gh).filter((i) => i.body?.includes('@octo-ana coaches'))
    expect(anas).toHaveLength(1)
    expect(assigneesOf(anas[0]!)).toEqual(facilitates ? [] : ['octo-ana'])

    // Week 2's buddies.
    await sweep(gh, workspace, '2026-11-02T02:00:00Z')
    const week2Pairs = expectPairsIntact(gh, 2, pending)
    expect(pairIssues(gh, 1).every((p) => p.issue.state === 'closed')).toBe(true)

    // They accept: the next runs assign them where they were left out, and drop the note.
    gh.acceptInvitation(pending)
    await sessions(gh, workspace, '2026-11-02T03:00:00Z')
    const conversation = gh.state.issue(anas[0]!.number)
    expect(assigneesOf(conversation!)).toEqual(['octo-ana'])
    expect(conversation!.body).not.toContain('will be assigned here')
    await sweep(gh, workspace, '2026-11-02T04:00:00Z')
    for (const { issue, buddies } of week2Pairs) {
      const now = gh.state.issue(issue.number)!
      expect(assigneesOf(now)).toEqual([buddies[0]])
      expect(now.body).not.toContain('will be assigned here')
    }

    // Nothing opened twice, nothing failed.
    expect(sessionIssues(gh).map((s) => s.n)).toEqual([1, 2])
    expect(gh.errors).toEqual([])
  }, 120_000)
})
