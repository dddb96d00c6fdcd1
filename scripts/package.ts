// Rebuilds every committed bundle (`npm run package [name...]`). With `--out <dir>` the bundles go
// to <dir>/<their usual path> instead, leaving the committed ones alone (the reproducibility test).
import path from 'node:path'
import { bundle, bundleTargets } from './bundles.js'

const args = process.argv.slice(2)
const outAt = args.indexOf('--out')
const outRoot = outAt >= 0 ? path.resolve(args[outAt + 1] ?? '') : undefined
const only = outAt >= 0 ? args.filter((_, i) => i !== outAt && i !== outAt + 1) : args
if (outAt >= 0 && !args[outAt + 1]) throw new Error('--out needs a folder, e.g. --out /tmp/bundles')
const root = process.cwd()
for (const target of await bundleTargets(root)) {
  if (only.length && !only.some((name) => target.outDir.includes(`${path.sep}${name}${path.sep}`)))
    continue
  const outDir = outRoot ? path.join(outRoot, path.relative(root, target.outDir)) : target.outDir
  await bundle(target.entry, outDir)
  console.log(`bundled ${path.relative(root, target.outDir)}${outRoot ? ` into ${outDir}` : ''}`)
}
