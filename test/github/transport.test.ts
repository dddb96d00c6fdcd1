import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Octokit } from '@octokit/rest'
import { transportFetch } from '../../actions/lib/github/transport.js'

interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

/** A local server whose answer each test chooses by path; it records what it was sent. */
let seen: Seen[] = []
let server: http.Server
let other: http.Server
let base: string
let otherBase: string

function listen(handler: http.RequestListener): Promise<[http.Server, string]> {
  const s = http.createServer(handler)
  return new Promise((done) =>
    s.listen(0, '127.0.0.1', () => {
      done([s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`])
    }),
  )
}

function route(request: http.IncomingMessage, response: http.ServerResponse, body: string) {
  const url = new URL(request.url ?? '/', base)
  const path = url.pathname
  if (path === '/json') {
    response.setHeader('content-type', 'application/json; charset=utf-8')
    response.setHeader('x-repeated', ['one', 'two'])
    response.setHeader('X-Mixed-Case', 'kept')
    response.end(JSON.stringify({ ok: true, echo: body, emoji: 'héllo 👋' }))
  } else if (path === '/empty') {
    response.writeHead(204).end()
  } else if (path === '/missing') {
    response.writeHead(404, 'Not Found', { 'content-type': 'application/json' })
    response.end('{"message":"Not Found"}')
  } else if (path.startsWith('/redirect/')) {
    const [, , status, ...rest] = path.split('/')
    response.writeHead(Number(status), { location: `/${rest.join('/')}` }).end()
  } else if (path === '/loop') {
    response.writeHead(302, { location: '/loop' }).end()
  } else if (path === '/away') {
    response.writeHead(301, { location: `${otherBase}/json` }).end()
  } else if (path === '/gzip') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
    response.end(gzipSync('packed text'))
  } else if (path === '/br') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' })
    response.end(brotliCompressSync('brotli text'))
  } else if (path === '/bytes') {
    response.writeHead(200, { 'content-type': 'application/octet-stream' })
    response.end(Buffer.from([0, 1, 2, 250, 255]))
  } else if (path === '/slow') {
    response.writeHead(200, { 'content-type': 'text/plain' })
    response.write('started')
    // Never ends: the test aborts it.
  } else if (path === '/cut') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' })
    response.write('half')
    setTimeout(() => response.socket?.destroy(), 5)
  } else {
    response.writeHead(500).end()
  }
}

beforeAll(async () => {
  ;[server, base] = await listen((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      })
      route(request, response, body)
    })
  })
  ;[other, otherBase] = await listen((request, response) => {
    seen.push({
      method: request.method ?? '',
      url: `other:${request.url}`,
      headers: request.headers,
      body: '',
    })
    response.setHeader('content-type', 'application/json')
    response.end('{"other":true}')
  })
})

afterAll(async () => {
  server.closeAllConnections()
  other.closeAllConnections()
  await Promise.all([server, other].map((s) => new Promise((done) => s.close(done))))
})

/** What a caller can observe of a response, from either implementation. */
async function observe(response: {
  status: number
  statusText: string
  ok: boolean
  headers: Iterable<[string, string]>
  text(): Promise<string>
  url: string
}) {
  const headers = [...response.headers].filter(
    ([name]) => !['date', 'keep-alive', 'connection'].includes(name),
  )
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    url: response.url,
    headers,
    text: await response.text(),
  }
}

describe("the client's HTTP transport answers as Node's fetch does", () => {
  it.each([
    ['a JSON answer with repeated and mixed-case headers', '/json', {}],
    ['a POST with a body', '/json', { method: 'POST', body: '{"title":"ü"}' }],
    ['an empty 204', '/empty', {}],
    ['a 404 with its reason phrase', '/missing', {}],
    ['a followed 301', '/redirect/301/json', {}],
    ['a 303 after a POST, read with GET', '/redirect/303/json', { method: 'POST', body: 'x' }],
    [
      'a 307 that keeps the method and body',
      '/redirect/307/json',
      { method: 'POST', body: 'kept' },
    ],
    ['a 302 after a POST, read with GET', '/redirect/302/json', { method: 'POST', body: 'x' }],
    ['a manual redirect', '/redirect/302/json', { redirect: 'manual' as const }],
    ['a gzip body', '/gzip', {}],
    ['a brotli body', '/br', {}],
  ])('%s', async (_name, path, init) => {
    const ours = await observe(await transportFetch(`${base}${path}`, init))
    const theirs = await observe(await fetch(`${base}${path}`, init))
    expect(ours).toEqual(theirs)
  })

  it('sends the method, headers and body it is given, with the body length', async () => {
    seen = []
    await transportFetch(`${base}/json`, {
      method: 'PATCH',
      headers: { authorization: 'token abc', 'content-type': 'application/json' },
      body: '{"a":"é"}',
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({
      method: 'PATCH',
      body: '{"a":"é"}',
      headers: { authorization: 'token abc', 'content-length': '10' },
    })
  })

  it('re-sends the body on a 307 and drops it, with its type, on a 303', async () => {
    seen = []
    await transportFetch(`${base}/redirect/307/json`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'again',
    })
    expect(seen.map((s) => [s.method, s.body])).toEqual([
      ['POST', 'again'],
      ['POST', 'again'],
    ])
    seen = []
    await transportFetch(`${base}/redirect/303/json`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'once',
    })
    expect(seen.map((s) => [s.method, s.body, s.headers['content-type']])).toEqual([
      ['POST', 'once', 'text/plain'],
      ['GET', '', undefined],
    ])
  })

  it('drops the token when a redirect leaves the origin, and keeps it inside it', async () => {
    seen = []
    await transportFetch(`${base}/redirect/301/away`, { headers: { authorization: 'token t' } })
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ['/redirect/301/away', 'token t'],
      ['/away', 'token t'],
      ['other:/json', undefined],
    ])
  })

  it('refuses an endless redirect, and any redirect when asked to', async () => {
    await expect(transportFetch(`${base}/loop`)).rejects.toThrow(/too many redirects/)
    await expect(
      transportFetch(`${base}/redirect/301/json`, { redirect: 'error' }),
    ).rejects.toBeInstanceOf(TypeError)
  })

  it('rejects with the abort reason, before a request and while it waits', async () => {
    const early = new AbortController()
    early.abort()
    await expect(transportFetch(`${base}/json`, { signal: early.signal })).rejects.toMatchObject({
      name: 'AbortError',
    })
    const late = new AbortController()
    const pending = transportFetch(`${base}/slow`, { signal: late.signal })
    setTimeout(() => late.abort(), 20)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('reports a refused connection, a cut answer and a bad header as fetch does', async () => {
    const closed = await listen(() => undefined)
    await new Promise((done) => closed[0].close(done))
    for (const failing of [
      () => transportFetch(`${closed[1]}/json`),
      () => transportFetch(`${base}/cut`),
      () => transportFetch(`${base}/json`, { headers: { 'x-bad': 'line\nbreak' } }),
      () => transportFetch('ftp://127.0.0.1/file'),
    ]) {
      const error = await failing().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toMatch(/^fetch failed/)
    }
    const refused = await transportFetch(`${closed[1]}/json`).catch((e: unknown) => e)
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
  })

  it("closes an idle connection when the server's keep-alive hint says", async () => {
    // The server never closes the connection itself; it only says it would after 2 s. Node's
    // agent closes an idle connection a second before a hinted timeout, once it has one of its own.
    const [hinting, hintingBase] = await listen((_request, response) => {
      response.setHeader('keep-alive', 'timeout=2')
      response.end('ok')
    })
    hinting.keepAliveTimeout = 0
    const closed = new Promise<string>((done) => {
      hinting.once('connection', (socket) => socket.once('close', () => done('closed')))
      setTimeout(() => done('still open after 4 s'), 4_000)
    })
    await (await transportFetch(`${hintingBase}/`)).text()
    expect(await closed).toBe('closed')
    hinting.closeAllConnections()
    await new Promise((done) => hinting.close(done))
  })

  it('gives octokit what it reads: data, lower-case headers and errors with their status', async () => {
    const octokit = new Octokit({
      baseUrl: base,
      request: { fetch: transportFetch as unknown as typeof fetch },
    })
    const ok = await octokit.request('GET /json')
    expect(ok.status).toBe(200)
    expect(ok.data).toEqual({ ok: true, echo: '', emoji: 'héllo 👋' })
    expect(ok.headers['x-repeated']).toBe('one, two')
    expect(ok.headers['x-mixed-case']).toBe('kept')
    const binary = await octokit.request('GET /bytes')
    expect(binary.data).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(binary.data as ArrayBuffer)]).toEqual([0, 1, 2, 250, 255])
    await expect(octokit.request('GET /missing')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('Not Found'),
    })
    const closed = await listen(() => undefined)
    await new Promise((done) => closed[0].close(done))
    const offline = new Octokit({
      baseUrl: closed[1],
      request: { fetch: transportFetch as unknown as typeof fetch },
    })
    await expect(offline.request('GET /json')).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('ECONNREFUSED'),
    })
  })
})
