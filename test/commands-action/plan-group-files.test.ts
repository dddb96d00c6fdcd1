import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  changeValue,
  continueChange,
  editGroupFile,
  parseRequests,
  formatRequests,
  planPull,
  pullText,
  themesChange,
  type GroupChange,
} from '../../actions/commands/src/plan-group-files.js'
import { parseGroupFile } from '../../actions/lib/group-file/load.js'
import type { PullView } from '../../actions/lib/github/pulls.js'
import { REPO_ROOT } from '../support/cli.js'

const TEXT = readFileSync(path.join(REPO_ROOT, 'groups/example/group.yml'), 'utf8')
const NO_THEMES = TEXT.replace(/^themes:\n(?: {2}- .*\n)+/m, '')
const group = (text: string) =>
  parseGroupFile(text, { file: 'groups/example/group.yml', slug: 'example' }).group!
const topic = (order: number, text: string) => ({
  commentId: 100 + order,
  author: 'grace-o',
  text,
  order,
})

describe('group-changes between the two jobs', () => {
  it('round-trips and rejects anything that is not slug/change#issue', () => {
    const requests = [
      { slug: 'example', kind: 'continue' as const, issue: 6 },
      { slug: 'fall-2026', kind: 'themes' as const, issue: 12 },
    ]
    expect(parseRequests(formatRequests(requests))).toEqual(requests)
    expect(parseRequests('')).toEqual([])
    expect(() => parseRequests('example/continue#6 ../etc/themes#1 example/merge#2')).toThrow(
      'group-changes: "../etc/themes#1", "example/merge#2" are not <slug>/<continue|themes|pairs>#<issue>',
    )
  })
})

describe('decisions', () => {
  it('a confirmed vote to stop sets then: none; an unconfirmed one nothing', () => {
    expect(
      continueChange({ slug: 'example' }, 6, { continueConfirmed: true, continueDecision: 'stop' }),
    ).toEqual({
      kind: 'continue',
      slug: 'example',
      issue: 6,
      then: 'none',
      continuation: { channel: false },
    })
    expect(continueChange({ slug: 'example' }, 6, { continueConfirmed: false })).toBeUndefined()
  })

  it('carries every confirmed closing decision into one change', () => {
    const change = continueChange({ slug: 'example' }, 6, {
      continueConfirmed: true,
      continueDecision: 'monthly',
      homeworkDecision: 'drop',
      seatDecision: { choice: 'nominations', cap: 10 },
    })
    expect(change).toEqual({
      kind: 'continue',
      slug: 'example',
      issue: 6,
      then: 'monthly',
      continuation: { homework: false, seats: 'nominations', cap: 10 },
    })
    expect(changeValue(change!)).toBe('monthly.homework-drop.seats-nominations.cap-10')
    const edited = editGroupFile(TEXT, change!)
    expect(edited).toContain(
      'then: monthly\ncontinuation:\n  homework: false\n  seats: nominations\n  cap: 10\nlead: 3d',
    )
    expect(group(edited).continuation).toEqual({ homework: false, seats: 'nominations', cap: 10 })
    const again = editGroupFile(edited, {
      ...(change as Extract<GroupChange, { kind: 'continue' }>),
      continuation: { seats: 'open' },
    })
    expect(group(again).continuation).toEqual({ homework: false, seats: 'open', cap: 10 })
    expect(again.match(/continuation:/g)).toHaveLength(1)
  })

  it('keeps only the channel: then none, and a checklist without "close the channel"', () => {
    const channel = continueChange({ slug: 'example' }, 6, {
      continueConfirmed: true,
      continueDecision: 'channel',
    })!
    expect(channel).toMatchObject({ then: 'none', continuation: { channel: true } })
    expect(pullText(channel, { name: 'Fall', timezone: 'Europe/Berlin' }).body).not.toContain(
      'Close the discussion channel',
    )
    const stop = continueChange({ slug: 'example' }, 6, {
      continueConfirmed: true,
      continueDecision: 'stop',
    })!
    const text = pullText(stop, { name: 'Fall', timezone: 'Europe/Berlin' })
    expect(text.body).toContain('- [ ] Close the discussion channel')
    expect(text.body).toContain('`then: none`')
    expect(group(editGroupFile(TEXT, stop))).toMatchObject({
      then: 'none',
      continuation: { channel: false },
    })
  })

  it('themes come from /themes in its order, else from the votes, and only fill open weeks', () => {
    const topics = [topic(1, 'Saying no'), topic(2, 'Delegation'), topic(3, 'Self-care')]
    const chosen = themesChange(group(NO_THEMES), 1, { topics, themesChosen: [3, 1] })
    expect(chosen).toMatchObject({
      chosen: true,
      themes: [
        { week: 2, title: 'Self-care' },
        { week: 3, title: 'Saying no' },
      ],
    })
    const ranked = [topics[1], topics[0], topics[2]].map((t, i) => ({
      ...t!,
      votes: 3 - i,
      voters: [],
      rank: i + 1,
    }))
    expect(
      (
        themesChange(group(NO_THEMES), 1, { topics }, ranked) as Extract<
          GroupChange,
          { kind: 'themes' }
        >
      ).themes.map((t) => t.title),
    ).toEqual(['Delegation', 'Saying no', 'Self-care'])
    expect(themesChange(group(NO_THEMES), 1, { topics })).toBeUndefined()
    expect(themesChange(group(TEXT), 1, { topics, themesChosen: [1] })).toBeUndefined()
  })

  it('identifies a themes proposal by its titles', () => {
    const a = themesChange(group(NO_THEMES), 1, { topics: [topic(1, 'A')], themesChosen: [1] })!
    const b = themesChange(group(NO_THEMES), 1, { topics: [topic(1, 'B')], themesChosen: [1] })!
    expect(changeValue(a)).toMatch(/^[0-9a-f]{12}$/)
    expect(changeValue(a)).not.toBe(changeValue(b))
  })
})

describe('editGroupFile', () => {
  const then = (value: 'monthly' | 'biweekly' | 'none'): GroupChange => ({
    kind: 'continue',
    slug: 'example',
    issue: 6,
    then: value,
  })
  const themes = (...titles: string[]): GroupChange => ({
    kind: 'themes',
    slug: 'example',
    issue: 1,
    chosen: true,
    themes: titles.map((title, i) => ({ week: 2 + i, title })),
  })

  it('changes only the then: value, keeping comments and alignment', () => {
    const edited = editGroupFile(TEXT, then('none'))
    expect(edited).toBe(TEXT.replace('then: monthly', 'then: none'))
  })

  it('adds then: when the file relies on the default', () => {
    const edited = editGroupFile(TEXT.replace('then: monthly\n', ''), then('biweekly'))
    expect(edited).toContain('agenda: discussion')
    expect(group(edited).then).toBe('biweekly')
    expect(edited).toContain('then: biweekly\nquorum: 5')
  })

  it('adds a themes: list before the members when there is none', () => {
    const edited = editGroupFile(NO_THEMES, themes('Saying no: kindly', '#1 priority'))
    expect(edited).toBe(
      NO_THEMES.replace(
        'members:\n',
        'themes:\n  - "Saying no: kindly"\n  - "#1 priority"\nmembers:\n',
      ),
    )
  })

  it('appends to an existing list in its own style', () => {
    const two = TEXT.replace(
      /^ {2}- Coping strategies and self-care\n {2}- \{ title: Hiring and interviewing, agenda: workshop \}\n/m,
      '',
    )
    const block: GroupChange = {
      kind: 'themes',
      slug: 'example',
      issue: 1,
      chosen: false,
      themes: [{ week: 4, title: 'Burnout' }],
    }
    expect(editGroupFile(two, block)).toBe(
      two.replace('agenda: roleplay }\n', 'agenda: roleplay }\n  - Burnout\n'),
    )
    const flow = NO_THEMES.replace('members:\n', 'themes: [Delegation]\nmembers:\n')
    const next: GroupChange = {
      kind: 'themes',
      slug: 'example',
      issue: 1,
      chosen: false,
      themes: [{ week: 3, title: 'Burnout' }],
    }
    expect(editGroupFile(flow, next)).toContain('themes: [Delegation, Burnout]\n')
  })

  it('refuses to write into a file it cannot read, or past a gap in the themes', () => {
    expect(() => editGroupFile('- just\n- a list\n', then('none'))).toThrow(
      'groups/example/group.yml is not a YAML mapping; fix it first',
    )
    const gap: GroupChange = {
      kind: 'themes',
      slug: 'example',
      issue: 1,
      chosen: true,
      themes: [{ week: 3, title: 'x' }],
    }
    expect(() => editGroupFile(NO_THEMES, gap)).toThrow(
      'week 3 does not follow the themes already in the file',
    )
    expect(() =>
      editGroupFile(TEXT.replace('then: monthly', 'then: [monthly]'), then('none')),
    ).toThrow('then: is not a single value')
  })
})

describe('planPull', () => {
  const change: GroupChange = { kind: 'continue', slug: 'example', issue: 6, then: 'biweekly' }
  const files = { base: 'then: monthly', edited: 'then: biweekly' }
  const pull = (
    number: number,
    state: 'open' | 'closed',
    value: string,
    login = 'github-actions[bot]',
  ): PullView => ({
    number,
    state,
    title: '',
    head: 'skill-share/example/continue',
    base: 'main',
    htmlUrl: '',
    author: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    body: `x\n\n<!-- skill-share:group-change group=example change=continue value=${value} -->`,
  })

  it('does nothing when the file already says so, or this value was proposed before', () => {
    expect(planPull(change, { base: 'x', edited: 'x' }, [])).toEqual({
      action: 'none',
      reason: 'the group file already says so',
    })
    expect(planPull(change, files, [pull(3, 'open', 'biweekly')])).toEqual({
      action: 'none',
      reason: 'pull request #3 proposes it',
    })
    expect(planPull(change, files, [pull(3, 'closed', 'biweekly')]).action).toBe('none')
  })

  it('updates the open proposal of another value, else opens one', () => {
    expect(planPull(change, files, [pull(3, 'open', 'monthly')])).toEqual({
      action: 'update',
      pull: 3,
    })
    expect(planPull(change, files, [pull(3, 'closed', 'monthly')])).toEqual({ action: 'open' })
    expect(planPull(change, files, [pull(3, 'open', 'biweekly', 'bkowalski')])).toEqual({
      action: 'open',
    })
  })
})
