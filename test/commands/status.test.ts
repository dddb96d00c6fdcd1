import { describe, expect, it } from 'vitest'
import { inertText } from '../../actions/lib/commands/inert.js'
import { rebuildState, type CommentInput } from '../../actions/lib/commands/state.js'
import { renderStatus, type StatusInput } from '../../actions/lib/commands/status.js'
import { rankTopics } from '../../actions/lib/commands/topics.js'
import { comment, group } from './fixtures.js'

const MARKER = '<!-- skill-share:status group=fall-2026 n=3 -->'

function render(comments: CommentInput[], extra: Partial<StatusInput> = {}, g = group()): string {
  const kind = extra.kind ?? 'theme'
  const state = rebuildState({ group: g, kind, comments })
  return renderStatus({
    marker: MARKER,
    group: g,
    kind,
    state,
    sessionNumber: 3,
    phase: 'open',
    ...extra,
  })
}

const rsvps = (logins: string[], answer = 'yes') =>
  logins.map((login, i) => comment(login, `/rsvp ${answer}`, i))

/** Every @mention in rendered Markdown, outside code spans. */
function mentions(markdown: string): string[] {
  const text = markdown.replace(/`[^`]*`/g, '')
  return [...text.matchAll(/(?<![A-Za-z0-9])@([A-Za-z0-9-]+)/g)].map((m) => m[1] as string)
}

describe('inertText', () => {
  it('escapes HTML so user text cannot close comments or open elements', () => {
    const out = inertText('--> <details><summary>x</summary> <!-- <script>')
    expect(out).not.toMatch(/<|>/)
    expect(out).toContain('--&gt;')
  })

  it('keeps table cells whole and Markdown literal', () => {
    expect(inertText('a | b *c* [l](u) `x` $y$')).toBe('a \\| b \\*c\\* \\[l\\](u) \\`x\\` \\$y\\$')
  })

  it('drops @ before logins but keeps email addresses', () => {
    expect(inertText('ask @ada and @@org/team, mail ada@example.com')).toBe(
      'ask ada and org/team, mail ada@\u2060example.com',
    )
  })

  it('leaves template syntax as text', () => {
    expect(inertText('{{ secrets.TOKEN }} <%= env %>')).toBe(
      '&#123;&#123; secrets.TOKEN &#125;&#125; &lt;%= env %&gt;',
    )
  })

  it('joins lines so no line can start a block, and removes bidi overrides', () => {
    expect(inertText('# title\n> quote\n```', { multiline: true })).toBe(
      '# title<br>&gt; quote<br>\\`\\`\\`',
    )
    expect(inertText('a\u202eb')).toBe('ab')
  })

  it('cuts long text before escaping', () => {
    expect(inertText('&&&&&', { maxLength: 3 })).toBe('&amp;&amp;…')
  })
})

describe('renderStatus', () => {
  it('starts with the marker and shows every member’s RSVP, members only', () => {
    const body = render([
      comment('grace', '/rsvp yes'),
      comment('linus', '/rsvp no'),
      comment('ken', '/rsvp maybe running late'),
      comment('stranger', '/rsvp yes'),
    ])
    expect(body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(body).toContain('#### RSVPs · 1 yes · 1 maybe · 1 no · 5 not yet')
    expect(body).toContain('| @grace | ✅ yes |  |')
    expect(body).toContain('| @ken | ❔ maybe | running late |')
    expect(body).toContain('| @Ada | not yet |  |')
    expect(mentions(body)).not.toContain('stranger')
  })

  it('neutralises breakout attempts in notes, topics and RSVP notes', () => {
    const attack =
      '--> </details> <details open> | cell | @stranger {{ secrets.GITHUB_TOKEN }} <%= x %> <!-- [x](javascript:alert(1))'
    const body = render(
      [
        comment('grace', `/rsvp yes ${attack}`),
        comment('linus', `/topic ${attack.slice(0, 150)}`),
        comment('ken', `/notes ${attack}\n${attack}`),
      ],
      { kind: 'monthly' },
    )
    const afterMarker = body.slice(MARKER.length)
    expect(afterMarker).not.toContain('-->')
    expect(afterMarker).not.toContain('<!--')
    expect(body.match(/<details/g)).toHaveLength(1)
    expect(body.match(/<\/details>/g)).toHaveLength(1)
    expect(body).not.toContain('{{')
    expect(body).not.toContain('<%')
    expect(body).not.toMatch(/(?<!\\)\]\(javascript/)
    expect(mentions(body).map((m) => m.toLowerCase())).not.toContain('stranger')
    for (const row of body.split('\n').filter((line) => line.startsWith('| @'))) {
      expect(row.split(/(?<!\\)\|/)).toHaveLength(5)
    }
  })

  it('mentions nobody outside the group', () => {
    const g = group()
    const roster = g.members.map((m) => m.github.toLowerCase())
    const body = render(
      [
        ...rsvps(['Ada', 'grace', 'linus']),
        comment('ada', '/swap @stranger\n/attended @stranger @grace'),
        comment('outsider', '/rsvp yes'),
      ],
      { phase: 'due' },
      g,
    )
    for (const login of mentions(body)) expect(roster).toContain(login.toLowerCase())
  })

  it('warns the facilitators when the quorum is short as the meeting comes close', () => {
    const body = render(rsvps(['grace', 'linus', 'ken']), { phase: 'due' })
    expect(body).toContain('> [!WARNING]')
    expect(body).toContain('Only 3 yes so far; a good circle needs at least 5.')
    expect(body).toContain('@Ada, this meeting may fizzle')
    expect(body).toMatch(/remind people[\s\S]*reschedule[\s\S]*meet anyway/)
  })

  it('stays calm about the quorum while RSVPs are still coming in, and once reached', () => {
    expect(render(rsvps(['grace']))).toContain('1 yes so far; a good circle needs at least 5.')
    expect(render(rsvps(['grace']))).not.toContain('[!WARNING]')
    expect(render(rsvps(['grace', 'linus', 'ken', 'Ada', 'radia']), { phase: 'due' })).toContain(
      'Quorum reached: 5 yes',
    )
  })

  it('suggests splitting 10 or more into two random circles, the same split every time', () => {
    const logins = Array.from({ length: 11 }, (_, i) => `member${i}`)
    const g = group({ members: logins.map((github) => ({ github, name: github })) })
    const body = render(rsvps(logins), { phase: 'due' }, g)
    expect(body).toContain('> [!TIP]')
    const circles = body.split('\n').filter((line) => line.startsWith('> - Circle'))
    expect(circles).toHaveLength(2)
    const sizes = circles.map((line) => mentions(line).length)
    expect(sizes).toEqual([6, 5])
    expect(new Set(circles.flatMap(mentions))).toEqual(new Set(logins))
    expect(render(rsvps([...logins].reverse()), { phase: 'due' }, g)).toBe(body)
  })

  it('shows homework as a count, never scores or content', () => {
    const body = render([comment('grace', '/rsvp yes')], { homeworkIn: 5 })
    expect(body).toContain('**Homework in:** 5 of 8')
  })

  it('lists who attended after the meeting instead of the RSVP table', () => {
    const body = render([comment('grace', '/here'), comment('ada', '/attended @linus')], {
      phase: 'after',
    })
    expect(body).toContain('2 of 8 were there: @grace, @linus.')
    expect(body).not.toContain('#### RSVPs')
  })

  it('says everyone can still reach the commitment without naming anyone who cannot', () => {
    const attended = new Map([
      ['grace', 2],
      ['linus', 2],
    ])
    const early = render([], { commitment: { attended, held: 2 } })
    expect(early).toContain('**Commitment:** everyone can still reach 4 of the 6 weekly meetings.')

    const late = render([], {
      kind: 'closing',
      commitment: {
        attended: new Map([
          ['grace', 4],
          ['linus', 1],
        ]),
        held: 5,
      },
    })
    const line = late.split('\n').find((l) => l.startsWith('**Commitment:**'))
    expect(line).toBe('**Commitment:** already at 4 of the 6 weekly meetings: @grace.')
    expect(late).not.toMatch(/fail|missed|cannot/i)
  })

  it('shows ranked topics with their numbers and votes on the kickoff issue', () => {
    const g = group()
    const comments = [
      comment('grace', '/topic delegation', 1),
      comment('linus', '/topic saying no', 2),
    ]
    const state = rebuildState({ group: g, kind: 'kickoff', comments })
    const reactions = new Map([[comments[1]?.id as number, [{ content: '+1', user: 'ken' }]]])
    const body = renderStatus({
      marker: MARKER,
      group: g,
      kind: 'kickoff',
      state,
      ranked: rankTopics(state.topics, reactions, g),
    })
    const rows = body.split('\n').filter((line) => /^\| \d/.test(line))
    expect(rows[0]).toBe(`| 2 | [saying no](#issuecomment-${comments[1]?.id}) | 1 |`)
    expect(rows[1]).toContain('delegation')
  })

  it('shows the /continue tally and the decision on the closing issue', () => {
    const body = render(
      [
        comment('grace', '/continue monthly', 1),
        comment('linus', '/continue monthly', 2),
        comment('ken', '/continue stop', 3),
      ],
      { kind: 'closing' },
    )
    expect(body).toContain(
      '| Go on | monthly 2 · every other week 0 · stop 1 · only the channel 0 |',
    )
    expect(body).toContain('3 of 8 voted.')
    const confirmed = render(
      [comment('grace', '/continue monthly', 1), comment('ada', '/continue confirm', 2)],
      { kind: 'closing' },
    )
    expect(confirmed).toContain('**Decided** (confirmed by a facilitator): we continue monthly.')
  })

  it('shows the homework and seats votes, and all the decisions once confirmed', () => {
    const votes = [
      comment('grace', '/continue channel\n/homework drop\n/seats nominations 10', 1),
      comment('linus', '/continue channel\n/seats nominations 9', 2),
      comment('ken', '/homework keep\n/homework drop', 3),
    ]
    const open = render(votes, { kind: 'closing' })
    expect(open).toContain('| Homework | keep 0 · drop 2 |')
    expect(open).toContain(
      '| New members | closed 0 · by nomination 2 · open 0 (caps named: 9, 10) |',
    )
    const decided = render([...votes, comment('ada', '/continue confirm', 4)], { kind: 'closing' })
    expect(decided).toContain(
      'we stop meeting and keep only the discussion channel, without homework, new members by nomination up to 9 members.',
    )
  })

  it('shows agreement to the ground rules and buddy check-ins', () => {
    expect(render([comment('grace', '/agree')], { kind: 'ground-rules' })).toContain(
      '**Agreed to the ground rules:** 1 of 8: @grace.',
    )
    expect(
      render([comment('grace', '/buddy'), comment('ken', '/snooze')], { kind: 'check-in' }),
    ).toContain(
      '**Checked in with their buddy:** 1 of 8. Comment `/buddy` once you have. 1 sitting out',
    )
  })

  it('renders the same body for the same state, so unchanged status needs no edit', () => {
    const comments = rsvps(['grace', 'linus'])
    expect(render(comments)).toBe(render([...comments].reverse()))
  })

  it('stays under GitHub’s comment limit however much is posted', () => {
    const long = '&{'.repeat(5_000)
    const comments = Array.from({ length: 200 }, (_, i) =>
      comment('grace', `/topic ${'&{<'.repeat(60)}\n`, i),
    ).concat(Array.from({ length: 100 }, (_, i) => comment('ken', `/notes ${long}`, 300 + i)))
    const body = render(comments.concat(rsvps(['grace'], `yes ${long}`)), { kind: 'kickoff' })
    expect(body.length).toBeLessThan(65_536)
    expect(body).toContain('more in the thread')
  })
})

describe('scribe notes in the status comment', () => {
  it('shows a note written under headings as text, not as headings inside the list', () => {
    const body = render([
      comment('ken', '/notes\n### What worked\nRole play in pairs.\n\n## Hard\nStarting late.', 1),
    ])
    const item = body.split('\n').find((line) => line.includes('Role play in pairs'))
    expect(item).toMatch(
      /^- What worked:<br>Role play in pairs\.<br><br>Hard:<br>Starting late\. \(\[note\]/,
    )
    expect(body).not.toMatch(/^- #/m)
  })
})
