import { describe, expect, it } from 'vitest'
import { rebuildState, type CommentInput } from '../../actions/lib/commands/state.js'
import { renderStatus } from '../../actions/lib/commands/status.js'
import { comment, group } from '../commands/fixtures.js'

const G = group()
const MARKER = '<!-- skill-share:status group=fall-2026 n=2 -->'

function statusAfter(...comments: CommentInput[]) {
  const state = rebuildState({ group: G, kind: 'theme', comments })
  const body = renderStatus({
    marker: MARKER,
    group: G,
    kind: 'theme',
    state,
    sessionNumber: 2,
    phase: 'due',
  })
  return { state, body }
}

/** Each: a hostile comment and what must hold afterwards. */
const CASES: Array<[string, CommentInput, (r: ReturnType<typeof statusAfter>) => void]> = [
  [
    'an RSVP from someone outside the group',
    comment('mallory', '/rsvp yes'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'an RSVP from a bot',
    comment('dependabot[bot]', '/rsvp yes', 0, { authorType: 'Bot' }),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'our own bot pasting a command',
    comment('github-actions[bot]', '/skip', 0, { authorType: 'Bot' }),
    ({ state }) => expect(state.skipped).toBeUndefined(),
  ],
  [
    'a command inside a code fence',
    comment('grace', '```\n/rsvp yes\n```'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a command inside an unclosed fence',
    comment('grace', '~~~\n/rsvp yes'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a command in a quote',
    comment('grace', '> /rsvp yes'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a command in inline code',
    comment('grace', 'type `/rsvp yes` to answer'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a command in an HTML comment',
    comment('grace', '<!--\n/rsvp yes\n-->'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a command mid-sentence',
    comment('grace', 'I will /rsvp yes later'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a Cyrillic look-alike command name',
    comment('grace', '/rsvр yes'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a division-slash look-alike',
    comment('grace', '∕rsvp yes'),
    ({ state }) => expect(state.rsvps.size).toBe(0),
  ],
  [
    'a facilitator command from a member',
    comment('grace', '/skip because'),
    ({ state }) => {
      expect(state.skipped).toBeUndefined()
      expect(state.refusals[0]?.code).toBe('not-facilitator')
    },
  ],
  [
    'a 65,536-character comment',
    comment('grace', `/rsvp yes\n${'x'.repeat(65_536)}`),
    ({ state }) => expect(state.rsvps.get('grace')?.answer).toBe('yes'),
  ],
  [
    'an HTML comment close that tries to end the marker',
    comment('grace', '/rsvp maybe --> <details open><summary>pwned</summary>'),
    ({ body }) => {
      expect(body.match(/-->/g)).toHaveLength(1)
      expect(body).not.toContain('<details')
    },
  ],
  [
    'a script tag in a note',
    comment('grace', '/rsvp yes <script>alert(1)</script>'),
    ({ body }) => expect(body).not.toContain('<script>'),
  ],
  [
    'a table break-out in a note',
    comment('grace', '/rsvp yes | injected | cell |'),
    ({ body }) => expect(body).not.toMatch(/\| injected \|/),
  ],
  [
    'mentions meant to spam',
    comment('grace', '/rsvp yes @everyone @mallory @github/security'),
    ({ body }) => {
      expect(body).not.toMatch(/@(everyone|mallory|github\/security)/)
    },
  ],
  [
    'a mention hidden in a topic',
    comment('grace', '/topic ask @mallory about it'),
    ({ body }) => expect(body).not.toContain('@mallory'),
  ],
  [
    'template syntax in user text',
    comment('grace', '/rsvp yes {{ secrets.GITHUB_TOKEN }} <%= process.env %> ${{ github.token }}'),
    ({ body }) => {
      expect(body).not.toMatch(/\{\{|<%=|\$\{\{/)
    },
  ],
  [
    'right-to-left override characters',
    comment('grace', '/rsvp yes \u202Egnp.exe'),
    ({ body }) => expect(body).not.toContain('\u202E'),
  ],
  [
    'a forged status marker',
    comment('grace', `${MARKER}\n/rsvp no`),
    ({ state, body }) => {
      expect(state.rsvps.get('grace')?.answer).toBe('no')
      expect(body.split(MARKER)).toHaveLength(2)
    },
  ],
  [
    'more commands than the per-comment limit',
    comment('grace', Array.from({ length: 50 }, () => '/topic spam').join('\n')),
    ({ state }) => {
      expect(state.topics.length).toBeLessThanOrEqual(20)
    },
  ],
]

describe('hostile comments', () => {
  it('covers at least 20 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(20))

  it.each(CASES)('handles %s', (_name, hostile, check) => {
    check(statusAfter(hostile))
  })
})
