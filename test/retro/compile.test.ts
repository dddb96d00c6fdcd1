import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileRetro } from '../../actions/lib/retro/compile.js'
import type { RetroInput, SessionAggregate } from '../../actions/lib/retro/types.js'
import { buildSchedule } from '../../actions/lib/schedule/schedule.js'
import { loadCorpus, scanRoster } from '../anonymize/corpus.js'

const { group, labels, notes } = loadCorpus()
const sessions = buildSchedule(group)
const DATE = '2026-12-06'

const aggregates: SessionAggregate[] = [
  { session: 1, held: true, attendance: 10, homework: 9, scores: score(6.2, 5.8, 4.9, 9) },
  { session: 2, held: true, attendance: 9, homework: 8, scores: score(6.0, 6.1, 5.2, 8) },
  { session: 3, held: true, attendance: 8, homework: 2, scores: score(5.5, 6.4, 5.9, 2) },
  { session: 4, held: true, attendance: 2, homework: 2 },
  { session: 5, held: false },
  { session: 6, held: true, attendance: 7, homework: 6, scores: score(6.8, 6.6, 6.5, 6) },
]

function score(
  work: number,
  family: number,
  self: number,
  people: number,
): SessionAggregate['scores'] {
  return {
    work: { average: work, people },
    family: { average: family, people },
    self: { average: self, people },
  }
}

function input(overrides: Partial<RetroInput> = {}): RetroInput {
  return {
    group,
    sessions,
    notes,
    comments: [
      {
        session: 6,
        body: 'Jon said the buddy check-ins kept him honest.\n\nWe learned to end on one concrete next step.',
      },
    ],
    reflections: [
      {
        consent: true,
        learned: 'That asking for help is a skill, as Ana showed us.',
        inAYear: 'Leading a team of leads.',
      },
      { consent: false, learned: 'SECRET-NOT-CONSENTED' },
      { consent: true, learned: 'Listening first.' },
    ],
    aggregates,
    date: DATE,
    ...overrides,
  }
}

describe('compileRetro on the labelled corpus', () => {
  const result = compileRetro(input())
  const md = result.markdown

  it('writes to groups/<slug>/retros/<date>.md', () => {
    expect(result.path).toBe('groups/corpus/retros/2026-12-06.md')
  })

  it('has the sections of a retrospective, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'))
    expect(headings).toEqual([
      '# Retrospective: [redacted] Leads Circle',
      '## The cohort',
      '## Themes covered',
      '## What worked',
      '## What was hard',
      '## What we learned',
      '## Stories and takeaways',
      '## In their own words',
      '### What I learned',
      '### Where I want to be in a year',
      '## Figures',
    ])
  })

  it('states the cohort dates, the cadence and the themes, anonymized', () => {
    expect(md).toContain('- **Dates:** 2026-09-06 to 2026-12-06')
    expect(md).toContain('- **Cadence:** 6 weekly meetings, then monthly (2 follow-ups so far)')
    expect(md).toContain('- **Sessions:** 8 scheduled, 5 held, 1 skipped, 2 without a record')
    expect(md).toContain('- Week 2 (2026-09-13): Delegation')
    expect(md).toContain('- Week 4 (2026-09-27): Hiring at [a company] speed')
  })

  it('passes the gate and the independent scan, and keeps the lessons', () => {
    expect(result.report.leaks).toEqual([])
    expect(scanRoster(md, labels)).toEqual([])
    const missing = labels.lessons.filter((lesson) => !md.includes(lesson))
    expect(missing).toEqual([])
  })

  it('reports replacements per category and the outside names for reviewers', () => {
    const { replacements, flagged } = result.report
    expect(replacements.name).toBeGreaterThan(30)
    expect(replacements.employer).toBeGreaterThan(5)
    expect(replacements.redact).toBe(3)
    expect(flagged).toContain('Kenji Watanabe')
    expect(flagged).toContain('Xiomara')
  })

  it('keeps only consented reflections, unattributed', () => {
    expect(md).toContain('> That asking for help is a skill, as Member ')
    expect(md).toContain('> Listening first.')
    expect(md).toContain('> Leading a team of leads.')
    expect(md).not.toContain('SECRET-NOT-CONSENTED')
  })

  it('reads /notes comments as notes', () => {
    expect(md).toMatch(/- Member [A-Z]+ said the buddy check-ins kept him honest\./)
    expect(md).toContain('- We learned to end on one concrete next step.')
  })

  it('draws attendance and scores as mermaid xychart-beta charts', () => {
    expect(md).toContain(
      '```mermaid\nxychart-beta\n  title "Attendance per session"\n  x-axis "Session" ["S1", "S2", "S3", "S6"]\n  y-axis "People" 0 --> 11\n  bar [10, 9, 8, 7]\n```',
    )
    expect(md).toContain('  x-axis "Session" ["S1", "S2", "S6"]')
    expect(md).toContain('  line [6.2, 6.0, 6.8]')
    expect(md).toContain('Lines: work (blue), family (orange), self (green).')
  })

  it('leaves out every figure about fewer than 3 people, and says so', () => {
    expect(result.report.hidden).toEqual([
      'session 3: homework',
      'session 3: work score',
      'session 3: family score',
      'session 3: self score',
      'session 4: attendance',
      'session 4: homework',
    ])
    expect(md).toContain('| 3 | 2026-09-20 | yes | 8 | — | — | — | — |')
    expect(md).toContain('| 4 | 2026-09-27 | yes | — | — |  |  |  |')
    expect(md).toContain('| 5 | 2026-10-04 | skipped |  |  |  |  |  |')
    expect(md).toContain('not shown: fewer than 3 people')
    expect(md).not.toMatch(/\b2 people\b/)
  })
})

describe('merging points', () => {
  const compile = (texts: Array<[number, string]>) =>
    compileRetro(
      input({
        notes: texts.map(([session, text]) => ({
          path: `notes/${session}.md`,
          text: `---\nsession: ${session}\n---\n${text}`,
        })),
        comments: [],
        reflections: [],
      }),
    )

  it('merges the same point written in two sessions, and says how often it came up', () => {
    const { markdown, report } = compile([
      [1, '## What worked\n\n- Sending the theme out on Thursday gave everyone time to prepare.'],
      [
        2,
        '## What worked\n\n- sending the theme out on **Thursday** gave everyone time to prepare!',
      ],
      [3, '## What worked\n\n- The timer.'],
    ])
    expect(markdown).toContain(
      '- Sending the theme out on Thursday gave everyone time to prepare. _(came up in 2 sessions)_\n- The timer.',
    )
    expect(report.points).toEqual({ read: 3, kept: 2 })
  })

  it('merges near-duplicates and keeps different points apart', () => {
    const { markdown } = compile([
      [
        1,
        '## What we learned\n\n- Delegating the outcome instead of the task made the hand-over stick.',
      ],
      [
        1,
        '## What we learned\n\n- Delegate the outcome instead of the task, and the hand-over sticks.',
      ],
      [
        2,
        '## What we learned\n\n- Delegating the task instead of the outcome made nothing stick at all, ever, for anyone.',
      ],
    ])
    expect(markdown).toContain('made the hand-over stick. _(came up 2 times)_')
    expect(markdown).toContain('made nothing stick at all')
  })
})

describe('notes written freely', () => {
  it('compiles paragraphs without headings, sorting them by their words', () => {
    const { markdown } = compileRetro(
      input({
        notes: [
          {
            path: 'groups/corpus/notes/2026-09-13.md',
            text: 'We learned that a check-in date keeps delegation honest.\n\nIt was hard to stop reviewing every pull request.\n\nThe role play helped a lot.\n\nA founder told a story about saying no.',
          },
        ],
        comments: [],
      }),
    )
    const section = (title: string) => markdown.split(`## ${title}\n\n`)[1]?.split('\n\n')[0]
    expect(section('What we learned')).toBe(
      '- We learned that a check-in date keeps delegation honest.',
    )
    expect(section('What was hard')).toBe('- It was hard to stop reviewing every pull request.')
    expect(section('What worked')).toBe('- The role play helped a lot.')
    expect(section('Stories and takeaways')).toBe('- A founder told a story about saying no.')
  })

  it('compiles the suggested notes template into its sections', () => {
    const template = readFileSync(join(import.meta.dirname, '../../templates/notes.md'), 'utf8')
    const { markdown, report } = compileRetro(
      input({ notes: [{ path: 'templates/notes.md', text: template }], comments: [] }),
    )
    expect(report.points.read).toBe(6)
    expect(markdown).toContain('## What worked\n\n- Sending the theme out on Thursday')
    expect(markdown).toContain(
      '## What was hard\n\n- Keeping the homework circle to two answers each',
    )
    expect(markdown).not.toContain('Session notes, kept by the facilitator')
  })

  it('still compiles a file whose front matter is broken, and reports it', () => {
    const { markdown, report } = compileRetro(
      input({
        notes: [{ path: 'notes/bad.md', text: '---\nsession: [1\n---\n- The circle worked well.' }],
        comments: [],
      }),
    )
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]).toMatch(/^notes\/bad\.md: /)
    expect(markdown).toContain('- The circle worked well.')
  })
})

describe('failing closed', () => {
  it('returns no markdown when the gate finds a leak', () => {
    const result = compileRetro(
      input({
        // A real miss of the replacement (a name inside a snake_case file name), which the
        // gate reads word by word; see test/anonymize/gate.test.ts.
        notes: [{ path: 'notes/1.md', text: '- The rota lives in oncall_kowalski_v2.md.' }],
        comments: [],
      }),
    )
    expect(result.markdown).toBe('')
    expect(result.report.leaks).toEqual([
      { category: 'name', line: expect.any(Number), column: 28 },
    ])
  })

  it('ignores reflections without consent: true, even when they have text', () => {
    const { markdown } = compileRetro(
      input({
        reflections: [
          { consent: false, learned: 'no' },
          JSON.parse('{"learned": "missing consent"}') as RetroInput['reflections'] extends
            readonly (infer R)[] | undefined
            ? R
            : never,
          JSON.parse('{"consent": "true", "learned": "a string is not consent"}') as never,
        ],
      }),
    )
    expect(markdown).not.toContain('## In their own words')
  })
})
