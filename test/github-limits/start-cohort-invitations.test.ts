import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { checkout, dispatch, FACILITATORS, MEMBERS, NOW } from '../start-cohort/helpers.js'

/*
 * The README's order on a repository made a minute ago: "Start a cohort" first, invitations
 * around the same time. Members who have not accepted yet do not stop it; the checklist shows
 * them as invited, and the scheduled run assigns them their issues once they accept.
 */

const PENDING = 'grace-o'
const FILE = 'groups/fall-2026/group.yml'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

const intentionOf = (gh: GitHubEmulator, login: string) =>
  gh.state
    .issues({ state: 'all' })
    .find((i) => i.body?.includes(`<!-- skill-share:intention group=fall-2026 member=${login} -->`))

describe('Start a cohort with an invitation not accepted yet', () => {
  it('goes ahead, lists who has not accepted, and a later run assigns them once they do', async () => {
    gh = await startGitHub({
      repo: 'acme/circle',
      private: true,
      now: NOW,
      users: [
        { login: 'acme-lead', role: 'owner' },
        ...[...FACILITATORS, ...MEMBERS].map((login) =>
          login === PENDING ? { login, role: 'invited' as const } : { login },
        ),
      ],
    })
    const started = await dispatch(gh, { mode: 'commit' })
    expect(started.exitCode).toBe(0)
    expect(started.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining(`@${PENDING} has no access to the repository yet`),
      }),
    )
    expect(started.summary).toContain(`@${PENDING} not assigned yet`)

    const waiting = intentionOf(gh, PENDING)
    expect(waiting?.assignees ?? []).toEqual([])
    expect(waiting?.body).toContain(`@${PENDING} will be assigned here once they accept`)
    expect(intentionOf(gh, 'jmartin')?.assignees?.map((a) => a.login)).toEqual(['jmartin'])
    const checklist = gh.state
      .issues({ state: 'all' })
      .find((i) => i.body?.includes('<!-- skill-share:kickoff group=fall-2026 -->'))
    expect(checklist?.body).toContain('### Candidates')
    expect(checklist?.body).toContain(`| @${PENDING} | invited |`)
    expect(checklist?.body).toContain(
      '- **invited**: in the group file, without access to this repository yet.',
    )
    expect(checklist?.assignees?.map((a) => a.login)).toEqual([FACILITATORS[0]])

    // The hourly run, with the group file the cohort committed.
    const workspace = await checkout()
    await mkdir(path.join(workspace, 'groups/fall-2026'), { recursive: true })
    await writeFile(path.join(workspace, FILE), gh.state.file(FILE) ?? '')
    const sweep = (now: string) =>
      runAction('commands', { gh: gh!, workspace, now, eventName: 'schedule' })

    const before = await sweep('2026-10-01T13:00:00Z')
    expect(before.exitCode).toBe(0)
    expect(before.summary).toContain(`@${PENDING} not assigned yet`)
    expect(gh.state.issue(waiting!.number)?.assignees ?? []).toEqual([])

    gh.acceptInvitation(PENDING)
    const after = await sweep('2026-10-01T14:00:00Z')
    expect(after.exitCode).toBe(0)
    const assigned = gh.state.issue(waiting!.number)
    expect(assigned?.assignees?.map((a) => a.login)).toEqual([PENDING])
    expect(assigned?.body).not.toContain('will be assigned here')
    expect(after.summary).toContain(`@${PENDING} assigned now`)

    const quiet = await sweep('2026-10-01T15:00:00Z')
    expect(quiet.requests.filter((r) => r.method !== 'GET')).toEqual([])
    // With GITHUB_TOKEN nothing needs the token's identity: no lookup is spent on it.
    expect(gh.requests.filter((r) => r.path === '/graphql')).toEqual([])
  }, 120_000)
})
