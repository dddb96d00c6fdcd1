// Rebuilds every committed bundle (`npm run package [name...]`). With `--out <dir>` the bundles go
// to <dir>/<their usual path> instead, leaving the committed ones alone (the reproducibility test).
// A full rebuild in place also records its inputs and outputs in scripts/bundles.manifest.json,
// which lets the reproducibility test skip the build while neither has changed.
import path from 'node:path'
import { bundle, bundleTargets, MANIFEST, writeManifest } from './bundles.js'

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
if (!outRoot && only.length === 0) {
  await writeManifest(root)
  console.log(`recorded ${MANIFEST}`)
}
