import * as core from '@actions/core'
import { formatProblem, type Problem } from '../group-file/problems.js'

/** Group-file problems as workflow annotations, so GitHub shows them on the file and line. */
export function annotateProblems(problems: readonly Problem[]): void {
  for (const problem of problems) {
    const annotate = problem.severity === 'error' ? core.error : core.warning
    annotate(formatProblem(problem), {
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.col,
    })
  }
}
