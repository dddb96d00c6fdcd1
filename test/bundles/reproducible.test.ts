import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { bundleTargets, currentManifest, MANIFEST, readManifest } from '../../scripts/bundles.js'
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

/**
 * Builds every bundle into a scratch folder and lists what differs from the committed ones.
 * Seven ncc builds take about 50 s of CPU.
 */
async function staleBundles(): Promise<string[]> {
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
  return stale
}

describe('committed bundles', () => {
  // `npm run package` records a hash of every input of the build (the sources, the lockfile that
  // pins each package, the build script) and of every file it wrote. While both still match, the
  // bundles on disk are the ones that build made from these very inputs, and rebuilding them would
  // only repeat it; when either differs, every bundle is rebuilt and compared file for file.
  // SKILL_SHARE_REBUILD_BUNDLES=1 always rebuilds (CI runs it after `npm test`).
  it('are exactly what `npm run package` builds from the sources, file for file', async () => {
    const [recorded, current] = await Promise.all([
      readManifest(REPO_ROOT),
      currentManifest(REPO_ROOT),
    ])
    const recordedMatches =
      recorded !== undefined && JSON.stringify(recorded) === JSON.stringify(current)
    if (recordedMatches && process.env['SKILL_SHARE_REBUILD_BUNDLES'] !== '1') return
    expect(await staleBundles(), 'run `npm run package` and commit the bundles').toEqual([])
    expect(
      recordedMatches,
      `the bundles are current but ${MANIFEST} is not: run \`npm run package\` and commit it`,
    ).toBe(true)
  }, 240_000)

  it('are committed: git sees no modified, missing or untracked file under any dist/', async () => {
    const { stdout } = await run(
      'git',
      // A glob pathspec: a plain `actions/*/dist` matches no file below those folders.
      [
        'status',
        '--porcelain',
        '--untracked-files=all',
        '--',
        ':(glob)actions/*/dist/**',
        'cli/dist',
      ],
      {
        cwd: REPO_ROOT,
      },
    )
    expect(stdout, 'commit the rebuilt bundles').toBe('')
  })
})

describe('the bundle manifest', () => {
  async function tree(files: Record<string, string>) {
    const root = await mkdtemp(path.join(tmpdir(), 'skill-share-manifest-'))
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await writeFile(path.join(root, file), text)
    }
    return root
  }
  const BASE = {
    'package.json': '{}',
    'package-lock.json': '{"lockfileVersion":3}',
    'actions/sessions/src/index.ts': 'run()',
    'actions/lib/schedule/time.ts': 'export const a = 1',
    'actions/sessions/dist/index.js': 'bundle',
    'cli/src/index.ts': 'main()',
    'cli/dist/index.js': 'cli bundle',
    'emulator/src/index.ts': 'serve()',
    'docs/guide.md': 'not an input',
  }

  it('changes its input hash with any source, the lockfile or the build script, and nothing else', async () => {
    const root = await tree(BASE)
    try {
      const before = await currentManifest(root)
      expect(Object.keys(before.outputs)).toEqual([
        'actions/sessions/dist/index.js',
        'cli/dist/index.js',
      ])
      for (const [file, text] of [
        ['actions/lib/schedule/time.ts', 'export const a = 2'],
        ['emulator/src/new-route.ts', 'export {}'],
        ['package-lock.json', '{"lockfileVersion":3,"packages":{}}'],
        ['scripts/bundles.ts', 'changed'],
      ] as const) {
        const changed = await tree({ ...BASE, [file]: text })
        expect((await currentManifest(changed)).inputs, file).not.toBe(before.inputs)
        await rm(changed, { recursive: true, force: true })
      }
      const same = await tree({
        ...BASE,
        'docs/guide.md': 'edited',
        'actions/sessions/dist/index.js': 'edited bundle',
        'actions/node_modules/x/index.js': 'installed',
      })
      const after = await currentManifest(same)
      expect(after.inputs).toBe(before.inputs)
      // A bundle edited by hand shows in the outputs.
      expect(after.outputs['actions/sessions/dist/index.js']).not.toBe(
        before.outputs['actions/sessions/dist/index.js'],
      )
      await rm(same, { recursive: true, force: true })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
