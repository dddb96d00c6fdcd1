import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { FORM_KINDS, templatePath, type FormKind } from '../forms/catalog.js'
import type { FormTemplates } from '../forms/detect.js'

/**
 * The issue forms as a checkout has them (`.github/ISSUE_TEMPLATE/<template>`), so a group's
 * rewording is honoured. A form the repository doesn't offer is simply absent.
 */
export async function loadFormTemplates(root: string): Promise<FormTemplates> {
  const entries = await Promise.all(
    FORM_KINDS.map(async (kind) => [kind, await readForm(root, kind)] as const),
  )
  return Object.fromEntries(entries.filter(([, yaml]) => yaml !== undefined))
}

async function readForm(root: string, kind: FormKind): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, templatePath(kind)), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
