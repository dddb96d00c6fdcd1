import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { REPO_ROOT } from '../support/cli.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
})

describe('a public repository', () => {
  it('is refused by the sessions action with a clear error and zero writes', async () => {
    gh = await startGitHub({ repo: 'acme/circle', private: false, users: EXAMPLE_MEMBERS })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    const result = await runAction('sessions', {
      gh,
      workspace,
      now: '2026-10-23T00:00:00Z',
      eventName: 'schedule',
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain(
      'refusing to post group "example" into a public repository: make the repository private',
    )
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(gh.state.issues()).toEqual([])
  })

  it('is used when the group file says public: true', async () => {
    gh = await startGitHub({ repo: 'acme/circle', private: false, users: EXAMPLE_MEMBERS })
    const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
    const workspace = await workspaceWith({
      example: example.replace('public: false', 'public: true'),
    })
    const result = await runAction('sessions', {
      gh,
      workspace,
      now: '2026-10-23T00:00:00Z',
      eventName: 'schedule',
    })
    expect(result.exitCode).toBe(0)
    expect(gh.state.issues().map((i) => i.title)).toEqual(['Week 1 · Kickoff · Sun 25 Oct'])
  })
})
