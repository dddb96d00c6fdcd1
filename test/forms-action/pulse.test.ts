import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubEmulator } from '../../emulator/src/index.js'
import { asMember, botComments, OWNER, REPO } from '../support/github.js'
import { exampleWorkspace, reply, runForms, startRepository, submit } from './helpers.js'

const AFTER_WEEK_2 = '2026-11-02T18:00:00Z'

function pulseBody(ease: string, belonging: string): string {
  return [
    '### Group\n\nexample',
    `### Since the first meeting, our meetings feel\n\n${ease}`,
    `### I feel part of this group\n\n${belonging}`,
  ].join('\n\n')
}

describe('the pulse after week 2, through the forms action', () => {
  let gh: GitHubEmulator
  let workspace: string
  let checklist: number
  beforeAll(async () => {
    gh = await startRepository()
    workspace = await exampleWorkspace()
    // The organizer's checklist, as "Start a cohort" opens it.
    const { data } = await asMember(gh, 'github-actions[bot]').rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: "Getting Fall 2026 circle started: the organizer's checklist",
      body: 'The checklist.\n\n<!-- skill-share:kickoff group=example -->\n',
      labels: ['skill-share', 'group:example', 'organizer'],
    })
    checklist = data.number
  }, 60_000)
  afterAll(() => gh.close())

  const answer = async (login: string, ease: string, belonging: string) => {
    const n = await submit(gh, login, pulseBody(ease, belonging), {
      title: 'Pulse · example',
      labels: ['skill-share', 'pulse'],
    })
    const result = await runForms(gh, workspace, 'opened', n, AFTER_WEEK_2)
    expect(result.exitCode, result.stdout).toBe(0)
    return { n, result }
  }

  it('closes each answer once counted and shows nothing before three members answered', async () => {
    const first = await answer('bkowalski', 'Less awkward than at the start', 'Yes')
    await answer('jmartin', 'About the same', 'Not yet')
    expect(gh.state.issue(first.n)?.state).toBe('closed')
    expect(reply(gh, first.n)).toContain('never who said what')
    expect(botComments(gh, checklist, 'pulse')).toEqual([])
  })

  it('posts the counts for the facilitators at the third answer, and keeps them current', async () => {
    await answer('grace-o', 'Less awkward than at the start', 'Partly')
    const [comment] = botComments(gh, checklist, 'pulse')
    expect(comment?.body).toContain('@octo-ana, @priya-n:')
    expect(comment?.body).toContain('3 of 8 answered')
    expect(comment?.body).toContain('Less awkward than at the start: 2 · About the same: 1')
    expect(comment?.body).toContain('Yes: 1 · Partly: 1 · Not yet: 1')
    for (const login of ['bkowalski', 'jmartin', 'grace-o'])
      expect(comment?.body).not.toContain(login)

    await answer('tomvdb', 'More awkward', 'Yes')
    const after = botComments(gh, checklist, 'pulse')
    expect(after).toHaveLength(1)
    expect(after[0]?.body).toContain('4 of 8 answered')
  })
})
