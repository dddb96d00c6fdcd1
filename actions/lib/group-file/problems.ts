export type Severity = 'error' | 'warning'

/** One thing wrong with an input file, located so an editor can jump to it. */
export interface Problem {
  file: string
  line: number
  col: number
  /** The field as a path, e.g. `members[2].github`; empty for the whole file. */
  field: string
  message: string
  severity: Severity
}

export type FieldPath = ReadonlyArray<string | number>

export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    return out ? `${out}.${key}` : key
  }, '')
}

/** `groups/fall/group.yml:14:7: members[2].github: "bob smith" is not a valid GitHub login` */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.col}`
  const prefix = problem.severity === 'warning' ? 'warning: ' : ''
  const field = problem.field ? `${problem.field}: ` : ''
  return `${where}: ${prefix}${field}${problem.message}`
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}

/** Raised when input is invalid; carries every problem so the user can fix them in one pass. */
export class InvalidInputError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'InvalidInputError'
  }
}
