import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../../actions/lib/templates/front-matter.js'
import { fillPlaceholders, renderIssue } from '../../actions/lib/templates/render.js'

describe('templates never execute anything', () => {
  it.each([
    ['js', '---js\n{ title: (function () { globalThis.pwned = true; return "x" })() }\n---\nbody'],
    ['javascript', '---javascript\nmodule.exports = { title: process.exit(9) }\n---\nbody'],
    ['coffee', '---coffee\ntitle: do -> process.exit 9\n---\nbody'],
  ])('rejects %s front matter with a message naming the file', (_engine, text) => {
    expect(() => parseFrontMatter(text, 'templates/evil.md')).toThrow(
      /^templates\/evil\.md: front matter in (JavaScript|CoffeeScript) is not allowed; use YAML$/,
    )
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined()
  })

  it('rejects an alias bomb in front matter', () => {
    const bomb =
      '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\nbody'
    expect(() => parseFrontMatter(bomb, 'templates/bomb.md')).toThrow(/^templates\/bomb\.md: /)
  })

  it('prints template syntax a member wrote instead of evaluating it', () => {
    const context = {
      theme: '{{ secrets }} <%= process.env.GITHUB_TOKEN %> ${{ github.token }}',
      secrets: 'LEAK',
    }
    expect(fillPlaceholders('Theme: {{ theme }}', context)).toBe(
      'Theme: {{ secrets }} <%= process.env.GITHUB_TOKEN %> ${{ github.token }}',
    )
  })

  it('fills a placeholder it does not know with nothing rather than failing or leaking', () => {
    const doc = parseFrontMatter(
      '---\ntitle: "{{ heading }} {{ nope }}"\nlabels: [a]\n---\n{{ nope }}body',
      'x.md',
    )
    expect(renderIssue(doc, { heading: 'Week 1' })).toEqual({
      title: 'Week 1',
      labels: ['a'],
      body: 'body\n',
    })
  })
})
