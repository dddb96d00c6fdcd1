import path from 'node:path'
import { formatProblem } from '../../actions/lib/group-file/problems.js'
import * as binderCommand from './commands/binder.js'
import * as calendarCommand from './commands/calendar.js'
import * as cronCommand from './commands/cron.js'
import * as initCommand from './commands/init.js'
import * as matchCommand from './commands/match.js'
import * as pairsCommand from './commands/pairs.js'
import * as planCommand from './commands/plan.js'
import * as previewCommand from './commands/preview.js'
import * as rehearseCommand from './commands/rehearse.js'
import * as retroCommand from './commands/retro.js'
import * as validateCommand from './commands/validate.js'
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidFilesError, UsageError } from './errors.js'
import type { Io } from './io.js'

interface Command {
  usage: string
  summary: string
  run(args: string[], io: Io): Promise<number>
}

const COMMANDS: Record<string, Command> = {
  init: {
    usage: initCommand.usage,
    summary: 'write a new group file from flags or questions',
    run: (args, io) => initCommand.init(args, io),
  },
  validate: {
    usage: validateCommand.usage,
    summary: 'check every group file',
    run: validateCommand.validate,
  },
  plan: { usage: planCommand.usage, summary: 'print the schedule', run: planCommand.plan },
  calendar: {
    usage: calendarCommand.usage,
    summary: 'export the schedule as iCalendar',
    run: calendarCommand.calendar,
  },
  cron: {
    usage: cronCommand.usage,
    summary: "print or write the scheduled workflow's cron lines for the groups' due moments",
    run: cronCommand.cron,
  },
  pairs: {
    usage: pairsCommand.usage,
    summary: 'print the accountability buddies of a week',
    run: pairsCommand.pairs,
  },
  preview: {
    usage: previewCommand.usage,
    summary: 'render every issue of the cohort to files',
    run: previewCommand.preview,
  },
  retro: {
    usage: retroCommand.usage,
    summary: 'compile the anonymized retrospective from the notes files',
    run: retroCommand.retro,
  },
  rehearse: {
    usage: rehearseCommand.usage,
    summary: 'play the cohort on a local GitHub with the real actions',
    run: rehearseCommand.rehearseCommand,
  },
  match: {
    usage: matchCommand.usage,
    summary: 'propose coaching pairs from exported sign-up issues',
    run: matchCommand.match,
  },
  binder: {
    usage: binderCommand.usage,
    summary: "compile one member's own submissions into a markdown binder",
    run: binderCommand.binder,
  },
}

export function usageText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(72)} ${c.summary}`)
  return ['usage:', ...lines, '', 'exit codes: 0 ok, 1 invalid input, 2 usage'].join('\n')
}

/** Runs one CLI invocation and returns its exit code; never lets a stack trace reach the user. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usageText())
    return name ? EXIT_OK : EXIT_USAGE
  }
  const command = COMMANDS[name]
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`)
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`usage: ${command.usage}`)
      return EXIT_OK
    }
    return await command.run(args, io)
  } catch (e) {
    return report(e, io, command)
  }
}

function report(e: unknown, io: Io, command: Command | undefined): number {
  if (e instanceof UsageError) {
    io.err(`skill-share: ${e.message}`)
    io.err(command ? `usage: ${command.usage}` : usageText())
    return EXIT_USAGE
  }
  if (e instanceof InvalidFilesError) {
    for (const problem of e.problems) io.err(formatProblem(problem))
    return EXIT_INVALID
  }
  io.err(
    `skill-share: ${systemErrorMessage(e, io) ?? (e instanceof Error ? e.message : String(e))}`,
  )
  return EXIT_INVALID
}

/** What a file-system error means, in words, for the few a user can cause by a path they typed. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, where a file is expected',
  ENOTDIR: 'a part of this path is a file, where a folder is expected',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EEXIST: 'already exists',
}

function systemErrorMessage(e: unknown, io: Io): string | undefined {
  const error = e as NodeJS.ErrnoException
  const meaning = error?.code ? SYSTEM_ERRORS[error.code] : undefined
  if (!meaning) return undefined
  const where = error.path ? path.relative(io.cwd, error.path) || '.' : undefined
  return where ? `${where}: ${meaning}` : meaning
}
