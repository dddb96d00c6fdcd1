import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli.js'

describe('skill-share match, refusing what it cannot do', () => {
  it('needs an export of the sign-up issues', async () => {
    const result = await cli(['match', 'groups/example-coaching'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('missing --from DIR (exported sign-up issues)')
  })

  it('pairs only a coaching network', async () => {
    const result = await cli(['match', 'groups/example', '--from', 'groups/example'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'format is circle; match pairs a coaching network (format: coaching)',
    )
  })

  it('refuses a moment it cannot read', async () => {
    const result = await cli([
      'match',
      'groups/example-coaching',
      '--from',
      'groups',
      '--now',
      'next tuesday',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--now: "next tuesday" is not a moment')
  })
})
