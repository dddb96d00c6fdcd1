import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from './cli.js'

/**
 * A checkout as a runner would have it: the repository's own templates and issue forms, plus the
 * given groups (copied from the repo, or written from YAML text).
 */
export async function workspaceWith(
  groups: Record<string, string | { from: string }>,
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skill-share-ws-'))
  await cp(path.join(REPO_ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true })
  await cp(
    path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE'),
    path.join(dir, '.github/ISSUE_TEMPLATE'),
    { recursive: true },
  )
  for (const [slug, source] of Object.entries(groups)) {
    const target = path.join(dir, 'groups', slug)
    if (typeof source === 'string') {
      await mkdir(target, { recursive: true })
      await writeFile(path.join(target, 'group.yml'), asOwnGroup(source))
    } else {
      await cp(path.join(REPO_ROOT, source.from), target, { recursive: true })
      const file = path.join(target, 'group.yml')
      await writeFile(file, asOwnGroup(await readFile(file, 'utf8')))
    }
  }
  return dir
}

/**
 * A group file as the organizer's own: without the template's `example: true`, which makes the
 * actions skip a group (tests play the examples as if they were a real group).
 */
export function asOwnGroup(text: string): string {
  return text.replace(/^example: true\b[^\n]*\n/m, '')
}

/** The logins of the example group, as emulator collaborators. */
export const EXAMPLE_MEMBERS = [
  'octo-ana',
  'bkowalski',
  'priya-n',
  'jmartin',
  'grace-o',
  'tomvdb',
  'mei-chen',
  'sam-rivera',
]
