import { parseArgs, type ParseArgsConfig } from 'node:util'
import { DateTime } from 'luxon'
import { UsageError } from './errors.js'

type Options = NonNullable<ParseArgsConfig['options']>

/** node:util parseArgs with our error style: an unknown flag is a one-line usage error. */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(
      e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e),
      command,
    )
  }
}

export function requireDate(
  value: string | undefined,
  flag: string,
  command: string,
): string | undefined {
  if (value === undefined) return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD)`, command)
  // Date.parse rolls 2026-02-30 over to 2 March; luxon refuses it, as the group file does.
  if (!DateTime.fromISO(value, { zone: 'utc' }).isValid)
    throw new UsageError(`${flag}: "${value}" is not a real calendar date`, command)
  return value
}

export function requireInstant(
  value: string | undefined,
  flag: string,
  command: string,
): Date | undefined {
  if (value === undefined) return undefined
  const at = new Date(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime()))
    throw new UsageError(
      `${flag}: "${value}" is not an ISO-8601 moment, e.g. 2026-10-29T23:00:00Z`,
      command,
    )
  if (!DateTime.fromISO(value, { setZone: true }).isValid)
    throw new UsageError(
      `${flag}: "${value}" is not a real moment (no such day or time), e.g. 2026-10-29T23:00:00Z`,
      command,
    )
  return at
}

/** `--repo OWNER/NAME`, checked; undefined when not given. */
export function requireRepository(value: string | undefined, command: string): string | undefined {
  if (value === undefined) return undefined
  if (!/^[\w.-]+\/[\w.-]+$/.test(value))
    throw new UsageError(`--repo: "${value}" is not OWNER/NAME`, command)
  return value
}

export function onePositional(positionals: string[], what: string, command: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? `missing ${what}` : `unexpected argument "${positionals[1]}"`,
      command,
    )
  }
  return positionals[0] as string
}
