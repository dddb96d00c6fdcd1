import { describe, expect, it } from 'vitest'
import { foldSnoozes, rebuildState, type CommentInput } from '../../actions/lib/commands/state.js'
import { comment, group } from './fixtures.js'

const g = group()
const session = (comments: CommentInput[], kind: 'kickoff' | 'theme' | 'closing' = 'theme') =>
  rebuildState({ group: g, kind, comments })

describe('rebuildState: RSVPs', () => {
  it('counts the latest /rsvp of each member in thread order', () => {
    const state = session([
      comment('grace', '/rsvp yes', 1),
      comment('linus', '/rsvp no', 2),
      comment('grace', '/rsvp maybe kid is sick', 3),
    ])
    expect(state.rsvps.get('grace')).toEqual({
      answer: 'maybe',
      note: 'kid is sick',
      via: 'command',
    })
    expect(state.rsvps.get('linus')?.answer).toBe('no')
  })

  it('orders by creation time, then id, however the input is sorted', () => {
    const first = comment('grace', '/rsvp yes', 5, { id: 2 })
    const second = comment('grace', '/rsvp no', 5, { id: 3 })
    const earlier = comment('grace', '/rsvp maybe', 4, { id: 9 })
    expect(session([second, earlier, first]).rsvps.get('grace')?.answer).toBe('no')
  })

  it('lets the last line win within one comment', () => {
    expect(session([comment('grace', '/rsvp yes\n/rsvp no')]).rsvps.get('grace')?.answer).toBe('no')
  })

  it('reads an edited comment by its current body, in its original place', () => {
    const edited = comment('grace', '/rsvp no', 1, { updatedAt: '2026-11-01T18:00:00.000Z' })
    const later = comment('grace', '/rsvp maybe', 2)
    expect(session([edited]).rsvps.get('grace')?.answer).toBe('no')
    expect(session([edited, later]).rsvps.get('grace')?.answer).toBe('maybe')
  })

  it('matches logins case-insensitively and reports them in roster spelling', () => {
    const state = session([comment('ADA', '/rsvp yes'), comment('Grace', '/rsvp yes')])
    expect([...state.rsvps.keys()]).toEqual(['Ada', 'grace'])
  })

  it('ignores people outside the group and bots, including the bot itself', () => {
    const state = rebuildState({
      group: g,
      kind: 'theme',
      comments: [
        comment('stranger', '/rsvp yes', 1),
        comment('skill-share[bot]', '/rsvp yes', 2),
        comment('ci-helper', '/rsvp yes', 3, { authorType: 'Bot' }),
        comment('grace', '/help', 4, { authorType: 'Bot' }),
        comment('tokenbot', '/rsvp yes', 5),
      ],
      ignoreLogins: ['TokenBot'],
    })
    expect(state.rsvps.size).toBe(0)
    expect(state.help).toEqual([])
    expect(state.refusals).toEqual([])
    expect(state.ignored.map((entry) => entry.reason)).toEqual(['not-a-member'])
  })

  it('takes a member’s 👍 on the issue as yes until they use /rsvp', () => {
    const state = rebuildState({
      group: g,
      kind: 'theme',
      comments: [comment('grace', '/rsvp no')],
      issueReactions: [
        { content: '+1', user: 'grace' },
        { content: '+1', user: 'LINUS' },
        { content: '+1', user: 'stranger' },
        { content: 'heart', user: 'ken' },
        { content: '+1', user: 'dependabot[bot]', userType: 'Bot' },
      ],
    })
    expect(Object.fromEntries([...state.rsvps].map(([k, v]) => [k, v.answer]))).toEqual({
      grace: 'no',
      linus: 'yes',
    })
    expect(state.rsvps.get('linus')?.via).toBe('reaction')
  })
})

describe('rebuildState: permissions and errors', () => {
  it('refuses facilitator commands from members, politely, and does not apply them', () => {
    const state = session([comment('grace', '/skip sick', 1, { id: 7 })])
    expect(state.skipped).toBeUndefined()
    expect(state.refusals).toEqual([
      expect.objectContaining({ commentId: 7, line: 1, command: 'skip', code: 'not-facilitator' }),
    ])
  })

  it('applies facilitator commands from facilitators', () => {
    const state = session([comment('ada', '/skip long weekend\n/swap @Linus')])
    expect(state.skipped).toMatchObject({ by: 'Ada', reason: 'long weekend' })
    expect(state.swap).toMatchObject({ by: 'Ada', to: 'linus' })
  })

  it('refuses a swap to someone off the roster without mentioning them', () => {
    const state = session([comment('ada', '/swap @stranger')])
    expect(state.swap).toBeUndefined()
    expect(state.refusals[0]?.reason).toContain('"stranger" is not on this group\'s roster')
    expect(state.refusals[0]?.reason).not.toContain('@stranger')
  })

  it('refuses commands on the wrong kind of issue', () => {
    const state = session([comment('grace', '/agree\n/continue stop')])
    expect(state.refusals.map((r) => [r.command, r.code])).toEqual([
      ['agree', 'wrong-issue'],
      ['continue', 'wrong-issue'],
    ])
    expect(state.agreed.size).toBe(0)
  })

  it('records invalid arguments and unknown commands with their lines', () => {
    const state = session([comment('grace', 'hi\n/rsvp perhaps\n/dance', 0, { id: 3 })])
    expect(state.refusals).toEqual([
      expect.objectContaining({ commentId: 3, line: 2, code: 'invalid' }),
    ])
    expect(state.unknown).toEqual([
      expect.objectContaining({ commentId: 3, line: 3, name: 'dance' }),
    ])
  })

  it('collects /help requests once per comment', () => {
    const help = comment('grace', '/help\n/help')
    expect(session([help]).help).toEqual([help.id])
  })
})

describe('rebuildState: attendance', () => {
  it('marks members present with /here and lets facilitators mark others', () => {
    const state = session([
      comment('grace', '/here'),
      comment('ada', '/here @linus @Ken'),
      comment('ada', '/attended @radia @stranger'),
    ])
    expect([...state.attendance].sort()).toEqual(['Ada', 'grace', 'ken', 'linus', 'radia'])
    expect(state.refusals).toHaveLength(1)
    expect(state.refusals[0]?.reason).toContain('The others are recorded')
  })

  it('marks a member who lists others present, but not the others', () => {
    const state = session([comment('grace', '/here @linus')])
    expect([...state.attendance]).toEqual(['grace'])
    expect(state.refusals[0]?.reason).toContain('You are marked present')
  })
})

describe('rebuildState: topics and themes', () => {
  it('numbers topics in thread order, one per comment', () => {
    const state = session(
      [
        comment('grace', '/topic delegation', 1),
        comment('linus', '/topic saying no\n/topic recruiting', 2),
      ],
      'kickoff',
    )
    expect(state.topics.map((t) => [t.order, t.author, t.text])).toEqual([
      [1, 'grace', 'delegation'],
      [2, 'linus', 'saying no'],
    ])
    expect(state.refusals[0]?.reason).toContain('One topic per comment')
  })

  it('keeps the latest valid /themes and refuses numbers that are not topics', () => {
    const topics = ['a', 'b', 'c', 'd', 'e'].map((t, i) => comment('grace', `/topic ${t}`, i))
    const state = session(
      [...topics, comment('ada', '/themes 1,2', 10), comment('ada', '/themes 2,9', 11)],
      'kickoff',
    )
    expect(state.themesChosen).toEqual([1, 2])
    expect(state.refusals.at(-1)?.reason).toContain(
      '9 is not a topic number; topics go from 1 to 5',
    )
  })

  it('refuses more themes than there are themed weeks', () => {
    const topics = ['a', 'b', 'c', 'd', 'e'].map((t, i) => comment('grace', `/topic ${t}`, i))
    const state = session([...topics, comment('ada', '/themes 1,2,3,4,5', 10)], 'kickoff')
    expect(state.themesChosen).toBeUndefined()
    expect(state.refusals.at(-1)?.reason).toContain('are 4 themed weeks (weeks 2 to 5)')
  })
})

describe('rebuildState: closing vote', () => {
  it('tallies the latest vote of each member', () => {
    const state = session(
      [
        comment('grace', '/continue monthly', 1),
        comment('linus', '/continue stop', 2),
        comment('grace', '/continue biweekly', 3),
      ],
      'closing',
    )
    expect(Object.fromEntries(state.continueVotes)).toEqual({ grace: 'biweekly', linus: 'stop' })
    expect(state.continueConfirmed).toBe(false)
  })

  it('closes the vote when a facilitator confirms a clear leader', () => {
    const state = session(
      [
        comment('grace', '/continue monthly', 1),
        comment('linus', '/continue monthly', 2),
        comment('ken', '/continue stop', 3),
        comment('ada', '/continue confirm', 4),
        comment('dennis', '/continue stop', 5),
      ],
      'closing',
    )
    expect(state).toMatchObject({ continueConfirmed: true, continueDecision: 'monthly' })
    expect(state.continueVotes.get('dennis')).toBeUndefined()
    expect(state.refusals[0]?.reason).toContain('already closed')
  })

  it('does not confirm a tie', () => {
    const state = session(
      [
        comment('grace', '/continue monthly', 1),
        comment('linus', '/continue stop', 2),
        comment('ada', '/continue confirm', 3),
      ],
      'closing',
    )
    expect(state.continueConfirmed).toBe(false)
    expect(state.refusals[0]?.reason).toContain('tied')
  })
})

describe('rebuildState: the closing votes beyond the cadence', () => {
  it('decides homework and seats with the confirmation, the cap most named by the winners', () => {
    const state = session(
      [
        comment('grace', '/continue monthly\n/homework keep\n/seats open 12', 1),
        comment('linus', '/continue monthly\n/seats open 10', 2),
        comment('ken', '/seats open 10\n/homework keep', 3),
        comment('ada', '/continue confirm', 4),
        comment('ken', '/homework drop', 5),
      ],
      'closing',
    )
    expect(state.continueDecision).toBe('monthly')
    expect(state.homeworkDecision).toBe('keep')
    expect(state.seatDecision).toEqual({ choice: 'open', cap: 10 })
    expect(state.refusals.map((r) => r.command)).toEqual(['homework'])
  })

  it('refuses to confirm while the homework or seats vote is tied', () => {
    const state = session(
      [
        comment('grace', '/continue stop\n/homework keep', 1),
        comment('linus', '/homework drop', 2),
        comment('ada', '/continue confirm', 3),
      ],
      'closing',
    )
    expect(state.continueConfirmed).toBe(false)
    expect(state.refusals[0]?.reason).toContain('The `/homework` vote is tied')
  })
})

describe('rebuildState: other issues', () => {
  it('records agreement to the ground rules', () => {
    const state = rebuildState({
      group: g,
      kind: 'ground-rules',
      comments: [comment('grace', '/agree'), comment('linus', 'I /agree too')],
    })
    expect([...state.agreed]).toEqual(['grace'])
  })

  it('counts a member’s 👍 on the ground rules as agreeing, and no one else’s', () => {
    const state = rebuildState({
      group: g,
      kind: 'ground-rules',
      comments: [comment('grace', '/agree')],
      issueReactions: [
        { content: '+1', user: 'Linus' },
        { content: 'heart', user: 'ken' },
        { content: '+1', user: 'stranger' },
        { content: '+1', user: 'helper[bot]', userType: 'Bot' },
      ],
    })
    expect([...state.agreed].sort()).toEqual(['grace', 'linus'])
    expect(state.rsvps.size).toBe(0)
  })

  it('ignores 👍 on a pair issue', () => {
    const state = rebuildState({
      group: g,
      kind: 'check-in',
      comments: [],
      issueReactions: [{ content: '+1', user: 'grace' }],
    })
    expect(state.agreed.size + state.rsvps.size).toBe(0)
  })

  it('records buddy check-ins and the latest snooze choice of each member', () => {
    const state = rebuildState({
      group: g,
      kind: 'check-in',
      comments: [
        comment('grace', '/buddy', 1),
        comment('linus', '/snooze', 2),
        comment('ken', '/snooze', 3),
        comment('ken', '/unsnooze', 4),
      ],
    })
    expect([...state.buddyCheckIns]).toEqual(['grace'])
    expect([...state.snoozed]).toEqual(['linus'])
    expect([...state.unsnoozed]).toEqual(['ken'])
  })

  it('keeps a snooze across issues until the member unsnoozes', () => {
    const week1 = { snoozed: new Set(['linus', 'ken']), unsnoozed: new Set<string>() }
    const week2 = { snoozed: new Set<string>(), unsnoozed: new Set(['ken']) }
    expect([...foldSnoozes([week1, week2])]).toEqual(['linus'])
  })

  it('takes scribe notes with the lines below the command', () => {
    const note = comment('grace', 'Scribe here.\n/notes pairing worked\nrole play felt awkward')
    expect(session([note]).notes).toEqual([
      { commentId: note.id, text: 'pairing worked\nrole play felt awkward' },
    ])
  })
})
