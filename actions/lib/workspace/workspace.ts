import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { parseGroupFile } from '../group-file/load.js'
import type { Problem } from '../group-file/problems.js'
import type { Group } from '../group-file/schema.js'
import type { SessionTemplates } from '../sessions/issue.js'
import { parseFrontMatter, type FrontMatterDocument } from '../templates/front-matter.js'

export const DEFAULT_GROUPS_GLOB = 'groups/*/group.yml'

export interface LoadedGroups {
  groups: Group[]
  /** Every problem of every file, warnings included, located by repository-relative path. */
  problems: Problem[]
  /** Files that had errors (their groups are not in `groups`). */
  failed: string[]
  /** Example groups (`example: true`) left out of `groups`, by file; see `exampleNotice`. */
  examples: string[]
}

/**
 * Reads and validates group files; one bad file never hides the others. The template's examples
 * (`example: true`) are left out unless asked for: their members are not the repository's
 * collaborators, so on GitHub they could only fail. The CLI asks for them (validate, plan,
 * preview); the actions never do.
 */
export async function loadGroups(
  root: string,
  pattern = DEFAULT_GROUPS_GLOB,
  options: { examples?: 'skip' | 'include'; now?: Date } = {},
): Promise<LoadedGroups> {
  const files = (await glob(pattern, { cwd: root, onlyFiles: true })).sort()
  const result: LoadedGroups = { groups: [], problems: [], failed: [], examples: [] }
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8')
    const { group, problems } = parseGroupFile(
      text,
      { file, slug: slugOf(file) },
      options.now ? { now: options.now } : {},
    )
    if (group?.example && options.examples !== 'include') {
      result.examples.push(file)
      continue
    }
    result.problems.push(...problems)
    if (group) result.groups.push(group)
    else result.failed.push(file)
  }
  return result
}

/** Why an example group did not run, and what to do with it. */
export function exampleNotice(file: string): string {
  const folder = path.posix.dirname(file)
  return `${file}: an example (example: true), so the workflows skip it. To start your own group, run "Start a cohort" or copy ${folder}/ to groups/<your-slug>/ and delete its "example: true" line; delete ${folder}/ once you no longer need it for skill-share preview and rehearse.`
}

/** Loads one group from its folder (`groups/fall`) or its file (`groups/fall/group.yml`). */
export async function loadGroupAt(
  root: string,
  target: string,
): Promise<{ group?: Group; problems: Problem[] }> {
  const file =
    target.endsWith('.yml') || target.endsWith('.yaml') ? target : path.join(target, 'group.yml')
  const relative = path.relative(root, path.resolve(root, file)) || file
  let text: string
  try {
    text = await readFile(path.resolve(root, file), 'utf8')
  } catch {
    return {
      problems: [
        {
          file: relative,
          line: 1,
          col: 1,
          field: '',
          message: 'no such group file',
          severity: 'error',
        },
      ],
    }
  }
  return parseGroupFile(text, { file: relative, slug: slugOf(relative) })
}

export function slugOf(file: string): string {
  return path.basename(path.dirname(path.resolve('/', file)))
}

export async function readTemplate(root: string, name: string): Promise<FrontMatterDocument> {
  const file = path.join('templates', name)
  return parseFrontMatter(await readFile(path.join(root, file), 'utf8'), file)
}

export async function loadSessionTemplates(root: string): Promise<SessionTemplates> {
  const [kickoff, theme, closing, followUp] = await Promise.all(
    ['session-kickoff.md', 'session-theme.md', 'session-closing.md', 'session-follow-up.md'].map(
      (name) => readTemplate(root, name),
    ),
  )
  return { kickoff: kickoff!, theme: theme!, closing: closing!, 'follow-up': followUp! }
}
