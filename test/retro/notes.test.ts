import { describe, expect, it } from 'vitest'
import { contentWords, jaccard, mergePoints } from '../../actions/lib/retro/merge.js'
import { classify, readMarkdown, readNotesFiles } from '../../actions/lib/retro/notes.js'
import type { RetroSession } from '../../actions/lib/retro/types.js'

const sessions: RetroSession[] = [
  { number: 1, kind: 'kickoff', date: '2026-09-06' },
  { number: 2, kind: 'theme', week: 2, date: '2026-09-13', theme: 'Delegation' },
]

describe('readMarkdown', () => {
  it('files points under the section their heading names', () => {
    const points = readMarkdown(
      [
        "### What didn't work",
        '- The video link broke.',
        '## Lessons',
        '1. Start on time.',
        '## Takeaways',
        '* A story.',
        '## Highlights',
        '+ The timer.',
      ].join('\n'),
    )
    expect(points.map((p) => [p.section, p.text])).toEqual([
      ['hard', 'The video link broke.'],
      ['learned', 'Start on time.'],
      ['stories', 'A story.'],
      ['worked', 'The timer.'],
    ])
  })

  it('keeps a nested bullet with its parent and continuation lines with their item', () => {
    const points = readMarkdown(
      '- Delegation is hard\n  - because we like control\n- Another point\n  that wraps.',
    )
    expect(points.map((p) => p.text)).toEqual([
      'Delegation is hard; because we like control',
      'Another point\nthat wraps.',
    ])
  })

  it('skips comments, code, rules and empty template bullets', () => {
    const points = readMarkdown(
      '<!-- guidance -->\n```\nAna wrote code\n```\n---\n- \n- ...\n\n> A quoted lesson.',
    )
    expect(points.map((p) => p.text)).toEqual(['A quoted lesson.'])
  })

  it('sorts free text by its words, stories by default', () => {
    expect(classify('I realized that feedback needs a date')).toBe('learned')
    expect(classify('The pairs struggled with the role play')).toBe('hard')
    expect(classify('Pairing worked well')).toBe('worked')
    expect(classify('A founder told us about a reorg')).toBe('stories')
  })
})

describe('readNotesFiles', () => {
  it('finds the session from front matter, a date or the file name', () => {
    const { points } = readNotesFiles(
      [
        { path: 'notes/a.md', text: '---\nsession: 2\n---\n- one' },
        { path: 'notes/b.md', text: '---\ndate: 2026-09-13\n---\n- two' },
        { path: 'notes/2026-09-06.md', text: '- three' },
        { path: 'notes/session-2.md', text: '- four' },
        { path: 'notes/misc.md', text: '- five' },
      ],
      sessions,
    )
    expect(points.map((p) => p.session)).toEqual([2, 2, 1, 2, undefined])
  })
})

describe('mergePoints', () => {
  it('compares content words, folded and lightly stemmed', () => {
    expect(contentWords('Delegating the Outcomes, not the tasks!')).toEqual([
      'delegat',
      'outcom',
      'not',
      'task',
    ])
    expect(jaccard(new Set(['a', 'b']), new Set(['a', 'c']))).toBeCloseTo(1 / 3)
  })

  it('merges within a section only', () => {
    const merged = mergePoints([
      { section: 'worked', text: 'The timer helped.', session: 1 },
      { section: 'hard', text: 'The timer helped.', session: 2 },
      { section: 'worked', text: 'the timer helped', session: 3 },
    ])
    expect(merged).toEqual([
      { section: 'worked', text: 'The timer helped.', count: 2, sessions: 2 },
      { section: 'hard', text: 'The timer helped.', count: 1, sessions: 1 },
    ])
  })

  it('stays linear on many distinct points', () => {
    const points = Array.from({ length: 20_000 }, (_, i) => ({
      section: 'stories' as const,
      text: `Point ${i} about topic ${i % 97} and habit ${i % 89} with detail ${i * 7}`,
    }))
    const started = performance.now()
    expect(mergePoints(points)).toHaveLength(20_000)
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
