import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { REPO_ROOT } from '../support/cli.js'
import { asMember, botComments, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

const NOW = '2026-10-23T00:00:00Z'

describe('the sessions action with several groups', () => {
  it('runs every good group when one group file is broken, then fails the run naming it', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
    const workspace = await workspaceWith({
      example: { from: 'groups/example' },
      second: example.replace('Fall 2026 circle', 'Second circle'),
      broken: example.replace('time: "16:00"', 'time: "4pm"'),
    })
    const result = await runAction('sessions', { gh, workspace, now: NOW, eventName: 'schedule' })
    expect(result.exitCode).toBe(1)
    const written = await readFile(path.join(workspace, 'groups/broken/group.yml'), 'utf8')
    const line = written.split('\n').findIndex((l) => l.includes('time: "4pm"')) + 1
    expect(result.stdout).toContain(
      `::error file=groups/broken/group.yml,line=${line},col=9::groups/broken/group.yml:${line}:9: meeting.time: "4pm" is not HH:MM`,
    )
    expect(
      gh.state
        .issues()
        .map((i) =>
          i.labels
            .map((l) => (typeof l === 'string' ? l : l.name))
            .find((n) => n?.startsWith('group:')),
        ),
    ).toEqual(['group:example', 'group:second'])
    expect(result.summary).toContain('`groups/broken/group.yml` is invalid')
  })

  it('links the calendar only from the issues of a group that publishes calendar.ics', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
    const workspace = await workspaceWith({
      example: { from: 'groups/example' },
      second: example.replace('Fall 2026 circle', 'Second circle'),
    })
    const result = await runAction('sessions', { gh, workspace, now: NOW, eventName: 'schedule' })
    expect(result.exitCode).toBe(0)
    const body = (slug: string) =>
      gh!.state
        .issues()
        .find((i) => i.labels.some((l) => (typeof l === 'string' ? l : l.name) === `group:${slug}`))
        ?.body ?? ''
    expect(body('example')).toContain(
      `(https://github.com/${OWNER}/${REPO}/blob/HEAD/groups/example/calendar.ics)`,
    )
    expect(body('second')).toContain('RSVP by reacting')
    // Every issue offers a Google Calendar event; only a published calendar.ics is linked.
    expect(body('second')).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE')
    expect(body('second')).not.toContain('calendar.ics')
  })

  it('never recolours or recreates a label someone edited', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const owner = asMember(gh, 'octo-ana')
    await owner.rest.issues.createLabel({
      owner: OWNER,
      repo: REPO,
      name: 'kickoff',
      color: '000000',
      description: 'Ours',
    })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    const result = await runAction('sessions', { gh, workspace, now: NOW, eventName: 'schedule' })
    expect(result.exitCode).toBe(0)
    expect(gh.state.label('kickoff')).toMatchObject({ color: '000000', description: 'Ours' })
    expect(gh.state.label('skill-share')).toMatchObject({
      color: '5319e7',
      description: 'Managed by the skill-share automation',
    })
    expect(
      result.requests
        .filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))
        .map((r) => (r.body as { name: string }).name),
    ).not.toContain('kickoff')
  })

  it('logs issue numbers, never issue bodies or member names', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    const result = await runAction('sessions', { gh, workspace, now: NOW, eventName: 'schedule' })
    expect(result.stdout).toContain('opened #1 for group example session 1')
    for (const secret of ['Ana Lima', 'Bartosz', 'Welcome to Fall 2026 circle', "Ana's place"]) {
      expect(result.stdout + result.stderr).not.toContain(secret)
    }
  })
  it('posts the status in the same run when an issue opens late, the day before its meeting', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    // The kickoff (Sun 25 Oct, 16:00 in Los Angeles) should have opened on the 22nd; every run
    // until the day before failed or was skipped.
    const late = await runAction('sessions', {
      gh,
      workspace,
      now: '2026-10-25T00:17:00Z',
      eventName: 'schedule',
    })
    expect(late.exitCode).toBe(0)
    const [kickoff] = gh.state.issues()
    expect(kickoff?.title).toBe('Week 1 · Kickoff · Sun 25 Oct')
    expect(botComments(gh, 1, 'status')).toHaveLength(1)
    // An issue opened on time gets no status from the run that opens it.
    const onTime = await startGitHub({
      repo: `${OWNER}/${REPO}`,
      private: true,
      users: EXAMPLE_MEMBERS,
    })
    try {
      await runAction('sessions', { gh: onTime, workspace, now: NOW, eventName: 'schedule' })
      expect(onTime.state.issues()).toHaveLength(1)
      expect(botComments(onTime, 1, 'status')).toEqual([])
    } finally {
      await onTime.close()
    }
  })
  it('never opens an issue twice when two runs start together, for any number of groups', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const example = await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
    const workspace = await workspaceWith({
      example: { from: 'groups/example' },
      second: example.replace('Fall 2026 circle', 'Second circle'),
      third: example.replace('Fall 2026 circle', 'Third circle'),
    })
    const run = () => runAction('sessions', { gh: gh!, workspace, now: NOW, eventName: 'schedule' })
    const results = await Promise.all([run(), run()])
    expect(results.map((r) => r.exitCode)).toEqual([0, 0])
    // One run took the lease and opened all three; the other waited, then found them: three
    // issues, all open (none closed later as a duplicate).
    expect(gh.state.issues({ state: 'all' }).map((i) => i.state)).toEqual(['open', 'open', 'open'])
    // No lease is left behind.
    expect(gh.state.labels().filter((l) => l.name.startsWith('skill-share-lease-'))).toEqual([])
  })
  it('closes an issue without comments without reading its comments, under one lease', async () => {
    gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
    const workspace = await workspaceWith({ example: { from: 'groups/example' } })
    await runAction('sessions', { gh, workspace, now: NOW, eventName: 'schedule' })
    // No run the day before: the kickoff has no comment when its meeting is over.
    const closing = await runAction('sessions', {
      gh,
      workspace,
      now: '2026-10-26T02:17:00Z',
      eventName: 'schedule',
    })
    expect(closing.exitCode).toBe(0)
    expect(gh.state.issues({ state: 'closed' }).map((i) => i.number)).toEqual([1])
    const calls = closing.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')}`)
    expect(calls.filter((c) => c.endsWith('/issues/1/comments'))).toEqual([
      'POST /repos/acme/circle/issues/1/comments',
    ])
    expect(calls.filter((c) => c.includes('/labels'))).toHaveLength(2)
  })
})
