import { existsSync } from 'node:fs'
import { lstat, mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The one rule for everything the CLI writes: a command only ever replaces what it wrote itself.
 * A folder it fills gets a marker file listing what it wrote; the next run removes exactly those
 * files and nothing else. A folder it did not make, a file where a folder is expected, the folder
 * the user is working in (or one holding it) and a git checkout are refused before anything is
 * touched.
 */
export const OUTPUT_MARKER = '.skill-share-output.json'

/** A refused output path: printed as one line, exit 1, nothing written. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OutputRefusedError'
  }
}

export interface OutputFile {
  path: string
  content: string
}

interface Marker {
  writtenBy: string
  files: string[]
}

export interface OutputTarget {
  /** The working directory the flag is relative to. */
  cwd: string
  /** The flag as typed, or the default, for messages (`--out preview/example`). */
  shown: string
  /** Who writes, for messages and the marker (`skill-share preview`). */
  command: string
}

/**
 * Writes `files` into the folder `dir`, replacing only an earlier output of a skill-share command.
 * Everything is checked before the first file is removed or written.
 */
export async function writeOutputFolder(
  dir: string,
  files: readonly OutputFile[],
  target: OutputTarget,
): Promise<void> {
  const folder = path.resolve(target.cwd, dir)
  const previous = await claimFolder(folder, target)
  const inside = files.map((file) => insideFolder(folder, file.path))
  if (inside.some((f) => f === undefined) || files.some((f) => f.path === OUTPUT_MARKER))
    throw new Error(`${target.command}: refusing to write outside ${target.shown}`)
  if (previous) await removePrevious(folder, previous)
  await mkdir(folder, { recursive: true })
  for (const [index, file] of files.entries()) {
    const absolute = inside[index] as string
    await mkdir(path.dirname(absolute), { recursive: true })
    await writeFile(absolute, file.content)
  }
  const marker: Marker = {
    writtenBy: target.command,
    files: files.map((f) => f.path.split(path.sep).join('/')),
  }
  await writeFile(path.join(folder, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`)
}

/** The same checks as `writeOutputFolder`, up front, for a command that works a while first. */
export async function checkOutputFolder(dir: string, target: OutputTarget): Promise<void> {
  await claimFolder(path.resolve(target.cwd, dir), target)
}

/**
 * Writes one file. An existing file is replaced only when `ours` recognises it as this command's
 * own earlier output; a folder in its place, or a file where its folder should be, is refused.
 */
export async function writeOutputFile(
  file: string,
  content: string,
  target: OutputTarget & { ours: (existing: string) => boolean },
): Promise<string> {
  const absolute = path.resolve(target.cwd, file)
  await refuseFileInTheWay(path.dirname(absolute), target)
  const existing = await lstat(absolute).catch(() => undefined)
  if (existing?.isDirectory())
    throw new OutputRefusedError(
      `${target.shown} is a folder; give a file name, e.g. ${path.join(target.shown, path.basename(target.shown) === '.' ? 'out' : 'file')}${extensionHint(target.command)}`,
    )
  if (existing) {
    const text = existing.isFile() ? await readFile(absolute, 'utf8') : ''
    if (!existing.isFile() || !target.ours(text))
      throw new OutputRefusedError(
        `${target.shown} already exists and was not written by ${target.command}; nothing was written. Choose another path, or move that file away first.`,
      )
  }
  await mkdir(path.dirname(absolute), { recursive: true })
  await writeFile(absolute, content)
  return absolute
}

function extensionHint(command: string): string {
  if (command.endsWith('calendar')) return '.ics'
  return '.md'
}

/** Checks a folder can be written; returns the earlier output's marker when it has one. */
async function claimFolder(folder: string, target: OutputTarget): Promise<Marker | undefined> {
  const { shown } = target
  const cwd = path.resolve(target.cwd)
  if (!path.relative(folder, cwd).startsWith('..') && !path.isAbsolute(path.relative(folder, cwd)))
    throw new OutputRefusedError(
      `${shown} is ${folder === cwd ? 'the folder you are working in' : 'a folder that holds the one you are working in'}; give a new folder for the output, e.g. ${defaultHint(target.command)}`,
    )
  await refuseFileInTheWay(folder, target)
  const entries = await readdir(folder).catch(() => undefined)
  if (entries === undefined || entries.length === 0) return undefined
  if (entries.includes('.git'))
    throw new OutputRefusedError(
      `${shown} is a git checkout; ${target.command} never writes into one. Give a new folder, e.g. ${defaultHint(target.command)}`,
    )
  const marker = entries.includes(OUTPUT_MARKER)
    ? await readMarker(path.join(folder, OUTPUT_MARKER))
    : undefined
  if (!marker)
    throw new OutputRefusedError(
      `${shown} is not empty and was not written by skill-share, so nothing was written. Give a new or empty folder (skill-share replaces only folders it wrote itself, which hold a ${OUTPUT_MARKER} file), or empty ${shown} yourself first.`,
    )
  return marker
}

/** The path, or one of its parents, is a file: say so instead of ENOTDIR/EEXIST. */
async function refuseFileInTheWay(folder: string, target: OutputTarget): Promise<void> {
  for (let at = folder; ; at = path.dirname(at)) {
    const info = await stat(at).catch(() => undefined)
    if (info && !info.isDirectory()) {
      const where = at === path.resolve(target.cwd, target.shown) ? target.shown : at
      throw new OutputRefusedError(
        `${where} is a file, not a folder; ${target.command} writes a folder there. Give another path.`,
      )
    }
    if (info || path.dirname(at) === at) return
  }
}

async function readMarker(file: string): Promise<Marker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Marker>
    if (!Array.isArray(parsed.files) || typeof parsed.writtenBy !== 'string') return undefined
    return { writtenBy: parsed.writtenBy, files: parsed.files.filter((f) => typeof f === 'string') }
  } catch {
    return undefined
  }
}

/** Removes the files an earlier run listed (never anything outside the folder), then empty folders. */
async function removePrevious(folder: string, marker: Marker): Promise<void> {
  const folders = new Set<string>()
  for (const relative of marker.files) {
    const absolute = insideFolder(folder, relative)
    if (!absolute || relative.split(/[\\/]/)[0] === '.git') continue
    const info = await lstat(absolute).catch(() => undefined)
    if (!info || info.isDirectory()) continue
    await rm(absolute)
    for (let at = path.dirname(absolute); at !== folder; at = path.dirname(at)) folders.add(at)
  }
  const deepestFirst = [...folders].sort((a, b) => b.length - a.length)
  for (const dir of deepestFirst) {
    if (existsSync(dir) && (await readdir(dir)).length === 0) await rmdir(dir)
  }
  await rm(path.join(folder, OUTPUT_MARKER), { force: true })
}

function insideFolder(folder: string, relative: string): string | undefined {
  const absolute = path.resolve(folder, relative)
  const back = path.relative(folder, absolute)
  return back === '' || back.startsWith('..') || path.isAbsolute(back) ? undefined : absolute
}

function defaultHint(command: string): string {
  if (command.endsWith('rehearse')) return '--out rehearsal/<slug>'
  return '--out preview/<slug>'
}
