import type { Problem } from '../../actions/lib/group-file/problems.js'

export const EXIT_OK = 0
export const EXIT_INVALID = 1
export const EXIT_USAGE = 2

/** Wrong arguments: printed as one line plus the usage, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Invalid input files: every problem is printed, exit 1, nothing written. */
export class InvalidFilesError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem(s)`)
    this.name = 'InvalidFilesError'
  }
}
