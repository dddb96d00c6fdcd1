import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root, so tests see the same tree whatever the working directory. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

export function readText(path: string): string {
  return readFileSync(join(repositoryRoot, path), 'utf8')
}

export function exists(path: string): boolean {
  return existsSync(join(repositoryRoot, path))
}

/** Files directly in a folder whose names match, as repository-relative paths, sorted. */
export function filesIn(folder: string, name: RegExp): string[] {
  const absolute = join(repositoryRoot, folder)
  if (!existsSync(absolute)) return []
  return readdirSync(absolute, { withFileTypes: true })
    .filter((item) => item.isFile() && name.test(item.name))
    .map((item) => `${folder}/${item.name}`)
    .sort()
}

export function foldersIn(folder: string): string[] {
  const absolute = join(repositoryRoot, folder)
  if (!existsSync(absolute)) return []
  return readdirSync(absolute, { withFileTypes: true })
    .filter((item) => item.isDirectory() && !item.name.startsWith('.'))
    .map((item) => `${folder}/${item.name}`)
    .sort()
}

/** Every file under a folder, at any depth, whose name matches; repository-relative, sorted. */
export function filesUnder(folder: string, name: RegExp): string[] {
  const absolute = join(repositoryRoot, folder)
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return []
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((path) => join(absolute, path))
    .filter((path) => name.test(path) && statSync(path).isFile())
    .map((path) => relative(repositoryRoot, path).split('\\').join('/'))
    .sort()
}
