/**
 * Something a member can fix in their submission, said kindly and specifically. Messages never
 * quote the member's answers, so they are safe to log and to post back on the issue.
 */
export interface FormProblem {
  /** The form field id, e.g. `work-score`; empty when the problem is about the whole issue. */
  field: string
  message: string
}

const NUMBER_WORDS = [
  'none',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
]

/** `0` → `none`, `3` → `three`: counts read better as words in a sentence. */
export function countWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count)
}

/** A bulleted Markdown list for a comment on the issue. */
export function formatFormProblems(problems: readonly FormProblem[]): string {
  return problems.map((problem) => `- ${problem.message}`).join('\n')
}
