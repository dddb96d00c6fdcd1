import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  runAction,
  workflowDispatchPayload,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import { asMember, botComments, OWNER, REPO } from '../support/github.js'
import {
  conversationIssue,
  conversationsUntil,
  dueHours,
  GRACE,
  MEI,
  networkWorkspace,
  runSessionsAt,
  SLUG,
  startNetworkRepository,
  TOM,
  writeUp,
} from './network.js'

const FROM = new Date('2026-10-30T00:00:00Z')
// Ten weeks and a bit: Grace's ninth weekly conversation, Tom's fifth, Mei's second and the
// issues that open next.
const TO = new Date('2027-01-11T12:00:00Z')

/**
 * Who writes their next step down after which conversation. Grace misses three in a row (3, 4, 5),
 * which earns exactly one nudge; Tom never misses; Mei misses her second.
 */
const WRITE_UPS: Record<string, { login: string; numbers: number[] }> = {
  [GRACE]: { login: 'grace-o', numbers: [1, 2, 6, 7, 8, 9] },
  [TOM]: { login: 'tomvdb', numbers: [1, 2, 3, 4, 5] },
  [MEI]: { login: 'mei-chen', numbers: [1] },
}

const stepText = (pair: string, n: number) =>
  `${WRITE_UPS[pair]?.login.toUpperCase()}-STEP-${n}: one small, concrete thing`
const COACH_COMMENT = 'PRIYA-COMMENT: notes from the coach, never for anyone else'

let gh: GitHubEmulator
let workspace: string
const runs: Array<{ at: Date; exitCode: number | null; requests: number; writes: number }> = []

beforeAll(async () => {
  gh = await startNetworkRepository()
  workspace = await networkWorkspace()
  const written = new Set<string>()
  let ticked = false
  let commented = false
  for (const at of dueHours(FROM, TO)) {
    // Members act between runs: write-ups after each conversation, a tick, a coach's comment.
    for (const c of conversationsUntil(TO)) {
      const script = WRITE_UPS[c.pair]
      const key = `${c.pair}#${c.number}`
      if (Date.parse(c.endsAt) < at.getTime() && !written.has(key)) {
        written.add(key)
        if (script?.numbers.includes(c.number))
          await writeUp(gh, script.login, c.number, stepText(c.pair, c.number))
      }
    }
    const graceTwo = conversationIssue(gh, GRACE, 2)
    if (!ticked && graceTwo) {
      ticked = true
      await asMember(gh, 'grace-o').rest.issues.update({
        owner: OWNER,
        repo: REPO,
        issue_number: graceTwo.number,
        body: (graceTwo.body ?? '').replace('- [ ] I took this step', '- [x] I took this step'),
      })
    }
    const meiOne = conversationIssue(gh, MEI, 1)
    if (!commented && meiOne) {
      commented = true
      await asMember(gh, 'priya-n').rest.issues.createComment({
        owner: OWNER,
        repo: REPO,
        issue_number: meiOne.number,
        body: COACH_COMMENT,
      })
    }
    const result = await runSessionsAt(gh, workspace, at)
    runs.push({
      at,
      exitCode: result.exitCode,
      requests: result.requests.length,
      writes: result.requests.filter((r) => r.method !== 'GET').length,
    })
  }
}, 240_000)

afterAll(async () => {
  await gh?.close()
})

const titles = (pair: string) =>
  gh.state
    .issues({ state: 'all' })
    .filter(
      (i) =>
        conversationIssue(gh, pair, Number(/^Conversation (\d+)/.exec(i.title)?.[1]))?.number ===
        i.number,
    )
    .map((i) => [i.title, i.state])

describe('a coaching network over ten weeks', () => {
  it('opens exactly one issue per pair per conversation, and closes each once it is over', () => {
    expect(runs.every((r) => r.exitCode === 0)).toBe(true)
    expect(titles(GRACE)).toEqual([
      ['Conversation 1 · octo-ana & grace-o · Tue 3 Nov', 'closed'],
      ['Conversation 2 · octo-ana & grace-o · Tue 10 Nov', 'closed'],
      ['Conversation 3 · octo-ana & grace-o · Tue 17 Nov', 'closed'],
      ['Conversation 4 · octo-ana & grace-o · Tue 24 Nov', 'closed'],
      ['Conversation 5 · octo-ana & grace-o · Tue 1 Dec', 'closed'],
      ['Conversation 6 · octo-ana & grace-o · Tue 8 Dec', 'closed'],
      ['Conversation 7 · octo-ana & grace-o · Tue 15 Dec', 'closed'],
      ['Conversation 8 · octo-ana & grace-o · Tue 22 Dec', 'closed'],
      // 29 December is skipped: the ninth conversation is the first one of January.
      ['Conversation 9 · octo-ana & grace-o · Tue 5 Jan', 'closed'],
      ['Conversation 10 · octo-ana & grace-o · Tue 12 Jan', 'open'],
    ])
    expect(titles(TOM)).toEqual([
      ['Conversation 1 · octo-ana & tomvdb · Thu 5 Nov', 'closed'],
      ['Conversation 2 · octo-ana & tomvdb · Thu 19 Nov', 'closed'],
      ['Conversation 3 · octo-ana & tomvdb · Thu 3 Dec', 'closed'],
      ['Conversation 4 · octo-ana & tomvdb · Thu 17 Dec', 'closed'],
      ['Conversation 5 · octo-ana & tomvdb · Thu 31 Dec', 'closed'],
    ])
    expect(titles(MEI)).toEqual([
      ['Conversation 1 · priya-n & mei-chen · Wed 11 Nov', 'closed'],
      ['Conversation 2 · priya-n & mei-chen · Wed 9 Dec', 'closed'],
      ['Conversation 3 · priya-n & mei-chen · Wed 13 Jan', 'open'],
    ])
    const bot = gh.state
      .issues({ state: 'all' })
      .filter((i) => i.user?.login === 'github-actions[bot]')
    expect(bot).toHaveLength(18)
    const first = conversationIssue(gh, GRACE, 1)
    expect(first?.labels.map((l) => (typeof l === 'string' ? l : l.name)).sort()).toEqual([
      'conversation',
      `group:${SLUG}`,
      'session',
      'skill-share',
    ])
    // One assignee on every plan, the coach; the body names the coachee.
    expect(first?.assignees?.map((a) => a.login)).toEqual(['octo-ana'])
    // Opened two days ahead at the pair's own time: Sunday 08:30 in California is 16:30 UTC.
    expect(first?.created_at).toBe('2026-11-01T17:00:00Z')
    for (const issue of bot.filter((i) => i.state === 'closed')) {
      expect(botComments(gh, issue.number, 'conversation-closing')).toHaveLength(1)
    }
  })

  it("carries each coachee's last next step into the next issue, and says when there was none", () => {
    for (const n of [2, 3, 4, 5]) {
      expect(conversationIssue(gh, TOM, n)?.body).toContain(`> ${stepText(TOM, n - 1)}`)
    }
    expect(conversationIssue(gh, GRACE, 2)?.body).toContain(`> ${stepText(GRACE, 1)}`)
    expect(conversationIssue(gh, GRACE, 2)?.body).toContain('- [x] I took this step')
    expect(conversationIssue(gh, GRACE, 3)?.body).toContain(`> ${stepText(GRACE, 2)}`)
    expect(conversationIssue(gh, GRACE, 4)?.body).toContain(
      '@grace-o did not write a next step down after conversation 3',
    )
    expect(conversationIssue(gh, GRACE, 7)?.body).toContain(`> ${stepText(GRACE, 6)}`)
    expect(conversationIssue(gh, MEI, 3)?.body).toContain(
      '@mei-chen did not write a next step down after conversation 2',
    )
    // Each issue carries only the one previous step, never older ones.
    expect(conversationIssue(gh, TOM, 3)?.body).not.toContain(stepText(TOM, 1))
  })

  it('nudges a pair once after two conversations without a write-up', () => {
    const nudges = gh.state
      .issues({ state: 'all' })
      .flatMap((i) => botComments(gh, i.number, 'nudge').map((c) => ({ issue: i.number, c })))
    expect(nudges).toHaveLength(1)
    expect(nudges[0]?.issue).toBe(conversationIssue(gh, GRACE, 5)?.number)
    expect(nudges[0]?.c.body).toContain(
      '@octo-ana, @grace-o: there is no write-up from the last two conversations',
    )
    expect(conversationIssue(gh, GRACE, 5)?.body).toContain('n=5 nudge=sent -->')
  })

  it('costs one request per quiet run: a rerun with nothing due lists the open issues and stops', () => {
    const quiet = runs.filter((r) => r.writes === 0)
    expect(quiet.length).toBeGreaterThan(20)
    expect(quiet.filter((r) => r.requests !== 1)).toEqual([])
  })

  it("compiles Grace's binder from her own write-ups only, into a pull request she asked for", async () => {
    const result = await runAction('binder', {
      gh,
      workspace,
      now: TO,
      eventName: 'workflow_dispatch',
      event: workflowDispatchPayload(
        gh,
        { member: 'grace-o', deliver: 'pull-request' },
        { sender: 'grace-o' },
      ),
      inputs: { member: 'grace-o', deliver: 'pull-request' },
    })
    await result.cleanup()
    expect(result.exitCode).toBe(0)
    const pull = gh.state.pulls().at(-1)
    expect(pull?.head.ref).toBe(`skill-share/binder-${SLUG}-grace-o`)
    expect(result.outputs['pull-request']).toBe(String(pull?.number))
    const binder = gh.state.files(pull?.head.ref ?? '')[`groups/${SLUG}/binders/grace-o.md`] ?? ''
    for (const n of [1, 2, 6, 7, 8, 9]) expect(binder).toContain(stepText(GRACE, n))
    expect(binder).toContain('taken: ticked off in the next conversation')
    expect(binder).not.toMatch(/TOMVDB-STEP|MEI-CHEN-STEP|PRIYA-COMMENT/)
    expect(binder).not.toContain('Grace Okafor')
    // Nothing the member wrote reaches the log or the summary.
    expect(result.stdout + result.summary).not.toContain('GRACE-O-STEP')
  }, 60_000)

  it('refuses a binder to anyone but the member or a facilitator, and lets a facilitator compile one', async () => {
    const pullsBefore = gh.state.pulls().length
    const refused = await runAction('binder', {
      gh,
      workspace,
      now: TO,
      event: workflowDispatchPayload(gh, { member: 'grace-o' }, { sender: 'tomvdb' }),
      inputs: { member: 'grace-o' },
    })
    await refused.cleanup()
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toContain(
      'only @grace-o or a facilitator of example-coaching can compile this binder',
    )
    expect(refused.requests).toEqual([])
    expect(gh.state.pulls()).toHaveLength(pullsBefore)

    const byFacilitator = await runAction('binder', {
      gh,
      workspace,
      now: TO,
      event: workflowDispatchPayload(gh, { member: 'tomvdb' }, { sender: 'octo-ana' }),
      inputs: { member: 'tomvdb' },
    })
    expect(byFacilitator.exitCode).toBe(0)
    // A facilitator's binder for a member is private: files for the run's artifact, no commit.
    expect(byFacilitator.requests.filter((r) => r.method !== 'GET')).toEqual([])
    const folder = byFacilitator.outputs['files'] ?? ''
    const binder = await readFile(path.join(folder, `binder-${SLUG}-tomvdb.md`), 'utf8')
    await byFacilitator.cleanup()
    for (const n of [1, 2, 3, 4, 5]) expect(binder).toContain(stepText(TOM, n))
    expect(binder).not.toMatch(/GRACE-O-STEP|MEI-CHEN-STEP|PRIYA-COMMENT/)
  }, 60_000)

  it('sums the network up in a retrospective of figures over at least three people, and no words', async () => {
    const result = await runAction('retro', {
      gh,
      workspace,
      now: TO,
      eventName: 'workflow_dispatch',
      inputs: { group: SLUG, date: '2027-01-11' },
    })
    await result.cleanup()
    expect(result.exitCode).toBe(0)
    const pull = gh.state.pulls().find((p) => p.head.ref === `skill-share/retro-${SLUG}-2027-01-11`)
    const retro = gh.state.files(pull?.head.ref ?? '')[`groups/${SLUG}/retros/2027-01-11.md`] ?? ''
    expect(retro).toMatch(/- Conversations held: \d+, across 3 pairs \(5 people\)\./)
    expect(retro).toMatch(/- Write-ups filed: \d+ of \d+ conversations \(\d+%\), by 3 coachees\./)
    expect(retro).toMatch(/- Next steps followed through: \d+ of \d+/)
    expect(retro).not.toMatch(/STEP|octo-ana|grace-o|tomvdb|priya-n|mei-chen|Okafor|Lima|Acme/)
  }, 60_000)

  it("keeps coachees' words out of a coach's binder", async () => {
    const result = await runAction('binder', {
      gh,
      workspace,
      now: TO,
      event: workflowDispatchPayload(gh, { member: 'priya-n' }, { sender: 'priya-n' }),
      inputs: { member: 'priya-n', deliver: 'summary' },
    })
    await result.cleanup()
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('You coach @mei-chen, monthly.')
    expect(result.summary).not.toMatch(/MEI-CHEN-STEP|PRIYA-COMMENT/)
  }, 60_000)
})
