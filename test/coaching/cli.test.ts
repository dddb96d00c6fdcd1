import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderFormBody } from '../../actions/lib/forms/render-body.js'
import { cli } from '../support/cli.js'

const scratch = () => mkdtemp(path.join(tmpdir(), 'skill-share-coaching-'))

const writeUpBody = (n: number, step: string) =>
  renderFormBody('conversation', {
    group: 'example-coaching',
    session: String(n),
    'next-step': step,
    'by-when': 'next Friday',
    confidence: '6',
    skill: 'feedback',
  })

describe('skill-share plan for a coaching network', () => {
  it('lists every conversation of every pair as JSON, 12 weeks from the earliest start by default', async () => {
    const { code, stdout } = await cli(['plan', 'groups/example-coaching', '--json'])
    expect(code).toBe(0)
    const conversations = JSON.parse(stdout) as Array<Record<string, unknown>>
    expect(conversations).toHaveLength(21)
    expect(conversations[0]).toMatchObject({
      pair: 'octo-ana+grace-o',
      number: 1,
      startsAt: '2026-11-03T16:30:00Z',
      opensAt: '2026-11-01T16:30:00Z',
      timezone: 'America/Los_Angeles',
    })
    expect(conversations.at(-1)).toMatchObject({
      pair: 'octo-ana+grace-o',
      number: 12,
      date: '2027-01-26',
    })
    const zones = new Set(conversations.map((c) => c['timezone']))
    expect([...zones].sort()).toEqual(['America/Los_Angeles', 'Europe/Berlin'])
  })

  it('stops at --until and names the open conversations at --at', async () => {
    const { stdout } = await cli([
      'plan',
      'groups/example-coaching',
      '--until',
      '2026-11-12',
      '--at',
      '2026-11-10T00:00:00Z',
    ])
    expect(stdout).toMatch(/@priya-n → @mei-chen +1 +monthly +Wed 2026-11-11 12:30 +Europe\/Berlin/)
    expect(stdout).not.toContain('2026-11-17')
    expect(stdout).toMatch(/open: octo-ana\+grace-o #2, priya-n\+mei-chen #1/)
  })
})

describe('skill-share preview for a coaching network', () => {
  it('renders each conversation issue with the review, the structure and the write-up link', async () => {
    const out = await scratch()
    const { code } = await cli(['preview', 'groups/example-coaching', '--out', out])
    expect(code).toBe(0)
    const files = await readdir(path.join(out, 'conversations'))
    expect(files).toHaveLength(21)
    const second = await readFile(path.join(out, 'conversations/octo-ana--tomvdb-02.md'), 'utf8')
    expect(second).toContain('# Conversation 2 · octo-ana & tomvdb · Thu 19 Nov')
    expect(second).toContain('**Assignees:** @octo-ana, @tomvdb')
    for (const heading of [
      '### 1. First, the step from last time',
      '### 2. What is happening now',
      '### 3. What I want from this conversation',
      '### 4. Options',
      '### 5. One next step, and by when',
    ])
      expect(second).toContain(heading)
    expect(second).toContain('Leave the distant past and the far future for another day')
    const index = await readFile(path.join(out, 'index.md'), 'utf8')
    expect(index).toContain('A coaching network of 3 pairs')
    expect(index).toContain('[calendar.ics](calendar.ics)')
    const calendar = await readFile(path.join(out, 'calendar.ics'), 'utf8')
    expect(calendar).toContain('UID:example-coaching-octo-ana-tomvdb-2@skill-share')
  })
})

describe('skill-share binder, offline', () => {
  it("renders the member's calendar, the intention questions and empty sections without --from", async () => {
    const { code, stdout } = await cli(['binder', 'groups/example-coaching', '--member', 'grace-o'])
    expect(code).toBe(0)
    expect(stdout).toContain('# Binder: @grace-o in Coaching network 2026')
    expect(stdout).toContain('- @octo-ana coaches you, weekly.')
    expect(stdout).toContain('Not written yet. Two questions to start from')
    expect(stdout).toContain('Nothing yet: after each conversation, your write-up')
    expect(stdout).not.toContain('## My homework')
  })

  it('compiles from a gh issue list export and from a rehearsal export, keeping only her own words', async () => {
    const from = await scratch()
    const labels = [
      { name: 'skill-share' },
      { name: 'conversation' },
      { name: 'group:example-coaching' },
    ]
    await writeFile(
      path.join(from, 'issues.json'),
      JSON.stringify([
        {
          number: 3,
          title: 'w',
          body: writeUpBody(1, 'GRACE-ONE'),
          author: { login: 'grace-o', is_bot: false },
          labels,
          state: 'OPEN',
          createdAt: '2026-11-03T18:00:00Z',
        },
        {
          number: 4,
          title: 'w',
          body: writeUpBody(1, 'TOM-ONE'),
          author: { login: 'tomvdb', is_bot: false },
          labels,
          state: 'OPEN',
          createdAt: '2026-11-05T18:00:00Z',
        },
      ]),
    )
    await mkdir(path.join(from, 'issues'))
    await writeFile(
      path.join(from, 'issues/007.md'),
      `# #7 Conversation · example-coaching · conversation 2\n\n**State:** open  \n**Author:** grace-o · 2026-11-10T18:00:00Z  \n**Labels:** skill-share, conversation, group:example-coaching  \n**Assignees:** none\n\n---\n\n${writeUpBody(2, 'GRACE-TWO')}\n\n## Comments\n\n#### octo-ana · 2026-11-10T19:00:00Z\n\n> COACH-WORDS\n`,
    )
    const out = path.join(from, 'binder.md')
    const { code, stderr } = await cli([
      'binder',
      'groups/example-coaching',
      '--member',
      '@grace-o',
      '--from',
      from,
      '--out',
      out,
    ])
    expect(code).toBe(0)
    expect(stderr).toContain('2 write-ups')
    const text = await readFile(out, 'utf8')
    expect(text).toContain('> GRACE-ONE')
    expect(text).toContain('> GRACE-TWO')
    expect(text).toContain('By next Friday · my confidence 6/10 · Feedback')
    expect(text).not.toMatch(/TOM-ONE|COACH-WORDS/)
    // The print-friendly copy sits next to it.
    const html = await readFile(path.join(from, 'binder.html'), 'utf8')
    expect(html).toContain('@media print')
    expect(html).toContain('GRACE-TWO')
    expect(html).not.toMatch(/TOM-ONE|COACH-WORDS/)
  })

  it('refuses a login that is not on the member list, and asks for --member', async () => {
    const outsider = await cli(['binder', 'groups/example-coaching', '--member', 'jmartin'])
    expect(outsider.code).toBe(1)
    expect(outsider.stderr).toContain('@jmartin is not on the member list of example-coaching')
    const missing = await cli(['binder', 'groups/example-coaching'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('missing --member LOGIN')
  })
})
