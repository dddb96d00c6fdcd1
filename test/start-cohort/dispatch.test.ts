import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { client } from '../emulator/helpers.js'
import { dispatch, FACILITATORS, MEMBERS, picture, startRepository, writesOf } from './helpers.js'

const FILE = 'groups/fall-2026/group.yml'
const BRANCH = 'skill-share/start-fall-2026'

/** The group file the form in helpers.ts describes, byte for byte. */
const EXPECTED_FILE = `# yaml-language-server: $schema=../group.schema.json
# Written by "Start a cohort" (or skill-share init). Edit freely: the sessions workflow reads
# this file from the default branch. Field reference: README.md#the-group-file

name: Fall 2026 circle
format: circle
timezone: America/Los_Angeles
meeting:
  weekday: sunday
  time: "16:00"
  duration: 90 # minutes
  # place: where you meet, an address or a video link (shown in every session issue)
start: 2026-10-25 # the first meeting
weekly: 6 # consecutive weekly meetings
then: monthly # monthly, biweekly or none, after the weekly phase
skip: [ 2026-11-29 ] # meeting dates to skip; a skipped weekly meeting moves the rest a week
members:
  # Names are used only to redact them from anything the group publishes (retrospectives,
  # summaries); they never appear in issues. The form only knew logins, so each name below is
  # a login: please replace it with the member's full name (nicknames go in aliases: [...]).
  # An employer (employer: Acme) keeps coworkers apart in pairings.
  - { github: octo-ana, name: octo-ana, role: facilitator }
  - { github: priya-n, name: priya-n, role: facilitator }
  - { github: bkowalski, name: bkowalski }
  - { github: jmartin, name: jmartin }
  - { github: grace-o, name: grace-o }
public: false # the material is confidential: keep this repository private
`

const LABELS = [
  'check-in',
  'closing',
  'ground-rules',
  'group:fall-2026',
  'homework',
  'intention',
  'kickoff',
  'monthly',
  'organizer',
  'reflection',
  'session',
  'skill-share',
  'theme',
  'topic',
]

const BOT = 'github-actions[bot]'

/** The issues a fresh start opens, numbered after the pull request (#1) or from #1 in commit mode. */
function expectedIssues(first: number) {
  const cohort = ['skill-share', 'group:fall-2026']
  return [
    {
      number: first,
      title: 'Ground rules · Fall 2026 circle',
      labels: [...cohort, 'ground-rules'].sort(),
      assignees: [],
      milestone: 'Fall 2026 circle',
      author: BOT,
    },
    ...[...FACILITATORS, ...MEMBERS].map((login, index) => ({
      number: first + 1 + index,
      title: `Your intention · Fall 2026 circle · @${login}`,
      labels: [...cohort, 'intention'].sort(),
      assignees: [login],
      milestone: 'Fall 2026 circle',
      author: BOT,
    })),
    {
      number: first + 6,
      title: "Getting Fall 2026 circle started: the organizer's checklist",
      labels: [...cohort, 'organizer'].sort(),
      // One assignee on every plan: Free private repositories allow no more.
      assignees: FACILITATORS.slice(0, 1),
      milestone: 'Fall 2026 circle',
      author: BOT,
    },
  ]
}

let gh: GitHubEmulator

beforeEach(async () => {
  gh = await startRepository()
})

afterEach(async () => {
  const errors = gh.errors
  await gh.close()
  if (errors.length > 0) throw errors[0]
})

describe('Start a cohort, pull-request mode', () => {
  it('proposes the group file in a pull request and opens the cohort issues', async () => {
    const result = await dispatch(gh)
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({
      'group-file': FILE,
      'pull-request': '1',
      'kickoff-issue': '8',
    })

    expect(gh.state.file(FILE, BRANCH)).toBe(EXPECTED_FILE)
    expect(gh.state.file(FILE)).toBeUndefined()
    const [pull] = gh.state.pulls()
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Start Fall 2026 circle (groups/fall-2026/group.yml)',
      head: { ref: BRANCH },
      base: { ref: 'main' },
    })
    expect(pull?.body).toContain(
      '| 1 | Week 1 · Kickoff | Sun 25 Oct 2026 | 16:00–17:30 | Thu 22 Oct, 16:00 |',
    )

    const seen = picture(gh)
    expect(seen.labels).toEqual(LABELS)
    expect(seen.milestones).toEqual([{ title: 'Fall 2026 circle', due: '2026-12-07T01:30:00Z' }])
    expect(seen.issues).toEqual(expectedIssues(2))

    const checklist = gh.state.issue(8)?.body ?? ''
    expect(checklist).toContain(
      '- [ ] Review and merge #1, which adds `groups/fall-2026/group.yml`',
    )
    expect(checklist).toContain('agreed with a 👍: #2')
    // No calendar.ics in the checkout yet: the checklist says how to publish one, links none.
    expect(checklist).toContain(
      '- [ ] Publish the group calendar for Apple Calendar and Outlook: run `npx skill-share calendar groups/fall-2026 --repo acme/circle --out groups/fall-2026/calendar.ics` and commit the file',
    )
    expect(checklist).not.toContain('calendar.ics)')
    expect(checklist).toContain('#3 (@octo-ana), #4 (@priya-n), #5 (@bkowalski)')
    expect(checklist).toContain('````text\nHi,')
    // Who is in and how far; five people are one short of the playbook's six to ten.
    expect(checklist).toContain(
      "**Roster size (warning):** 5 members: fewer than the playbook's 6 to 10;",
    )
    expect(checklist).toContain('5 accepted. No nomination is open.')
    expect(checklist).toContain('| @octo-ana (facilitator) | accepted |')
    expect(checklist).toContain('| @grace-o | accepted |')
    expect(checklist).toContain(
      '| 6 | Week 6 · Looking back, looking ahead (moved: 2026-11-29 skipped) | Sun 6 Dec 2026 | 16:00–17:30 | Thu 3 Dec, 16:00 |',
    )
    expect(checklist.trimEnd().endsWith('<!-- skill-share:kickoff group=fall-2026 -->')).toBe(true)
    expect(gh.state.issue(2)?.body).toContain('<!-- skill-share:ground-rules group=fall-2026 -->')
    expect(gh.state.issue(3)?.body).toContain(
      '<!-- skill-share:intention group=fall-2026 member=octo-ana -->',
    )

    expect(result.summary).toContain('Start a cohort: `fall-2026`')
    expect(result.summary).toContain('<td>Pull request</td><td>opened</td><td>#1</td>')
  })

  it('changes nothing when dispatched again, and says what exists', async () => {
    await dispatch(gh)
    const before = picture(gh)
    const again = await dispatch(gh)
    expect(again.exitCode).toBe(0)
    expect(writesOf(again)).toEqual([])
    expect(picture(gh)).toEqual(before)
    expect(again.outputs).toEqual({ 'group-file': FILE, 'pull-request': '1', 'kickoff-issue': '8' })
    expect(again.summary).toContain('<td>Pull request</td><td>exists, up to date</td><td>#1</td>')
    expect(again.summary).toContain('<td>Ground rules</td><td>exists</td><td>#2</td>')
    expect(again.summary).toContain("<td>Organizer's checklist</td><td>exists</td><td>#8</td>")
  })

  it('brings the open pull request up to date when the inputs change, instead of opening another', async () => {
    await dispatch(gh)
    const changed = await dispatch(gh, {
      start: '2026-11-01 17:00',
      skip: '',
      members: [...MEMBERS, 'sam-rivera'].join(', '),
    })
    expect(changed.exitCode).toBe(0)
    expect(writesOf(changed).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /repos/acme/circle/contents/${FILE}`,
      'PATCH /repos/acme/circle/pulls/1',
      'POST /repos/acme/circle/issues',
      // The checklist's Candidates section, now with six people.
      'PATCH /repos/acme/circle/issues/8',
    ])
    expect(gh.state.issue(8)?.body).toContain(
      "**Roster size:** 6 members: within the playbook's 6 to 10 (around 8 is best).",
    )
    expect(gh.state.issue(8)?.body).toContain('| @sam-rivera | accepted |')
    expect(gh.state.pulls()).toHaveLength(1)
    const file = gh.state.file(FILE, BRANCH) ?? ''
    expect(file).toContain('start: 2026-11-01 # the first meeting')
    expect(file).toContain('time: "17:00"')
    expect(file).toContain('{ github: sam-rivera, name: sam-rivera }')
    expect(gh.state.pull(1)?.body).toContain(
      '| 1 | Week 1 · Kickoff | Sun 1 Nov 2026 | 17:00–18:30 |',
    )
    expect(gh.state.issue(9)).toMatchObject({
      title: 'Your intention · Fall 2026 circle · @sam-rivera',
      assignees: [expect.objectContaining({ login: 'sam-rivera' })],
    })
  })

  it('writes nothing in a dry run and reports what it would do', async () => {
    const result = await dispatch(gh, { 'dry-run': 'true' })
    expect(result.exitCode).toBe(0)
    expect(writesOf(result)).toEqual([])
    expect(result.summary).toContain('(dry run: nothing written)')
    expect(result.summary).toContain('<td>Pull request</td><td>would open</td>')
    expect(result.outputs['kickoff-issue']).toBe('')
  })
})

describe('Start a cohort, commit mode', () => {
  it('commits the group file to the default branch and opens the cohort issues', async () => {
    const result = await dispatch(gh, { mode: 'commit' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({ 'group-file': FILE, 'pull-request': '', 'kickoff-issue': '7' })
    expect(gh.state.file(FILE)).toBe(EXPECTED_FILE)
    const seen = picture(gh)
    expect(seen.pulls).toEqual([])
    expect(seen.refs).toEqual(['refs/heads/main'])
    expect(seen.labels).toEqual(LABELS)
    expect(seen.milestones).toEqual([{ title: 'Fall 2026 circle', due: '2026-12-07T01:30:00Z' }])
    expect(seen.issues).toEqual(expectedIssues(1))
    expect(gh.state.issue(7)?.body).toContain(
      '- [ ] `groups/fall-2026/group.yml` is on the default branch',
    )
  })

  it('changes nothing when dispatched again', async () => {
    await dispatch(gh, { mode: 'commit' })
    const before = picture(gh)
    const again = await dispatch(gh, { mode: 'commit' })
    expect(again.exitCode).toBe(0)
    expect(writesOf(again)).toEqual([])
    expect(picture(gh)).toEqual(before)
  })

  it('warns about coworkers when the existing group file names their employer', async () => {
    gh.setFile(
      FILE,
      EXPECTED_FILE.replace('name: bkowalski', 'name: Bartosz, employer: Globex').replace(
        'name: grace-o',
        'name: Grace, employer: Globex',
      ),
    )
    const result = await dispatch(gh, { mode: 'commit' })
    expect(result.exitCode).toBe(0)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message:
          'members: warning: @bkowalski and @grace-o share an employer (see groups/fall-2026/group.yml); the playbook keeps people who work together in different groups',
      }),
    )
    expect(result.stdout).not.toContain('Globex')
    expect(result.summary).not.toContain('Globex')
  })
})

describe("Start a cohort again: the checklist's candidates", () => {
  /** A nomination filed before the group file was merged: no group label yet, only its answer. */
  const nomination = (group: string) =>
    renderFormBody('nomination', {
      group,
      for: 'someone-else',
      who: 'Dana Scully (@dscully)',
      why: 'Runs the platform team and wants to delegate better.',
      'how-known': 'We worked together at Initech.',
      leads: 'formally',
    })

  it('brings the section up to date in place, keeping the boxes the organizer ticked', async () => {
    await dispatch(gh, { mode: 'commit' })
    const checklist = 7
    const ticked = (gh.state.issue(checklist)?.body ?? '').replace(
      '- [ ] Open a discussion channel',
      '- [x] Open a discussion channel',
    )
    await client(gh, 'octo-ana').rest.issues.update({
      owner: 'acme',
      repo: 'circle',
      issue_number: checklist,
      body: ticked,
    })
    const as = (login: string) => client(gh, login).rest
    const repo = { owner: 'acme', repo: 'circle' }
    await as('jmartin').reactions.createForIssue({ ...repo, issue_number: 1, content: '+1' })
    await as('bkowalski').issues.createComment({ ...repo, issue_number: 1, body: '/agree' })
    const filed = await as('grace-o').issues.create({
      ...repo,
      title: 'Nomination · fall-2026',
      body: nomination('fall-2026'),
      labels: ['skill-share', 'nomination'],
    })
    await as('grace-o').issues.create({
      ...repo,
      title: 'Nomination · spring',
      body: nomination('spring'),
      labels: ['skill-share', 'nomination'],
    })

    const again = await dispatch(gh, { mode: 'commit' })
    expect(again.exitCode).toBe(0)
    expect(writesOf(again).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/acme/circle/issues/${checklist}`,
    ])
    expect(again.summary).toContain(
      "<td>Organizer's checklist</td><td>exists; Candidates section refreshed</td><td>#7</td>",
    )
    // Who agreed costs two reads, made only because the ground rules have a 👍 and a comment.
    const reads = again.requests.filter((r) => r.method === 'GET').map((r) => r.path)
    expect(reads).toContain('/repos/acme/circle/issues/1/reactions')
    expect(reads).toContain('/repos/acme/circle/issues/1/comments')
    const body = gh.state.issue(checklist)?.body ?? ''
    expect(body).toContain('- [x] Open a discussion channel')
    expect(body.match(/### Candidates/g)).toHaveLength(1)
    expect(body).toContain('2 committed, 3 accepted. 1 open nomination to read.')
    expect(body).toContain('| @jmartin | committed |')
    expect(body).toContain('| @bkowalski | committed |')
    expect(body).toContain(`| #${filed.data.number} | nominated |`)
    for (const typed of ['Dana', 'dscully', 'Initech']) expect(body).not.toContain(typed)
    expect(body.trimEnd().endsWith('<!-- skill-share:kickoff group=fall-2026 -->')).toBe(true)

    const third = await dispatch(gh, { mode: 'commit' })
    expect(writesOf(third)).toEqual([])
    expect(third.summary).toContain("<td>Organizer's checklist</td><td>exists</td><td>#7</td>")
  })
})

describe('Start a cohort refuses, and writes nothing', () => {
  it.each([
    [
      'a bad time zone',
      { timezone: 'Europe/Atlantis' },
      'timezone: "Europe/Atlantis" is not an IANA time zone, e.g. "America/Los_Angeles" or "Europe/Berlin"',
    ],
    [
      'an unknown login',
      { members: 'bkowalski, jmartin, grace-o, nobody-here' },
      'members: @nobody-here does not exist on GitHub; check the spelling',
    ],
    [
      'no facilitator',
      { facilitators: '' },
      'facilitators: name at least one facilitator (a GitHub login)',
    ],
    [
      'an impossible date',
      { start: '2026-02-30 16:00' },
      'start: "2026-02-30" is not a real calendar date',
    ],
    [
      'a duplicate member',
      { members: 'bkowalski, jmartin, grace-o, jmartin' },
      'members: "jmartin" is listed twice (earlier in members)',
    ],
  ])('%s', async (_, inputs, message) => {
    const result = await dispatch(gh, inputs)
    expect(result.exitCode).toBe(1)
    expect(writesOf(result)).toEqual([])
    expect(gh.store.data.issues).toEqual([])
    expect(result.annotations).toContainEqual({ level: 'error', message, properties: {} })
    expect(result.summary, result.summary).toContain('problem with the inputs; nothing was written')
    expect(result.summary).toContain(message.slice(message.indexOf(': ') + 2))
    expect(result.outputs['kickoff-issue']).toBe('')
  })

  it('refuses a public repository and says how to make it private', async () => {
    await gh.close()
    gh = await startRepository({ private: false })
    const result = await dispatch(gh)
    expect(result.exitCode).toBe(1)
    expect(writesOf(result)).toEqual([])
    const error = result.annotations.find((a) => a.level === 'error')?.message ?? ''
    expect(error).toMatch(/^acme\/circle is public, and a group's material is confidential/)
    expect(error).toContain('"Use this template"')
    expect(result.summary).toContain('Make the repository private')
  })
})

describe('Start a cohort on an unreliable connection', () => {
  it('creates everything exactly once when responses to its writes are lost', async () => {
    const lose = (method: string, path: string) =>
      gh.faults.loseResponses(1, { match: { method, path } })
    const faults = [
      lose('POST', '/repos/:owner/:repo/git/refs'),
      lose('PUT', '/repos/:owner/:repo/contents/*path'),
      lose('POST', '/repos/:owner/:repo/pulls'),
      lose('POST', '/repos/:owner/:repo/labels'),
      lose('POST', '/repos/:owner/:repo/milestones'),
      lose('POST', '/repos/:owner/:repo/issues'),
    ]
    const result = await dispatch(gh)
    expect(result.exitCode).toBe(0)
    expect(faults.map((f) => f.hits)).toEqual([1, 1, 1, 1, 1, 1])
    const seen = picture(gh)
    expect(seen.pulls).toHaveLength(1)
    expect(seen.labels).toEqual(LABELS)
    expect(seen.milestones).toHaveLength(1)
    expect(seen.issues).toEqual(expectedIssues(2))
    expect(gh.state.file(FILE, BRANCH)).toBe(EXPECTED_FILE)
  })

  it('explains how to let the workflow open pull requests when GitHub refuses', async () => {
    gh.faults.failNext(1, {
      match: { method: 'POST', path: '/repos/:owner/:repo/pulls' },
      status: 403,
      message: 'GitHub Actions is not permitted to create or approve pull requests.',
    })
    const result = await dispatch(gh)
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('Allow GitHub Actions to create and approve pull requests')
    expect(gh.state.file(FILE, BRANCH)).toBe(EXPECTED_FILE)

    const retry = await dispatch(gh)
    expect(retry.exitCode).toBe(0)
    expect(picture(gh).pulls).toEqual([{ number: 1, head: BRANCH, state: 'open' }])
  })
})
