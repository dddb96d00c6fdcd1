import { describe, expect, it } from 'vitest'
import { anonymize } from '../../actions/lib/anonymize/anonymizer.js'
import {
  createLeakGate,
  findLeaks,
  formatLeak,
  type LeakCategory,
} from '../../actions/lib/anonymize/gate.js'
import type { IdentifierCategory, Roster } from '../../actions/lib/anonymize/policy.js'

const roster: Roster = {
  members: [
    { github: 'ana', name: 'Ana Lima', email: 'ana.lima@acme.io', employer: 'Acme Corp' },
    { github: 'ana-dev', name: 'Anne-Marie Kowalski', aliases: ['Annie'], email: 'amk@globex.com' },
    { github: 'jgm', name: 'José García Márquez' },
    { github: 'wturner', name: 'Will Turner' },
    { github: 'maym', name: 'May Moss' },
  ],
  redact: ['Project Falcon'],
}

const notes = [
  '## Stories',
  '',
  '- Kowalski told the group about the Project Falcon rewrite.',
  '- Annie and jgm paired on hiring; amk kept the notes.',
  '- Globex moved the deadline again.',
].join('\n')

describe('a planted leak', () => {
  it.each<[IdentifierCategory, string, number, number]>([
    ['name', 'kowalski', 3, 3],
    ['redact', 'project falcon', 3, 37],
    ['alias', 'annie', 4, 3],
    ['login', 'jgm', 4, 16],
    ['email', 'amk', 4, 43],
    ['employer', 'globex', 5, 3],
  ])(
    'the gate catches a skipped %s, says where, and never names it',
    (category, value, line, column) => {
      // The safety net would catch some of these as outside names, so it is off: this is the gate's test.
      const planted = anonymize(notes, roster, {
        plantLeak: (id) => id.category === category && id.value === value,
        safetyNet: { compromise: false, rules: false },
      })
      const leaks = findLeaks(planted.text, roster)
      expect(leaks).toEqual([{ category, line, column }])
      const outputLine = planted.text.split('\n')[line - 1] as string
      expect(
        outputLine
          .slice(column - 1)
          .toLowerCase()
          .startsWith(value.split(' ')[0] as string),
      ).toBe(true)
      const message = formatLeak(leaks[0]!, 'groups/x/retros/2026-12-06.md')
      expect(message).toMatch(/^groups\/x\/retros\/2026-12-06\.md:\d+:\d+: .+ would be published$/)
      for (const said of [message, JSON.stringify(leaks)]) {
        expect(said.toLowerCase()).not.toContain(value.split(' ')[0])
      }
    },
  )

  it('is found by the gate only; without the hook the same notes pass', () => {
    expect(findLeaks(anonymize(notes, roster).text, roster)).toEqual([])
  })
})

describe('the gate reads every spelling on its own', () => {
  it.each<[string, string, LeakCategory]>([
    ['a possessive', 'Ana’s idea', 'name'],
    ['diacritics dropped', 'Jose said', 'name'],
    ['a hyphenated name over a line break', 'x Anne-\nMarie', 'name'],
    ['a surname hyphenated at a line break', 'x Kowal-\nski', 'name'],
    ['emphasis', 'x **Ana**', 'name'],
    ['a zero-width space', 'x A\u200bna', 'name'],
    ['a Cyrillic look-alike', 'x \u0410na', 'name'],
    ['fullwidth letters', 'x Ａｎａ', 'name'],
    ['a login with @', 'x @ana-dev', 'login'],
    ['a login in a link', 'x https://github.com/jgm', 'login'],
    ['an email local part', 'x amk', 'email'],
    ['an employer domain', 'x acme.io', 'employer'],
    ['a capitalized common-word name', 'x Will', 'name'],
    ['a mention of a common-word login', 'x @maym', 'login'],
    ['any email address', 'x someone@example.org', 'email'],
    ['a profile link', 'x https://linkedin.com/in/someone', 'contact'],
  ])('%s', (_, text, category) => {
    const leaks = findLeaks(text, roster)
    expect(leaks.map((l) => l.category)).toContain(category)
  })

  it('reports line and column', () => {
    expect(findLeaks('first line\n  then Ana', roster)).toEqual([
      { category: 'name', line: 2, column: 8 },
    ])
  })

  it.each([
    ['lower-case common words', 'we will see; a grace period; may help'],
    ['a month', 'In May we meet, since mid-May, from May 5.'],
    [
      'its own markers',
      'Member A and Member B told [someone] at [a company] about [redacted]: [email], [phone], [link removed].',
    ],
    ['a contraction', "Don't."],
  ])('passes %s', (_, text) => {
    expect(createLeakGate(roster).scan(text)).toEqual([])
  })

  it('flags "May" when it is the member, even after a month word elsewhere', () => {
    expect(findLeaks("In May, May's team met.", roster)).toEqual([
      { category: 'name', line: 1, column: 9 },
    ])
  })
})
