import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FORM_KINDS, type FormKind } from '../../actions/lib/forms/catalog.js'
import { readSubmission } from '../../actions/lib/forms/read.js'
import { formYaml, GOLDEN_DIR } from './helpers.js'

/** Case folders are named `<kind>--<what>`, e.g. `check-in--partly-no-notes`. */
function kindOf(folder: string): FormKind {
  const kind = folder.split('--')[0] ?? ''
  const found = FORM_KINDS.find((candidate) => candidate === kind)
  if (!found)
    throw new Error(
      `golden case ${folder}: name it <kind>--<case>, kind one of ${FORM_KINDS.join(', ')}`,
    )
  return found
}

const cases = readdirSync(GOLDEN_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('golden issue bodies, read against the real forms', () => {
  it('has cases for every form', () => {
    expect(new Set(cases.map(kindOf))).toEqual(new Set(FORM_KINDS))
  })

  it.each(cases)('%s', (folder) => {
    const dir = `${GOLDEN_DIR}${folder}/`
    expect(existsSync(`${dir}expected.json`), `${folder}/expected.json is missing`).toBe(true)
    const body = readFileSync(`${dir}issue.md`, 'utf8')
    const expected: unknown = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8'))
    const kind = kindOf(folder)
    expect(readSubmission(kind, body, formYaml(kind))).toEqual(expected)
  })
})
