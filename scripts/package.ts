// Rebuilds every committed bundle (`npm run package [name...]`).
import path from 'node:path'
import { bundle, bundleTargets } from './bundles.js'

const only = process.argv.slice(2)
for (const target of await bundleTargets(process.cwd())) {
  if (only.length && !only.some((name) => target.outDir.includes(`${path.sep}${name}${path.sep}`)))
    continue
  await bundle(target.entry, target.outDir)
  console.log(`bundled ${path.relative(process.cwd(), target.outDir)}`)
}
