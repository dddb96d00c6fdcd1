import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT_INVALID } from '../../cli/src/errors.js'
import { cliProcess, type CliResult } from '../support/cli.js'
import { workspaceWith } from '../support/workspace.js'

/*
 * Hostile and extreme group files, through the bundled CLI as a user runs it (bin/skill-share.js):
 * each must finish in seconds, and be refused at its line with what is allowed, or accepted with a
 * warning that says what will happen.
 */

const BASE = `name: Hostile circle
timezone: Europe/Berlin
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2030-03-03
members:
  - { github: lead-one, name: Lead One, role: facilitator }
  - { github: member-two, name: Member Two }
  - { github: member-three, name: Member Three }
  - { github: member-four, name: Member Four }
  - { github: member-five, name: Member Five }
`
const PAIR = (coach: string, coachee: string) =>
  `  - { coach: ${coach}, coachee: ${coachee}, cadence: weekly, weekday: tuesday, time: "08:00", start: 2030-03-05 }`

/** Writes one group (text or raw bytes) into a fresh checkout and runs the CLI there. */
async function run(args: (slug: string) => string[], file: string | Buffer, slug = 'hostile') {
  const dir = await workspaceWith({})
  await mkdir(path.join(dir, 'groups', slug), { recursive: true })
  await writeFile(path.join(dir, 'groups', slug, 'group.yml'), file)
  const started = Date.now()
  const result = await cliProcess(args(`groups/${slug}`), dir)
  return { ...result, ms: Date.now() - started }
}
const validate = (file: string | Buffer, slug?: string) => run((g) => ['validate', g], file, slug)

function expectRefused(result: CliResult & { ms: number }, message: RegExp) {
  expect(result.code, result.stderr).toBe(EXIT_INVALID)
  expect(result.stderr).toMatch(message)
  expect(result.ms).toBeLessThan(10_000)
}

function expectWarned(result: CliResult & { ms: number }, message: RegExp) {
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toMatch(message)
  expect(result.ms).toBeLessThan(10_000)
}

describe('dates at the edge of the calendar never hang a command', () => {
  it.each([
    [
      'a start in year 9999',
      BASE.replace('2030-03-03', '9999-12-26'),
      /:4:8: start: "9999-12-26" is out of range: use a date from 2000-01-01 to 2199-12-31/,
    ],
    [
      'a start in year 1900',
      BASE.replace('2030-03-03', '1900-01-07'),
      /:4:8: start: "1900-01-07" is out of range/,
    ],
    [
      'a skip far in the future',
      `${BASE}skip: [9999-12-31]\n`,
      /:11:8: skip\[0\]: "9999-12-31" is out of range/,
    ],
    [
      'a pair starting in year 9999',
      `${BASE.replace('name: Hostile circle', 'name: Net\nformat: coaching')}pairs:\n${PAIR('lead-one', 'member-two').replace('2030-03-05', '9999-12-28')}\n`,
      /pairs\[0\]\.start: "9999-12-28" is out of range/,
    ],
  ])(
    'refuses %s at its line, in seconds',
    async (_name, file, message) => {
      expectRefused(await validate(file), message)
    },
    30_000,
  )

  it('plans the largest valid group up to the last allowed date in seconds', async () => {
    const largest = BASE.replace('2030-03-03', '2199-01-06')
      .replace('duration: 90', 'duration: 600')
      .concat('weekly: 26\nthen: biweekly\nlead: 28d\n')
    const result = await run((g) => ['plan', g, '--until', '2199-12-31'], largest)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).not.toContain('Invalid DateTime')
    expect(result.ms).toBeLessThan(10_000)
  }, 30_000)
})

describe('numbers out of range are refused with the range', () => {
  it.each([
    [
      'an absurd lead',
      `${BASE}lead: 99999999d\n`,
      /:11:7: lead: "99999999d" is too long: a lead may be from 0m to 28d/,
    ],
    [
      'a lead of more digits than a number holds',
      `${BASE}lead: 99999999999999999999999h\n`,
      /lead: .* is too long/,
    ],
    [
      'a duration of a million minutes',
      BASE.replace('duration: 90', 'duration: 1000000'),
      /meeting\.duration: must be from 1 to 600 minutes, got 1000000/,
    ],
    ['an infinite quorum', `${BASE}quorum: .inf\n`, /quorum: (expected a number|must be)/],
    [
      'weekly as a huge float',
      `${BASE}weekly: 1e308\n`,
      /weekly: must be from 1 to 26, got 1e\+308/,
    ],
    [
      'a pair duration of zero',
      `${BASE.replace('name: Hostile circle', 'name: Net\nformat: coaching')}pairs:\n${PAIR('lead-one', 'member-two').replace('}', ', duration: 0 }')}\n`,
      /pairs\[0\]\.duration: must be from 1 to 600 minutes, got 0/,
    ],
  ])(
    '%s',
    async (_name, file, message) => {
      expectRefused(await validate(file), message)
    },
    30_000,
  )

  it('plan never prints Invalid DateTime, whatever the lead', async () => {
    const result = await run((g) => ['plan', g], `${BASE}lead: 99999999d\n`)
    expect(result.code).toBe(EXIT_INVALID)
    expect(result.stdout + result.stderr).not.toContain('Invalid DateTime')
  }, 30_000)
})

describe('validation and the scheduler agree on skips', () => {
  it.each([
    ['the last weekly meeting and the week after', 'skip: [2030-04-07, 2030-04-14]'],
    ['three weeks in a row from the second', 'skip: [2030-03-10, 2030-03-17, 2030-03-24]'],
    ['a follow-up', 'skip: [2030-05-05]'],
  ])(
    'accepts skipping %s, and plan shows where the meetings went',
    async (_name, skip) => {
      const result = await validate(`${BASE}${skip}\n`)
      expect(result.code, result.stderr).toBe(0)
      const plan = await run((g) => ['plan', g], `${BASE}${skip}\n`)
      expect(plan.code, plan.stderr).toBe(0)
      for (const date of skip.match(/\d{4}-\d{2}-\d{2}/g) ?? [])
        expect(plan.stdout).not.toContain(` ${date} `)
    },
    30_000,
  )

  it('still refuses a skip the scheduler would ignore', async () => {
    expectRefused(
      await validate(`${BASE}skip: [2030-04-21]\n`),
      /:11:8: skip\[0\]: 2030-04-21 is not a meeting date/,
    )
  }, 30_000)
})

describe('one coaching pair is one pair', () => {
  const network = (pairs: string[]) =>
    `${BASE.replace('name: Hostile circle', 'name: Net\nformat: coaching')}pairs:\n${pairs.join('\n')}\n`
  it.each([
    [
      'listed both ways',
      [PAIR('lead-one', 'member-two'), PAIR('member-two', 'lead-one')],
      /:14:5: pairs\[1\]: member-two and lead-one are already a pair \(pairs\[0\]\)/,
    ],
    [
      'listed both ways in other case',
      [PAIR('lead-one', 'member-two'), PAIR('Member-Two', 'LEAD-ONE')],
      /:14:5: pairs\[1\]: Member-Two and LEAD-ONE are already a pair/,
    ],
    [
      'listed twice among others',
      [
        PAIR('lead-one', 'member-two'),
        PAIR('member-three', 'member-four'),
        PAIR('member-four', 'member-three'),
      ],
      /:15:5: pairs\[2\]: member-four and member-three are already a pair \(pairs\[1\]\)/,
    ],
  ])(
    'refuses a pair %s',
    async (_name, pairs, message) => {
      expectRefused(await validate(network(pairs)), message)
    },
    30_000,
  )
})

describe("GitHub's limits, checked before anything is built", () => {
  it.each([
    [
      'a 300-character name',
      BASE.replace('name: Hostile circle', `name: ${'n'.repeat(300)}`),
      /:1:7: name: must be at most 100 characters \(issue titles are built from it, and GitHub allows 256\)/,
    ],
    [
      'a 300-character theme',
      `${BASE}themes: ["${'t'.repeat(300)}"]\n`,
      /themes\[0\]: must be at most 100 characters/,
    ],
    [
      'a 1,000-character place',
      BASE.replace('duration: 90', `duration: 90, place: "${'p'.repeat(1000)}"`),
      /meeting\.place: must be at most 300 characters/,
    ],
  ])(
    'refuses %s at its line',
    async (_name, file, message) => {
      expectRefused(await validate(file), message)
    },
    30_000,
  )

  it('refuses a folder name too long for its group label', async () => {
    expectRefused(await validate(BASE, 'g'.repeat(45)), /the folder name "g{45}" must be 1 to 40/)
  }, 30_000)
})

describe('bytes that are not what they seem', () => {
  it.each([
    [
      'a NUL in a name',
      BASE.replace('Member Two', 'Member\u0000Two'),
      /:7:39: contains a control character \(U\+0000 NUL\)/,
    ],
    [
      'an ANSI escape in a name',
      BASE.replace('Member Two', 'Member \u001b[31mTwo'),
      /:7:40: contains a control character \(U\+001B ESC\); remove it/,
    ],
    [
      'a bell in a comment',
      `${BASE}# ring \u0007\n`,
      /:11:8: contains a control character \(U\+0007 BEL\)/,
    ],
    [
      'an escaped ESC in a quoted name',
      BASE.replace('name: Member Two', 'name: "Member \\e[31mTwo"'),
      /:7:33: members\[1\]\.name: contains a control character \(U\+001B ESC\)/,
    ],
    [
      'a direction override in a name',
      BASE.replace('Member Two', 'Member \u202eowT'),
      /contains an invisible text-direction override \(U\+202E\)/,
    ],
  ])(
    'refuses %s at its line',
    async (_name, file, message) => {
      expectRefused(await validate(file), message)
    },
    30_000,
  )

  it('refuses Latin-1 bytes in a name at their line, instead of reading them as U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from(BASE.slice(0, BASE.indexOf('Member Two'))),
      Buffer.from([0x4a, 0xf6, 0x72, 0x67]), // "Jörg" in Latin-1
      Buffer.from(BASE.slice(BASE.indexOf('Member Two') + 'Member Two'.length)),
    ])
    expectRefused(await validate(bytes), /:7:34: contains bytes that are not UTF-8/)
  }, 30_000)

  it('never writes a control character to the terminal from plan', async () => {
    const result = await run(
      (g) => ['plan', g],
      BASE.replace('Hostile circle', 'Hostile \u001b[2J circle'),
    )
    expect(result.code).toBe(EXIT_INVALID)
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/)
  }, 30_000)
})

describe('warnings a group needs, saying what will happen', () => {
  it.each([
    [
      'a fixed-offset EST',
      BASE.replace('Europe/Berlin', 'EST'),
      /timezone: "EST" is a fixed UTC-05:00 offset without daylight saving: .* an hour off local time; use "America\/New_York"/,
    ],
    [
      'an abbreviation PST',
      BASE.replace('Europe/Berlin', 'PST'),
      /timezone: "PST" is an abbreviation, not a place: .*; use "America\/Los_Angeles"/,
    ],
    [
      'a lower-case zone',
      BASE.replace('Europe/Berlin', 'america/los_angeles'),
      /timezone: "america\/los_angeles" is not the IANA name as written.*; use "America\/Los_Angeles"/,
    ],
    ['an old alias', BASE.replace('Europe/Berlin', 'US/Pacific'), /use "America\/Los_Angeles"/],
    [
      'a time the spring-forward Sunday skips',
      BASE.replace('"16:00"', '"02:30"').replace('2030-03-03', '2030-03-24'),
      /meeting\.time: 02:30 does not exist on 2030-03-31 in Europe\/Berlin \(clocks spring forward\): that meeting will start at 03:30 local time/,
    ],
    [
      'a time the fall-back Sunday repeats',
      BASE.replace('"16:00"', '"02:30"')
        .replace('2030-03-03', '2030-10-06')
        .concat('then: none\nskip: [2030-10-13, 2030-10-20]\n'),
      /meeting\.time: 02:30 happens twice on 2030-10-27 in Europe\/Berlin \(clocks fall back\): that meeting is at the (first|second) one/,
    ],
    [
      'a quorum larger than the roster',
      `${BASE}quorum: 8\n`,
      /quorum: quorum 8 is more than the 5 members: no meeting can reach it/,
    ],
    [
      'a start in the past',
      BASE.replace('2030-03-03', '2020-03-01'),
      /start: 2020-03-01 is in the past: the sessions action only opens issues for meetings still ahead/,
    ],
    [
      'pairs in a circle',
      `${BASE}pairs:\n${PAIR('lead-one', 'member-two')}\n`,
      /pairs: is only read by format: coaching; this circle ignores it/,
    ],
    [
      'two coworkers in one circle',
      BASE.replace('name: Member Two }', 'name: Member Two, employer: Acme }').replace(
        'name: Member Four }',
        'name: Member Four, employer: " acme" }',
      ),
      /members\[3\]\.employer: member-four and member-two \(members\[1\]\) work at the same place/,
    ],
  ])(
    'warns about %s',
    async (_name, file, message) => {
      expectWarned(await validate(file), message)
    },
    30_000,
  )
})
