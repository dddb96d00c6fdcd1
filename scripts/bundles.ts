// The committed bundles: actions/<name>/dist and cli/dist, one ncc build each.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import ncc from '@vercel/ncc'
import { glob } from 'tinyglobby'

export async function bundle(entry: string, outDir: string): Promise<void> {
  // Type checking is `npm run typecheck`'s job; the bundler only transpiles.
  const { code, assets } = await ncc(path.resolve(entry), {
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2022',
    license: 'licenses.txt',
    transpileOnly: true,
    // A build always starts from scratch: writing webpack's cache costs CPU and leaves files in
    // the temporary folder, and a cached build is no faster here.
    cache: false,
  })
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  await writeFile(path.join(outDir, 'index.js'), code)
  for (const [name, asset] of Object.entries(assets)) {
    if (name === 'package.json') continue
    await mkdir(path.dirname(path.join(outDir, name)), { recursive: true })
    await writeFile(path.join(outDir, name), asset.source)
  }
  await writeFile(
    path.join(outDir, 'package.json'),
    `${JSON.stringify({ type: 'module' }, null, 2)}\n`,
  )
}

export async function bundleTargets(
  root: string,
): Promise<Array<{ entry: string; outDir: string }>> {
  const actions = (await readdir(path.join(root, 'actions'), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(path.join(root, 'actions', d.name, 'action.yml')))
    .map((d) => d.name)
    .sort()
  return [
    ...actions.map((name) => ({
      entry: path.join(root, 'actions', name, 'src', 'index.ts'),
      outDir: path.join(root, 'actions', name, 'dist'),
    })),
    { entry: path.join(root, 'cli', 'src', 'index.ts'), outDir: path.join(root, 'cli', 'dist') },
  ]
}

/**
 * Everything a build reads besides the installed packages, which package-lock.json pins (npm ci
 * checks each one's integrity): every source the bundles import (the CLI bundles the emulator),
 * the manifests and this build script. Over-inclusive on purpose: a change here only costs a
 * rebuild.
 */
const INPUTS = [
  'actions/**',
  'cli/**',
  'emulator/**',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/bundles.ts',
  'scripts/package.ts',
  'scripts/ncc.d.ts',
]
const NOT_INPUTS = ['actions/*/dist/**', 'cli/dist/**', '**/node_modules/**']

/** Where `npm run package` records what it built from and what it wrote. */
export const MANIFEST = 'scripts/bundles.manifest.json'

export interface BundleManifest {
  /** One SHA-256 over every input file's path and content. */
  inputs: string
  /** SHA-256 of each file written under a dist/ folder, by path. */
  outputs: Record<string, string>
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

async function hashFiles(root: string, files: readonly string[]): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {}
  for (const file of [...files].sort()) {
    hashes[file] = sha256(await readFile(path.join(root, file)))
  }
  return hashes
}

/** The manifest the bundles now on disk and the sources now on disk would have. */
export async function currentManifest(root: string): Promise<BundleManifest> {
  const inputs = await glob(INPUTS, { cwd: root, ignore: NOT_INPUTS, dot: true })
  const inputHashes = await hashFiles(root, inputs)
  const outputs = await glob(['actions/*/dist/**', 'cli/dist/**'], { cwd: root, dot: true })
  return {
    inputs: sha256(
      Object.entries(inputHashes)
        .map(([file, hash]) => `${file} ${hash}\n`)
        .join(''),
    ),
    outputs: await hashFiles(root, outputs),
  }
}

export async function writeManifest(root: string): Promise<void> {
  const manifest = await currentManifest(root)
  await writeFile(path.join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
}

export async function readManifest(root: string): Promise<BundleManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(root, MANIFEST), 'utf8')) as BundleManifest
  } catch {
    return undefined
  }
}
