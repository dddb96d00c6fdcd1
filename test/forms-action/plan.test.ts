import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  labelChange,
  homeworkSessions,
  judgeIssue,
  type Verdict,
} from '../../actions/forms/src/plan.js'
import { replyFor, replyState } from '../../actions/forms/src/replies.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { allFormYaml } from '../forms/helpers.js'
import { REPO_ROOT } from '../support/cli.js'
import { checkInBody, homeworkBody, SECRET_NOTE, WEEK_2_OPEN } from './helpers.js'

const EXAMPLE = (() => {
  const text = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('the example group is invalid')
  return group
})()

const NOW = new Date(WEEK_2_OPEN)
const templates = allFormYaml()

function issue(overrides: Partial<IssueView> = {}): IssueView {
  return {
    number: 7,
    title: 'Homework · example · session 2',
    state: 'open',
    stateReason: null,
    body: homeworkBody(),
    author: { login: 'priya-n', type: 'User' },
    labels: ['skill-share', 'homework'].map((name) => ({ name, color: '', description: null })),
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: WEEK_2_OPEN,
    updatedAt: WEEK_2_OPEN,
    closedAt: null,
    isPullRequest: false,
    htmlUrl: 'https://github.com/acme/circle/issues/7',
    ...overrides,
  }
}

function judge(overrides: Partial<IssueView> = {}, failedGroups: string[] = []): Verdict {
  return judgeIssue({
    issue: issue(overrides),
    templates,
    groups: [EXAMPLE],
    failedGroups,
    now: NOW,
  })
}

describe('judging an issue', () => {
  it('accepts a member homework for an open session, with its group and session', () => {
    const verdict = judge()
    expect(verdict).toMatchObject({ result: 'accepted', kind: 'homework' })
    expect(verdict.result === 'accepted' && verdict.session?.number).toBe(2)
  })

  it('is not a form without a form label or form headings, nor when a bot wrote it', () => {
    expect(judge({ body: 'Snacks?', labels: [] }).result).toBe('not-a-form')
    expect(judge({ author: { login: 'github-actions[bot]', type: 'Bot' } }).result).toBe(
      'not-a-form',
    )
  })

  it('is not a form when the repository does not offer that form', () => {
    const verdict = judgeIssue({
      issue: issue(),
      templates: { ...templates, homework: undefined },
      groups: [EXAMPLE],
      failedGroups: [],
      now: NOW,
    })
    expect(verdict).toMatchObject({ result: 'not-a-form' })
  })

  it('calls someone on no member list an outsider, whatever the form says', () => {
    expect(judge({ author: { login: 'stranger', type: 'User' }, body: 'nonsense' })).toEqual({
      result: 'outsider',
      kind: 'homework',
    })
  })

  it('does not call anyone an outsider while a group file is unreadable', () => {
    const verdict = judge({ author: { login: 'stranger', type: 'User' } }, ['spring'])
    expect(verdict).toMatchObject({ result: 'blocked' })
  })

  it('blocks rather than telling a member their group does not exist when its file is broken', () => {
    const verdict = judge({ body: homeworkBody({ group: 'spring' }) }, ['spring'])
    expect(verdict).toMatchObject({ result: 'blocked', kind: 'homework' })
  })

  it('blocks on a form file that cannot be read', () => {
    const verdict = judgeIssue({
      issue: issue(),
      templates: { ...templates, homework: 'body: [oops' },
      groups: [EXAMPLE],
      failedGroups: [],
      now: NOW,
    })
    expect(verdict).toMatchObject({ result: 'blocked' })
  })

  it('lists problems with the answers, then with the group and session', () => {
    expect(judge({ body: homeworkBody({ scores: [0, 8, 4] }) })).toMatchObject({
      result: 'needs-fix',
      problems: [{ field: 'work-score' }],
    })
    expect(judge({ body: homeworkBody({ group: 'nowhere' }) })).toMatchObject({
      result: 'needs-fix',
      problems: [{ field: 'group' }],
    })
    expect(judge({ body: homeworkBody({ session: 5 }) })).toMatchObject({
      result: 'needs-fix',
      problems: [{ field: 'session' }],
    })
  })

  it('keeps homework handed in on time accepted when it is edited after the session closed', () => {
    const later = new Date('2026-12-01T00:00:00Z')
    const verdict = judgeIssue({
      issue: issue(),
      templates,
      groups: [EXAMPLE],
      failedGroups: [],
      now: later,
    })
    expect(verdict.result).toBe('accepted')
  })

  it('reads a check-in against the session it names', () => {
    const verdict = judge({
      body: checkInBody({ session: 1 }),
      labels: [{ name: 'check-in', color: '', description: null }],
    })
    expect(verdict).toMatchObject({ result: 'accepted', kind: 'check-in', session: { number: 1 } })
  })
})

describe('labels', () => {
  it('adds what an accepted homework lacks and drops needs-fix and a stale session', () => {
    const change = labelChange(judge(), ['skill-share', 'homework', 'needs-fix', 'session:1'])
    expect(change).toEqual({
      add: ['group:example', 'session:2'],
      remove: ['needs-fix', 'session:1'],
    })
  })

  it('marks a submission with problems needs-fix, leaving its other labels', () => {
    const verdict = judge({ body: homeworkBody({ scores: [0, 8, 4] }) })
    expect(labelChange(verdict, ['homework', 'group:example', 'session:2'])).toEqual({
      add: ['skill-share', 'needs-fix'],
      remove: [],
    })
  })

  it('touches nothing on an outsider', () => {
    const verdict = judge({ author: { login: 'stranger', type: 'User' } })
    expect(labelChange(verdict, ['homework'])).toEqual({ add: [], remove: [] })
  })
})

describe('homework counts', () => {
  it('refresh the session it is accepted for and the one its labels named before', () => {
    const refs = homeworkSessions(judge(), ['group:example', 'session:1'], [EXAMPLE], NOW)
    expect(refs.map((r) => r.session.number)).toEqual([1, 2])
  })

  it('refresh the session a broken edit takes it out of', () => {
    const verdict = judge({ body: homeworkBody({ scores: [0, 8, 4] }) })
    const refs = homeworkSessions(verdict, ['group:example', 'session:2'], [EXAMPLE], NOW)
    expect(refs.map((r) => r.session.number)).toEqual([2])
  })
})

describe('the reply', () => {
  it('confirms receipt without a score or a note, and resolves after a fix', () => {
    const received = replyFor(judge(), undefined, { sessionIssue: 4 })
    expect(received?.state).toBe('received')
    expect(received?.body).toContain('Thank you! Your homework for session 2 (#4) is in.')
    expect(received?.body).not.toContain(SECRET_NOTE)
    expect(replyFor(judge(), 'fix')?.body).toMatch(/^All fixed, thank you!/m)
    expect(replyFor(judge(), 'resolved')?.state).toBe('resolved')
  })

  it('records its state in its marker', () => {
    const fix = replyFor(judge({ body: homeworkBody({ scores: [0, 8, 4] }) }), 'received')
    expect(fix?.body).toMatch(/^<!-- skill-share:form-reply kind=homework state=fix -->/)
    expect(replyState(fix?.body ?? '')).toBe('fix')
  })

  it('says nothing on an issue that is not a form', () => {
    expect(replyFor({ result: 'not-a-form', reason: 'x' }, undefined)).toBeUndefined()
  })
})
