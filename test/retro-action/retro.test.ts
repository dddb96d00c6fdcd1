import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { asMember, OWNER, REPO } from '../support/github.js'
import { EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

const ROSTER_WORDS = [
  'Ana',
  'Lima',
  'Bartosz',
  'Kowalski',
  'Bart',
  'Priya',
  'Natarajan',
  'José',
  'Jose',
  'Grace',
  'Okafor',
  'octo-ana',
  'bkowalski',
  'Acme',
  'Globex',
  'Project Falcon',
]

/** A cohort on the emulator: the weekly session issues, notes from members, homework and reflections. */
async function cohort() {
  gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
  const workspace = await workspaceWith({ example: { from: 'groups/example' } })
  await mkdir(path.join(workspace, 'groups/example/notes'), { recursive: true })
  await writeFile(
    path.join(workspace, 'groups/example/notes/2026-11-08.md'),
    '---\nsession: 3\ndate: 2026-11-08\n---\n\n## What worked\n\n- Ana Lima brought the Project Falcon story and Bart role-played her manager at Globex.\n- Role play in pairs before re-enacting for the group.\n\n## What was hard\n\n- Keeping the homework circle short; José ran over.\n\n## What we learned\n\n- Delegating the outcome instead of the task made the hand-over stick.\n',
  )
  for (const at of [
    '2026-10-23T00:00:00Z',
    '2026-10-30T00:00:00Z',
    '2026-11-06T00:00:00Z',
    '2026-11-13T00:00:00Z',
    '2026-11-20T00:00:00Z',
    '2026-12-04T00:00:00Z',
  ]) {
    const result = await runAction('sessions', { gh, workspace, now: at, eventName: 'schedule' })
    expect(result.exitCode).toBe(0)
    await result.cleanup()
  }
  const sessionIssue = (n: number) =>
    gh!.state
      .issues({ state: 'all' })
      .find(
        (i) =>
          (i.body ?? '').includes(`skill-share:session group=example n=${n} `) ||
          (i.body ?? '').includes(`skill-share:session group=example n=${n} -->`),
      )!.number
  const comment = (login: string, n: number, body: string) =>
    asMember(gh!, login).rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: sessionIssue(n),
      body,
    })
  await comment(
    'octo-ana',
    2,
    '/notes Asking "what would you try first?" helped @priya-n more than advice from Grace Okafor.',
  )
  await comment('octo-ana', 2, '/attended @octo-ana @bkowalski @priya-n @jmartin @grace-o')
  await comment('bkowalski', 2, 'I think /notes is great (not a command: mid-sentence)')
  for (const [i, login] of ['priya-n', 'jmartin', 'grace-o', 'tomvdb'].entries()) {
    const body = renderFormBody('homework', {
      group: 'example',
      session: '2',
      'work-score': String(6 + i),
      'family-score': '7',
      'self-score': '5',
      'work-positive-what': 'The team ran the review without me.',
      'self-negative-what': 'Short on sleep.',
      share: ['work-positive', 'self-negative'],
    })
    const { data } = await asMember(gh, login).rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: 'Homework',
      body,
      labels: ['skill-share', 'homework', 'group:example', 'session:2'],
    })
    expect(data.number).toBeGreaterThan(0)
  }
  for (const [login, consent] of [
    ['priya-n', true],
    ['tomvdb', false],
  ] as const) {
    const body = renderFormBody('reflection', {
      group: 'example',
      learned: consent
        ? 'Most problems were shared problems.'
        : 'A private lesson that must never be quoted.',
      'in-a-year': 'Leading leads.',
      continue: 'monthly',
      ...(consent ? { consent: ['quote-anonymously'] } : {}),
    })
    await asMember(gh, login).rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: 'Reflection',
      body,
      labels: ['skill-share', 'reflection', 'group:example'],
    })
  }
  return workspace
}

describe('the retro action', () => {
  it('proposes an anonymized retrospective as a pull request, with counts and flagged names for review', async () => {
    const workspace = await cohort()
    const result = await runAction('retro', {
      gh: gh!,
      workspace,
      now: '2026-12-10T12:00:00Z',
      inputs: { group: 'example' },
    })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs['file']).toBe('groups/example/retros/2026-12-10.md')
    const [pull] = gh!.state.pulls()
    expect(pull?.head.ref).toBe('skill-share/retro-example-2026-12-10')
    expect(pull?.base.ref).toBe('main')
    expect(result.outputs['pull-request']).toBe(String(pull?.number))
    expect(pull?.body).toContain('### Replacements')
    const retro = gh!.state.file(
      'groups/example/retros/2026-12-10.md',
      'skill-share/retro-example-2026-12-10',
    )!
    expect(gh!.state.file('groups/example/retros/2026-12-10.md', 'main')).toBeUndefined()
    for (const word of ROSTER_WORDS) expect(retro).not.toMatch(new RegExp(`\\b${word}\\b`, 'i'))
    expect(retro).toContain('Delegating the outcome instead of the task made the hand-over stick.')
    expect(retro).toContain('what would you try first?')
    expect(retro).toContain('Most problems were shared problems.')
    expect(retro).not.toContain('A private lesson')
    expect(retro).toContain('```mermaid')
    for (const word of ROSTER_WORDS) expect(result.stdout).not.toContain(word)
  })

  it('writes nothing and says which category leaked when an identifier slips past the replacement', async () => {
    const workspace = await cohort()
    // A real miss of the replacement: it reads a snake_case file name as one word, the leak gate
    // reads it word by word (see test/anonymize/gate.test.ts).
    await writeFile(
      path.join(workspace, 'groups/example/notes/2026-11-15.md'),
      '---\nsession: 4\ndate: 2026-11-15\n---\n\n## What was hard\n\n- The rota lives in oncall_kowalski_v2.md and nobody else could edit it.\n',
    )
    gh!.clearRequests()
    const result = await runAction('retro', {
      gh: gh!,
      workspace,
      now: '2026-12-10T12:00:00Z',
      inputs: { group: 'example' },
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /::error::the leak check found roster identifiers in the retrospective \(name at \d+:\d+/,
    )
    expect(result.stdout.toLowerCase()).not.toContain('kowalski')
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(gh!.state.pulls()).toEqual([])
  })

  it('is idempotent: a rerun updates nothing and opens no second pull request', async () => {
    const workspace = await cohort()
    const first = await runAction('retro', {
      gh: gh!,
      workspace,
      now: '2026-12-10T12:00:00Z',
      inputs: { group: 'example' },
    })
    expect(first.exitCode).toBe(0)
    const again = await runAction('retro', {
      gh: gh!,
      workspace,
      now: '2026-12-10T13:00:00Z',
      inputs: { group: 'example' },
    })
    expect(again.exitCode).toBe(0)
    expect(again.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(gh!.state.pulls()).toHaveLength(1)
  })
})
