import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { explainForbidden, forbiddenKind } from '../../actions/lib/github/forbidden.js'
import {
  comment,
  commentEventPayload,
  exampleWorkspace,
  expectOk,
  groupFiles,
  openSessions,
  ownComments,
  runWithPayload,
  sessionIssue,
} from '../commands-action/helpers.js'
import { REPO_ROOT } from '../support/cli.js'
import { OWNER, REPO } from '../support/github.js'
import { asOwnGroup, EXAMPLE_MEMBERS } from '../support/workspace.js'

const FILE = 'groups/example/group.yml'
const EXAMPLE = asOwnGroup(readFileSync(path.join(REPO_ROOT, FILE), 'utf8'))
const NOW = '2026-12-07T02:00:00Z'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

async function commentAndRun(
  gh: GitHubEmulator,
  workspace: string,
  login: string,
  issue: number,
  body: string,
) {
  gh.clock.set(NOW)
  const id = await comment(gh, login, issue, body)
  return expectOk(
    await runWithPayload(gh, workspace, commentEventPayload(gh, { action: 'created', id }), NOW),
  )
}

describe('"Allow GitHub Actions to create and approve pull requests" off', () => {
  it('explains on the decision issue what to change, and applies the decision once it is on', async () => {
    gh = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: true,
      users: EXAMPLE_MEMBERS,
      actionsCanCreatePullRequests: false,
      now: '2026-12-01T00:00:00Z',
    })
    gh.setFile(FILE, EXAMPLE)
    const workspace = await exampleWorkspace()
    await openSessions(gh, workspace, '2026-12-04T12:00:00Z')
    const closing = sessionIssue(gh, 6)
    for (const [login, vote] of [
      ['bkowalski', 'biweekly'],
      ['jmartin', 'biweekly'],
      ['grace-o', 'monthly'],
      ['mei-chen', 'biweekly'],
      ['tomvdb', 'stop'],
    ] as const)
      await commentAndRun(gh, workspace, login, closing, `/continue ${vote}`)
    const confirm = await commentAndRun(gh, workspace, 'priya-n', closing, '/continue confirm')
    const changes = confirm.outputs['group-changes'] ?? ''
    expect(changes).toBe(`example/continue#${closing}`)

    // The pull-request job: GitHub refuses, the run does not fail, the issue says what to do.
    const refused = expectOk(await groupFiles(gh, workspace, changes, NOW))
    expect(gh.state.pulls()).toEqual([])
    const [explained, ...more] = ownComments(gh, closing, 'pull-refused')
    expect(more).toEqual([])
    expect(explained?.body).toContain('**not applied yet**')
    expect(explained?.body).toContain(
      'Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"',
    )
    expect(explained?.body).toContain('comment on this issue once more')
    expect(refused.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('does not allow GitHub Actions to create pull requests'),
      }),
    )
    expect(refused.summary).toContain('waiting: GitHub Actions may not open pull requests here')

    // Run again before anyone acts: the decision is still pending, and said only once.
    expectOk(await groupFiles(gh, workspace, changes, NOW))
    expect(ownComments(gh, closing, 'pull-refused')).toHaveLength(1)
    expect(gh.state.pulls()).toEqual([])

    // An admin turns the setting on; the next comment on the issue brings the pull request.
    gh.setActionsCanCreatePullRequests(true)
    const again = await commentAndRun(gh, workspace, 'priya-n', closing, 'Turned it on.')
    expect(again.outputs['group-changes']).toBe(`example/continue#${closing}`)
    const job = expectOk(await groupFiles(gh, workspace, again.outputs['group-changes'] ?? '', NOW))
    const [pull] = gh.state.pulls()
    expect(job.outputs['pull-requests']).toBe(String(pull?.number))
    expect(gh.state.file(FILE, pull?.head.ref)).toContain('\nthen: biweekly\n')
  }, 120_000)
})

describe('403s, told apart by what GitHub says', () => {
  const forbidden = (message: string, headers: Record<string, string> = {}, status = 403) =>
    Object.assign(new Error(message), { status, response: { data: { message }, headers } })

  it('names the pull-request setting, a rate limit and missing permissions each in its own words', () => {
    const setting = forbidden('GitHub Actions is not permitted to create or approve pull requests.')
    const secondary = forbidden(
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      { 'retry-after': '60' },
    )
    const primary = forbidden('API rate limit exceeded for installation ID 1.', {
      'x-ratelimit-remaining': '0',
    })
    const permissions = forbidden('Resource not accessible by integration')
    expect([setting, secondary, primary, permissions].map(forbiddenKind)).toEqual([
      'pull-request-setting',
      'rate-limit',
      'rate-limit',
      'permissions',
    ])
    expect(forbiddenKind(forbidden('Not Found', {}, 404))).toBeUndefined()
    expect(explainForbidden(setting, 'open a pull request')).toContain(
      'Settings → Actions → General',
    )
    expect(explainForbidden(primary, 'open a pull request')).toContain("GitHub's rate limit")
    expect(explainForbidden(permissions, 'open a pull request')).toContain(
      'The token may not open a pull request ("Resource not accessible by integration")',
    )
    expect(explainForbidden(permissions, 'open a pull request')).not.toContain('Settings')
  })
})
