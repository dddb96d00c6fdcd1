import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderReadme } from '../../scripts/readme/sections.js'
import { REPO_ROOT } from '../support/cli.js'

describe('README reference', () => {
  it('is generated from the action.yml files, the schema, the command catalog and the forms (run `npm run readme`)', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8')
    expect(await renderReadme(REPO_ROOT, readme)).toBe(readme)
  })

  it('documents every action and every form', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8')
    expect(readme).toContain('### `sessions`:')
    expect(readme).toContain('| `github-token` |')
    expect(readme).toContain('[`homework.yml`]')
    expect(readme).toContain('| `meeting.time` |')
  })
})
