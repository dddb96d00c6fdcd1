import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { groundRulesToRecount, withCountedThumbs } from '../../actions/commands/src/ground-rules.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { IssueView } from '../../actions/lib/github/repository.js'

const BOT = { login: 'github-actions[bot]', type: 'Bot' }
const EXAMPLE = (() => {
  const text = readFileSync(new URL('../../groups/example/group.yml', import.meta.url), 'utf8')
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('the example group is invalid')
  return group
})()

function rules(body: string, extra: Partial<IssueView> = {}): IssueView {
  return {
    number: 3,
    title: 'Ground rules · Fall 2026 circle',
    state: 'open',
    stateReason: null,
    body,
    author: BOT,
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-01T10:00:00Z',
    updatedAt: '2026-10-02T10:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
    ...extra,
  }
}

const BODY = 'The rules.\n\n<!-- skill-share:ground-rules group=example -->\n'

describe('the 👍 on the ground rules, noticed by the hourly sweep', () => {
  it('asks for nothing while nobody has reacted', () => {
    expect(groundRulesToRecount([rules(BODY)], EXAMPLE)).toBeUndefined()
  })

  it('recounts when the 👍 count differs from the one the status last counted', () => {
    const issue = rules(BODY, { plusOnes: 2 })
    expect(groundRulesToRecount([issue], EXAMPLE)).toBe(issue)
    const recorded = withCountedThumbs(BODY, EXAMPLE, 2)
    expect(recorded).toContain('<!-- skill-share:ground-rules group=example thumbs=2 -->')
    expect(groundRulesToRecount([rules(recorded, { plusOnes: 2 })], EXAMPLE)).toBeUndefined()
    expect(groundRulesToRecount([rules(recorded, { plusOnes: 1 })], EXAMPLE)).toBeDefined()
  })

  it('ignores issues someone else wrote and other groups’ rules', () => {
    const forged = rules(BODY, { plusOnes: 3, author: { login: 'grace-o', type: 'User' } })
    const other = rules(BODY.replace('group=example', 'group=spring'), { plusOnes: 3 })
    expect(groundRulesToRecount([forged, other], EXAMPLE)).toBeUndefined()
  })
})
