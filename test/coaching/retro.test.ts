import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConversationSubmission } from '../../actions/lib/forms/submissions.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { marker } from '../../actions/lib/markers/markers.js'
import { BOT_LOGIN } from '../../actions/lib/markers/ownership.js'
import { compileCoachingRetro } from '../../actions/lib/retro/coaching.js'
import { STEP_DONE_MARKER } from '../../actions/lib/sessions/conversation.js'
import { REPO_ROOT } from '../support/cli.js'

const SLUG = 'example-coaching'
const file = `groups/${SLUG}/group.yml`
const GROUP = (() => {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/^example: true\n/m, '')
  const { group } = parseGroupFile(text, { file, slug: SLUG })
  if (!group) throw new Error('the example coaching network is invalid')
  return group
})()

let number = 0
function conversation(
  coach: string,
  coachee: string,
  n: number,
  options: { ticked?: boolean; skipped?: boolean; open?: boolean } = {},
): IssueView {
  const tick =
    options.ticked === undefined
      ? ''
      : `- [${options.ticked ? 'x' : ' '}] I took this step ${marker(STEP_DONE_MARKER, { n: n - 1 })}\n\n`
  return {
    number: ++number,
    title: `Conversation ${n}`,
    body: `${tick}${marker('conversation', { group: SLUG, coach, coachee, n })}`,
    state: options.open ? 'open' : 'closed',
    stateReason: options.skipped ? 'not_planned' : options.open ? null : 'completed',
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    author: { login: BOT_LOGIN, type: 'Bot' },
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-20T00:00:00Z',
    closedAt: options.open ? null : '2026-11-20T00:00:00Z',
    isPullRequest: false,
    htmlUrl: '',
  }
}

function writeUp(
  author: string,
  session: number,
  skill: ConversationSubmission['skill'],
  confidence = 7,
) {
  return {
    author,
    submission: {
      kind: 'conversation' as const,
      group: SLUG,
      session,
      nextStep: `SECRET-STEP of ${author}`,
      byWhen: 'Friday',
      confidence,
      skill,
    },
  }
}

describe('the retrospective of a coaching network', () => {
  const issues = [
    conversation('octo-ana', 'grace-o', 1),
    conversation('octo-ana', 'grace-o', 2, { ticked: true }),
    conversation('octo-ana', 'tomvdb', 1),
    conversation('octo-ana', 'tomvdb', 2, { ticked: false }),
    conversation('priya-n', 'mei-chen', 1),
    conversation('priya-n', 'mei-chen', 2, { ticked: true }),
    conversation('priya-n', 'mei-chen', 3, { skipped: true }),
    conversation('priya-n', 'mei-chen', 4, { open: true }),
  ]
  const writeUps = [
    writeUp('grace-o', 1, 'delegation', 6),
    writeUp('grace-o', 2, 'delegation', 8),
    writeUp('tomvdb', 1, 'delegation', 5),
    writeUp('mei-chen', 1, 'delegation', 9),
    writeUp('mei-chen', 2, 'self-care', 7),
  ]

  it('counts conversations held, write-ups filed and steps followed through, over the whole network', () => {
    const result = compileCoachingRetro({ group: GROUP, issues, writeUps, date: '2026-12-01' })
    expect(result.leaks).toBe(0)
    expect(result.path).toBe('groups/example-coaching/retros/2026-12-01.md')
    expect(result.markdown).toContain('- Conversations held: 6, across 3 pairs (5 people).')
    expect(result.markdown).toContain(
      '- Write-ups filed: 5 of 6 conversations (83%), by 3 coachees.',
    )
    expect(result.markdown).toContain('- Confidence in the next step, on average: 7.0 of 10.')
    expect(result.markdown).toContain(
      '- Next steps followed through: 2 of 3 that came up again (67%), ticked off by 3 coachees.',
    )
    expect(result.markdown).toContain('- Delegation: 4 write-ups, by 3 coachees')
    // Self-care came from one coachee only: it would point at them.
    expect(result.markdown).not.toContain('Self-care')
    expect(result.hidden).toEqual(['1 skill chosen by fewer than 3 coachees'])
  })

  it("never names anyone or quotes anybody's words", () => {
    const { markdown } = compileCoachingRetro({
      group: GROUP,
      issues,
      writeUps,
      date: '2026-12-01',
    })
    expect(markdown).not.toMatch(
      /SECRET-STEP|octo-ana|grace-o|tomvdb|priya-n|mei-chen|Ana|Grace|Acme/,
    )
  })

  it('leaves out every figure that would cover fewer than three people', () => {
    const onePair = issues.filter((i) => i.body.includes('coachee=grace-o'))
    const result = compileCoachingRetro({
      group: GROUP,
      issues: onePair,
      writeUps: writeUps.filter((w) => w.author === 'grace-o'),
      date: '2026-12-01',
    })
    expect(result.markdown).not.toMatch(/Conversations held:|Write-ups filed:|followed through:/)
    expect(result.hidden).toEqual([
      'conversations held',
      'write-ups filed and confidence',
      'next steps followed through',
      '1 skill chosen by fewer than 3 coachees',
    ])
  })
})
