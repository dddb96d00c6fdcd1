import { describe, expect, it } from 'vitest'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import {
  formatFormProblem,
  readCohortForm,
  renderGroupFile,
  splitLogins,
  validateGroupDraft,
  type CohortForm,
} from '../../actions/lib/group-file/write.js'

const FORM: CohortForm = {
  slug: 'fall-2026',
  name: 'Fall 2026 circle',
  start: '2026-10-25 16:00',
  timezone: 'America/Los_Angeles',
  facilitators: '@octo-ana, priya-n',
  // Six people: the smallest roster the playbook advises, so only the cases below warn about size.
  members: 'bkowalski, jmartin\ngrace-o, mei-chen',
  skip: '2026-11-29',
}

function render(form: CohortForm, existing?: string) {
  const { draft, problems } = readCohortForm(form)
  const text = renderGroupFile(draft, existing)
  const validated = validateGroupDraft(text, draft, problems)
  return { draft, text, problems: [...problems, ...validated.problems], group: validated.group }
}

/** Every problem as the action words it: `input: message`. */
function messages(form: CohortForm, existing?: string): string[] {
  return render(form, existing).problems.map((p) => formatFormProblem(p))
}

describe('the group file written from the form', () => {
  it('starts with the schema line and parses back to the group the form describes', () => {
    const { text, problems } = render(FORM)
    expect(problems).toEqual([])
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../group.schema.json')
    const { group, problems: parsed } = parseGroupFile(text, {
      file: 'groups/fall-2026/group.yml',
      slug: 'fall-2026',
    })
    expect(parsed).toEqual([])
    expect(group).toMatchObject({
      slug: 'fall-2026',
      name: 'Fall 2026 circle',
      format: 'circle',
      timezone: 'America/Los_Angeles',
      meeting: { weekday: 'sunday', time: '16:00', duration: 90 },
      start: '2026-10-25',
      weekly: 6,
      then: 'monthly',
      skip: ['2026-11-29'],
      public: false,
    })
    expect(group?.members).toEqual([
      { github: 'octo-ana', name: 'octo-ana', role: 'facilitator' },
      { github: 'priya-n', name: 'priya-n', role: 'facilitator' },
      { github: 'bkowalski', name: 'bkowalski', role: 'member' },
      { github: 'jmartin', name: 'jmartin', role: 'member' },
      { github: 'grace-o', name: 'grace-o', role: 'member' },
      { github: 'mei-chen', name: 'mei-chen', role: 'member' },
    ])
  })

  it('says what names are for and asks the organizer to fill them in', () => {
    const { text } = render(FORM)
    expect(text).toContain('# Names are used only to redact them from anything the group publishes')
    expect(text).toContain("please replace it with the member's full name")
    expect(text).toContain('time: "16:00"')
  })

  it('renders the same text again from its own output, so a rerun changes nothing', () => {
    const { text } = render(FORM)
    expect(render(FORM, text).text).toBe(text)
  })

  it('updates an existing file in place, keeping names, employers, themes and comments', () => {
    const { text } = render(FORM)
    const edited = text
      .replace('name: bkowalski', 'name: Bartosz Kowalski, employer: Globex')
      .replace('name: octo-ana', 'name: Ana Lima')
      .replace('public: false', 'themes: [Delegation] # chosen in week 1\npublic: false')
    const updated = render(
      {
        ...FORM,
        start: '2026-11-01',
        time: '17:00',
        facilitators: 'priya-n',
        members: 'octo-ana bkowalski sam-r grace-o mei-chen',
      },
      edited,
    )
    expect(updated.problems).toEqual([])
    expect(updated.text).toContain('# chosen in week 1')
    expect(updated.group?.themes).toEqual(['Delegation'])
    expect(updated.text).toContain('start: 2026-11-01 # the first meeting')
    expect(updated.text).toContain('time: "17:00"')
    expect(updated.group?.members).toEqual([
      { github: 'priya-n', name: 'priya-n', role: 'facilitator' },
      { github: 'octo-ana', name: 'Ana Lima', role: 'member' },
      { github: 'bkowalski', name: 'Bartosz Kowalski', employer: 'Globex', role: 'member' },
      { github: 'sam-r', name: 'sam-r', role: 'member' },
      { github: 'grace-o', name: 'grace-o', role: 'member' },
      { github: 'mei-chen', name: 'mei-chen', role: 'member' },
    ])
  })

  it('writes public: true only when asked to', () => {
    const { draft } = readCohortForm(FORM)
    expect(renderGroupFile({ ...draft, public: true })).toContain('public: true')
    expect(renderGroupFile(draft)).toContain('public: false')
  })

  it('takes the weekday from the start date, and an explicit time from its own field', () => {
    const { group } = render({ ...FORM, start: '2026-10-27', time: '9:30', skip: '' })
    expect(group?.meeting).toMatchObject({ weekday: 'tuesday', time: '09:30' })
  })
})

describe('problems, worded for the form field to fix', () => {
  it.each([
    [
      'a bad time zone',
      { timezone: 'Mars/Base' },
      'timezone: "Mars/Base" is not an IANA time zone, e.g. "America/Los_Angeles" or "Europe/Berlin"',
    ],
    [
      'an impossible date',
      { start: '2026-02-30 16:00' },
      'start: "2026-02-30" is not a real calendar date',
    ],
    [
      'a start that is no date',
      { start: 'next sunday' },
      'start: "next sunday" is not a date (YYYY-MM-DD)',
    ],
    [
      'a 12-hour time',
      { start: '2026-10-25', time: '4pm' },
      'time: "4pm" is not HH:MM (24-hour), e.g. "16:00"',
    ],
    ['a weekly count in words', { weekly: 'six' }, 'weekly: expected a number, got "six"'],
    [
      'an unknown cadence',
      { then: 'yearly' },
      'then: "yearly" is not one of: monthly, biweekly, none',
    ],
    [
      'a skip date off the schedule',
      { skip: '2026-11-30' },
      'skip: 2026-11-30 is not a meeting date (meetings are on sundays)',
    ],
    [
      'a weekday the start is not on',
      { weekday: 'monday' },
      'start: 2026-10-25 is a Sunday, but meeting.weekday is monday',
    ],
    [
      'an invalid login',
      { members: 'bkowalski, j_martin' },
      'members: "j_martin" is not a valid GitHub login',
    ],
    [
      'a duplicate member',
      { members: 'bkowalski jmartin bkowalski grace-o mei-chen' },
      'members: "bkowalski" is listed twice (earlier in members)',
    ],
    [
      'a facilitator listed as member too',
      { members: 'priya-n bkowalski jmartin grace-o mei-chen' },
      'members: "priya-n" is listed twice (also in facilitators)',
    ],
    [
      'no facilitator',
      { facilitators: '' },
      'facilitators: name at least one facilitator (a GitHub login)',
    ],
    [
      'no time at all',
      { start: '2026-10-25' },
      'time: is required: the local start time, e.g. "16:00", or as part of start: "2026-10-25 16:00"',
    ],
    [
      'two different times',
      { time: '17:00' },
      'time: "17:00" disagrees with the time in start (16:00); give it once',
    ],
    [
      'a slug with spaces',
      { slug: 'Fall 2026' },
      'slug: "Fall 2026" is not a slug: use lowercase letters, digits and single hyphens (at most 40), e.g. "fall-2026"',
    ],
    ['no name', { name: ' ' }, 'name: is required'],
  ])('%s', (_, change, expected) => {
    expect(messages({ ...FORM, ...change })).toEqual([expected])
  })

  it("warns about a roster outside the playbook's 6 to 10, in validate's words", () => {
    expect(messages({ ...FORM, members: 'bkowalski' })).toEqual([
      "members: warning: 3 members: fewer than the playbook's 6 to 10; with one or two away, under 5 are left in the room, which makes for a thin discussion",
    ])
    const crowd = (n: number) => Array.from({ length: n }, (_, i) => `member-${i}`).join(',')
    expect(messages({ ...FORM, members: crowd(8) })).toEqual([])
    expect(messages({ ...FORM, members: crowd(9) })).toEqual([
      "members: warning: 11 members: more than the playbook's 6 to 10; a full room of over 9 leaves too little airtime, so consider two groups",
    ])
  })

  it('warns when an existing file shows two members working for the same employer', () => {
    const { text } = render(FORM)
    const coworkers = text
      .replace('name: bkowalski', 'name: B, employer: Globex')
      .replace('name: grace-o', 'name: G, employer: globex ')
    expect(messages(FORM, coworkers)).toEqual([
      'members: warning: @bkowalski and @grace-o share an employer (see groups/fall-2026/group.yml); the playbook keeps people who work together in different groups',
    ])
  })

  it('locates a problem in a part of the existing file the form does not cover', () => {
    const { text } = render(FORM)
    const broken = text.replace('public: false', 'quorum: 1\npublic: false')
    expect(messages(FORM, broken)).toEqual([
      expect.stringMatching(
        /^groups\/fall-2026\/group\.yml:\d+:9: quorum: must be from 2 to 50, got 1$/,
      ),
    ])
  })

  it('reports every problem at once', () => {
    expect(
      messages({ ...FORM, timezone: 'Mars/Base', start: '2026-02-30 16:00', facilitators: '' }),
    ).toHaveLength(3)
  })
})

describe('splitLogins', () => {
  it('accepts commas, spaces, newlines and an optional @', () => {
    expect(splitLogins(' @ana, bart\n\npriya ;sam ')).toEqual(['ana', 'bart', 'priya', 'sam'])
  })
})
