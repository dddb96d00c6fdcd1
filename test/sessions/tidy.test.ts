import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { planTidy } from '../../actions/sessions/src/tidy.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { IssueView } from '../../actions/lib/github/repository.js'
import { asOwnGroup } from '../support/workspace.js'
import { REPO_ROOT } from '../support/cli.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

async function example() {
  const text = asOwnGroup(await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8'))
  const { group } = parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' })
  if (!group) throw new Error('example group does not parse')
  return group
}

function issue(number: number, labels: string[]): IssueView {
  return {
    number,
    title: `#${number}`,
    body: '',
    state: 'open',
    stateReason: null,
    labels: labels.map((name) => ({ name, color: '', description: null })),
    assignees: [],
    author: { login: 'priya-n', type: 'User' },
    comments: 0,
    plusOnes: 0,
    createdAt: '2026-10-20T00:00:00Z',
    updatedAt: '2026-10-20T00:00:00Z',
    closedAt: null,
    isPullRequest: false,
    htmlUrl: '',
  } as IssueView
}

// Week 2 of the example ends Sunday 1 November, 17:30 in Los Angeles: 01:30 UTC on 2 November.
const AFTER_WEEK_2 = new Date('2026-11-02T02:00:00Z')
const GROUP = ['skill-share', 'group:example']

describe("members' issues are closed once their time is over", () => {
  it('homework after its meeting, a check-in after the next meeting, an intention after the weekly phase', async () => {
    const group = await example()
    const open = [
      issue(1, [...GROUP, 'homework', 'session:1']),
      issue(2, [...GROUP, 'homework', 'session:2']),
      issue(3, [...GROUP, 'homework', 'session:3']),
      issue(4, [...GROUP, 'check-in', 'session:1']),
      issue(5, [...GROUP, 'check-in', 'session:2']),
      issue(6, [...GROUP, 'intention']),
      issue(7, [...GROUP, 'homework', 'session:1', 'needs-fix']),
      issue(8, ['skill-share', 'group:other', 'homework', 'session:1']),
      issue(9, [...GROUP, 'topic']),
      {
        ...issue(10, ['skill-share', 'homework', 'needs-fix']),
        title: 'Homework · example · session 2',
      },
      {
        ...issue(11, ['skill-share', 'homework', 'needs-fix']),
        title: 'Homework · other · session 1',
      },
    ]
    const steps = planTidy([group], open, AFTER_WEEK_2)
    expect(steps.map((s) => [s.issue, s.kind])).toEqual([
      [1, 'homework'],
      [2, 'homework'],
      [4, 'check-in'],
      [10, 'homework'],
    ])
    expect(steps[0]?.note).toBe(
      'Session 1 is over, so this homework is closed. It stays here for you to read, and in your personal binder (Actions tab → "Personal binder").',
    )
    // Week 6, the closing meeting, ends Sunday 6 December, 17:30 in Los Angeles.
    const afterWeek6 = planTidy([group], open, new Date('2026-12-07T02:00:00Z'))
    expect(afterWeek6.find((s) => s.issue === 6)?.note).toMatch(
      /^The 6 weekly meetings are over, so this intention is closed\./,
    )
  })

  it('the sessions action closes them with the note, once, on its hourly run', async () => {
    gh = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: true,
      users: EXAMPLE_MEMBERS,
      now: '2026-11-01T00:00:00Z',
    })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    const member = asMember(gh, 'priya-n')
    const create = async (labels: string[]) =>
      (await member.rest.issues.create({ owner: OWNER, repo: REPO, title: 'mine', labels })).data
        .number
    const done = await create([...GROUP, 'homework', 'session:1'])
    const upcoming = await create([...GROUP, 'homework', 'session:3'])
    const intention = await create([...GROUP, 'intention'])

    const now = AFTER_WEEK_2.toISOString()
    const first = await runAction('sessions', { gh, workspace, now, eventName: 'schedule' })
    expect(first.exitCode).toBe(0)
    const state = (n: number) =>
      gh?.state.issues({ state: 'all' }).find((i) => i.number === n)?.state
    expect(state(done)).toBe('closed')
    expect(state(upcoming)).toBe('open')
    expect(state(intention)).toBe('open')
    const notes = gh.state.comments(done).map((c) => c.body)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatch(/^Session 1 is over, so this homework is closed\./)

    const again = await runAction('sessions', { gh, workspace, now, eventName: 'schedule' })
    expect(again.exitCode).toBe(0)
    expect(gh.state.comments(done)).toHaveLength(1)
  }, 60_000)
})
