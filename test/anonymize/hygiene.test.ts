import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { anonymize } from '../../actions/lib/anonymize/anonymizer.js'
import type { Roster } from '../../actions/lib/anonymize/policy.js'

const LIBS = ['anonymize', 'retro'].map((dir) =>
  join(import.meta.dirname, '../../actions/lib', dir),
)

describe('what the anonymizer and the retrospective compiler never do', () => {
  it.each(LIBS.flatMap((dir) => readdirSync(dir).map((file) => [file, join(dir, file)])))(
    '%s does not log and does not import the Actions toolkit',
    (_, file) => {
      const source = readFileSync(file, 'utf8')
      expect(source).not.toMatch(/\bconsole\.|process\.(?:stdout|stderr)/)
      expect(source).not.toMatch(/from '@actions\//)
    },
  )
})

describe('a large roster', () => {
  it('builds its matcher and reads 200 KB quickly with 200 members', () => {
    const roster: Roster = {
      members: Array.from({ length: 200 }, (_, i) => ({
        github: `member-${i}`,
        name: `First${String.fromCharCode(97 + (i % 26))}${i} Last${i}`,
        email: `m${i}@company${i % 20}.io`,
        employer: `Company${i % 20} Inc`,
      })),
    }
    const text = 'We learned that delegation needs a date. Firstb1 said so at Company3. '.repeat(
      2800,
    )
    const started = performance.now()
    const result = anonymize(text, roster)
    // Measured about 0.1 s; the bound is generous for a busy runner. It guards against the
    // roster regex falling back to slow compilation again.
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.text).not.toContain('Firstb1')
    expect(result.text).toContain(
      'We learned that delegation needs a date. Member A said so at [a company].',
    )
  })
})
