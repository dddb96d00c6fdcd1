import { describe, expect, it } from 'vitest'
import {
  anonymize,
  createAnonymizer,
  pseudonymLetters,
} from '../../actions/lib/anonymize/anonymizer.js'
import type { Roster } from '../../actions/lib/anonymize/policy.js'

const roster: Roster = {
  members: [
    { github: 'ana', name: 'Ana Lima', email: 'ana.lima@acme.io', employer: 'Acme Corp' },
    { github: 'ana-dev', name: 'Anne-Marie Kowalski', aliases: ['Annie'] },
    { github: 'wturner', name: 'Will Turner' },
    { github: 'jon', name: 'Jon Park' },
    { github: 'jvdberg', name: 'Jan van der Berg' },
    { github: 'jgm', name: 'José García Márquez' },
    { github: 'zoe', name: 'Zoë Chen' },
    { github: 'lnowak', name: 'Łukasz Nowak', employer: 'Cyberdyne Systems' },
    { github: 'poneil', name: "Priya O'Neil" },
    { github: 'dsmith', name: 'Don Smith' },
    { github: 'gho', name: 'Grace Ho' },
    { github: 'maym', name: 'May Moss' },
    { github: 'markr', name: 'Mark Reyes' },
  ],
  redact: ['Project Falcon'],
}
const redact = (text: string) => anonymize(text, roster).text

describe('roster identifiers in every spelling', () => {
  it.each([
    ['possessive', "Priya's idea and Priya’s plan", "Member A's idea and Member A’s plan"],
    ['diacritics either way', 'José, Jose and Zoe', 'Member A, Member A and Member B'],
    ['a two-part surname', 'García Márquez and Mr. van der Berg', 'Member A and Mr. Member B'],
    ['the full name', 'José García Márquez spoke', 'Member A spoke'],
    ['a hyphenated name split over lines', 'Anne-\nMarie said so', 'Member A said so'],
    ['a surname hyphenated at a line break', "Kowal-\n  ski's team", "Member A's team"],
    ['bold', '**Ana** kept time', '**Member A** kept time'],
    ['a link to the profile', '[Ana](https://github.com/ana) hosted', 'Member A hosted'],
    ['emphasis inside the full name', '_Ana_ Lima hosted', 'Member A hosted'],
    ['a zero-width space', 'A\u200bna hosted', 'Member A hosted'],
    ['a Cyrillic A', '\u0410na hosted', 'Member A hosted'],
    ['a Greek omicron', 'Z\u03bfë hosted', 'Member A hosted'],
    ['fullwidth letters', 'Ｊｏｎ hosted', 'Member A hosted'],
    ['capitals', 'ANA LIMA hosted', 'Member A hosted'],
    ['an alias', 'Annie hosted', 'Member A hosted'],
    [
      'a login and a longer login that starts with it',
      '@ana and @ana-dev',
      'Member A and Member B',
    ],
    ['a login at a line break', 'ana-\ndev hosted', 'Member A hosted'],
    [
      'a login in a profile address',
      'see https://github.com/jgm and github.com/jgm/tools',
      'see [link removed] and [link removed]',
    ],
    ['one letter apart', 'Jon and Jan', 'Member A and Member B'],
    ['a name with an apostrophe', "O'Neil and ONeil", 'Member A and Member A'],
  ])('%s', (_, input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})

describe('names that are also words', () => {
  it.each([
    [
      '"will" stays, "Will" goes',
      'We will try it. Will said no.',
      'We will try it. Member A said no.',
    ],
    [
      '"grace" stays, "Grace" goes',
      'A grace period helped; Grace agreed.',
      'A grace period helped; Member A agreed.',
    ],
    [
      '"mark" stays, "Mark" goes',
      'We mark Fridays offline, Mark too.',
      'We mark Fridays offline, Member A too.',
    ],
    [
      '"park" stays, "Park" goes',
      'A walk in the park with Jon Park.',
      'A walk in the park with Member A.',
    ],
    [
      'the month stays, the member goes',
      'In May we meet. May said yes; May’s team agreed.',
      'In May we meet. Member A said yes; Member A’s team agreed.',
    ],
    ['a date with the month stays', 'Due May 5, since mid-May.', 'Due May 5, since mid-May.'],
    ['a contraction is not the name', "Don't worry, Don.", "Don't worry, Member A."],
    ['any case after @', '@markr and @maym', 'Member A and Member B'],
    [
      'a capitalized word at the start of a sentence is redacted (over-redaction beats a leak)',
      'Will this scale?',
      'Member A this scale?',
    ],
  ])('%s', (_, input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})

describe('employers, redact words and contact details', () => {
  it.each([
    [
      'employer, its core and its email domain',
      'Acme Corp, Acme and acme.io',
      '[a company], [a company] and [a company]',
    ],
    [
      'an employer without its generic word',
      'Cyberdyne Systems and Cyberdyne',
      '[a company] and [a company]',
    ],
    ['the redact list', 'the Project Falcon rewrite', 'the [redacted] rewrite'],
    ['a member email', 'write to ana.lima@acme.io', 'write to [email]'],
    ['any email', 'or to someone@example.org', 'or to [email]'],
    ['an obfuscated email', 'or ana.lima [at] acme [dot] io', 'or [email]'],
    ['a phone number', 'call +44 20 7946 0958 today', 'call [phone] today'],
    ['a LinkedIn profile', 'see https://www.linkedin.com/in/some-one-123/.', 'see [link removed].'],
    ['a mailto link', '<mailto:a@b.co>', '<[link removed]>'],
    ['a GitHub profile of someone else', 'see https://github.com/octocat', 'see [link removed]'],
    [
      'a repository of someone else stays',
      'see https://github.com/octocat/hello-world',
      'see https://github.com/octocat/hello-world',
    ],
    [
      'dates are not phone numbers',
      'from 2026-09-06 to 2026-10-11',
      'from 2026-09-06 to 2026-10-11',
    ],
  ])('%s', (_, input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})

describe('outside names (the safety net)', () => {
  it('replaces people outside the roster and lists them for review', () => {
    const result = anonymize(
      'My manager Priyanka asked Ana about it. Then Oluwaseun left, and @octocat was pinged.',
      roster,
    )
    expect(result.text).toBe(
      'My manager [someone] asked Member A about it. Then [someone] left, and [someone] was pinged.',
    )
    expect(result.flagged).toEqual(['Priyanka', 'Oluwaseun', '@octocat'])
    expect(result.replacements.outside).toBe(3)
    expect(result.replacements.name).toBe(1)
  })

  it('finds a flagged name again where no rule fires', () => {
    expect(redact('I hired Xiomara. Xiomara is great.')).toBe(
      'I hired [someone]. [someone] is great.',
    )
  })

  it('can be narrowed to compromise or to the rules, for measuring', () => {
    const text = 'My manager Priyanka talked to Sarah.'
    expect(anonymize(text, roster, { safetyNet: { rules: false } }).text).toBe(
      'My manager Priyanka talked to [someone].',
    )
    expect(anonymize(text, roster, { safetyNet: { compromise: false } }).text).toBe(
      'My manager [someone] talked to [someone].',
    )
  })
})

describe('lessons survive', () => {
  it('leaves text without names alone', () => {
    const lesson =
      'Delegating the outcome instead of the task made the hand-over stick. We will mark one evening a week as offline; a grace period of a week may help.\n\n- Ask questions rather than give advice.'
    expect(redact(lesson)).toBe(lesson)
  })
})

describe('pseudonyms', () => {
  it('shares one marker for a first name two members have', () => {
    const twins: Roster = {
      members: [
        { github: 'sam1', name: 'Sam Ortiz' },
        { github: 'sam2', name: 'Sam Berg' },
      ],
    }
    expect(anonymize('Sam and Sam Ortiz', twins).text).toBe('[a member] and Member A')
  })

  it('numbers members A to Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(pseudonymLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ])
  })

  it('ignores placeholder characters smuggled into the input', () => {
    const anonymizer = createAnonymizer(roster)
    expect(anonymizer.finish(anonymizer.redact('x\uE0003\uE001y'))).toBe('x3y')
  })
})
