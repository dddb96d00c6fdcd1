import { writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, type GitHubEmulator } from '../../emulator/src/index.js'
import {
  allBotComments,
  assigneesOf,
  checkInBody,
  exampleWorkspace,
  homeworkBody,
  labelsOf,
  OUTSIDER,
  reply,
  runForms,
  runSessions,
  SECRET_NOTE,
  sessionIssue,
  startRepository,
  statusOf,
  submit,
  WEEK_2_OPEN,
  writes,
} from './helpers.js'

describe('submissions other than a member homework', () => {
  let gh: GitHubEmulator
  let workspace: string
  beforeAll(async () => {
    gh = await startRepository()
    workspace = await exampleWorkspace()
    await runSessions(gh, workspace, WEEK_2_OPEN)
  }, 60_000)
  afterAll(() => gh.close())

  it('answers someone on no member list with one polite comment and processes nothing', async () => {
    const n = await submit(gh, OUTSIDER, homeworkBody({ scores: [12, 8, ''] }))
    const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs['result']).toBe('outsider')
    expect(allBotComments(gh, n)).toHaveLength(1)
    const body = reply(gh, n)
    expect(body).toContain("isn't on any group's member list")
    expect(body).not.toContain(SECRET_NOTE)
    expect(body).not.toMatch(/^- /m)
    // The form's own labels stay; nothing is added, nobody assigned, no count changes.
    expect(labelsOf(gh, n)).toEqual(['homework', 'skill-share'])
    expect(assigneesOf(gh, n)).toEqual([])
    expect(statusOf(gh, sessionIssue(gh, 2))).toBe('')
    expect(writes(result).map((w) => w.method)).toEqual(['POST'])

    const again = await runForms(gh, workspace, 'edited', n, WEEK_2_OPEN)
    expect(writes(again)).toEqual([])
  })

  it('accepts a buddy check-in: labels, assignee and a reply, without touching the homework count', async () => {
    const n = await submit(gh, 'sam-rivera', checkInBody({ session: 1 }), {
      title: 'Check-in · example · session 1',
      labels: ['skill-share', 'check-in'],
    })
    const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ kind: 'check-in', result: 'accepted' })
    expect(labelsOf(gh, n)).toEqual(['check-in', 'group:example', 'session:1', 'skill-share'])
    expect(assigneesOf(gh, n)).toEqual(['sam-rivera'])
    expect(reply(gh, n)).toContain('Your check-in on the commitment from session 1 is in.')
    expect(reply(gh, n)).not.toContain('Block two mornings')
    expect(statusOf(gh, sessionIssue(gh, 2))).toBe('')
  })

  it('recognises a form by its headings when GitHub dropped its labels', async () => {
    const n = await submit(gh, 'octo-ana', homeworkBody(), { labels: [] })
    const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(result.outputs).toMatchObject({ kind: 'homework', result: 'accepted' })
    expect(labelsOf(gh, n)).toEqual(['group:example', 'homework', 'session:2', 'skill-share'])
    expect(statusOf(gh, sessionIssue(gh, 2))).toContain('**Homework in:** 1 of 8')
  })

  it('leaves an issue that is not a form submission alone, successfully', async () => {
    const n = await submit(gh, 'priya-n', 'Where do we keep the snacks?', {
      title: 'Snacks',
      labels: [],
    })
    const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs).toMatchObject({ kind: '', result: 'not-a-form' })
    expect(writes(result)).toEqual([])
    expect(allBotComments(gh, n)).toEqual([])
  })
})

describe('confidentiality guards', () => {
  it('refuses to process a submission in a public repository, writing nothing', async () => {
    const gh = await startRepository({ private: false })
    try {
      const workspace = await exampleWorkspace()
      gh.clock.set(WEEK_2_OPEN)
      const n = await submit(gh, 'priya-n', homeworkBody())
      const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
      expect(result.exitCode).toBe(1)
      expect(result.outputs['result']).toBe('refused')
      expect(result.stdout).toMatch(/::error::.*public repository/)
      expect(writes(result)).toEqual([])
      expect(allBotComments(gh, n)).toEqual([])
    } finally {
      await gh.close()
    }
  })

  it('fails for the organizer, telling nobody else, when a form file is broken', async () => {
    const gh = await startRepository()
    try {
      const workspace = await exampleWorkspace()
      await writeFile(`${workspace}/.github/ISSUE_TEMPLATE/homework.yml`, 'body: [oops\n')
      gh.clock.set(WEEK_2_OPEN)
      const n = await submit(gh, 'priya-n', homeworkBody())
      const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
      expect(result.exitCode).toBe(1)
      expect(result.outputs['result']).toBe('blocked')
      expect(result.stdout).toContain('.github/ISSUE_TEMPLATE/homework.yml')
      expect(writes(result)).toEqual([])
    } finally {
      await gh.close()
    }
  })

  it('refuses to run on anything but an issues event', async () => {
    const gh = await startRepository()
    try {
      const result = await runAction('forms', { gh, eventName: 'schedule' })
      await result.cleanup()
      expect(result.exitCode).toBe(1)
      expect(result.stdout).toContain('runs on "issues" events')
      expect(writes(result)).toEqual([])
    } finally {
      await gh.close()
    }
  })

  it("leaves the bot's own issues alone: they are never submissions", async () => {
    const gh = await startRepository()
    try {
      const workspace = await exampleWorkspace()
      await runSessions(gh, workspace, WEEK_2_OPEN)
      const result = await runForms(gh, workspace, 'opened', 1, WEEK_2_OPEN)
      expect(result.outputs['result']).toBe('not-a-form')
      expect(writes(result)).toEqual([])
    } finally {
      await gh.close()
    }
  }, 60_000)
})
