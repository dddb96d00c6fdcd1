import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  runAction,
  startGitHub,
  workflowDispatchPayload,
  type GitHubEmulator,
} from '../../emulator/src/index.js'
import type { FormKind } from '../../actions/lib/forms/catalog.js'
import { renderFormBody, type Answers } from '../../actions/lib/forms/render-body.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

/*
 * The binder as a private document: the self-evaluation at the start and the end side by side,
 * assessments by role, a growth plan, delivered in the job summary and as files for the run's
 * artifact without a single write to the repository; committed only when the member asks.
 */

const NOW = new Date('2026-12-10T12:00:00Z')
let gh: GitHubEmulator
let workspace: string

async function file(login: string, kind: FormKind, answers: Answers) {
  await asMember(gh, login).rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: `${kind} · example`,
    body: renderFormBody(kind, { group: 'example', ...answers }),
    labels: ['skill-share', kind, 'group:example'],
  })
}

const evaluation = (moment: 'start' | 'end', scores: number[], team: [string, string]) => ({
  moment,
  'empowering-others': String(scores[0]),
  'challenging-assumptions': String(scores[1]),
  'eliminating-pain-points': String(scores[2]),
  'influencing-culture': String(scores[3]),
  'leading-technology': String(scores[4]),
  executing: team[0],
  happy: team[1],
})

async function binder(sender: string, inputs: Record<string, string> = {}) {
  const result = await runAction('binder', {
    gh,
    workspace,
    now: NOW,
    event: workflowDispatchPayload(gh, { member: 'octo-ana', ...inputs }, { sender }),
    inputs: { member: 'octo-ana', ...inputs },
  })
  return result
}

beforeAll(async () => {
  gh = await startGitHub({
    repo: `${OWNER}/${REPO}`,
    private: true,
    users: EXAMPLE_MEMBERS.map((login) => ({ login })),
    now: '2026-10-20T00:00:00Z',
  })
  workspace = await workspaceWith({ example: { from: 'groups/example' } })
  await file('octo-ana', 'self-evaluation', {
    ...evaluation('start', [4, 6, 5, 3, 7], ['partly', 'yes']),
    notes: 'ANA-START-NOTES',
  })
  await file('bkowalski', 'self-evaluation', evaluation('start', [1, 1, 1, 1, 1], ['no', 'no']))
  await file('octo-ana', 'intention', {
    goal: 'ANA-GOAL: let the team run incident reviews',
    'how-i-will-know': 'ANA-KNOW',
  })
  await file('octo-ana', 'assessment', {
    what: 'Feedback interview',
    with: 'report',
    summary: 'ANA-HEARD: I step in before the team has had a go.',
    takeaway: 'ANA-TAKEAWAY: wait a day before stepping in',
  })
  await file('octo-ana', 'self-evaluation', evaluation('end', [7, 6, 6, 4, 7], ['yes', 'yes']))
}, 60_000)

afterAll(async () => {
  await gh?.close()
})

describe('a private binder', () => {
  it('shows the self-evaluation side by side and reaches the member without a commit', async () => {
    const result = await binder('octo-ana')
    expect(result.exitCode).toBe(0)
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(gh.state.pulls()).toEqual([])
    expect(result.outputs['pull-request']).toBe('')
    expect(result.outputs['path']).toBe('')
    const summary = result.summary
    expect(summary).toContain(
      // Filed at 00:00 UTC: the evening before in the group's Los Angeles.
      '| Focus area | Start (19 Oct 2026) | End (19 Oct 2026) | Change |',
    )
    expect(summary).toContain('| Empowering others | 4 | 7 | +3 |')
    expect(summary).toContain('| Challenging assumptions | 6 | 6 | ±0 |')
    expect(summary).toContain('| **Is my team executing well?** | Partly | Yes | |')
    expect(summary).toContain('ANA-START-NOTES')
    expect(summary).toContain('_19 Oct 2026 · with someone on my team')
    expect(summary).toContain('### ANA-GOAL: let the team run incident reviews')
    expect(summary).toContain('- [ ] **Next step:**')
    expect(summary).toContain('Influencing culture (rated 4 at the end)')
    expect(summary).not.toContain('| 1 | 1 |') // a peer's numbers never appear
    // The files for the artifact: the markdown and a print-friendly HTML page.
    const folder = result.outputs['files'] ?? ''
    expect(folder).toMatch(/binder-example-octo-ana$/)
    const markdown = await readFile(path.join(folder, 'binder-example-octo-ana.md'), 'utf8')
    const html = await readFile(path.join(folder, 'binder-example-octo-ana.html'), 'utf8')
    expect(markdown).toContain('| Empowering others | 4 | 7 | +3 |')
    expect(html).toContain('@media print')
    expect(html).toContain('<td>Empowering others</td><td>4</td><td>7</td><td>+3</td>')
    expect(html).not.toContain('<script')
    await result.cleanup()
  }, 60_000)

  it('lets a facilitator compile it privately, but only the member can have it committed', async () => {
    const facilitator = await binder('priya-n')
    expect(facilitator.exitCode).toBe(0)
    expect(facilitator.requests.filter((r) => r.method !== 'GET')).toEqual([])
    await facilitator.cleanup()

    const refused = await binder('priya-n', { deliver: 'pull-request' })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toContain(
      'only @octo-ana can ask for their binder to be committed to the repository',
    )
    expect(refused.requests.filter((r) => r.method !== 'GET')).toEqual([])
    await refused.cleanup()

    const asked = await binder('octo-ana', { deliver: 'pull-request' })
    expect(asked.exitCode).toBe(0)
    const files = gh.state.files('skill-share/binder-example-octo-ana')
    expect(files['groups/example/binders/octo-ana.md']).toContain(
      '| Empowering others | 4 | 7 | +3 |',
    )
    expect(files['groups/example/binders/octo-ana.html']).toContain('@media print')
    expect(gh.state.pulls()).toHaveLength(1)
    await asked.cleanup()
  }, 60_000)
})
