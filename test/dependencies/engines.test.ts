import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/cli.js'

// semver comes with the toolchain (eslint, vite); it has no types here, so the one call is typed.
const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, superset: string): boolean
}

interface Lock {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>
}

describe('package.json engines', () => {
  it('declares only Node versions every installed package supports, so npm ci never warns EBADENGINE', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string }
    }
    const lock = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8'),
    ) as Lock
    const narrower = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional)
      .flatMap(([name, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node
        return node && !semver.subset(pkg.engines.node, node) ? [`${name} needs ${node}`] : []
      })
    expect(narrower).toEqual([])
  })
})
