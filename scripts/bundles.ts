// The committed bundles: actions/<name>/dist and cli/dist, one ncc build each.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import ncc from '@vercel/ncc'

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
