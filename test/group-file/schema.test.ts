import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { describe, expect, it } from 'vitest'
import { groupJsonSchema } from '../../actions/lib/group-file/schema.js'
import { REPO_ROOT } from '../support/cli.js'

describe('published group schema', () => {
  it('is generated from the runtime validator (run `npm run build:schema` when this fails)', async () => {
    const committed = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'groups/group.schema.json'), 'utf8'),
    )
    expect(committed).toEqual(groupJsonSchema())
  })

  it('is referenced from every group file so editors validate while typing', async () => {
    const files = await glob('groups/*/group.yml', { cwd: REPO_ROOT })
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const first = (await readFile(path.join(REPO_ROOT, file), 'utf8')).split('\n')[0]
      expect(first, file).toBe('# yaml-language-server: $schema=../group.schema.json')
    }
  })
})
