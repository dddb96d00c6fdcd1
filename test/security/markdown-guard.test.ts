import { describe, expect, it } from 'vitest'
import {
  DEFAULT_LINK_HOSTS,
  guardMarkdown,
  guardTitle,
  type PostPolicy,
} from '../../actions/lib/markdown/guard.js'
import { inertText, titleText, WORD_JOINER } from '../../actions/lib/markdown/inert.js'

const WJ = WORD_JOINER
const POLICY: PostPolicy = {
  linkHosts: DEFAULT_LINK_HOSTS,
  mentionable: new Set(['octo-ana', 'bkowalski']),
}
const guard = (text: string) => guardMarkdown(text, POLICY)

/** Each: what a member could type, and what must not survive `inertText` as a live construct. */
const TYPED: Array<[string, string]> = [
  ['a plain https link', 'see https://evil.example/login'],
  ['an http link in capitals', 'HTTP://EVIL.EXAMPLE'],
  ['a www address', 'go to www.evil.example now'],
  ['a WWW address in capitals', 'WWW.EVIL.EXAMPLE'],
  ['an angle-bracket autolink', '<https://evil.example>'],
  ['a markdown link', '[your calendar](https://evil.example)'],
  ['a markdown image', '![logo](https://evil.example/pixel.png)'],
  ['an img tag', '<img src=x onerror=alert(1)>'],
  ['a script tag', '<script>alert(1)</script>'],
  ['a person mention', 'thanks @mallory'],
  ['a team mention', 'cc @acme/everyone'],
  ['an e-mail address', 'write to boss@evil.example'],
  ['a mailto link', 'mailto:boss@evil.example'],
  ['a reference link', '[here][1]\n\n[1]: https://evil.example'],
  ['an ftp link', 'ftp://evil.example/file'],
  ['a link split over lines', '[click](\nhttps://evil.example)'],
  ['an entity-encoded mention', '&#64;mallory'],
  ['a details element', '<details open><summary>x</summary>y</details>'],
]

describe('member text made inert', () => {
  it.each(TYPED)('leaves nothing live in %s', (_name, typed) => {
    const inert = inertText(typed, { multiline: true })
    // The check finds nothing to defuse in what inertText made, even with no one mentionable.
    expect(guardMarkdown(inert, { linkHosts: [], mentionable: new Set() }).defused).toEqual([])
  })

  it('keeps an address readable, with an invisible word joiner where GitHub would link it', () => {
    expect(inertText('see https://evil.example/a')).toBe(`see https:${WJ}//evil.example/a`)
    expect(inertText('www.evil.example')).toBe(`www${WJ}.evil.example`)
    expect(inertText('boss@evil.example')).toBe(`boss@${WJ}evil.example`)
    expect(inertText('thanks @mallory and @acme/all')).toBe('thanks mallory and acme/all')
  })

  it('keeps ${{ }} and {{ }} as text', () => {
    expect(inertText('${{ secrets.TOKEN }} {{ group_name }}')).toBe(
      '\\$&#123;&#123; secrets.TOKEN &#125;&#125; &#123;&#123; group\\_name &#125;&#125;',
    )
  })

  it('makes a title plain: no control characters or line breaks, everything else as typed', () => {
    expect(titleText('Fall\u001b[31m <b>circle</b>\n@acme/all')).toBe(
      'Fall[31m <b>circle</b> @acme/all',
    )
  })
})

describe('the one check before anything is posted', () => {
  it('passes what the bot writes unchanged', () => {
    const body = [
      '<!-- skill-share:status group=fall n=2 -->',
      '## Week 2 · Delegation',
      '',
      '- **Facilitator:** @octo-ana · **Co-facilitator:** @bkowalski',
      '- [Add to your calendar](https://calendar.google.com/calendar/render?action=TEMPLATE&text=x)',
      '- [homework](https://github.com/acme/circle/issues/new?template=homework.yml)',
      '- Previous session: #3 · [notes](../blob/HEAD/groups/fall/notes/1.md) · [top](#agenda)',
      '',
      '<details><summary>Who answered</summary>',
      '',
      '| Member | RSVP |',
      '| --- | --- |',
      '| @octo-ana | yes<br>bringing cake |',
      '',
      '</details>',
      '',
      'Type `/rsvp yes` or visit `https://evil.example` (code is never a link).',
      '```',
      '@mallory <img src=x> https://evil.example',
      '```',
    ].join('\n')
    expect(guard(body)).toEqual({ text: body, defused: [] })
  })

  it.each([
    ['a bare link elsewhere', 'go https://evil.example', `go https:${WJ}//evil.example`, 'link'],
    ['a www address', 'www.evil.example', `www${WJ}.evil.example`, 'link'],
    ['a plain-http link', '[x](http://evil.example)', `\\[x](http:${WJ}//evil.example)`, 'link'],
    ['a data: link', '[x](data:text/html,hi)', '\\[x](data:text/html,hi)', 'link'],
    ['a javascript: link', '[x](javascript:alert(1))', '\\[x](javascript:alert(1))', 'link'],
    ['an image', '![x](https://github.com/a.png)', '\\![x](https://github.com/a.png)', 'image'],
    ['an img tag', '<img src=x>', '&lt;img src=x>', 'html'],
    [
      'an img tag with an address',
      '<img src=https://evil.example/p.png>',
      `&lt;img src=https:${WJ}//evil.example/p.png>`,
      'html',
    ],
    ['a formatting tag with attributes', '<b onclick=x>', '&lt;b onclick=x>', 'html'],
    ['a team mention', 'hi @acme/all', `hi @${WJ}acme/all`, 'team'],
    ['someone off the roster', 'hi @mallory', `hi @${WJ}mallory`, 'mention'],
    ['an entity mention', 'hi &#64;mallory', `hi &#64;${WJ}mallory`, 'mention'],
    ['an e-mail address', 'boss@evil.example', `boss@${WJ}evil.example`, 'email'],
    ['an angle autolink', '<https://evil.example>', `&lt;https:${WJ}//evil.example&gt;`, 'link'],
    [
      'a reference definition',
      '[1]: ftp://evil.example',
      `\\[1\\]: ftp:${WJ}//evil.example`,
      'link',
    ],
    ['a terminal escape', 'red\u001b[31m', 'red[31m', 'control'],
  ])('defuses %s', (_name, text, expected, kind) => {
    const result = guard(text)
    expect(result.text).toBe(expected)
    expect(result.defused).toContain(kind)
    // Defused text is stable: checking it again changes nothing.
    expect(guard(result.text).defused).toEqual([])
  })

  it('keeps a written https link, which typed text can never make', () => {
    expect(guard('[a good read](https://hbr.example/delegation)').defused).toEqual([])
    expect(
      guardMarkdown(inertText('[a good read](https://hbr.example/x)'), POLICY).defused,
    ).toEqual([])
  })

  it('mentions any person but never a team when no roster is given', () => {
    const open = { linkHosts: DEFAULT_LINK_HOSTS }
    expect(guardMarkdown('@anyone', open).defused).toEqual([])
    expect(guardMarkdown('@org/team', open).defused).toEqual(['team'])
  })

  it('allows the GitHub host of the repository, subdomains included', () => {
    const enterprise = { linkHosts: [...DEFAULT_LINK_HOSTS, 'ghe.example.com'] }
    expect(
      guardMarkdown('https://ghe.example.com/acme/circle/issues/1', enterprise).defused,
    ).toEqual([])
    expect(guardMarkdown('https://gist.github.com/x', enterprise).defused).toEqual([])
    expect(guardMarkdown('https://github.com.evil.example/x', enterprise).defused).toEqual(['link'])
  })

  it('cuts a body over 65,536 characters and a title over 256, saying so', () => {
    const body = guard('x'.repeat(70_000))
    expect(body.text.length).toBe(65_536)
    expect(body.text).toMatch(/GitHub allows 65,536 characters\)$/)
    expect(body.defused).toEqual(['length'])
    const title = guardTitle('t'.repeat(300))
    expect(Array.from(title.text)).toHaveLength(256)
    expect(title.defused).toEqual(['length'])
  })

  it('takes linear time on hostile input', () => {
    const hostile = `${'[['.repeat(20_000)}${'<a '.repeat(10_000)}${'@'.repeat(20_000)}`
    const started = performance.now()
    guard(hostile)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
