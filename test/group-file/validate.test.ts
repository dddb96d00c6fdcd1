import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { formatProblem } from '../../actions/lib/group-file/problems.js'

const FILE = 'groups/fall/group.yml'

/** A valid 6-member circle; each test breaks one line of it. */
const VALID = `# yaml-language-server: $schema=../group.schema.json
name: Fall 2026 circle
format: circle
timezone: America/Los_Angeles
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
weekly: 6
then: monthly
lead: 3d
skip: [2026-11-29]
quorum: 5
members:
  - { github: octo-ana, name: Ana Lima, employer: Acme, role: facilitator }
  - { github: bkowalski, name: Bartosz Kowalski, aliases: [Bart], email: bart@example.org }
  - { github: priya-n, name: Priya Natarajan }
  - { github: jmartin, name: Jose Martin }
  - { github: grace-o, name: Grace Okafor }
  - { github: tomvdb, name: Tom van den Berg }
`

function problemsOf(text: string): string[] {
  return parseGroupFile(text, { file: FILE, slug: 'fall' }).problems.map(formatProblem)
}

function withLine(line: number, replacement: string): string {
  const lines = VALID.split('\n')
  lines[line - 1] = replacement
  return lines.join('\n')
}

describe('group file validation', () => {
  it('accepts the minimal documented file and fills the defaults', () => {
    const result = parseGroupFile(VALID, { file: FILE, slug: 'fall' })
    expect(result.problems).toEqual([])
    expect(result.group).toMatchObject({
      slug: 'fall',
      weekly: 6,
      agenda: 'discussion',
      public: false,
      redact: [],
      meeting: { week: 'first' },
    })
    expect(result.group?.members[1]?.role).toBe('member')
  })

  it.each([
    [
      'bad YAML',
      withLine(5, 'meeting: { weekday: sunday, time: "16:00"'),
      `${FILE}:6:1: invalid YAML`,
    ],
    ['an unknown key', withLine(11, 'quorom: 5'), `${FILE}:11:1: quorom: unknown field "quorom"`],
    [
      'a wrong type',
      withLine(7, 'weekly: six'),
      `${FILE}:7:9: weekly: expected a number, got "six"`,
    ],
    [
      'an unknown time zone',
      withLine(4, 'timezone: Mars/Olympus'),
      `${FILE}:4:11: timezone: "Mars/Olympus" is not an IANA time zone`,
    ],
    [
      'an impossible date',
      withLine(6, 'start: 2026-02-30'),
      `${FILE}:6:8: start: "2026-02-30" is not a real calendar date`,
    ],
    [
      'a start date off the meeting weekday',
      withLine(6, 'start: 2026-10-24'),
      `${FILE}:6:8: start: 2026-10-24 is a Saturday, but meeting.weekday is sunday`,
    ],
    [
      'a time that is not HH:MM',
      withLine(5, 'meeting: { weekday: sunday, time: "4pm", duration: 90 }'),
      `${FILE}:5:35: meeting.time: "4pm" is not HH:MM (24-hour), e.g. "16:00"`,
    ],
    [
      'a duration that is not positive',
      withLine(5, 'meeting: { weekday: sunday, time: "16:00", duration: 0 }'),
      `${FILE}:5:54: meeting.duration: must be from 1 to 600 minutes, got 0`,
    ],
    [
      'an invalid login',
      withLine(14, '  - { github: "bob smith", name: Bob Smith }'),
      `${FILE}:14:15: members[1].github: "bob smith" is not a valid GitHub login`,
    ],
    [
      'a duplicate member, case-insensitively',
      withLine(15, '  - { github: OCTO-ANA, name: Ana Again }'),
      `${FILE}:15:15: members[2].github: "OCTO-ANA" is listed twice (also members[0])`,
    ],
    [
      'a skip date outside the schedule',
      withLine(10, 'skip: [2026-11-30]'),
      `${FILE}:10:8: skip[0]: 2026-11-30 is not a meeting date (meetings are on sundays)`,
    ],
    [
      'a skip date before the start',
      withLine(10, 'skip: [2026-10-18]'),
      `${FILE}:10:8: skip[0]: 2026-10-18 is before the first meeting (2026-10-25)`,
    ],
    [
      'an enumeration value it does not know',
      withLine(8, 'then: weekly'),
      `${FILE}:8:7: then: "weekly" is not one of: monthly, biweekly, none`,
    ],
    [
      'a lead that is not a duration',
      withLine(9, 'lead: three days'),
      `${FILE}:9:7: lead: "three days" is not a duration such as "3d", "72h" or "2d12h"`,
    ],
  ])('reports %s with its line and column', (_case, text, expected) => {
    const problems = problemsOf(text)
    expect(
      problems.some((p) => p.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true)
  })

  it('reports a missing facilitator at the members list', () => {
    const text = VALID.replace(', role: facilitator', '')
    expect(problemsOf(text)).toContain(
      `${FILE}:13:3: members: no member has role: facilitator; name at least one`,
    )
  })

  it('reports a missing required field where the mapping starts', () => {
    const text = withLine(4, '')
    expect(problemsOf(text)).toContain(`${FILE}:2:1: timezone: is required`)
  })

  it('collects every problem of a file in one pass', () => {
    const text = withLine(4, 'timezone: Nowhere/Land')
      .replace('quorum: 5', 'quorum: 5\nextra: 1')
      .replace('"16:00"', '"7pm"')
    expect(problemsOf(text)).toHaveLength(3)
  })

  it("warns, without failing, about a roster outside the playbook's 6 to 10", () => {
    const small = VALID.split('\n').slice(0, 15).join('\n')
    const result = parseGroupFile(small, { file: FILE, slug: 'fall' })
    expect(result.group).toBeDefined()
    expect(result.problems.map(formatProblem)).toEqual([
      `${FILE}:11:9: warning: quorum: quorum 5 is more than the 3 members: no meeting can reach it, so every RSVP status will say the meeting is short; set quorum to at most 3`,
      `${FILE}:13:3: warning: members: 3 members: fewer than the playbook's 6 to 10; with one or two away, under 5 are left in the room, which makes for a thin discussion`,
    ])
    const extra = (n: number) =>
      Array.from({ length: n }, (_, i) => `  - { github: extra-${i}, name: Extra ${i} }`).join('\n')
    const ten = parseGroupFile(`${VALID}${extra(4)}\n`, { file: FILE, slug: 'fall' })
    expect(ten.problems).toEqual([])
    const large = parseGroupFile(`${VALID}${extra(5)}\n`, { file: FILE, slug: 'fall' })
    expect(large.group).toBeDefined()
    expect(large.problems.map(formatProblem)).toEqual([
      `${FILE}:13:3: warning: members: 11 members: more than the playbook's 6 to 10; a full room of over 9 leaves too little airtime, so consider two groups`,
    ])
  })

  it('refuses alias expansion bombs without hanging', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n')
    const [problem] = problemsOf(bomb)
    expect(problem).toMatch(/^groups\/fall\/group.yml:1:1: YAML could not be expanded/)
  })

  it('treats a __proto__ key as an unknown field, not as a prototype', () => {
    const problems = problemsOf(`${VALID}__proto__: { polluted: true }\n`)
    expect(problems).toContain(`${FILE}:19:1: __proto__: unknown field "__proto__"`)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('rejects a file over the size limit before parsing it', () => {
    const huge = `${VALID}# ${'x'.repeat(300 * 1024)}\n`
    expect(problemsOf(huge)).toEqual([`${FILE}:1:1: file is larger than 256 KiB`])
  })
})

describe('one pass', () => {
  it('reports cross-field rules alongside schema errors', () => {
    const text = withLine(4, 'timezone: Nowhere/Land').replace(
      'github: grace-o',
      'github: OCTO-ANA',
    )
    const problems = problemsOf(text)
    expect(problems).toContain(
      `${FILE}:4:11: timezone: "Nowhere/Land" is not an IANA time zone, e.g. "America/Los_Angeles" or "Europe/Berlin"`,
    )
    expect(problems.some((p) => p.includes('members[4].github: "OCTO-ANA" is listed twice'))).toBe(
      true,
    )
  })
})
