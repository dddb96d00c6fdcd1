import * as core from './core.js'
import { formatProblem, type Problem } from '../group-file/problems.js'
import { exampleNotice } from '../workspace/workspace.js'

/**
 * Group-file problems as workflow annotations, so GitHub shows them on the file and line. Actions
 * that run on every issue event pass `errorsOnly`, so a group's standing warnings (a small roster,
 * say) are not repeated on each of their runs.
 */
export function annotateProblems(
  problems: readonly Problem[],
  options: { errorsOnly?: boolean } = {},
): void {
  for (const problem of problems) {
    if (options.errorsOnly && problem.severity !== 'error') continue
    const annotate = problem.severity === 'error' ? core.error : core.warning
    annotate(formatProblem(problem), {
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.col,
    })
  }
}

/** The template's example groups, which the workflows skip: one notice each, on the file. */
export function noticeExamples(files: readonly string[]): void {
  for (const file of files) core.notice(exampleNotice(file), { file, startLine: 1 })
}
