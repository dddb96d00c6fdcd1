import { existsSync } from 'node:fs'
import path from 'node:path'
import { ISSUE_TEMPLATE_DIR } from '../forms/catalog.js'
import { readTemplate } from './workspace.js'
import { COHORT_TEMPLATE_FILES, type CohortTemplates } from '../cohort/issues.js'

/** The cohort's issue templates from a checkout (templates/*.md), so a group can reword them. */
export async function loadCohortTemplates(root: string): Promise<CohortTemplates> {
  const entries = await Promise.all(
    Object.entries(COHORT_TEMPLATE_FILES).map(
      async ([key, file]) => [key, await readTemplate(root, file)] as const,
    ),
  )
  return Object.fromEntries(entries) as CohortTemplates
}

/** Whether the checkout has the intention form, which the intention issues then link. */
export function hasIntentionForm(root: string): boolean {
  return existsSync(path.join(root, ISSUE_TEMPLATE_DIR, 'intention.yml'))
}
