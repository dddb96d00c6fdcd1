import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRunResult, GitHubEmulator } from '../../emulator/src/index.js'
import { asMember, botComments, OWNER, REPO, snapshot } from '../support/github.js'
import {
  allBotComments,
  assigneesOf,
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

describe('a valid homework', () => {
  let gh: GitHubEmulator
  let workspace: string
  let homework: number
  let week2: number
  let first: ActionRunResult

  beforeAll(async () => {
    gh = await startRepository()
    workspace = await exampleWorkspace()
    // The organizer made the homework label by hand, in a colour of their own.
    await asMember(gh, 'octo-ana').rest.issues.createLabel({
      owner: OWNER,
      repo: REPO,
      name: 'homework',
      color: '123456',
    })
    await runSessions(gh, workspace, WEEK_2_OPEN)
    week2 = sessionIssue(gh, 2)
    homework = await submit(gh, 'priya-n', homeworkBody())
    first = await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
  }, 60_000)
  afterAll(() => gh.close())

  it('succeeds and reports the issue, the form and the result in the job summary', () => {
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.outputs).toMatchObject({ kind: 'homework', result: 'accepted' })
    expect(first.summary).toMatch(/#\d+.*homework.*accepted/s)
  })

  it('labels it with its form, group and session', () => {
    expect(labelsOf(gh, homework)).toEqual([
      'group:example',
      'homework',
      'session:2',
      'skill-share',
    ])
  })

  it('creates the labels it lacks in the catalog colours and never recolours one that exists', () => {
    expect(gh.state.label('session:2')?.color).toBe('f9f9f9')
    expect(gh.state.label('homework')?.color).toBe('123456')
  })

  it('assigns the author', () => {
    expect(assigneesOf(gh, homework)).toEqual(['priya-n'])
  })

  it('replies once, warmly, linking the session and quoting no score or note', () => {
    expect(allBotComments(gh, homework)).toHaveLength(1)
    const body = reply(gh, homework)
    expect(body).toContain(`Your homework for session 2 (#${week2}) is in`)
    expect(body).not.toContain(SECRET_NOTE)
    expect(body).not.toMatch(/\b[468]\b/)
  })

  it('counts it in the session status: "Homework in: 1 of 8"', () => {
    expect(botComments(gh, week2, 'status')).toHaveLength(1)
    expect(statusOf(gh, week2)).toContain('**Homework in:** 1 of 8')
  })

  it('logs and summarises numbers and kinds, never the content or the member', () => {
    for (const text of [first.stdout, first.stderr, first.summary]) {
      expect(text).not.toContain(SECRET_NOTE)
      expect(text).not.toContain('priya')
    }
  })

  it('changes nothing and writes nothing when the same event is run again', async () => {
    const before = snapshot(gh)
    const comments = gh.state.comments().map((c) => [c.id, c.body, c.updated_at])
    const rerun = await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(writes(rerun)).toEqual([])
    expect(snapshot(gh)).toEqual(before)
    expect(gh.state.comments().map((c) => [c.id, c.body, c.updated_at])).toEqual(comments)
  })

  it('counts a second member: "Homework in: 2 of 8", still one status comment', async () => {
    const second = await submit(gh, 'grace-o', homeworkBody({ scores: [3, 9, 7] }))
    const result = await runForms(gh, workspace, 'opened', second, WEEK_2_OPEN)
    expect(result.exitCode, result.stdout).toBe(0)
    expect(botComments(gh, week2, 'status')).toHaveLength(1)
    expect(statusOf(gh, week2)).toContain('**Homework in:** 2 of 8')
  })
})

describe('homework edited later', () => {
  it('moves to another session when the member changes the number, and both counts follow', async () => {
    const gh = await startRepository()
    try {
      const workspace = await exampleWorkspace()
      // Thursday 5 November: session 3 is open and session 2 ended four days ago.
      const at = '2026-11-06T12:00:00Z'
      await runSessions(gh, workspace, WEEK_2_OPEN)
      await runSessions(gh, workspace, at)
      const [week2, week3] = [sessionIssue(gh, 2), sessionIssue(gh, 3)]
      const homework = await submit(gh, 'jmartin', homeworkBody({ session: 2 }))
      await runForms(gh, workspace, 'opened', homework, at)
      expect(statusOf(gh, week2)).toContain('**Homework in:** 1 of 8')

      await asMember(gh, 'jmartin').rest.issues.update({
        owner: OWNER,
        repo: REPO,
        issue_number: homework,
        body: homeworkBody({ session: 3 }),
      })
      const result = await runForms(gh, workspace, 'edited', homework, at)
      expect(result.exitCode, result.stdout).toBe(0)
      expect(labelsOf(gh, homework)).toEqual([
        'group:example',
        'homework',
        'session:3',
        'skill-share',
      ])
      expect(statusOf(gh, week2)).toContain('**Homework in:** 0 of 8')
      expect(statusOf(gh, week3)).toContain('**Homework in:** 1 of 8')
      expect(allBotComments(gh, homework)).toHaveLength(1)
      expect(reply(gh, homework)).toContain(`session 3 (#${week3})`)
    } finally {
      await gh.close()
    }
  }, 60_000)

  it('stays accepted when a typo is fixed weeks after the session closed', async () => {
    const gh = await startRepository()
    try {
      const workspace = await exampleWorkspace()
      await runSessions(gh, workspace, WEEK_2_OPEN)
      const homework = await submit(gh, 'tomvdb', homeworkBody())
      await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
      const later = '2026-11-25T12:00:00Z'
      gh.clock.set(later)
      await asMember(gh, 'tomvdb').rest.issues.update({
        owner: OWNER,
        repo: REPO,
        issue_number: homework,
        body: homeworkBody({ forFacilitator: 'Fixed a typo.' }),
      })
      const result = await runForms(gh, workspace, 'edited', homework, later)
      expect(result.outputs['result']).toBe('accepted')
      expect(labelsOf(gh, homework)).not.toContain('needs-fix')
      // Only the (closed) session's status may change, to its after-the-meeting form.
      const replyId = botComments(gh, homework, 'form-reply')[0]?.id
      const touched = writes(result).filter(
        (w) => w.path.includes(`/issues/${homework}`) || w.path.endsWith(`/comments/${replyId}`),
      )
      expect(touched).toEqual([])
    } finally {
      await gh.close()
    }
  }, 60_000)
})

describe('homework under failures', () => {
  it('posts one reply when the response to posting it is lost, and a rerun converges', async () => {
    const gh = await startRepository()
    try {
      const workspace = await exampleWorkspace()
      await runSessions(gh, workspace, WEEK_2_OPEN)
      const homework = await submit(gh, 'priya-n', homeworkBody())
      gh.faults.loseResponses(1, {
        match: (r) =>
          r.user === 'github-actions[bot]' &&
          r.method === 'POST' &&
          /\/issues\/\d+\/comments$/.test(r.path),
      })
      gh.faults.failRandomly(0.2, {
        seed: 'forms-502',
        match: (r) => r.user === 'github-actions[bot]',
      })
      const first = await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
      gh.faults.clear()
      expect(first.requests.filter((r) => r.fault === 'lost-response')).toHaveLength(1)
      const second = await runForms(gh, workspace, 'opened', homework, WEEK_2_OPEN)
      expect(second.exitCode, `${first.stdout}\n${second.stdout}`).toBe(0)
      expect(allBotComments(gh, homework)).toHaveLength(1)
      expect(botComments(gh, sessionIssue(gh, 2), 'status')).toHaveLength(1)
      expect(statusOf(gh, sessionIssue(gh, 2))).toContain('**Homework in:** 1 of 8')
      expect(labelsOf(gh, homework)).toEqual([
        'group:example',
        'homework',
        'session:2',
        'skill-share',
      ])
    } finally {
      await gh.close()
    }
  }, 60_000)
})
