import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  issueCommentPayload,
  issuesPayload,
  runAction,
  startGitHub,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import { renderFormBody, type Answers } from '../../actions/lib/forms/render-body.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { buildCoachingSchedule } from '../../actions/lib/schedule/coaching.js'
import { conversationCalendar } from '../../actions/lib/schedule/calendar.js'
import { cli } from '../support/cli.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

/*
 * A coaching network from sign-ups to conversations, on the local GitHub with the real bundles:
 * members sign up on the form, the forms action opens the network's issue, a facilitator's /match
 * becomes one pull request to pairs:, `skill-share match` prints the same pairs offline, and once
 * the pull request is merged the sessions action opens conversation issues that show the place.
 */

const SLUG = 'net'
const NOW = '2026-11-02T09:00:00Z'
const GROUP = `name: Leads coaching network
format: coaching
timezone: Europe/Berlin
lead: 2d
members:
  - { github: octo-ana, name: Ana Lima, employer: Acme, role: facilitator }
  - { github: priya-n, name: Priya Natarajan, employer: Initech }
  - { github: grace-o, name: Grace Okafor, employer: Hooli }
  - { github: tomvdb, name: Tom van den Berg, employer: Stark Industries }
  - { github: mei-chen, name: Mei Chen, employer: Acme }
public: false
`

let gh: GitHubEmulator
let workspace: string
let network: number
let pullBody = ''

async function signUp(login: string, answers: Answers): Promise<number> {
  const { data } = await asMember(gh, login).rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: `Sign-up · ${SLUG}`,
    body: renderFormBody('sign-up', { group: SLUG, ...answers }),
    labels: ['skill-share', 'sign-up'],
  })
  const run = await runAction('forms', {
    gh,
    workspace,
    now: NOW,
    eventName: 'issues',
    event: issuesPayload(gh, 'opened', data.number),
  })
  await run.cleanup()
  if (run.exitCode !== 0) throw new Error(`forms failed:\n${run.stdout}`)
  return data.number
}

async function commentOn(login: string, issue: number, body: string) {
  const { data } = await asMember(gh, login).rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: issue,
    body,
  })
  const run = await runAction('commands', {
    gh,
    workspace,
    now: NOW,
    eventName: 'issue_comment',
    event: issueCommentPayload(gh, 'created', data.id),
  })
  await run.cleanup()
  return run
}

/** The proposal in words: from "New pairs:" to the marker (pull request) or the YAML (CLI). */
const signUpBlock = (text: string) =>
  text.slice(text.indexOf('New pairs:')).split(/\n+(?:<!--|The pull request would set)/)[0]

beforeAll(async () => {
  gh = await startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: EXAMPLE_MEMBERS.map((login, i) => ({
      login,
      role: i === 0 ? ('owner' as const) : ('collaborator' as const),
    })),
    now: NOW,
  })
  workspace = await workspaceWith({ [SLUG]: GROUP })
  await signUp('octo-ana', {
    offer: ['feedback', 'delegation'],
    capacity: '2',
    timezone: 'Europe/Berlin',
    hours: 'Mon-Fri 08:00-12:00',
    cadence: 'biweekly',
    place: 'https://meet.example.com/ana-coaching',
  })
  await signUp('priya-n', {
    offer: ['self-care', 'feedback'],
    capacity: '1',
    timezone: 'Europe/London',
    hours: 'Tue, Thu 17:00-19:00',
    cadence: 'monthly',
    place: 'Room 4, second floor',
  })
  // 09:00-11:00 in Los Angeles is 17:00-19:00 in London: only Priya's hours fit.
  await signUp('grace-o', {
    seek: ['feedback'],
    timezone: 'America/Los_Angeles',
    hours: 'Mon-Fri 09:00-11:00',
    cadence: 'monthly',
  })
  await signUp('tomvdb', {
    seek: ['delegation'],
    timezone: 'Europe/Berlin',
    hours: 'Wed 09:00-10:30',
    cadence: 'biweekly',
  })
  // Mei works at Acme, like Ana, the only coach who offers delegation.
  await signUp('mei-chen', {
    seek: ['delegation'],
    timezone: 'Europe/Berlin',
    hours: 'Mon-Fri 09:00-17:00',
    cadence: 'weekly',
  })
  // Sam is a collaborator but not on the network's member list.
  await signUp('sam-rivera', {
    seek: ['feedback'],
    timezone: 'Europe/Berlin',
    hours: 'Mon-Fri 09:00-17:00',
    cadence: 'weekly',
  })
  const issues = gh.state.issues({ state: 'all' })
  const found = issues.filter((i) => (i.body ?? '').includes('<!-- skill-share:network group=net'))
  expect(found).toHaveLength(1)
  network = found[0]?.number as number
}, 120_000)

afterAll(async () => {
  await gh?.close()
})

describe('a coaching network from sign-ups to conversations', () => {
  it('opens one network issue at the first sign-up, with the sign-up link and /match', () => {
    const issue = gh.state.issue(network)
    expect(issue?.user?.login).toBe('github-actions[bot]')
    expect(issue?.title).toBe('Leads coaching network: sign-ups and pairs')
    expect(issue?.body).toContain('template=coaching-sign-up.yml')
    expect(issue?.body).toContain('`/match`')
  })

  it("ignores a member's /match, and turns a facilitator's into one pull request to pairs:", async () => {
    const member = await commentOn('tomvdb', network, '/match')
    expect(member.exitCode).toBe(0)
    expect(member.outputs['group-changes']).toBe('')

    const first = await commentOn('octo-ana', network, '/match')
    expect(first.exitCode).toBe(0)
    expect(first.outputs['group-changes']).toBe(`${SLUG}/pairs#${network}`)
    const job = await runAction('commands', {
      gh,
      workspace,
      now: NOW,
      eventName: 'issue_comment',
      inputs: { 'group-changes': first.outputs['group-changes'] as string },
    })
    await job.cleanup()
    expect(job.exitCode).toBe(0)
    const pulls = gh.state.pulls()
    expect(pulls).toHaveLength(1)
    const pull = pulls[0]
    expect(pull?.title).toBe('Leads coaching network: 2 new coaching pairs')
    pullBody = pull?.body ?? ''
    expect(pullBody).toContain(
      '- @octo-ana coaches @tomvdb on delegation: Wednesdays 09:00 (Europe/Berlin)',
    )
    expect(pullBody).toContain('- @priya-n coaches @grace-o on feedback: ')
    expect(pullBody).toContain(
      '- @mei-chen (#6): 1 coach offers delegation, but 1 works for the same employer',
    )
    expect(pullBody).toMatch(
      /- @sam-rivera \(#7\): not on the member list of groups\/net\/group\.yml/,
    )
    // Names and employers stay out; logins and rules are enough.
    expect(pullBody).not.toMatch(/Ana Lima|Acme|Hooli|Initech/)

    const file = gh.state.files(`skill-share/${SLUG}/pairs`)[`groups/${SLUG}/group.yml`] ?? ''
    const { group } = parseGroupFile(file, { file: 'group.yml', slug: SLUG })
    expect(group?.pairs).toEqual([
      expect.objectContaining({
        coach: 'octo-ana',
        coachee: 'tomvdb',
        weekday: 'wednesday',
        time: '09:00',
        start: '2026-11-11',
        place: 'https://meet.example.com/ana-coaching',
      }),
      expect.objectContaining({
        coach: 'priya-n',
        coachee: 'grace-o',
        cadence: 'monthly',
        timezone: 'America/Los_Angeles',
        place: 'Room 4, second floor',
      }),
    ])

    // Asked again with nothing new: the open pull request already proposes these pairs.
    const again = await commentOn('octo-ana', network, '/match please')
    expect(again.outputs['group-changes']).toBe('')
    expect(gh.state.pulls()).toHaveLength(1)
  }, 120_000)

  it('skill-share match prints the same pairs from an export of the issues, and why the others are left out', async () => {
    const exported = path.join(workspace, 'export')
    await mkdir(exported, { recursive: true })
    const issues = gh.state.issues({ state: 'all' }).map((i) => ({
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state.toUpperCase(),
      createdAt: i.created_at,
      author: { login: i.user?.login, is_bot: i.user?.type === 'Bot' },
      labels: i.labels.map((l) => ({ name: typeof l === 'string' ? l : l.name })),
    }))
    await writeFile(path.join(exported, 'issues.json'), JSON.stringify(issues))
    const result = await cli(
      ['match', `groups/${SLUG}`, '--from', 'export', '--now', NOW],
      workspace,
    )
    expect(result.stderr).not.toContain('error')
    expect(result.code).toBe(0)
    expect(signUpBlock(result.stdout)).toBe(signUpBlock(pullBody))
    expect(result.stdout).toContain('not on the member list')
    expect(result.stdout).toContain('place: https://meet.example.com/ana-coaching')
  }, 60_000)

  it('once merged, opens conversation issues that show where the pair meets, and puts the place in the calendar', async () => {
    const pull = gh.state.pulls()[0]
    await asMember(gh, 'octo-ana').rest.pulls.merge({
      owner: OWNER,
      repo: REPO,
      pull_number: pull?.number as number,
    })
    const merged = gh.state.files('main')[`groups/${SLUG}/group.yml`] ?? ''
    expect(merged).toContain('coachee: tomvdb')
    const checkout = await workspaceWith({ [SLUG]: merged })
    // Tom's first conversation is Wednesday 11 November 09:00 Berlin; its issue opens two days ahead.
    const run = await runAction('sessions', {
      gh,
      workspace: checkout,
      now: '2026-11-09T09:00:00Z',
      eventName: 'schedule',
    })
    await run.cleanup()
    expect(run.exitCode).toBe(0)
    const conversation = gh.state
      .issues({ state: 'all' })
      .find((i) => (i.body ?? '').includes('skill-share:conversation group=net coach=octo-ana'))
    expect(conversation?.title).toContain('Conversation 1')
    // The place is typed text: the bot never makes a link someone typed live (a word joiner).
    expect(conversation?.body).toMatch(
      /\n- \*\*Where:\*\* https:\S*\/\/meet\.example\.com\/ana-coaching\n/,
    )

    const { group } = parseGroupFile(
      await readFile(path.join(checkout, 'groups', SLUG, 'group.yml'), 'utf8'),
      {
        file: 'group.yml',
        slug: SLUG,
      },
    )
    const ics = conversationCalendar(group!, buildCoachingSchedule(group!))
    expect(ics).toContain('LOCATION:Room 4\\, second floor')
  }, 120_000)

  it('says on the network issue what to turn on when GitHub Actions may not open pull requests', async () => {
    const main = gh
    gh = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: true,
      users: EXAMPLE_MEMBERS.map((login) => ({ login })),
      now: NOW,
      actionsCanCreatePullRequests: false,
    })
    try {
      await signUp('octo-ana', {
        offer: ['delegation'],
        timezone: 'Europe/Berlin',
        hours: 'Mon-Fri 08:00-12:00',
        cadence: 'biweekly',
      })
      await signUp('tomvdb', {
        seek: ['delegation'],
        timezone: 'Europe/Berlin',
        hours: 'Wed 09:00-10:30',
        cadence: 'biweekly',
      })
      const issue = gh.state
        .issues({ state: 'all' })
        .find((i) => (i.body ?? '').includes('<!-- skill-share:network group=net'))
      const asked = await commentOn('octo-ana', issue?.number as number, '/match')
      const job = await runAction('commands', {
        gh,
        workspace,
        now: NOW,
        eventName: 'issue_comment',
        inputs: { 'group-changes': asked.outputs['group-changes'] as string },
      })
      await job.cleanup()
      expect(gh.state.pulls()).toEqual([])
      const said = gh.state
        .comments(issue?.number as number)
        .filter((c) => c.user?.login === 'github-actions[bot]')
        .map((c) => c.body ?? '')
      expect(said.join('\n')).toContain(
        'The coaching pairs from the sign-ups are ready, but **not proposed yet**',
      )
      expect(said.join('\n')).toContain('then comment `/match` here again')
    } finally {
      await gh.close()
      gh = main
    }
  }, 120_000)
})
