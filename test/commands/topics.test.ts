import { describe, expect, it } from 'vitest'
import type { ReactionInput, Topic } from '../../actions/lib/commands/state.js'
import {
  chosenTopics,
  fillThemes,
  rankTopics,
  themeTitle,
} from '../../actions/lib/commands/topics.js'
import { group } from './fixtures.js'

const topics: Topic[] = [
  { commentId: 11, author: 'grace', text: 'delegation', order: 1 },
  { commentId: 12, author: 'linus', text: 'saying no', order: 2 },
  { commentId: 13, author: 'ken', text: 'coping and self-care', order: 3 },
]
const up = (user: string, extra: Partial<ReactionInput> = {}): ReactionInput => ({
  content: '+1',
  user,
  ...extra,
})

describe('rankTopics', () => {
  it('ranks by members’ 👍 on the topic comment, ties to the earliest proposal', () => {
    const reactions = new Map([
      [11, [up('linus')]],
      [12, [up('grace'), up('ken')]],
      [13, [up('grace')]],
    ])
    expect(rankTopics(topics, reactions, group()).map((t) => [t.rank, t.order, t.votes])).toEqual([
      [1, 2, 2],
      [2, 1, 1],
      [3, 3, 1],
    ])
  })

  it('does not count the author’s own 👍, non-members, bots, other reactions or double votes', () => {
    const reactions = new Map([
      [
        11,
        [
          up('grace'),
          up('stranger'),
          up('skill-share[bot]'),
          up('ken', { userType: 'Bot' }),
          { content: 'heart', user: 'linus' },
          up('Radia'),
          up('radia'),
        ],
      ],
    ])
    const [first] = rankTopics(topics, reactions, group())
    expect(first).toMatchObject({ order: 1, votes: 1, voters: ['radia'] })
  })
})

describe('fillThemes', () => {
  it('fills the themed weeks 2..n-1 in the order of the picks', () => {
    expect(fillThemes(group(), chosenTopics(topics, [3, 1]))).toEqual([
      { week: 2, title: 'coping and self-care' },
      { week: 3, title: 'delegation' },
    ])
  })

  it('leaves themes set in the group file alone and skips picks that repeat them', () => {
    const g = group({ themes: ['Delegation', { title: 'Recruiting' }] })
    const picks = [{ text: 'delegation' }, { text: 'saying no' }, { text: 'a' }, { text: 'b' }]
    expect(fillThemes(g, picks)).toEqual([
      { week: 4, title: 'saying no' },
      { week: 5, title: 'a' },
    ])
  })

  it('turns topic text into a plain theme title', () => {
    expect(themeTitle('  <b>Saying</b> no to @boss `now` | {{ secrets }}\nplease ')).toBe(
      'bSaying/b no to boss now secrets please',
    )
    expect(Array.from(themeTitle('word '.repeat(40))).length).toBeLessThanOrEqual(80)
  })
})
