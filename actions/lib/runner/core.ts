import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { appendFile, writeFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/**
 * The part of the runner's protocol the actions speak: inputs from the environment, outputs and
 * exported variables through the runner's files, annotations and the job summary. It keeps the
 * names and behaviour of `@actions/core`'s functions of the same name, as GitHub documents the
 * protocol ("Workflow commands for GitHub Actions"). `@actions/core` itself is not used because its
 * OIDC client brings undici into every bundle: about a third of a bundle, loaded and compiled at
 * every job start and never called.
 */

/** Where an annotation points; the runner shows it on that file and line. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

export interface InputOptions {
  /** Throw when the input is empty or not set. */
  required?: boolean
  /** Trim surrounding whitespace (the default). */
  trimWhitespace?: boolean
}

/** The runner's name for an input's variable: `INPUT_` and the name upper-cased, spaces as `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export function getInput(name: string, options: InputOptions = {}): string {
  const value = process.env[inputVariable(name)] ?? ''
  if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options.trimWhitespace === false ? value : value.trim()
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** A boolean input, read as YAML 1.2's core schema reads one; anything else is refused. */
export function getBooleanInput(name: string, options: InputOptions = {}): boolean {
  const value = getInput(name, options)
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      'Support boolean input list: `true | True | TRUE | false | False | FALSE`',
  )
}

/** A step output. */
export function setOutput(name: string, value: unknown): void {
  if (!writeKeyValue('GITHUB_OUTPUT', name, value)) {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, toCommandValue(value))
  }
}

/** An environment variable for this step and the job's later steps. */
export function exportVariable(name: string, value: unknown): void {
  process.env[name] = toCommandValue(value)
  if (!writeKeyValue('GITHUB_ENV', name, value))
    issueCommand('set-env', { name }, toCommandValue(value))
}

/** Marks the step failed (exit code 1) with an error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('error', message, properties)
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('warning', message, properties)
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('notice', message, properties)
}

/** Shown in the log only when the run has debug logging on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`)
}

function annotate(
  kind: 'error' | 'warning' | 'notice',
  message: string | Error,
  properties: AnnotationProperties,
): void {
  const where: Record<string, unknown> = {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  }
  issueCommand(kind, where, message instanceof Error ? message.toString() : message)
}

/** `::command key=value,...::message`, with the runner's escaping of both parts. */
function issueCommand(command: string, properties: Record<string, unknown>, message: string) {
  const pairs = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(toCommandValue(value))}`)
  const head = pairs.length > 0 ? `${command} ${pairs.join(',')}` : command
  process.stdout.write(`::${head}::${escapeData(message)}${EOL}`)
}

/** Message text: `%`, CR and LF are escaped so one command stays one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value: as message text, and `:` and `,` too, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function toCommandValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Appends `name<<delimiter` / value / delimiter to the runner's file in `variable`, with a
 * delimiter the value cannot contain. False when the runner gave no such file.
 */
function writeKeyValue(variable: string, name: string, value: unknown): boolean {
  const file = process.env[variable]
  if (!file) return false
  const text = toCommandValue(value)
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || text.includes(delimiter))
    throw new Error(`Unexpected input: the value of ${name} contains the delimiter ${delimiter}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8')
  return true
}

export interface SummaryTableCell {
  data: string
  header?: boolean
  colspan?: string
  rowspan?: string
}

export type SummaryTableRow = Array<SummaryTableCell | string>

/**
 * The job summary: markdown (and the HTML GitHub renders in it) gathered here and appended to the
 * file the runner names in GITHUB_STEP_SUMMARY by `write()`.
 */
export class Summary {
  #buffer = ''

  addRaw(text: string, addEOL = false): this {
    this.#buffer += text
    return addEOL ? this.addEOL() : this
  }

  addEOL(): this {
    return this.addRaw(EOL)
  }

  addHeading(text: string, level: number | string = 1): this {
    const tag = ['1', '2', '3', '4', '5', '6'].includes(String(level)) ? `h${level}` : 'h1'
    return this.addRaw(element(tag, text)).addEOL()
  }

  addTable(rows: readonly SummaryTableRow[]): this {
    const body = rows
      .map((row) =>
        element(
          'tr',
          row
            .map((cell) =>
              typeof cell === 'string'
                ? element('td', cell)
                : element(cell.header ? 'th' : 'td', cell.data, {
                    colspan: cell.colspan,
                    rowspan: cell.rowspan,
                  }),
            )
            .join(''),
        ),
      )
      .join('')
    return this.addRaw(element('table', body)).addEOL()
  }

  emptyBuffer(): this {
    this.#buffer = ''
    return this
  }

  /** Appends the buffer to the job summary (or replaces it, with `overwrite`) and empties it. */
  async write(options: { overwrite?: boolean } = {}): Promise<this> {
    const file = process.env['GITHUB_STEP_SUMMARY']
    if (!file)
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
      )
    await (options.overwrite ? writeFile : appendFile)(file, this.#buffer, { encoding: 'utf8' })
    return this.emptyBuffer()
  }
}

function element(
  tag: string,
  content: string,
  attributes: Record<string, string | undefined> = {},
) {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join('')
  return `<${tag}${attrs}>${content}</${tag}>`
}

/** The job summary of this step. */
export const summary = new Summary()
