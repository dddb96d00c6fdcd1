import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  runAction,
  startGitHub,
  workflowDispatchPayload,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import type { FormKind } from '../../actions/lib/forms/catalog.js'
import { renderFormBody, type Answers } from '../../actions/lib/forms/render-body.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

const NOW = new Date('2026-12-10T12:00:00Z')
const BRANCH = 'skill-share/binder-example-octo-ana'
const FILE = 'groups/example/binders/octo-ana.md'

let gh: GitHubEmulator
let workspace: string

/** A member files a form; the labels are those the form and the forms action leave on it. */
async function file(login: string, kind: FormKind, answers: Answers, extra: string[] = []) {
  const session = typeof answers['session'] === 'string' ? [`session:${answers['session']}`] : []
  const { data } = await asMember(gh, login).rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: `${kind} · example`,
    body: renderFormBody(kind, { group: 'example', ...answers }),
    labels: ['skill-share', kind, 'group:example', ...session, ...extra],
  })
  return data.number
}

const homework = (session: number, scores: [number, number, number], note: string): Answers => ({
  session: String(session),
  'work-score': String(scores[0]),
  'work-negative-what': note,
  'self-positive-what': 'Back to running twice a week.',
  'family-score': String(scores[1]),
  'self-score': String(scores[2]),
  share: ['work-negative', 'self-positive'],
})

async function binder(sender: string, inputs: Record<string, string> = {}) {
  const result = await runAction('binder', {
    gh,
    workspace,
    now: NOW,
    event: workflowDispatchPayload(gh, { member: 'octo-ana', ...inputs }, { sender }),
    inputs: { member: 'octo-ana', ...inputs },
  })
  await result.cleanup()
  return result
}

const binderFile = () => gh.state.files(BRANCH)[FILE] ?? ''

beforeAll(async () => {
  gh = await startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: EXAMPLE_MEMBERS.map((login) => ({ login })),
    now: '2026-10-20T00:00:00Z',
  })
  workspace = await workspaceWith({ example: { from: 'groups/example' } })
  await file('octo-ana', 'intention', {
    goal: 'ANA-GOAL: let the team run incident reviews without me',
    'how-i-will-know': 'ANA-KNOW: I skip one and nothing breaks',
  })
  await file('bkowalski', 'intention', { goal: 'BART-GOAL', 'how-i-will-know': 'BART-KNOW' })
  await file('octo-ana', 'homework', homework(1, [6, 8, 4], 'ANA-WORK-1'))
  const bart = await file('bkowalski', 'homework', homework(1, [3, 3, 3], 'BART-WORK-1'))
  await file('octo-ana', 'homework', homework(2, [2, 2, 2], 'ANA-WORK-2-FIRST-TRY'))
  await file('octo-ana', 'homework', homework(2, [7, 8, 5], 'ANA-WORK-2'))
  await file('octo-ana', 'homework', homework(3, [9, 9, 9], 'ANA-NEEDS-FIX'), ['needs-fix'])
  await file('octo-ana', 'check-in', {
    session: '1',
    commitment: 'ANA-COMMIT: two meeting-free mornings',
    outcome: 'partly',
    notes: 'ANA-CHECKIN-NOTES',
  })
  await file('octo-ana', 'reflection', {
    learned: 'ANA-LEARNED',
    'in-a-year': 'ANA-YEAR',
    continue: 'monthly',
  })
  await asMember(gh, 'octo-ana').rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: bart,
    body: 'ANA-COMMENT on a peer, not part of her binder either',
  })
  await asMember(gh, 'bkowalski').rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: bart - 1,
    body: 'BART-COMMENT',
  })
}, 60_000)

afterAll(async () => {
  await gh?.close()
})

describe('the personal binder of a circle member', () => {
  it('holds her own intention, homework with a chart of her scores, check-ins and reflection, and nobody else', async () => {
    const result = await binder('octo-ana', { deliver: 'pull-request' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['path']).toBe(FILE)
    const text = binderFile()
    for (const own of [
      'ANA-GOAL',
      'ANA-KNOW',
      'ANA-WORK-1',
      'ANA-WORK-2',
      'ANA-COMMIT',
      'ANA-CHECKIN-NOTES',
      'ANA-LEARNED',
      'ANA-YEAR',
    ])
      expect(text).toContain(own)
    // A resubmission replaces the first try; a submission with problems counts nowhere.
    expect(text).not.toContain('ANA-WORK-2-FIRST-TRY')
    expect(text).not.toContain('ANA-NEEDS-FIX')
    expect(text).toContain('| 1 | Work, negative; Self, positive | 6 | 8 | 4 |')
    expect(text).toContain('| 2 | Work, negative; Self, positive | 7 | 8 | 5 |')
    expect(text).toContain('```mermaid')
    expect(text).toContain('  line [6, 7]\n  line [8, 8]\n  line [4, 5]')
    expect(text).toContain('### The week after session 1: Partly')
    expect(text).toContain('**Should the group continue?** Monthly')
    expect(text).toContain('| 2 | Sun 1 Nov 2026, 16:00 | Delegation without losing the plot |')
    // Nobody else's words: not a peer's submissions, not comments (hers included), not names.
    expect(text).not.toMatch(/BART-|ANA-COMMENT|Ana Lima|Bartosz/)
    expect(result.stdout + result.summary).not.toMatch(/ANA-|BART-/)
    expect(result.summary).toContain('<td>Homework</td><td>2</td>')
    const pull = gh.state.pulls().find((p) => p.head.ref === BRANCH)
    expect(pull?.title).toBe('Binder: @octo-ana in Fall 2026 circle')
    expect(result.outputs['pull-request']).toBe(String(pull?.number))
  }, 60_000)

  it('brings the same pull request up to date when run again, and leaves it alone when nothing changed', async () => {
    const before = gh.state.pulls().length
    const again = await binder('octo-ana', { deliver: 'pull-request' })
    expect(again.summary).toContain('unchanged in #')
    expect(again.requests.filter((r) => r.method !== 'GET')).toEqual([])
    await file('octo-ana', 'homework', homework(3, [8, 7, 6], 'ANA-WORK-3'))
    const updated = await binder('octo-ana', { deliver: 'pull-request' })
    expect(updated.exitCode).toBe(0)
    expect(updated.summary).toContain('updated in #')
    expect(gh.state.pulls()).toHaveLength(before)
    expect(binderFile()).toContain('  line [6, 7, 8]')
  }, 60_000)

  it('refuses another member, and shows the binder only in the summary when asked to', async () => {
    const refused = await binder('bkowalski')
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toContain(
      'only @octo-ana or a facilitator of example can compile this binder',
    )
    const summary = await binder('octo-ana', { deliver: 'summary' })
    expect(summary.exitCode).toBe(0)
    expect(summary.summary).toContain('ANA-WORK-3')
    expect(summary.requests.filter((r) => r.method !== 'GET')).toEqual([])
  }, 60_000)

  it('refuses to publish a binder in a public repository', async () => {
    const open = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: false,
      users: EXAMPLE_MEMBERS.map((login) => ({ login })),
    })
    try {
      const result = await runAction('binder', {
        gh: open,
        workspace,
        event: workflowDispatchPayload(open, { member: 'octo-ana' }, { sender: 'octo-ana' }),
        inputs: { member: 'octo-ana' },
      })
      await result.cleanup()
      expect(result.exitCode).toBe(1)
      expect(result.stdout).toContain('refusing to publish a binder')
      expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    } finally {
      await open.close()
    }
  }, 60_000)
})
