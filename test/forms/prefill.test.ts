import { describe, expect, it } from 'vitest'
import { formTitle, formUrl } from '../../actions/lib/forms/prefill.js'

describe('formUrl', () => {
  it('builds the new-issue address with the template, title and fields', () => {
    const url = formUrl({
      serverUrl: 'https://github.com',
      repository: 'acme/leads',
      template: 'homework.yml',
      title: 'Homework · fall-2026 · session 3',
      fields: { group: 'fall-2026', session: 3 },
    })
    expect(url).toBe(
      'https://github.com/acme/leads/issues/new?template=homework.yml&title=Homework%20%C2%B7%20fall-2026%20%C2%B7%20session%203&group=fall-2026&session=3',
    )
  })

  it('percent-encodes what would otherwise break the query, and round-trips it', () => {
    const title = 'Q&A: 50% done? #3 + more / less = ok'
    const url = formUrl({
      serverUrl: 'https://github.com',
      repository: 'acme/leads',
      template: 'topic.yml',
      title,
      fields: { group: 'a b&c=d' },
    })
    expect(url).not.toMatch(/[ +#]/)
    const params = new URL(url).searchParams
    expect(params.get('title')).toBe(title)
    expect(params.get('group')).toBe('a b&c=d')
    expect([...params.keys()]).toEqual(['template', 'title', 'group'])
  })

  it('leaves out the title and undefined fields, and trims a trailing slash from the server', () => {
    const url = formUrl({
      serverUrl: 'https://ghe.example.com/',
      repository: 'org/repo.name',
      template: 'check-in.yml',
      fields: { group: 'fall-2026', session: undefined },
    })
    expect(url).toBe(
      'https://ghe.example.com/org/repo.name/issues/new?template=check-in.yml&group=fall-2026',
    )
  })

  it('refuses a repository that is not owner/name', () => {
    expect(() =>
      formUrl({ serverUrl: 'https://github.com', repository: 'leads', template: 'topic.yml' }),
    ).toThrow('repository "leads" is not owner/name')
  })
})

describe('formTitle', () => {
  it('names the group and, when there is one, the session or conversation', () => {
    expect(formTitle('homework', 'fall-2026', 3)).toBe('Homework · fall-2026 · session 3')
    expect(formTitle('conversation', 'coaching-2026', 2)).toBe(
      'Conversation · coaching-2026 · conversation 2',
    )
    expect(formTitle('reflection', 'fall-2026')).toBe('Reflection · fall-2026')
  })
})
