import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/cli.js'

const readme = () => readFile(path.join(REPO_ROOT, 'README.md'), 'utf8')

function quickStart(text: string): string {
  const start = text.indexOf('## Quick start for an organizer')
  return text.slice(start, text.indexOf('\n## ', start + 1))
}

describe('the README quick start, as a new organizer follows it', () => {
  it('asks only for the setting the workflows cannot declare themselves', async () => {
    const section = quickStart(await readme())
    expect(section).not.toContain('Read and write permissions')
    expect(section).toContain('Allow GitHub Actions to create and approve pull requests')
  })

  it('is right that every workflow job declares its token permissions', async () => {
    const dir = path.join(REPO_ROOT, '.github/workflows')
    for (const file of await readdir(dir)) {
      const workflow = parse(await readFile(path.join(dir, file), 'utf8')) as {
        permissions?: unknown
        jobs: Record<string, { permissions?: unknown; uses?: string }>
      }
      for (const [id, job] of Object.entries(workflow.jobs)) {
        expect(job.permissions ?? workflow.permissions, `${file}: ${id}`).toBeDefined()
      }
    }
  })

  it('says what to do with the example groups', async () => {
    const section = quickStart(await readme())
    expect(section).toContain('`groups/example` and `groups/example-coaching`, say `example: true`')
    expect(section).toMatch(/delete both folders/)
  })
})
