import { describe, expect, it } from 'vitest'
import { createClient } from '../../actions/lib/github/client.js'
import { WORD_JOINER } from '../../actions/lib/markdown/inert.js'

const WJ = WORD_JOINER

/** The client every action gets, with GitHub replaced (per request) by a recorder of what is sent. */
function recordingClient(baseUrl = 'https://api.github.com') {
  const sent: Array<{ method: string; url: string; body: Record<string, unknown> }> = []
  const warnings: string[] = []
  const client = createClient({
    token: 't',
    baseUrl,
    waitScale: 0.001,
    log: { debug: () => undefined, warning: (m) => warnings.push(m) },
  })
  const fetch = async (url: string, init: { method: string; body?: string }) => {
    sent.push({ method: init.method, url, body: JSON.parse(init.body ?? '{}') })
    return new Response(JSON.stringify({ id: 1, number: 1 }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { client, sent, warnings, request: { fetch } }
}

describe('the one check, on the client every action writes through', () => {
  it('defuses a comment body before it leaves, and says what kind without the text', async () => {
    const { client, sent, warnings, request } = recordingClient()
    await client.rest.issues.createComment({
      request,
      owner: 'acme',
      repo: 'circle',
      issue_number: 1,
      body: 'hi @acme/all see https://evil.example <img src=x>',
    })
    expect(sent[0]?.body['body']).toBe(
      `hi @${WJ}acme/all see https:${WJ}//evil.example &lt;img src=x>`,
    )
    expect(warnings).toEqual([
      'made team, link, html inert before POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ])
  })

  it('checks titles and bodies of issues and pull requests, created or edited', async () => {
    const { client, sent, request } = recordingClient()
    await client.rest.issues.create({
      request,
      owner: 'a',
      repo: 'b',
      title: `x\u001b[2J${'t'.repeat(300)}`,
      body: 'www.evil.example',
    })
    await client.rest.issues.update({
      request,
      owner: 'a',
      repo: 'b',
      issue_number: 1,
      body: '![p](https://evil.example/p.png)',
    })
    await client.rest.pulls.create({
      request,
      owner: 'a',
      repo: 'b',
      head: 'h',
      base: 'main',
      title: 't',
      body: '@acme/all',
    })
    await client.rest.issues.updateComment({
      request,
      owner: 'a',
      repo: 'b',
      comment_id: 1,
      body: '<script>x</script>',
    })
    expect(Array.from(String(sent[0]?.body['title']))).toHaveLength(256)
    expect(sent[0]?.body['title']).not.toContain('\u001b')
    expect(sent[0]?.body['body']).toBe(`www${WJ}.evil.example`)
    expect(sent[1]?.body['body']).toBe('\\![p](https://evil.example/p.png)')
    expect(sent[2]?.body['body']).toBe(`@${WJ}acme/all`)
    expect(sent[3]?.body['body']).toBe('&lt;script>x&lt;/script>')
  })

  it('lets the bot link its own GitHub, including an Enterprise server', async () => {
    const { client, sent, warnings, request } = recordingClient('https://ghe.example.com/api/v3')
    const body =
      'See https://ghe.example.com/acme/circle/issues/3 and https://github.com/acme/circle'
    await client.rest.issues.createComment({
      request,
      owner: 'a',
      repo: 'b',
      issue_number: 1,
      body,
    })
    expect(sent[0]?.body['body']).toBe(body)
    expect(warnings).toEqual([])
  })

  it('leaves writes that are not Markdown alone', async () => {
    const { client, sent, request } = recordingClient()
    await client.rest.issues.createLabel({
      request,
      owner: 'a',
      repo: 'b',
      name: 'x',
      color: 'ffffff',
      description: '@acme/all',
    })
    expect(sent[0]?.body['description']).toBe('@acme/all')
  })
})
