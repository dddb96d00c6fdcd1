import { beforeAll, describe, expect, it } from 'vitest'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import {
  formatFormProblem,
  readCohortForm,
  renderGroupFile,
  type CohortForm,
} from '../../actions/lib/group-file/write.js'
import { findMarker } from '../../actions/lib/markers/markers.js'
import type { CohortTemplates } from '../../actions/lib/cohort/issues.js'
import {
  planCohort,
  type CohortObservation,
  type CohortPlan,
  type Mode,
} from '../../actions/start-cohort/src/plan.js'
import { loadCohortTemplates } from '../../actions/lib/workspace/cohort-templates.js'
import { REPO_ROOT } from '../support/cli.js'

const FORM: CohortForm = {
  slug: 'fall-2026',
  name: 'Fall 2026 circle',
  start: '2026-10-25 16:00',
  timezone: 'America/Los_Angeles',
  facilitators: 'octo-ana, priya-n',
  members: 'bkowalski jmartin grace-o',
  skip: '2026-11-29',
}
const LOGINS = ['octo-ana', 'priya-n', 'bkowalski', 'jmartin', 'grace-o']
/** The form's five people are one short of the playbook's six to ten: a warning, never a refusal. */
const FIVE =
  "members: warning: 5 members: fewer than the playbook's 6 to 10; with one or two away, under 5 are left in the room, which makes for a thin discussion"
const NOW = new Date('2026-10-01T12:00:00Z')

let templates: CohortTemplates
beforeAll(async () => {
  templates = await loadCohortTemplates(REPO_ROOT)
})

function observation(overrides: Partial<CohortObservation> = {}): CohortObservation {
  return {
    repository: {
      fullName: 'acme/circle',
      serverUrl: 'https://github.com',
      private: true,
      defaultBranch: 'main',
    },
    access: Object.fromEntries(LOGINS.map((login) => [login, 'write'])),
    branchExists: false,
    labels: [],
    milestones: [],
    issues: [],
    intentionForm: true,
    ...overrides,
  }
}

function plan(
  form: CohortForm = FORM,
  observed = observation(),
  options: { mode?: Mode; allowPublic?: boolean } = {},
) {
  const { draft, problems } = readCohortForm(form)
  return planCohort(
    {
      draft,
      formProblems: problems,
      mode: options.mode ?? 'pull-request',
      allowPublic: options.allowPublic ?? false,
      now: NOW,
    },
    observed,
    templates,
  )
}

function planned(...args: Parameters<typeof plan>): CohortPlan {
  const outcome = plan(...args)
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => formatFormProblem(p)).join('\n'))
  return outcome.plan
}

function errorsOf(...args: Parameters<typeof plan>): string[] {
  return plan(...args)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => formatFormProblem(p))
}

function botIssue(number: number, body: string, author = 'github-actions[bot]'): IssueView {
  return {
    number,
    title: `issue ${number}`,
    state: 'open',
    stateReason: null,
    body,
    author: { login: author, type: author.endsWith('[bot]') ? 'Bot' : 'User' },
    labels: [],
    assignees: [],
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-01T12:00:00Z',
    updatedAt: '2026-10-01T12:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
  }
}

describe('planning a new cohort', () => {
  it('proposes the group file on the cohort branch through a new pull request', () => {
    const p = planned()
    expect(p.file).toMatchObject({
      path: 'groups/fall-2026/group.yml',
      branch: 'skill-share/start-fall-2026',
      action: 'create',
    })
    expect(p.pull).toMatchObject({
      action: 'open',
      branch: 'skill-share/start-fall-2026',
      base: 'main',
      title: 'Start Fall 2026 circle (groups/fall-2026/group.yml)',
      reset: false,
    })
    expect(p.pull?.action === 'open' && p.pull.body).toContain(
      '| 6 | Week 6 · Looking back, looking ahead (moved: 2026-11-29 skipped) | Sun 6 Dec 2026 | 16:00–17:30 | Thu 3 Dec, 16:00 |',
    )
  })

  it('commits straight to the default branch in commit mode', () => {
    const p = planned(FORM, observation(), { mode: 'commit' })
    expect(p.file).toMatchObject({ branch: 'main', action: 'create' })
    expect(p.pull).toBeUndefined()
  })

  it('creates every label the cohort uses and a milestone due when the last weekly meeting ends', () => {
    const p = planned(FORM, observation({ labels: ['Skill-Share', 'bug'] }))
    expect(p.labels.existing).toEqual(['skill-share'])
    expect(p.labels.create).toEqual([
      'group:fall-2026',
      'organizer',
      'ground-rules',
      'intention',
      'session',
      'kickoff',
      'theme',
      'closing',
      'monthly',
      'homework',
      'check-in',
      'topic',
      'reflection',
    ])
    expect(p.milestone).toEqual({
      title: 'Fall 2026 circle',
      dueOn: '2026-12-07T01:30:00Z',
      description: 'The 6 weekly meetings of groups/fall-2026/group.yml.',
    })
  })

  it('opens ground rules and one intention per member, each marked and assigned', () => {
    const p = planned()
    expect(p.groundRules).toMatchObject({
      title: 'Ground rules · Fall 2026 circle',
      labels: ['skill-share', 'group:fall-2026', 'ground-rules'],
      assignees: [],
    })
    expect(findMarker(p.groundRules.body, 'ground-rules', { group: 'fall-2026' })).toBeDefined()
    expect(p.intentions.map((i) => [i.title, i.assignees])).toEqual(
      LOGINS.map((login) => [`Your intention · Fall 2026 circle · @${login}`, [login]]),
    )
    const first = p.intentions[0]!
    expect(
      findMarker(first.body, 'intention', { group: 'fall-2026', member: 'octo-ana' }),
    ).toBeDefined()
    expect(first.body).toContain(
      '(https://github.com/acme/circle/issues/new?template=intention.yml&title=Intention%20%C2%B7%20fall-2026&group=fall-2026)',
    )
    // One assignee on every plan (Free private repositories allow no more).
    expect(p.kickoff).toEqual({ assignees: ['octo-ana'] })
    expect(p.candidates.members.map((m) => m.state)).toEqual(LOGINS.map(() => 'accepted'))
  })

  it('asks for the intention in a comment when the repository has no intention form', () => {
    const p = planned(FORM, observation({ intentionForm: false }))
    expect(p.intentions[0]?.body).toContain('Reply here with a comment')
    expect(p.intentions[0]?.body).not.toContain('template=intention.yml')
  })
})

describe('planning a cohort that exists', () => {
  function existingState(mode: Mode = 'pull-request'): CohortObservation {
    const first = planned(FORM, observation(), { mode })
    const issues = [
      botIssue(2, first.groundRules.body),
      ...first.intentions.map((i, n) => botIssue(3 + n, i.body)),
      botIssue(9, '...\n<!-- skill-share:kickoff group=fall-2026 -->\n'),
    ]
    return observation({
      labels: [...first.labels.create],
      milestones: [{ number: 1, title: 'fall 2026 circle' }],
      issues,
      ...(mode === 'pull-request'
        ? {
            pull: {
              number: 1,
              title: first.pull?.action === 'open' ? first.pull.title : '',
              body: first.pull?.action === 'open' ? first.pull.body : '',
              file: { sha: 'abc', text: first.file.text },
            },
            branchExists: true,
          }
        : { groupFile: { sha: 'abc', text: first.file.text } }),
    })
  }

  it('changes nothing when run again with the same form', () => {
    const p = planned(FORM, existingState())
    expect(p.file.action).toBe('unchanged')
    expect(p.pull).toMatchObject({ action: 'unchanged', number: 1 })
    expect(p.labels.create).toEqual([])
    expect(p.milestone.existing).toBe(1)
    expect(p.groundRules.existing).toBe(2)
    expect(p.intentions.map((i) => i.existing)).toEqual([3, 4, 5, 6, 7])
    expect(p.kickoff.existing).toBe(9)
  })

  it('changes nothing in commit mode either', () => {
    const p = planned(FORM, existingState('commit'), { mode: 'commit' })
    expect(p.file).toMatchObject({ branch: 'main', action: 'unchanged' })
  })

  it('needs no pull request once the default branch has the file', () => {
    const state = existingState('commit')
    const p = planned(FORM, state)
    expect(p.pull).toEqual({ action: 'none' })
    expect(p.file).toMatchObject({ branch: 'main', action: 'unchanged' })
  })

  it('updates the open pull request with changed inputs, keeping what the organizer edited there', () => {
    const state = existingState()
    const edited = state.pull!.file!.text.replace('name: jmartin', 'name: José Martín')
    state.pull = { ...state.pull!, file: { sha: 'def', text: edited } }
    const p = planned(
      { ...FORM, members: `${FORM.members} sam-rivera` },
      {
        ...state,
        access: { ...state.access, 'sam-rivera': 'read' },
      },
    )
    expect(p.pull).toMatchObject({ action: 'update', number: 1 })
    expect(p.file).toMatchObject({ branch: 'skill-share/start-fall-2026', action: 'update' })
    expect(p.file.text).toContain('name: José Martín')
    expect(p.file.text).toContain('{ github: sam-rivera, name: sam-rivera }')
    expect(p.intentions.filter((i) => i.existing === undefined).map((i) => i.login)).toEqual([
      'sam-rivera',
    ])
  })

  it('restarts a branch left over from a closed pull request', () => {
    const p = planned(FORM, observation({ branchExists: true }))
    expect(p.pull).toMatchObject({ action: 'open', reset: true })
  })

  it("counts only the bot's markers: a pasted marker does not stand for the issue", () => {
    const first = planned()
    const p = planned(
      FORM,
      observation({ issues: [botIssue(5, first.groundRules.body, 'mallory')] }),
    )
    expect(p.groundRules.existing).toBeUndefined()
  })

  it('builds an update on the file of the default branch, keeping names there', () => {
    const { draft } = readCohortForm(FORM)
    const onMain = renderGroupFile(draft).replace('name: octo-ana', 'name: Ana Lima')
    const p = planned(FORM, observation({ groupFile: { sha: 'abc', text: onMain } }), {
      mode: 'commit',
    })
    expect(p.file.action).toBe('unchanged')
    const moved = planned(
      { ...FORM, time: '17:00', start: '2026-10-25' },
      observation({ groupFile: { sha: 'abc', text: onMain } }),
      { mode: 'commit' },
    )
    expect(moved.file).toMatchObject({ action: 'update', current: { sha: 'abc' } })
    expect(moved.file.text).toContain('name: Ana Lima')
  })
})

describe("the checklist's candidates", () => {
  it('reads access, the ground rules and the nominations into one state per member', () => {
    const first = planned()
    const rules = botIssue(2, first.groundRules.body)
    const nomination = {
      ...botIssue(12, 'Dana Scully, a founder', 'bkowalski'),
      labels: ['skill-share', 'nomination', 'group:fall-2026'].map((name) => ({
        name,
        color: '',
        description: null,
      })),
    }
    const p = planned(
      FORM,
      observation({
        access: { ...observation().access, 'grace-o': 'none' },
        issues: [rules, botIssue(9, '...\n<!-- skill-share:kickoff group=fall-2026 -->\n')],
        groundRules: {
          comments: [
            {
              id: 1,
              author: 'jmartin',
              authorType: 'User',
              body: '/agree',
              createdAt: '2026-10-02T12:00:00Z',
              updatedAt: '2026-10-02T12:00:00Z',
            },
          ],
          reactions: [{ content: '+1', user: 'octo-ana', userType: 'User' }],
        },
        nominations: [nomination],
      }),
    )
    expect(p.candidates).toEqual({
      members: [
        { login: 'octo-ana', facilitator: true, state: 'committed' },
        { login: 'priya-n', facilitator: true, state: 'accepted' },
        { login: 'bkowalski', facilitator: false, state: 'accepted' },
        { login: 'jmartin', facilitator: false, state: 'committed' },
        { login: 'grace-o', facilitator: false, state: 'invited' },
      ],
      nominations: [12],
    })
    // The checklist exists: its body (boxes the organizer ticked) is what the section goes into.
    expect(p.kickoff).toEqual({
      existing: 9,
      body: '...\n<!-- skill-share:kickoff group=fall-2026 -->\n',
      assignees: ['octo-ana'],
    })
  })
})

describe('refusing a request', () => {
  it('refuses a login that does not exist, by input', () => {
    const access = { ...observation().access, 'priya-n': 'unknown-user' as const }
    expect(errorsOf(FORM, observation({ access }))).toEqual([
      'facilitators: @priya-n does not exist on GitHub; check the spelling',
    ])
  })

  it('goes ahead for a member without access yet (an invitation not accepted), with a warning and the list for the checklist', () => {
    const access = { ...observation().access, jmartin: 'none' as const }
    const outcome = plan(FORM, observation({ access }))
    expect(outcome.ok).toBe(true)
    expect(outcome.problems.map((p) => formatFormProblem(p))).toEqual([
      'members: warning: @jmartin has no access to the repository yet: invite them as a collaborator (Settings → Collaborators) if you have not; their issues open now and are assigned to them once they accept',
      FIVE,
    ])
    if (!outcome.ok) return
    expect(outcome.plan.candidates.members.filter((m) => m.state === 'invited')).toEqual([
      { login: 'jmartin', facilitator: false, state: 'invited' },
    ])
    expect(outcome.plan.intentions.find((i) => i.login === 'jmartin')?.assignees).toEqual([
      'jmartin',
    ])
  })

  it('refuses a public repository and says how to fix it', () => {
    const observed = observation()
    observed.repository.private = false
    const [message] = errorsOf(FORM, observed)
    expect(message).toMatch(/^acme\/circle is public, and a group's material is confidential/)
    expect(message).toContain('Make the repository private')
    expect(message).toContain('"Use this template"')
    expect(message).toContain('allow-public')
  })

  it('runs in a public repository when allowed, and says so in the group file', () => {
    const observed = observation()
    observed.repository.private = false
    const outcome = plan(FORM, observed, { allowPublic: true })
    expect(outcome.ok).toBe(true)
    expect(outcome.problems.map((p) => p.severity)).toEqual(['warning', 'warning'])
    const text = outcome.ok ? outcome.plan.file.text : ''
    expect(parseGroupFile(text, { file: 'g.yml', slug: 'fall-2026' }).group?.public).toBe(true)
  })

  it('reports the form, the repository and access problems in one pass', () => {
    const observed = observation({
      access: { ...observation().access, 'grace-o': 'unknown-user' },
    })
    observed.repository.private = false
    expect(errorsOf({ ...FORM, timezone: 'Mars/Base' }, observed)).toHaveLength(3)
  })

  it('refuses to start afresh over a group file it cannot read, so nothing written there is lost', () => {
    const groupFile = { sha: 'abc', text: 'name: Fall\nmembers: [ { github: ana\n' }
    const [message] = errorsOf(FORM, observation({ groupFile }), { mode: 'commit' })
    expect(message).toMatch(/^groups\/fall-2026\/group\.yml on main cannot be updated: /)
  })

  it('warns when the first meeting is in the past', () => {
    const outcome = plan({ ...FORM, start: '2026-09-27 16:00', skip: '' })
    expect(outcome.ok).toBe(true)
    expect(outcome.problems.map((p) => formatFormProblem(p))).toEqual([
      'start: warning: 2026-09-27 is in the past: meetings that are already over get no session issue',
      FIVE,
    ])
  })
})
