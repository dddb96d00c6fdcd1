import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'

/**
 * The files that take longest (whole cohorts simulated run by run, every bundle rebuilt). They
 * start first, so that none is left running alone at the end; after a first run vitest's own
 * record of durations orders the rest. A file missing here only starts later.
 */
const LONGEST_FIRST = [
  'test/sessions/simulation.test.ts',
  'test/sessions/convergence.test.ts',
  'test/cli/rehearse.test.ts',
  'test/coaching/simulation.test.ts',
  'test/bundles/reproducible.test.ts',
  'test/commands-action/week.test.ts',
]

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (file: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((name) => file.moduleId.endsWith(name))
      return index < 0 ? LONGEST_FIRST.length : index
    }
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file)
  }
}

export default defineConfig({
  plugins: [
    {
      // The parser's published source maps point to sources it does not ship; load its files
      // without them so vite has nothing to warn about.
      name: 'workflow-parser-without-source-maps',
      async load(id) {
        if (!/[\\/]@actions[\\/]workflow-parser[\\/].*\.js$/.test(id)) return undefined
        const code = await readFile(id, 'utf8')
        return { code: code.replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null }
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most test files spend their time waiting on the action processes they start, so one worker
    // more than there are cores keeps the cores busy (vitest's default is one fewer).
    maxWorkers: availableParallelism() + 1,
    // Files share a worker's loaded modules instead of loading them again each (a third of the
    // CPU time of the unit tests). No test changes module state another file could see.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // GitHub's workflow parser imports its JSON schemas without import attributes, which Node
    // refuses; letting vite transform it (as the bundler does for the CLI) loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
