import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction, startGitHub, type GitHubEmulator } from '../../emulator/src/index.js'
import { DEFAULT_LINK_HOSTS, guardMarkdown } from '../../actions/lib/markdown/guard.js'
import { WORD_JOINER } from '../../actions/lib/markdown/inert.js'
import { leaseLabel } from '../../actions/lib/github/lease.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import { REPO_ROOT } from '../support/cli.js'
import { asMember, botComments, OWNER, REPO } from '../support/github.js'
import { asOwnGroup, EXAMPLE_MEMBERS, workspaceWith } from '../support/workspace.js'
import { comment, onComment, openSessions, sessionIssue } from '../commands-action/helpers.js'

let gh: GitHubEmulator | undefined
afterEach(async () => {
  await gh?.close()
  gh = undefined
})

/** Session 1 of the example group opens on Thursday 22 October; it ends Sunday 25th, 17:30 local. */
const OPENS = '2026-10-23T00:00:00Z'
const ENDED = '2026-10-26T06:00:00Z'
const EXAMPLE = asOwnGroup(await readFile(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8'))
const groupLabel = (slug: string) => (l: string | { name?: string }) =>
  (typeof l === 'string' ? l : l.name) === `group:${slug}`

async function circle() {
  gh = await startGitHub({ repo: `${OWNER}/${REPO}`, private: true, users: EXAMPLE_MEMBERS })
  return gh
}

function sessionIssues(g: GitHubEmulator, slug: string) {
  return g.state.issues({ state: 'all' }).filter((i) => i.labels.some(groupLabel(slug)))
}

/** Nothing live in what the bot wrote, judged by the same check every action runs before posting. */
function expectInert(body: string) {
  const result = guardMarkdown(body, {
    linkHosts: DEFAULT_LINK_HOSTS,
    mentionable: new Set(EXAMPLE_MEMBERS),
  })
  expect(result.defused).toEqual([])
  // Link destinations the check allowed (a Google Calendar event carries the place) are not text.
  const text = body.replace(/\]\(https:\/\/[^)\s]*\)/g, '](…)')
  expect(text).not.toMatch(/https?:\/\/evil|www\.evil|<img|@acme\/|@mallory/i)
}

describe('two sessions runs at once', () => {
  it('open one issue per session, never two', async () => {
    const g = await circle()
    const workspace = await workspaceWith({ example: EXAMPLE })
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        runAction('sessions', { gh: g, workspace, now: OPENS, eventName: 'schedule' }),
      ),
    )
    expect(
      runs.map((r) => r.exitCode),
      runs.map((r) => r.stdout).join('\n'),
    ).toEqual([0, 0, 0])
    expect(sessionIssues(g, 'example')).toHaveLength(1)
    // The lease is gone once the runs are done.
    expect(g.state.label(leaseLabel('session issue example 1'))).toBeUndefined()
  }, 90_000)

  it('post one closing comment, never two', async () => {
    const g = await circle()
    const workspace = await workspaceWith({ example: EXAMPLE })
    expect(
      (await runAction('sessions', { gh: g, workspace, now: OPENS, eventName: 'schedule' }))
        .exitCode,
    ).toBe(0)
    const [issue] = sessionIssues(g, 'example')
    const runs = await Promise.all(
      [1, 2, 3].map(() =>
        runAction('sessions', { gh: g, workspace, now: ENDED, eventName: 'schedule' }),
      ),
    )
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0])
    expect(botComments(g, issue!.number, 'closing')).toHaveLength(1)
    expect(g.state.issue(issue!.number)?.state).toBe('closed')
  }, 90_000)

  it('open one issue per coaching conversation, never two', async () => {
    const g = await circle()
    const network = asOwnGroup(
      await readFile(path.join(REPO_ROOT, 'groups/example-coaching/group.yml'), 'utf8'),
    )
    const workspace = await workspaceWith({ network })
    const now = '2026-11-01T18:00:00Z'
    const runs = await Promise.all(
      [1, 2, 3].map(() => runAction('sessions', { gh: g, workspace, now, eventName: 'schedule' })),
    )
    expect(
      runs.map((r) => r.exitCode),
      runs.map((r) => r.stdout).join('\n'),
    ).toEqual([0, 0, 0])
    const markers = sessionIssues(g, 'network').map(
      (i) => /<!-- skill-share:conversation [^>]*-->/.exec(i.body ?? '')?.[0],
    )
    expect(markers.length).toBeGreaterThan(0)
    expect(new Set(markers).size).toBe(markers.length)
  }, 90_000)

  it('take over a lease a crashed run left behind, once it has expired', async () => {
    const g = await circle()
    const workspace = await workspaceWith({ example: EXAMPLE })
    await asMember(g, 'octo-ana').rest.issues.createLabel({
      owner: OWNER,
      repo: REPO,
      name: leaseLabel('session issue example 1'),
      color: 'ededed',
      description: 'lease until 2026-10-22T23:00:00.000Z: session issue example 1',
    })
    const run = await runAction('sessions', { gh: g, workspace, now: OPENS, eventName: 'schedule' })
    expect(run.exitCode).toBe(0)
    expect(sessionIssues(g, 'example')).toHaveLength(1)
  }, 60_000)
})

/** A valid group with every count at its limit, near the far end of the allowed dates. */
const LARGEST = (() => {
  const sundays = Array.from({ length: 60 }, (_, i) =>
    new Date(Date.UTC(2198, 0, 7 + 7 * (i + 1))).toISOString().slice(0, 10),
  )
  return EXAMPLE.replace('start: 2026-10-25', 'start: 2198-01-07')
    .replace('weekly: 6', 'weekly: 26')
    .replace('then: monthly', 'then: biweekly')
    .replace('lead: 3d', 'lead: 28d')
    .replace('skip: [2026-11-29]', `skip: [${sundays.join(', ')}]`)
})()

describe('a pathological group next to a healthy one', () => {
  it('is valid at every limit, and validates in well under a second', () => {
    const started = performance.now()
    const { group, problems } = parseGroupFile(LARGEST, {
      file: 'groups/odd/group.yml',
      slug: 'odd',
    })
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(group).toBeDefined()
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it.each([
    [
      'dates at the far edge of the calendar',
      EXAMPLE.replace('start: 2026-10-25', 'start: 9999-12-26'),
    ],
    ['an absurd lead', EXAMPLE.replace('lead: 3d', 'lead: 99999999999999999999d')],
    ['every count at its largest', LARGEST],
    ['a terminal escape in a name', EXAMPLE.replace('Fall 2026 circle', 'Fall \u001b[2J circle')],
    ['a 300-character name', EXAMPLE.replace('Fall 2026 circle', 'F'.repeat(300))],
    [
      'a coaching pair listed both ways',
      `${EXAMPLE.replace('format: circle', 'format: coaching')}pairs:
  - { coach: octo-ana, coachee: bkowalski, weekday: tuesday, time: "08:00", start: 2026-10-27 }
  - { coach: bkowalski, coachee: octo-ana, weekday: tuesday, time: "08:00", start: 2026-10-27 }
`,
    ],
  ])(
    'never stops the healthy group: %s',
    async (_name, pathological) => {
      const g = await circle()
      const workspace = await workspaceWith({ example: EXAMPLE, odd: pathological })
      const started = Date.now()
      const run = await runAction('sessions', {
        gh: g,
        workspace,
        now: OPENS,
        eventName: 'schedule',
      })
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(sessionIssues(g, 'example')).toHaveLength(1)
      expect(sessionIssues(g, 'odd')).toHaveLength(0)
      expect(run.stdout).not.toContain('Invalid DateTime')
      // A refused file is named at its line; the valid one at its limits simply waits its turn.
      if (pathological !== LARGEST)
        expect(run.stdout).toMatch(/::error file=groups\/odd\/group\.yml,line=\d+/)
    },
    60_000,
  )
})

describe('text people typed, under the bot name', () => {
  it('keeps a hostile group name, theme and place as text in titles and bodies', async () => {
    const g = await circle()
    const hostile = EXAMPLE.replace(
      'name: Fall 2026 circle',
      'name: "Leads <img src=x> @acme/all ${{ secrets.TOKEN }}"',
    ).replace(/place: .*/, 'place: "www.evil.example/join or https://evil.example/meet"')
    const workspace = await workspaceWith({ example: hostile })
    const run = await runAction('sessions', { gh: g, workspace, now: OPENS, eventName: 'schedule' })
    expect(run.exitCode).toBe(0)
    const [issue] = sessionIssues(g, 'example')
    expectInert(issue!.body ?? '')
    expect(issue!.body).toContain(
      'Leads &lt;img src=x&gt; acme/all \\$&#123;&#123; secrets.TOKEN &#125;&#125;',
    )
    // The check found nothing left to defuse: the renderers made it inert first.
    expect(run.stdout).not.toContain('inert before')
  }, 60_000)

  it('keeps links, mentions and HTML in RSVP notes, topics and scribe notes inert in the status comment', async () => {
    const g = await circle()
    const workspace = await workspaceWith({ example: EXAMPLE })
    await openSessions(g, workspace, '2026-10-30T12:00:00Z')
    const issue = sessionIssue(g, 2)
    const said = [
      ['bkowalski', '/rsvp yes see https://evil.example/login and www.evil.example'],
      ['priya-n', '/rsvp maybe <img src=https://evil.example/x.png> @mallory @acme/all'],
      [
        'jmartin',
        '/notes What worked: [the slides](https://evil.example) ![x](https://evil.example/p.png)\nmail boss@evil.example',
      ],
    ] as const
    for (const [login, body] of said) {
      const id = await comment(g, login, issue, body)
      const run = await onComment(g, workspace, { action: 'created', id }, '2026-10-30T13:00:00Z')
      expect(run.exitCode, run.stdout).toBe(0)
    }
    const [status] = botComments(g, issue, 'status')
    expect(status?.body).toBeDefined()
    expectInert(status!.body ?? '')
    for (const c of g.state.comments(issue).filter((c) => c.user?.login === 'github-actions[bot]'))
      expectInert(c.body ?? '')
  }, 120_000)

  it('runs every write of a bundled action through the one check, whatever the template says', async () => {
    const g = await circle()
    const workspace = await workspaceWith({ example: EXAMPLE })
    const template = path.join(workspace, 'templates/session-kickoff.md')
    const text = await readFile(template, 'utf8')
    await writeFile(
      template,
      text.replace(
        'This is our first meeting.',
        'This is our first meeting. <img src=https://evil.example/p.png> cc @acme/all, see https://evil.example',
      ),
    )
    const run = await runAction('sessions', { gh: g, workspace, now: OPENS, eventName: 'schedule' })
    expect(run.exitCode).toBe(0)
    const [issue] = sessionIssues(g, 'example')
    expectInert(issue!.body ?? '')
    expect(issue!.body).toContain(
      `cc @${WORD_JOINER}acme/all, see https:${WORD_JOINER}//evil.example`,
    )
    // Said by kind and endpoint, never with the text.
    expect(run.stdout).toMatch(
      /made html, link, team inert before POST \/repos\/\{owner\}\/\{repo\}\/issues/,
    )
    expect(run.stdout).not.toContain('evil.example')
  }, 60_000)
})
