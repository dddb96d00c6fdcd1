import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REPO_ROOT, startGitHub } from '../../emulator/src/index.js'
import { client, MEMBERS, NOW } from './helpers.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emulator: state persistence', () => {
  it('saves and reloads issues, comments, labels, reactions, files, refs, ids and the clock', async () => {
    const stateFile = join(dir, 'state.json')
    const gh = await startGitHub({ users: MEMBERS, now: NOW, stateFile })
    const repo = { owner: 'acme', repo: 'circle' }
    const octokit = client(gh)
    await octokit.rest.issues.create({ ...repo, title: 'Persisted', labels: ['session'] })
    const { data: comment } = await client(gh, 'octo-ben').rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: 'hello',
    })
    await client(gh, 'octo-cy').rest.reactions.createForIssueComment({
      ...repo,
      comment_id: comment.id,
      content: 'heart',
    })
    gh.setFile('groups/circle/group.yml', 'name: circle\n')
    gh.clock.advance(90_000)
    // Autosave writes after each write request.
    expect(JSON.parse(await readFile(stateFile, 'utf8')).issues).toHaveLength(1)
    const before = gh.state.raw()
    await gh.close()

    const again = await startGitHub({ stateFile })
    try {
      expect(again.state.raw()).toEqual(before)
      expect(again.clock.iso()).toBe('2026-11-21T16:01:30Z')
      expect(again.state.comment(comment.id)?.reactions?.heart).toBe(1)
      expect(again.state.file('groups/circle/group.yml')).toBe('name: circle\n')
      const { data: issue } = await client(again).rest.issues.create({ ...repo, title: 'Next' })
      expect(issue.number).toBe(2)
      expect(issue.id).toBeGreaterThan(comment.id)
      expect(issue.created_at).toBe('2026-11-21T16:01:30Z')
      const { data: member } = await client(again, 'octo-ben').rest.issues.get({
        ...repo,
        issue_number: 1,
      })
      expect(member.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['session'])
    } finally {
      await again.close()
    }
  })

  it('keeps the clock fixed unless told otherwise', async () => {
    const gh = await startGitHub({ now: NOW })
    try {
      await new Promise((r) => setTimeout(r, 20))
      expect(gh.clock.iso()).toBe(NOW)
      gh.clock.set('2027-01-01T00:00:00Z')
      gh.clock.advance(7 * 24 * 3_600_000)
      expect(gh.clock.iso()).toBe('2027-01-08T00:00:00Z')
      gh.clock.realTime(true)
      expect(gh.clock.mode).toBe('real')
      await new Promise((r) => setTimeout(r, 60))
      expect(gh.clock.now().getTime()).toBeGreaterThanOrEqual(
        Date.parse('2027-01-08T00:00:00.050Z'),
      )
      gh.clock.realTime(false)
      const frozen = gh.clock.iso()
      await new Promise((r) => setTimeout(r, 20))
      expect(gh.clock.iso()).toBe(frozen)
    } finally {
      await gh.close()
    }
  })
})

function startProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/main.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve))
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] as string)
    }
    child.stdout.on('data', check)
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)))
  })
  firstLine.catch(() => undefined) // only an error for tests that wait for the line
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) }
}

describe('emulator: process entry', () => {
  it('prints its URL as the first line with --port 0, serves, and saves state on SIGTERM', async () => {
    const stateFile = join(dir, 'state.json')
    const proc = startProcess(['--port', '0', '--user', 'octo-ana:owner', '--state', stateFile])
    const line = await proc.firstLine
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
    const url = line.slice('listening on '.length)
    const res = await fetch(`${url}/repos/acme/circle/collaborators/octo-ana/permission`, {
      headers: { authorization: 'token x' },
    })
    expect(await res.json()).toMatchObject({ permission: 'admin' })
    proc.child.kill('SIGTERM')
    expect(await proc.exited).toBe(0)
    expect(existsSync(stateFile)).toBe(true)
    expect(
      JSON.parse(await readFile(stateFile, 'utf8')).users.map((u: { login: string }) => u.login),
    ).toContain('octo-ana')
  })

  it('takes the plan, invited users, tokens and the pull-request setting from flags', async () => {
    const proc = startProcess([
      '--port',
      '0',
      '--plan',
      'free',
      '--assignee-mode',
      'first',
      '--user',
      'octo-ana:owner',
      '--user',
      'octo-ben',
      '--user',
      'octo-new:invited',
      '--token',
      'pat-x:octo-ana',
      '--deny-actions-pull-requests',
    ])
    const url = (await proc.firstLine).slice('listening on '.length)
    const viewer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'token pat-x' },
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    })
    expect(await viewer.json()).toEqual({
      data: { viewer: { login: 'octo-ana', databaseId: expect.any(Number) } },
    })
    const invited = await fetch(`${url}/repos/acme/circle/collaborators/octo-new/permission`, {
      headers: { authorization: 'token x' },
    })
    expect(await invited.json()).toMatchObject({ permission: 'none' })
    const assigned = await fetch(`${url}/repos/acme/circle/issues`, {
      method: 'POST',
      headers: { authorization: 'token x' },
      body: JSON.stringify({ title: 'x', assignees: ['octo-ana', 'octo-ben'] }),
    })
    expect(assigned.status).toBe(201)
    const { assignees } = (await assigned.json()) as { assignees: Array<{ login: string }> }
    expect(assignees.map((a) => a.login)).toEqual(['octo-ana'])
    proc.child.kill('SIGTERM')
    expect(await proc.exited).toBe(0)
    const bad = startProcess(['--plan', 'gold'])
    expect(await bad.exited).toBe(2)
    expect(bad.output().stderr.split('\n')[0]).toBe(
      'github-emulator: invalid --plan "gold" (free, pro, team or enterprise)',
    )
  })

  it('rejects bad arguments with a one-line error, the usage and exit code 2', async () => {
    const proc = startProcess(['--port', 'abc'])
    const unknown = startProcess(['--bogus'])
    expect(await proc.exited).toBe(2)
    const { stderr, stdout } = proc.output()
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toBe('github-emulator: invalid --port "abc"')
    expect(stderr).toContain('usage: npm run github-emulator')
    expect(await unknown.exited).toBe(2)
    expect(unknown.output().stderr).toMatch(/^github-emulator: Unknown option '--bogus'/)
  })
})
