import { describe, expect, it } from 'vitest'
import {
  candidatesOf,
  nominationsFor,
  renderCandidates,
  type GroundRulesActivity,
} from '../../actions/lib/cohort/candidates.js'
import { withCandidates } from '../../actions/lib/cohort/issues.js'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { Group } from '../../actions/lib/group-file/schema.js'
import { rosterSize } from '../../actions/lib/group-file/size.js'

const FILE = 'groups/fall/group.yml'

/** A circle of `size`: the first member facilitates, the rest are member-1, member-2, ... */
function circle(size: number): { text: string; group: Group } {
  const members = Array.from({ length: size }, (_, i) =>
    i === 0
      ? '  - { github: octo-ana, name: Ana Lima, role: facilitator }'
      : `  - { github: member-${i}, name: Member ${i} }`,
  )
  const text = `name: Fall
timezone: Europe/Berlin
meeting: { weekday: sunday, time: "16:00", duration: 90 }
start: 2026-10-25
quorum: 2
members:
${members.join('\n')}
`
  const { group, problems } = parseGroupFile(text, { file: FILE, slug: 'fall' })
  if (!group) throw new Error(problems.map((p) => p.message).join('\n'))
  return { text, group }
}

const everyone = (group: Group) => new Set(group.members.map((m) => m.github.toLowerCase()))

function issue(number: number, overrides: Partial<IssueView> = {}): IssueView {
  return {
    number,
    title: `Nomination · ${number}`,
    state: 'open',
    stateReason: null,
    body: '',
    author: { login: 'member-1', type: 'User' },
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-01T12:00:00Z',
    updatedAt: '2026-10-01T12:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
    ...overrides,
  }
}

const labels = (...names: string[]) => names.map((name) => ({ name, color: '', description: null }))

/** A nomination as the form writes it: it names someone who is not in the group yet. */
function nominationBody(group: string): string {
  return renderFormBody('nomination', {
    group,
    for: 'someone-else',
    who: 'Dana Scully (@dscully)',
    why: 'She runs the platform team at Initech and wants to delegate better.',
    'how-known': 'We worked together at <b>Initech</b>.',
    leads: 'formally',
  })
}

function comment(id: number, author: string, body: string) {
  return {
    id,
    author,
    authorType: 'User' as const,
    body,
    createdAt: '2026-10-02T12:00:00Z',
    updatedAt: '2026-10-02T12:00:00Z',
  }
}

describe("the roster's size against the playbook's 6 to 10", () => {
  it.each([
    [5, 'thin'],
    [6, 'good'],
    [8, 'good'],
    [10, 'good'],
    [11, 'crowded'],
  ] as const)('%i members: %s', (size, fit) => {
    expect(rosterSize(size).fit).toBe(fit)
  })

  it('warns in the checklist with the words validate uses, for 5 and for 11', () => {
    for (const size of [5, 11]) {
      const { group } = circle(size)
      const { problems } = parseGroupFile(circle(size).text, { file: FILE, slug: 'fall' })
      const validate = problems.filter((p) => p.field === 'members').map((p) => p.message)
      expect(validate).toEqual([rosterSize(size).message])
      expect(renderCandidates(group, undefined)).toContain(
        `**Roster size (warning):** ${rosterSize(size).message}.`,
      )
    }
    expect(rosterSize(5).message).toBe(
      "5 members: fewer than the playbook's 6 to 10; with one or two away, under 5 are left in the room, which makes for a thin discussion",
    )
    expect(rosterSize(11).message).toBe(
      "11 members: more than the playbook's 6 to 10; a full room of over 9 leaves too little airtime, so consider two groups",
    )
  })

  it('says a roster within the range is fine, and what happens when all ten come', () => {
    const eight = renderCandidates(circle(8).group, undefined)
    expect(eight).toContain(
      "**Roster size:** 8 members: within the playbook's 6 to 10 (around 8 is best).",
    )
    expect(eight).not.toContain('warning')
    expect(renderCandidates(circle(10).group, undefined)).toContain(
      'when all ten say they are coming, the status suggests a random split into two circles',
    )
  })
})

describe("each member's state", () => {
  it('is invited without access, accepted with it, and committed after a 👍 or /agree', () => {
    const { group } = circle(6)
    const access = new Set(['octo-ana', 'member-1', 'member-2', 'member-3'])
    const activity: GroundRulesActivity = {
      comments: [
        comment(1, 'member-2', '/agree'),
        comment(2, 'github-actions[bot]', '**Agreed to the ground rules:** 1 of 6'),
        // A 👍 or /agree from someone without access yet does not make them committed.
        comment(3, 'member-4', '/agree'),
      ],
      reactions: [
        { content: '+1', user: 'octo-ana', userType: 'User' },
        { content: 'heart', user: 'member-1', userType: 'User' },
        { content: '+1', user: 'outsider', userType: 'User' },
      ],
    }
    const candidates = candidatesOf(group, access, activity, [])
    expect(candidates.members).toEqual([
      { login: 'octo-ana', facilitator: true, state: 'committed' },
      { login: 'member-1', facilitator: false, state: 'accepted' },
      { login: 'member-2', facilitator: false, state: 'committed' },
      { login: 'member-3', facilitator: false, state: 'accepted' },
      { login: 'member-4', facilitator: false, state: 'invited' },
      { login: 'member-5', facilitator: false, state: 'invited' },
    ])
    const section = renderCandidates(group, candidates, { groundRules: 2 })
    expect(section).toContain('2 committed, 2 accepted, 2 invited. No nomination is open.')
    expect(section).toContain('| @octo-ana (facilitator) | committed |')
    expect(section).toContain('| @member-5 | invited |')
    expect(section).toContain('agreed to the ground rules (#2) with a 👍 or `/agree`')
    expect(section).not.toContain('nominated |')
  })

  it('says so when everyone is committed', () => {
    const { group } = circle(6)
    const activity: GroundRulesActivity = {
      comments: [],
      reactions: group.members.map((m) => ({ content: '+1', user: m.github })),
    }
    const candidates = candidatesOf(group, everyone(group), activity, [7])
    const section = renderCandidates(group, candidates)
    expect(section).toContain('All 6 members are committed. 1 open nomination to read.')
    expect(section.match(/\| committed \|/g)).toHaveLength(6)
    expect(section).toContain('| #7 | nominated |')
  })

  it('is accepted for everyone with access while the ground rules have no reaction or comment', () => {
    const { group } = circle(6)
    const candidates = candidatesOf(group, everyone(group), undefined, [])
    expect(new Set(candidates.members.map((m) => m.state))).toEqual(new Set(['accepted']))
    expect(renderCandidates(group, candidates)).toContain('6 accepted. No nomination is open.')
    const nobody = candidatesOf(group, new Set(), undefined, [])
    expect(renderCandidates(group, nobody)).toContain('6 invited. No nomination is open.')
  })
})

describe('the open nominations for a group', () => {
  it('keeps the ones labelled for it or answering its slug, open and filed by a person', () => {
    const issues = [
      issue(11, { labels: labels('skill-share', 'nomination', 'group:fall') }),
      issue(12, { labels: labels('skill-share', 'nomination', 'group:spring') }),
      // Filed before the group file was merged: the forms action could not place it yet.
      issue(13, { labels: labels('skill-share', 'nomination'), body: nominationBody('Fall') }),
      issue(14, { labels: labels('skill-share', 'nomination'), body: nominationBody('spring') }),
      issue(15, { labels: labels('skill-share', 'nomination', 'group:fall'), state: 'closed' }),
      issue(16, {
        labels: labels('skill-share', 'nomination', 'group:fall'),
        author: { login: 'github-actions[bot]', type: 'Bot' },
      }),
      issue(17, { labels: labels('skill-share', 'topic', 'group:fall') }),
      issue(10, { labels: labels('Nomination', 'Group:Fall') }),
    ]
    expect(nominationsFor('fall', issues)).toEqual([10, 11, 13])
  })

  it('finds none when there are none', () => {
    expect(nominationsFor('fall', [])).toEqual([])
  })

  it('shows them by number only, never what the nomination says', () => {
    const { group } = circle(6)
    const nominations = nominationsFor('fall', [
      issue(13, { labels: labels('nomination'), body: nominationBody('fall') }),
    ])
    const section = renderCandidates(
      group,
      candidatesOf(group, everyone(group), undefined, nominations),
    )
    expect(section).toContain('| #13 | nominated |')
    for (const typed of ['Dana', 'Scully', 'dscully', 'Initech', '<b>'])
      expect(section).not.toContain(typed)
  })
})

describe('refreshing the section in an existing checklist', () => {
  const { group } = circle(6)
  const before = renderCandidates(group, candidatesOf(group, new Set(), undefined, []))
  const after = renderCandidates(group, candidatesOf(group, everyone(group), undefined, [9]))
  const body = [
    '### Checklist',
    '',
    '- [x] Send the invitation below', // ticked by the organizer
    '- [ ] Open a discussion channel',
    '',
    before,
    '',
    '### Schedule',
    '',
    '<!-- skill-share:kickoff group=fall -->',
    '',
  ].join('\n')

  it('rewrites only the section, keeping the boxes the organizer ticked', () => {
    const refreshed = withCandidates(body, after, 'fall')
    expect(refreshed).toContain('- [x] Send the invitation below')
    expect(refreshed).toContain('| #9 | nominated |')
    expect(refreshed).not.toContain('| invited |')
    expect(refreshed.match(/### Candidates/g)).toHaveLength(1)
    expect(refreshed.trimEnd().endsWith('<!-- skill-share:kickoff group=fall -->')).toBe(true)
    expect(withCandidates(refreshed, after, 'fall')).toBe(refreshed)
  })

  it('adds the section before the marker of a checklist that has none', () => {
    const old = '### Checklist\n\n- [x] Done\n\n<!-- skill-share:kickoff group=fall -->\n'
    const added = withCandidates(old, after, 'fall')
    expect(added.indexOf('### Candidates')).toBeGreaterThan(added.indexOf('- [x] Done'))
    expect(added.trimEnd().endsWith('<!-- skill-share:kickoff group=fall -->')).toBe(true)
    expect(withCandidates(added, after, 'fall')).toBe(added)
  })
})
