import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { exists, foldersIn, readText, repositoryRoot } from './repository.js'

// The architecture as `npm run lint` enforces it: each probe is one import in a file that does
// not exist, linted with the repository's own eslint.config.js.
const eslint = new ESLint({ cwd: repositoryRoot })

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1\n`, {
    filePath: join(repositoryRoot, file),
  })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('npm run lint keeps the layers apart', () => {
  it.each([
    ['actions/lib/schedule/probe.ts', "import * as core from '@actions/core'"],
    ['actions/lib/status/probe.ts', "import { Octokit } from '@octokit/rest'"],
    ['actions/lib/pairing/probe.ts', "import { Octokit } from 'octokit'"],
    ['actions/lib/retro/probe.ts', "import { readFileSync } from 'node:fs'"],
    ['actions/lib/forms/probe.ts', "import { readFile } from 'fs/promises'"],
    ['actions/lib/probe-domain/probe.ts', "import { readFile } from 'node:fs/promises'"],
    ['actions/sessions/src/plan-probe.ts', "import * as github from '@actions/github'"],
    ['actions/commands/src/plan.ts', "import { writeFile } from 'fs'"],
  ])('refuses I/O in the pure module %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([
      expect.stringMatching(/Pure logic never (talks to GitHub|touches the file system)/),
    ])
  })

  it.each([
    ['actions/lib/schedule/probe.ts', "import * as core from '../runner/core.js'"],
    ['actions/lib/status/probe.ts', "import { createIssue } from '../github/issues.js'"],
    ['actions/lib/retro/probe.ts', "import { loadGroups } from '../workspace/workspace.js'"],
    ['actions/sessions/src/plan-probe.ts', "import { info } from '../../lib/runner/core.js'"],
  ])('refuses a call into the I/O modules from the pure module %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([
      expect.stringContaining('Pure logic never calls the I/O modules'),
    ])
  })

  it("lets a pure module share the I/O modules' types", async () => {
    expect(
      await restrictedImports(
        'actions/lib/coaching/probe.ts',
        "import type { IssueView } from '../github/repository.js'",
      ),
    ).toEqual([])
  })

  it.each([
    ['actions/lib/github/probe.ts', "import { Octokit } from '@octokit/rest'"],
    ['actions/lib/runner/probe.ts', "import { appendFileSync } from 'node:fs'"],
    ['actions/lib/workspace/probe.ts', "import { readFile } from 'node:fs/promises'"],
    ['actions/sessions/src/main.ts', "import * as core from '../../lib/runner/core.js'"],
  ])('lets the I/O module %s do I/O', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([])
  })

  it.each([
    [
      'cli/src/commands/probe.ts',
      "import { planWeek } from '../../../actions/sessions/src/plan.js'",
    ],
    ['cli/src/probe.ts', "import { run } from '../../actions/binder/src/run.js'"],
    ['actions/commands/src/probe.ts', "import { planWeek } from '../../sessions/src/plan.js'"],
    ['actions/commands/src/plan-probe.ts', "import { planWeek } from '../../sessions/src/plan.js'"],
    ['actions/lib/schedule/probe.ts', "import { planWeek } from '../../sessions/src/plan.js'"],
    ['actions/lib/github/probe.ts', "import { run } from '../../forms/src/run.js'"],
  ])("refuses a reach into an action's src/ from %s", async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([
      expect.stringContaining("An action's src/ is its own"),
    ])
  })

  it.each([
    ['actions/sessions/src/probe.ts', "import { planWeek } from './plan.js'"],
    [
      'actions/sessions/src/probe.ts',
      "import { buildSchedule } from '../../lib/schedule/schedule.js'",
    ],
    ['cli/src/probe.ts', "import { loadGroups } from '../../actions/lib/workspace/workspace.js'"],
    ['cli/src/commands/probe.ts', "import { startGitHub } from '../../../emulator/src/index.js'"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([])
  })
})

/**
 * Environment switches only tests set. A shipped bundle must not read any: whoever sets one on a
 * runner changes what the action does.
 */
const TEST_ONLY_SWITCH = /SKILL_SHARE_(TEST\w*|NOW|RETRY_SCALE|FULL_SIMULATION)\b/g

describe('shipped bundles', () => {
  const bundles = foldersIn('actions')
    .map((folder) => `${folder}/dist/index.js`)
    .filter(exists)

  it('exist', () => {
    expect(bundles.length).toBeGreaterThan(1)
  })

  it.each(bundles)('%s holds no test-only switch', (bundle) => {
    expect([...new Set(readText(bundle).match(TEST_ONLY_SWITCH))]).toEqual([])
  })
})
