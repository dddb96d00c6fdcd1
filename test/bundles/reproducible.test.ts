import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { bundleTargets } from '../../scripts/bundles.js'
import { REPO_ROOT } from '../support/cli.js'

const run = promisify(execFile)

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const files = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : [`${prefix}${e.name}`],
    ),
  )
  return files.flat().sort()
}

describe('committed bundles', () => {
  it('are exactly what `npm run package` builds from the sources, file for file', async () => {
    const targets = await bundleTargets(REPO_ROOT)
    expect(targets.length).toBeGreaterThan(1)
    const scratch = await mkdtemp(path.join(tmpdir(), 'skill-share-bundles-'))
    // One ncc build takes seconds of one core: the builds run in a few processes side by side.
    const names = targets.map((t) => path.basename(path.dirname(t.outDir)))
    const processes = Math.min(names.length, Math.max(2, availableParallelism()))
    await Promise.all(
      Array.from({ length: processes }, (_, i) =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/package.ts',
            '--out',
            scratch,
            ...names.filter((_, n) => n % processes === i),
          ],
          { cwd: REPO_ROOT },
        ),
      ),
    )
    const stale: string[] = []
    for (const target of targets) {
      const fresh = path.join(scratch, path.relative(REPO_ROOT, target.outDir))
      const [built, committed] = await Promise.all([listFiles(fresh), listFiles(target.outDir)])
      const where = path.relative(REPO_ROOT, target.outDir)
      for (const file of built.filter((f) => !committed.includes(f)))
        stale.push(`${where}/${file}: missing`)
      for (const file of committed.filter((f) => !built.includes(f)))
        stale.push(`${where}/${file}: extra`)
      for (const file of built.filter((f) => committed.includes(f))) {
        const [a, b] = await Promise.all([
          readFile(path.join(fresh, file)),
          readFile(path.join(target.outDir, file)),
        ])
        if (!a.equals(b)) stale.push(`${where}/${file}: differs`)
      }
    }
    expect(stale, 'run `npm run package` and commit the bundles').toEqual([])
  }, 240_000)

  it('are committed: git sees no modified, missing or untracked file under any dist/', async () => {
    const { stdout } = await run(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--', 'actions/*/dist', 'cli/dist'],
      {
        cwd: REPO_ROOT,
      },
    )
    expect(stdout, 'commit the rebuilt bundles').toBe('')
  })
})
