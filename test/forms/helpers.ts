import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { FORM_KINDS, FORMS, type FormKind } from '../../actions/lib/forms/catalog.js'
import type { FormTemplates } from '../../actions/lib/forms/detect.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const TEMPLATE_DIR = `${ROOT}.github/ISSUE_TEMPLATE/`
export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url))

/** The real form, as the action reads it from the workspace. */
export function formYaml(kind: FormKind): string {
  return readFileSync(`${TEMPLATE_DIR}${FORMS[kind].template}`, 'utf8')
}

export function allFormYaml(): FormTemplates {
  return Object.fromEntries(FORM_KINDS.map((kind) => [kind, formYaml(kind)]))
}

export function templateFiles(): string[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
}
