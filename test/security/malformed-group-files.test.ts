import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { formatProblem } from '../../actions/lib/group-file/problems.js'
import { cli } from '../support/cli.js'

const FILE = 'groups/bad/group.yml'

const HEAD = `name: Bad circle
timezone: Europe/Berlin
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25`
const ROSTER = `members:
  - { github: lead-one, name: Lead One, role: facilitator }
  - { github: member-two, name: Member Two }
  - { github: member-three, name: Member Three }
  - { github: member-four, name: Member Four }
  - { github: member-five, name: Member Five }`
const ok = (extra = '') => `${HEAD}\n${extra}\n${ROSTER}\n`

/** Each case: a broken group file and the start of the one message it must produce. */
const CASES: Array<[string, string, string]> = [
  ['an unclosed flow mapping', 'name: x\nmeeting: { weekday: sunday', 'invalid YAML'],
  ['a tab used for indentation', `${HEAD}\nmembers:\n\t- { github: a, name: A }\n`, 'invalid YAML'],
  [
    'a duplicated key',
    `${HEAD}\nname: Again\n${ROSTER}\n`,
    'invalid YAML: Map keys must be unique',
  ],
  ['a bare list instead of a mapping', '- name: x\n- name: y\n', 'expected a mapping of fields'],
  ['a scalar document', 'just words\n', 'expected a mapping of fields'],
  ['an empty file', '', 'expected a mapping of fields'],
  ['an unknown top-level key', ok('colour: blue'), 'colour: unknown field "colour"'],
  [
    'an unknown key inside meeting',
    ok().replace('duration: 90', 'duration: 90, room: 4'),
    'meeting.room: unknown field "room"',
  ],
  [
    'an unknown key on a member',
    ok().replace('name: Member Two', 'name: Member Two, age: 40'),
    'members[1].age: unknown field "age"',
  ],
  [
    'a number for the name',
    ok().replace('name: Bad circle', 'name: 42'),
    'name: expected a string, got 42',
  ],
  ['a string for weekly', ok('weekly: "six"'), 'weekly: expected a number, got "six"'],
  [
    'a fractional weekly',
    ok('weekly: 5.5'),
    'weekly: must be a whole number from 1 to 26, got 5.5',
  ],
  ['zero weekly meetings', ok('weekly: 0'), 'weekly: must be from 1 to 26, got 0'],
  ['a negative quorum', ok('quorum: -1'), 'quorum: must be from 2 to 50, got -1'],
  [
    'a list for members',
    ok().replace(ROSTER, 'members: lead-one'),
    'members: expected an array, got "lead-one"',
  ],
  ['an empty roster', `${HEAD}\nmembers: []\n`, 'members: must list at least 1'],
  [
    'an unknown time zone',
    ok().replace('Europe/Berlin', 'Europe/Atlantis'),
    'timezone: "Europe/Atlantis" is not an IANA time zone',
  ],
  [
    'an offset instead of a zone',
    ok().replace('Europe/Berlin', '"+02:00"'),
    'timezone: "+02:00" is not an IANA time zone',
  ],
  [
    '30 February',
    ok().replace('2026-10-25', '2026-02-30'),
    'start: "2026-02-30" is not a real calendar date',
  ],
  [
    'a US-style date',
    ok().replace('2026-10-25', '10/25/2026'),
    'start: "10/25/2026" is not a date (YYYY-MM-DD)',
  ],
  [
    'a start off the weekday',
    ok().replace('2026-10-25', '2026-10-26'),
    'start: 2026-10-26 is a Monday, but meeting.weekday is sunday',
  ],
  ['a 12-hour time', ok().replace('"16:00"', '"4:00 PM"'), 'meeting.time: "4:00 PM" is not HH:MM'],
  ['hour 24', ok().replace('"16:00"', '"24:00"'), 'meeting.time: "24:00" is not HH:MM'],
  [
    'a negative duration',
    ok().replace('duration: 90', 'duration: -90'),
    'meeting.duration: must be from 1 to 600 minutes, got -90',
  ],
  [
    'a weekday with a capital',
    ok().replace('weekday: sunday', 'weekday: Sunday'),
    'meeting.weekday: "Sunday" is not one of: monday',
  ],
  [
    'an unknown agenda',
    ok('agenda: lecture'),
    'agenda: "lecture" is not one of: discussion, roleplay, workshop',
  ],
  ['a bad lead', ok('lead: soon'), 'lead: "soon" is not a duration'],
  [
    'a login with a space',
    ok().replace('github: member-two', 'github: "member two"'),
    'members[1].github: "member two" is not a valid GitHub login',
  ],
  [
    'a login with a trailing hyphen',
    ok().replace('github: member-two', 'github: member-'),
    'members[1].github: "member-" is not a valid GitHub login',
  ],
  [
    'a bad e-mail',
    ok().replace('name: Member Two', 'name: Member Two, email: not-an-email'),
    'members[1].email: "not-an-email" is not an email address',
  ],
  [
    'an unknown role',
    ok().replace('name: Member Two', 'name: Member Two, role: boss'),
    'members[1].role: "boss" is not one of: facilitator, member',
  ],
  [
    'a duplicate member in other case',
    ok().replace('github: member-three', 'github: Member-Two'),
    'members[2].github: "Member-Two" is listed twice',
  ],
  [
    'no facilitator',
    ok().replace(', role: facilitator', ''),
    'members: no member has role: facilitator',
  ],
  [
    'a skip date that is not a meeting',
    ok('skip: [2026-10-27]'),
    'skip[0]: 2026-10-27 is not a meeting date',
  ],
  [
    'a skip date before the start',
    ok('skip: [2026-10-18]'),
    'skip[0]: 2026-10-18 is before the first meeting',
  ],
  [
    'a circle without a meeting',
    `name: x\ntimezone: UTC\nstart: 2026-10-25\n${ROSTER}\n`,
    'meeting: is required for format: circle',
  ],
  [
    'a pair naming a non-member',
    ok(
      'pairs: [{ coach: lead-one, coachee: stranger, cadence: weekly, weekday: tuesday, time: "08:00", start: 2026-10-27 }]',
    ).replace('name: Bad circle', 'name: Bad circle\nformat: coaching'),
    'pairs[0].coachee: "stranger" is not in members',
  ],
  [
    'the same pair listed twice',
    ok(
      `pairs:
  - { coach: lead-one, coachee: member-two, cadence: weekly, weekday: tuesday, time: "08:00", start: 2026-10-27 }
  - { coach: Lead-One, coachee: member-two, cadence: monthly, weekday: tuesday, time: "09:00", start: 2026-10-27 }`,
    ).replace('name: Bad circle', 'name: Bad circle\nformat: coaching'),
    'pairs[1]: Lead-One and member-two are already a pair (pairs[0]); list each pair once',
  ],
  [
    'a member coaching themselves',
    ok(
      'pairs: [{ coach: lead-one, coachee: LEAD-ONE, cadence: weekly, weekday: tuesday, time: "08:00", start: 2026-10-27 }]',
    ).replace('name: Bad circle', 'name: Bad circle\nformat: coaching'),
    'pairs[0].coachee: a member cannot coach themselves',
  ],
  [
    'a billion-laughs alias bomb',
    'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    'YAML could not be expanded',
  ],
  ['a __proto__ key', ok('__proto__: { isAdmin: true }'), '__proto__: unknown field "__proto__"'],
  [
    'a constructor key',
    ok('constructor: { prototype: 1 }'),
    'constructor: unknown field "constructor"',
  ],
  ['an enormous file', `${ok()}# ${'x'.repeat(512 * 1024)}\n`, 'file is larger than 256 KiB'],
  [
    'a custom YAML tag that would run code elsewhere',
    ok('themes: !!js/function "function () { return 1 }"'),
    'invalid YAML: Unresolved tag',
  ],
]

describe('malformed group files', () => {
  it('covers at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30))

  it.each(CASES)('rejects %s with a located, specific message', (_name, text, expected) => {
    const { group, problems } = parseGroupFile(text, { file: FILE, slug: 'bad' })
    expect(group).toBeUndefined()
    const messages = problems.map(formatProblem)
    expect(
      messages.some((m) => m.includes(expected)),
      messages.join('\n'),
    ).toBe(true)
    for (const message of messages) expect(message).toMatch(/^groups\/bad\/group\.yml:\d+:\d+: /)
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('makes the CLI exit 1 with every problem, no stack trace, and nothing written', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'skill-share-bad-'))
    await mkdir(path.join(root, 'groups/bad'), { recursive: true })
    await mkdir(path.join(root, 'templates'))
    await writeFile(path.join(root, 'groups/bad/group.yml'), ok('weekly: many\nagenda: lecture'))
    const result = await cli(['preview', 'groups/bad', '--out', 'out'], root)
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(2)
    expect(result.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/)
    expect(await readdir(root)).not.toContain('out')
  })
})
