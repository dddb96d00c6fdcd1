import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSignUps, writePairs } from '../../actions/lib/coaching/proposal.js'
import { renderFormBody, type Answers } from '../../actions/lib/forms/render-body.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Pair } from '../../actions/lib/group-file/schema.js'
import { REPO_ROOT } from '../support/cli.js'

const SLUG = 'example-coaching'
const FILE = `groups/${SLUG}/group.yml`
const TEXT = readFileSync(path.join(REPO_ROOT, FILE), 'utf8').replace(/^example: true\n/m, '')
const GROUP = parseGroupFile(TEXT, { file: FILE, slug: SLUG }).group!
const FORM = readFileSync(
  path.join(REPO_ROOT, '.github/ISSUE_TEMPLATE/coaching-sign-up.yml'),
  'utf8',
)

let number = 0
function issue(login: string, answers: Answers, labels = ['skill-share', 'sign-up']): IssueView {
  return {
    number: ++number,
    title: 'Sign-up',
    body: renderFormBody('sign-up', answers),
    state: 'open',
    stateReason: null,
    labels: labels.map((name) => ({ name, color: '', description: null })),
    assignees: [],
    comments: 0,
    plusOnes: 0,
    author: { login, type: 'User' },
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
  }
}

const seeking = (group = SLUG): Answers => ({
  group,
  seek: ['feedback'],
  timezone: 'Europe/Berlin',
  hours: '09:00-12:00',
  cadence: 'monthly',
})

describe('reading sign-ups', () => {
  it("counts each member's latest valid sign-up for this network, and says why others cannot count", () => {
    const issues = [
      issue('grace-o', { ...seeking(), hours: 'mornings' }), // to fix
      issue('tomvdb', seeking()),
      issue('tomvdb', { ...seeking(), seek: ['self-care'] }), // replaces the one before
      issue('grace-o', seeking()), // fixed in a new sign-up
      issue('mei-chen', seeking('another-network')), // not this network
      issue('mei-chen', { ...seeking('another-network'), hours: 'later' }), // broken, elsewhere
      issue('outsider-olga', seeking()),
      issue('priya-n', { ...seeking(), timezone: 'Berlin' }),
    ]
    const { signUps, refused } = readSignUps(issues, GROUP, FORM)
    expect(signUps.map((s) => [s.login, s.issue, s.signUp.seek])).toEqual([
      ['tomvdb', 2, ['feedback']],
      ['tomvdb', 3, ['self-care']],
      ['grace-o', 4, ['feedback']],
    ])
    expect(refused).toEqual([
      {
        login: 'outsider-olga',
        issue: 7,
        reason:
          'not on the member list of groups/example-coaching/group.yml yet: add them (with their employer), then ask again',
      },
      {
        login: 'priya-n',
        issue: 8,
        reason: 'their sign-up #8 has answers to fix (the reply on it says which)',
      },
    ])
  })
})

describe('writing pairs: into the group file', () => {
  const pairs = GROUP.pairs ?? []
  const added: Pair = {
    coach: 'mei-chen',
    coachee: 'tomvdb',
    cadence: 'weekly',
    weekday: 'monday',
    time: '09:00',
    duration: 60,
    start: '2026-12-07',
    place: 'https://meet.example.com/mei',
  }

  it('removes pairs that end line by line, appends new ones, and keeps every comment of the rest', () => {
    const kept = [pairs[0] as Pair, pairs[2] as Pair, added]
    const edited = writePairs(TEXT, GROUP, kept, new Map([[added, 'matched on feedback']]))
    expect(edited).not.toContain('start: 2026-11-05')
    expect(edited).toContain('# Grace is in California: times for this pair are hers')
    expect(edited).toContain(
      '  # matched on feedback\n  - coach: mei-chen\n    coachee: tomvdb\n    cadence: weekly\n    weekday: monday\n    time: "09:00"\n    duration: 60\n    start: 2026-12-07\n    place: https://meet.example.com/mei\n',
    )
    const { group } = parseGroupFile(edited, { file: FILE, slug: SLUG })
    expect(group?.pairs?.map((p) => `${p.coach}>${p.coachee}`)).toEqual([
      'octo-ana>grace-o',
      'priya-n>mei-chen',
      'mei-chen>tomvdb',
    ])
    // Everything outside pairs: is untouched.
    const head = (text: string) => text.slice(0, text.search(/^pairs:/m))
    expect(head(edited)).toBe(head(TEXT))
  })

  it('adds a pairs: list to a network that has none yet', () => {
    const bare = TEXT.slice(0, TEXT.search(/^pairs:/m)) + 'public: false\n'
    const edited = writePairs(bare, GROUP, [added])
    expect(edited.endsWith('    place: https://meet.example.com/mei\npublic: false\n')).toBe(true)
  })

  it('refuses to write pairs that would make the file invalid', () => {
    expect(() => writePairs(TEXT, GROUP, [{ ...added, coachee: 'not-a-member' }])).toThrow(
      /the proposal would make groups\/example-coaching\/group\.yml invalid: pairs\[\d\]\.coachee/,
    )
  })
})
