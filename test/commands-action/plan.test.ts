import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  identifyIssue,
  planIssue,
  swappedAssignees,
  type CommandIssue,
} from '../../actions/commands/src/plan.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { CommentView, IssueView } from '../../actions/lib/github/repository.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { REPO_ROOT } from '../support/cli.js'

const BOT = { login: 'github-actions[bot]', type: 'Bot' }
const EXAMPLE = (() => {
  const text = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('the example group is invalid')
  return group
})()
const SESSIONS = buildSchedule(EXAMPLE)
const WEEK2 = SESSIONS[1]!
const BEFORE = new Date('2026-10-30T12:00:00Z')

let nextId = 500
function said(login: string, body: string, extra: Partial<CommentView> = {}): CommentView {
  const at = new Date(Date.parse('2026-10-30T10:00:00Z') + nextId * 1000).toISOString()
  return {
    id: nextId++,
    body,
    author: login === BOT.login ? BOT : { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    createdAt: at,
    updatedAt: at,
    plusOnes: 0,
    htmlUrl: '',
    ...extra,
  }
}

function issue(body: string, extra: Partial<IssueView> = {}): IssueView {
  return {
    number: 7,
    title: 't',
    state: 'open',
    stateReason: null,
    body,
    author: BOT,
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-29T23:00:00Z',
    updatedAt: '2026-10-29T23:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
    ...extra,
  }
}

const week2: CommandIssue = { type: 'session', group: EXAMPLE, kind: 'theme', session: WEEK2 }

function plan(comments: CommentView[], extra: Partial<Parameters<typeof planIssue>[0]> = {}) {
  return planIssue({
    target: week2,
    issue: { state: 'open', assignees: ['priya-n', 'grace-o'] },
    comments,
    reactions: [],
    now: BEFORE,
    ...extra,
  })
}

describe('identifyIssue', () => {
  it('reads the group and session from the bot marker', () => {
    const found = identifyIssue(
      issue('Week 2\n\n<!-- skill-share:session group=example n=2 -->'),
      [EXAMPLE],
      BEFORE,
    )
    expect(found).toMatchObject({ type: 'session', kind: 'theme', session: { number: 2, week: 2 } })
  })

  it('ignores a marker someone pasted into their own issue, and pull requests', () => {
    const body = '<!-- skill-share:session group=example n=2 -->'
    expect(
      identifyIssue(
        issue(body, { author: { login: 'bkowalski', type: 'User' } }),
        [EXAMPLE],
        BEFORE,
      ),
    ).toBeUndefined()
    expect(identifyIssue(issue(body, { isPullRequest: true }), [EXAMPLE], BEFORE)).toBeUndefined()
  })

  it('knows the ground rules and the pair issues, whose buddies are the assignees on the roster', () => {
    expect(
      identifyIssue(issue('<!-- skill-share:ground-rules group=example -->'), [EXAMPLE], BEFORE),
    ).toMatchObject({
      type: 'ground-rules',
    })
    const pair = identifyIssue(
      issue('<!-- skill-share:check-in group=example week=1 pair=2 of=4 -->', {
        assignees: ['GRACE-O', 'someone-else', 'tomvdb'],
      }),
      [EXAMPLE],
      BEFORE,
    )
    expect(pair).toMatchObject({
      type: 'check-in',
      week: 1,
      pair: 2,
      buddies: ['grace-o', 'tomvdb'],
    })
  })
})

describe('planIssue', () => {
  it('acknowledges the trigger only when a command of a member took effect', () => {
    const rsvp = said('bkowalski', '/rsvp yes')
    const help = said('jmartin', '/help')
    const chat = said('grace-o', 'see you')
    const stranger = said('outsider', '/rsvp yes')
    const refused = said('tomvdb', '/skip')
    const comments = [rsvp, help, chat, stranger, refused]
    const ack = (id: number, action: 'created' | 'edited' | 'deleted' = 'created') =>
      plan(comments, { trigger: { commentId: id, action } }).acknowledge
    expect(ack(rsvp.id)).toBe(rsvp.id)
    expect(ack(rsvp.id, 'edited')).toBe(rsvp.id)
    expect(ack(rsvp.id, 'deleted')).toBeUndefined()
    for (const other of [help, chat, stranger, refused]) expect(ack(other.id)).toBeUndefined()
  })

  it('wants one reply per comment that needs an answer, edits stale ones and removes those no longer needed', () => {
    const typo = said('grace-o', '/rsvp yse')
    const fixed = said('tomvdb', '/rsvp yes')
    const help = said('jmartin', '/help')
    const oldForFixed = said(BOT.login, `<!-- skill-share:reply to=${fixed.id} -->\n\nold`)
    const staleForTypo = said(BOT.login, `<!-- skill-share:reply to=${typo.id} -->\n\nold text`)
    const twin = said(BOT.login, `<!-- skill-share:reply to=${typo.id} -->\n\nold text`)
    const forDeleted = said(BOT.login, '<!-- skill-share:reply to=1 -->\n\nabout a deleted comment')
    const result = plan([typo, fixed, help, oldForFixed, staleForTypo, twin, forDeleted])
    expect(result.replies.create.map((r) => r.to)).toEqual([help.id])
    expect(result.replies.update.map((r) => [r.id, r.to])).toEqual([[staleForTypo.id, typo.id]])
    expect(result.replies.remove.map((r) => r.to).sort()).toEqual([1, fixed.id].sort())
    expect(result.duplicates).toEqual([twin.id])
    expect(result.replies.update[0]?.body).toContain(
      `@grace-o, about [your comment](#issuecomment-${typo.id}):`,
    )
  })

  it('never answers people outside the group or bots', () => {
    const result = plan([said('outsider', '/skip\n/help'), said('helper[bot]', '/frobnicate')])
    expect(result.replies).toEqual({ create: [], update: [], remove: [] })
    expect(result.status).toBe(false)
  })

  it('closes a skipped session only while it is open and before the meeting ends', () => {
    const skip = said('priya-n', '/skip offsite')
    expect(plan([skip]).skip).toEqual({ reason: 'offsite' })
    expect(plan([skip], { issue: { state: 'closed', assignees: [] } }).skip).toBeUndefined()
    expect(plan([skip], { now: new Date(WEEK2.endsAt) }).skip).toBeUndefined()
  })

  it('posts a status only when the commands say something, and keeps the oldest of two', () => {
    expect(plan([said('grace-o', 'hello')]).status).toBe(false)
    expect(plan([said('grace-o', '/rsvp maybe')]).status).toBe(true)
    const first = said(BOT.login, '<!-- skill-share:status group=example n=2 -->\n\nold')
    const second = said(BOT.login, '<!-- skill-share:status group=example n=2 -->\n\nold')
    const result = plan([said('grace-o', 'hello'), first, second])
    expect(result.status).toBe(true)
    expect(result.duplicates).toEqual([second.id])
  })

  it("renders a pair issue's status for its buddies only", () => {
    const target: CommandIssue = {
      type: 'check-in',
      group: EXAMPLE,
      kind: 'check-in',
      week: 1,
      pair: 1,
      buddies: ['grace-o', 'tomvdb'],
    }
    const result = planIssue({
      target,
      issue: { state: 'open', assignees: ['grace-o', 'tomvdb'] },
      comments: [said('grace-o', '/buddy')],
      reactions: [],
      now: BEFORE,
    })
    expect(result.statusComment?.body).toContain(
      '<!-- skill-share:status group=example week=1 pair=1 -->',
    )
    expect(result.statusComment?.body).toContain('**Checked in with their buddy:** 1 of 2.')
  })
})

describe('swappedAssignees', () => {
  const session = { facilitator: 'priya-n', coFacilitator: 'grace-o' }
  const swap = (by: string, to: string) => ({ swap: { by, to, commentId: 1 } })

  it('assigns the one new facilitator when the facilitator hands over', () => {
    expect(swappedAssignees(session, swap('priya-n', 'tomvdb'), ['priya-n'])).toEqual(['tomvdb'])
  })

  it('keeps the facilitator assigned when someone else hands over (the co-facilitator is named, not assigned)', () => {
    expect(swappedAssignees(session, swap('octo-ana', 'sam-rivera'), ['priya-n'])).toBeUndefined()
    expect(swappedAssignees(session, swap('grace-o', 'sam-rivera'), [])).toEqual(['priya-n'])
  })

  it('leaves the assignees alone without a swap, or when they already match', () => {
    expect(swappedAssignees(session, {}, ['someone'])).toBeUndefined()
    expect(swappedAssignees(session, swap('priya-n', 'tomvdb'), ['TOMVDB'])).toBeUndefined()
  })

  it('does not assign the same person twice', () => {
    expect(swappedAssignees(session, swap('priya-n', 'grace-o'), [])).toEqual(['grace-o'])
  })
})
