import { readFile } from 'node:fs/promises'
import { defineConfig } from 'vitest/config'

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
    // GitHub's workflow parser imports its JSON schemas without import attributes, which Node
    // refuses; letting vite transform it (as the bundler does for the CLI) loads them.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
