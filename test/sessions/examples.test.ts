import { cp } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { loadGroups } from '../../actions/lib/workspace/workspace.js'
import { cli, REPO_ROOT } from '../support/cli.js'
import { OWNER, REPO } from '../support/github.js'
import { workspaceWith } from '../support/workspace.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

/** A repository created from the template a minute ago: the examples exactly as shipped. */
async function freshFromTemplate(): Promise<string> {
  const workspace = await workspaceWith({})
  for (const slug of ['example', 'example-coaching'])
    await cp(path.join(REPO_ROOT, 'groups', slug), path.join(workspace, 'groups', slug), {
      recursive: true,
    })
  return workspace
}

describe('a repository made from the template runs green on day one', () => {
  it('ships both examples marked example: true', async () => {
    const loaded = await loadGroups(REPO_ROOT)
    expect(loaded.groups.map((g) => g.slug)).not.toContain('example')
    expect(loaded.examples).toEqual([
      'groups/example-coaching/group.yml',
      'groups/example/group.yml',
    ])
  })

  it.each([
    ['sessions', '2026-10-23T00:00:00Z'],
    ['commands', '2026-11-04T17:00:00Z'],
  ])(
    'the %s action skips the examples with a notice and opens nothing',
    async (action, now) => {
      // Nobody from the examples is a collaborator of a new repository.
      gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: ['the-organizer'] })
      const workspace = await freshFromTemplate()
      const result = await runAction(action, { gh, workspace, now, eventName: 'schedule' })
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toContain(
        '::notice file=groups/example/group.yml,line=1::groups/example/group.yml: an example (example: true), so the workflows skip it.',
      )
      expect(result.stdout).toContain('::notice file=groups/example-coaching/group.yml,line=1::')
      expect(result.stdout).not.toContain('::error')
      expect(gh.state.issues({ state: 'all' })).toEqual([])
    },
    60_000,
  )

  it('the examples still work for plan, preview and validate', async () => {
    const workspace = await freshFromTemplate()
    expect((await cli(['validate'], workspace)).stdout).toContain(
      '2 group file(s) valid: example-coaching, example',
    )
    expect((await cli(['plan', 'groups/example'], workspace)).code).toBe(0)
    expect(
      (await cli(['preview', 'groups/example-coaching', '--out', 'out'], workspace)).code,
    ).toBe(0)
  })
})
