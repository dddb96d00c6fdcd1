import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { snapshot } from '../support/github.js'
import {
  allBotComments,
  assigneesOf,
  edit,
  exampleWorkspace,
  homeworkBody,
  labelsOf,
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

describe('an invalid homework corrected by an edit', () => {
  let gh: GitHubEmulator
  let workspace: string
  let homework: number
  let week2: number

  beforeAll(async () => {
    gh = await startRepository()
    workspace = await exampleWorkspace()
    await runSessions(gh, workspace, WEEK_2_OPEN)
    week2 = sessionIssue(gh, 2)
    // A hand-edited "12", a missing self score and three circle answers.
    const body = homeworkBody({ scores: [12, 8, ''], circle: ['Work', 'Family', 'Self'] })
    homework = await submit(gh, 'bkowalski', body)
  }, 60_000)
  afterAll(() => gh.close())

  it('gets one comment listing exactly what to fix, and the needs-fix label', async () => {
    const result = await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs['result']).toBe('needs-fix')
    expect(allBotComments(gh, homework)).toHaveLength(1)
    const problems = reply(gh, homework)
      .split('\n')
      .filter((line) => line.startsWith('- '))
    expect(problems).toEqual([
      '- Your work score should be one number from 1 to 10.',
      '- Pick a self score from 1 to 10.',
      '- Choose exactly two answers to bring to the circle (you chose three).',
    ])
    expect(reply(gh, homework)).not.toContain(SECRET_NOTE)
    expect(labelsOf(gh, homework)).toEqual(['homework', 'needs-fix', 'skill-share'])
    expect(gh.state.label('needs-fix')?.color).toBe('d93f0b')
    expect(assigneesOf(gh, homework)).toEqual([])
  })

  it('does not count towards the session while it needs a fix', () => {
    expect(statusOf(gh, week2)).toBe('')
  })

  it('updates the same comment as the member fixes part of it', async () => {
    const id = allBotComments(gh, homework)[0]?.id
    await edit(gh, 'bkowalski', homework, homeworkBody({ scores: [7, 8, ''] }))
    await runForms(gh, workspace, 'edited', homework, WEEK_2_OPEN)
    expect(allBotComments(gh, homework).map((c) => c.id)).toEqual([id])
    expect(reply(gh, homework)).toContain('One thing needs a fix')
    expect(reply(gh, homework)).toContain('- Pick a self score from 1 to 10.')
    expect(labelsOf(gh, homework)).toContain('needs-fix')
  })

  it('marks the comment resolved and drops needs-fix once everything is fixed', async () => {
    const id = allBotComments(gh, homework)[0]?.id
    await edit(gh, 'bkowalski', homework, homeworkBody({ scores: [7, 8, 5] }))
    const result = await runForms(gh, workspace, 'edited', homework, WEEK_2_OPEN)
    expect(result.outputs['result']).toBe('accepted')
    expect(allBotComments(gh, homework).map((c) => c.id)).toEqual([id])
    expect(reply(gh, homework)).toMatch(/^All fixed, thank you!/m)
    expect(reply(gh, homework)).not.toMatch(/^- /m)
    expect(labelsOf(gh, homework)).toEqual([
      'group:example',
      'homework',
      'session:2',
      'skill-share',
    ])
    expect(assigneesOf(gh, homework)).toEqual(['bkowalski'])
    expect(statusOf(gh, week2)).toContain('**Homework in:** 1 of 8')
  })

  it('keeps the resolved comment as it is on a rerun, writing nothing', async () => {
    const before = snapshot(gh)
    const bodies = gh.state.comments().map((c) => c.body)
    const rerun = await runForms(gh, workspace, 'edited', homework, WEEK_2_OPEN)
    expect(writes(rerun)).toEqual([])
    expect(snapshot(gh)).toEqual(before)
    expect(gh.state.comments().map((c) => c.body)).toEqual(bodies)
  })

  it('takes it out of the count again if a later edit breaks it', async () => {
    await edit(gh, 'bkowalski', homework, homeworkBody({ session: 'next one' }))
    await runForms(gh, workspace, 'edited', homework, WEEK_2_OPEN)
    expect(labelsOf(gh, homework)).toContain('needs-fix')
    expect(reply(gh, homework)).toContain('The session should be just a number, e.g. 3.')
    expect(statusOf(gh, week2)).toContain('**Homework in:** 0 of 8')
  })
})

describe('homework for a session that is not taking homework', () => {
  let gh: GitHubEmulator
  let workspace: string
  beforeAll(async () => {
    gh = await startRepository()
    workspace = await exampleWorkspace()
  })
  afterAll(() => gh.close())

  it('names the sessions there are when the number does not exist', async () => {
    gh.clock.set(WEEK_2_OPEN)
    const n = await submit(gh, 'mei-chen', homeworkBody({ session: 99 }))
    const result = await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(result.outputs['result']).toBe('needs-fix')
    expect(reply(gh, n)).toMatch(/example has no session 99; its sessions are numbered 1 to \d+\./)
    expect(labelsOf(gh, n)).toEqual(['homework', 'needs-fix', 'skill-share'])
  })

  it('says until when a closed session took homework', async () => {
    const at = '2026-11-12T12:00:00Z'
    gh.clock.set(at)
    const n = await submit(gh, 'mei-chen', homeworkBody({ session: 1 }))
    const result = await runForms(gh, workspace, 'opened', n, at)
    expect(result.outputs['result']).toBe('needs-fix')
    expect(reply(gh, n)).toContain('Session 1 took homework until')
    expect(reply(gh, n)).toContain('Bring it to the next session instead.')
    expect(labelsOf(gh, n)).not.toContain('session:1')
  })

  it('says when a session that has not opened yet starts taking homework', async () => {
    gh.clock.set(WEEK_2_OPEN)
    const n = await submit(gh, 'mei-chen', homeworkBody({ session: 4 }))
    await runForms(gh, workspace, 'opened', n, WEEK_2_OPEN)
    expect(reply(gh, n)).toContain("Session 4 isn't open yet; it takes homework from")
  })
})
