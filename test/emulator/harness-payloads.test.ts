import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  inputEnvName,
  issueCommentPayload,
  issuesPayload,
  parseCommandFile,
  runAction,
  schedulePayload,
  workflowDispatchPayload,
} from '../../emulator/src/index.js'
import { client, useEmulator } from './helpers.js'

const ACTIONS = 'test/fixtures/emulator/actions'
const WORKSPACE = 'test/fixtures/emulator/workspace'

describe('harness: runAction', () => {
  const t = useEmulator()

  it('runs a bundled action against the emulator like a runner would', async () => {
    const { gh } = t
    await client(gh).rest.repos.get({ ...t.repo }) // before the run: not part of its requests
    const run = await runAction('smoke', {
      gh,
      actionsRoot: ACTIONS,
      workspace: WORKSPACE,
      inputs: { title: 'Smoke test issue' },
      now: '2026-12-01T09:00:00Z',
    })
    try {
      expect(run.stderr).toBe('')
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs).toEqual({
        'issue-number': '1',
        report: 'repository=acme/circle\nvisibility=private\nevent=workflow_dispatch',
      })
      expect(run.summary).toContain('<h1>Smoke</h1>')
      expect(run.summary).toContain('Opened #1')
      expect(run.annotations).toEqual([
        { level: 'warning', message: 'wait scale 0.001', properties: {} },
      ])
      expect(run.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.user}`)).toEqual([
        'GET /repos/acme/circle 200 github-actions[bot]',
        'POST /repos/acme/circle/issues 201 github-actions[bot]',
      ])
      expect(run.requests[1]?.body).toMatchObject({ title: 'Smoke test issue', labels: ['smoke'] })
      expect(gh.state.issue(1)).toMatchObject({
        title: 'Smoke test issue',
        body: 'Group: circle of six tech leads\nNow: 2026-12-01T09:00Z',
        created_at: '2026-12-01T09:00:00Z',
        user: { login: 'github-actions[bot]' },
      })
      expect(await readFile(join(run.workspace, 'groups', 'circle.txt'), 'utf8')).toContain(
        'circle',
      )
    } finally {
      await run.cleanup()
    }
    expect(existsSync(run.runDir)).toBe(false)
  })

  it('reports failure through the exit code and ::error:: annotations', async () => {
    const run = await runAction('smoke', {
      gh: t.gh,
      actionsRoot: ACTIONS,
      workspace: WORKSPACE,
      inputs: { 'dry-run': 'true' },
    })
    await run.cleanup()
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map((a) => a.level)).toEqual(['error'])
    expect(run.annotations[0]?.message).toContain('Input required and not supplied: title')
    expect(run.requests).toEqual([])
  })

  it('passes inputs as INPUT_ variables, env overrides and event files', async () => {
    expect(inputEnvName('github-token')).toBe('INPUT_GITHUB-TOKEN')
    expect(inputEnvName('dry run')).toBe('INPUT_DRY_RUN')
    const run = await runAction('smoke', {
      gh: t.gh,
      actionsRoot: ACTIONS,
      workspace: WORKSPACE,
      eventName: 'schedule',
      inputs: { title: 'x', 'dry-run': true },
      env: { EMULATOR_WAIT_SCALE: '0' },
    })
    const event = JSON.parse(await readFile(join(run.runDir, 'files', 'event.json'), 'utf8'))
    await run.cleanup()
    expect(run.exitCode).toBe(0)
    expect(run.outputs['issue-number']).toBe('0')
    expect(run.outputs.report).toContain('event=schedule')
    expect(run.annotations[0]?.message).toBe('wait scale 0')
    expect(event).toEqual({ schedule: '0 9 * * 1', workflow: '.github/workflows/skill-share.yml' })
  })

  it('gives the action none of the variables that would change its network or its Node', async () => {
    const inherited = {
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
      NODE_OPTIONS: '--max-old-space-size=64',
      NODE_ENV: 'test',
      HTTPS_PROXY: 'http://proxy.invalid:3128',
      GITHUB_TOKEN: 'a developer token',
      SKILL_SHARE_REBUILD_BUNDLES: '1',
    }
    const saved = Object.fromEntries(Object.keys(inherited).map((k) => [k, process.env[k]]))
    Object.assign(process.env, inherited, { KEPT_BY_THE_HARNESS: 'yes' })
    try {
      const run = await runAction('environment', {
        gh: t.gh,
        actionsRoot: ACTIONS,
        inputs: { names: [...Object.keys(inherited), 'KEPT_BY_THE_HARNESS', 'PATH'].join(',') },
      })
      await run.cleanup()
      expect(run.stderr).toBe('')
      expect(run.outputs.present).toBe('KEPT_BY_THE_HARNESS,PATH')
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      delete process.env.KEPT_BY_THE_HARNESS
    }
  })

  it('refuses to run an action that has not been bundled', async () => {
    await expect(runAction('missing', { gh: t.gh, actionsRoot: ACTIONS })).rejects.toThrow(
      /does not exist/,
    )
  })

  it('parses both GITHUB_OUTPUT formats', () => {
    expect(parseCommandFile('a=1\nb<<EOF_1\nline 1\nline 2\nEOF_1\nc=x=y\n')).toEqual({
      a: '1',
      b: 'line 1\nline 2',
      c: 'x=y',
    })
  })
})

describe('payload builders', () => {
  const t = useEmulator()

  it('builds issue_comment payloads from the emulator’s current issue and comment', async () => {
    const { gh, repo } = t
    const ana = client(gh, 'octo-ana')
    await t.octokit.rest.issues.create({ ...repo, title: 'Session 2', labels: ['session'] })
    const { data: comment } = await ana.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: '/topic Delegation',
    })
    await t.octokit.rest.issues.update({ ...repo, issue_number: 1, title: 'Session 2 (moved)' })

    const created = issueCommentPayload(gh, 'created', comment.id)
    expect(created).toMatchObject({
      action: 'created',
      issue: { number: 1, title: 'Session 2 (moved)', comments: 1 },
      comment: { id: comment.id, body: '/topic Delegation', author_association: 'OWNER' },
      repository: { full_name: 'acme/circle', private: true },
      sender: { login: 'octo-ana' },
    })
    expect(created).not.toHaveProperty('installation')
    expect(created.comment).toEqual(
      (await t.octokit.rest.issues.getComment({ ...repo, comment_id: comment.id })).data,
    )

    await ana.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: '/topic Hiring' })
    const edited = issueCommentPayload(gh, 'edited', comment.id, {
      body: { from: '/topic Delegation' },
    })
    expect(edited.comment.body).toBe('/topic Hiring')
    expect(edited.changes).toEqual({ body: { from: '/topic Delegation' } })

    await ana.rest.issues.deleteComment({ ...repo, comment_id: comment.id })
    const deleted = issueCommentPayload(gh, 'deleted', comment.id)
    expect(deleted.comment.body).toBe('/topic Hiring')
    expect(deleted.issue.comments).toBe(0)
  })

  it('builds issues, workflow_dispatch and schedule payloads', async () => {
    const { gh, repo } = t
    await client(gh, 'octo-ben').rest.issues.create({ ...repo, title: 'Proposal' })
    await t.octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ['triage'] })
    await t.octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed' })
    const closed = issuesPayload(gh, 'closed', 1)
    expect(closed).toMatchObject({
      action: 'closed',
      issue: { number: 1, state: 'closed', state_reason: 'completed' },
      sender: { login: 'github-actions[bot]' },
    })
    expect(issuesPayload(gh, 'opened', 1).sender.login).toBe('octo-ben')
    const edited = issuesPayload(gh, 'edited', 1, { title: { from: 'Old' } })
    expect(edited.changes).toEqual({ title: { from: 'Old' } })
    const labeled = issuesPayload(gh, 'labeled', 1, { label: 'triage', sender: 'octo-ana' })
    expect(labeled).toMatchObject({ label: { name: 'triage' }, sender: { login: 'octo-ana' } })
    expect(() => issuesPayload(gh, 'opened', 9)).toThrow(/no issue #9/)

    const dispatch = workflowDispatchPayload(gh, { cohort: '1' })
    expect(dispatch).toMatchObject({
      inputs: { cohort: '1' },
      ref: 'refs/heads/main',
      repository: { full_name: 'acme/circle' },
      sender: { login: 'octo-ana' },
    })
    expect(schedulePayload(gh, '0 8 * * 2')).toEqual({
      schedule: '0 8 * * 2',
      workflow: '.github/workflows/skill-share.yml',
    })
  })
})
