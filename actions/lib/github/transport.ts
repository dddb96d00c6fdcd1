import http from 'node:http'
import https from 'node:https'

/** What octokit passes to `fetch`, as far as this transport reads it. */
export interface TransportInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array | ArrayBuffer | null
  redirect?: 'follow' | 'manual' | 'error'
  signal?: AbortSignal | null
}

const MAX_REDIRECTS = 20
const SILENCE_TIMEOUT_MS = 300_000
const REDIRECTS = new Set([301, 302, 303, 307, 308])

// Connections stay open between requests. Given a timeout of its own, Node's agent also closes an
// idle connection a second before the server's `Keep-Alive: timeout=N` runs out, rather than
// reusing it just as the server closes it.
const agents = {
  http: new http.Agent({ keepAlive: true, timeout: SILENCE_TIMEOUT_MS }),
  https: new https.Agent({ keepAlive: true, timeout: SILENCE_TIMEOUT_MS }),
}

/**
 * The HTTP transport under the client: the shape of `fetch` that @octokit/request calls through
 * its `request.fetch` option, over node:http and node:https.
 *
 * Why not Node's own fetch: its first request in a process loads undici and compiles its
 * WebAssembly HTTP parser, about 100 ms of CPU here, and an action starts a fresh process for
 * every run to make a handful of requests. node:http's first request costs about 15 ms.
 *
 * What it does as fetch does: follows redirects (at most 20; a 303, or a 301/302 answering a POST,
 * becomes a GET; the `authorization` header is dropped when the redirect leaves the origin), or
 * returns them with `redirect: 'manual'`; honours an abort signal (rejecting with its reason, an
 * `AbortError` by default); reports a failed connection as `TypeError('fetch failed')` with the
 * cause; decodes gzip, deflate and brotli bodies. Like Node's fetch, it ignores proxy variables.
 * It never asks for compression itself, and gives up on a server silent for five minutes (undici's
 * own header and body timeouts).
 */
export async function transportFetch(
  input: string | URL,
  init: TransportInit = {},
): Promise<TransportResponse> {
  let url = new URL(String(input))
  let method = (init.method ?? 'GET').toUpperCase()
  let headers = { ...(init.headers ?? {}) }
  let body = init.body == null ? undefined : toBytes(init.body)
  for (let redirects = 0; ; redirects++) {
    const response = await exchange(url, method, headers, body, init.signal ?? undefined)
    const location = response.headers.get('location')
    if (!REDIRECTS.has(response.status) || location === null || init.redirect === 'manual') {
      return response
    }
    if (init.redirect === 'error') throw new TypeError('fetch failed: redirect refused')
    if (redirects === MAX_REDIRECTS) throw new TypeError('fetch failed: too many redirects')
    const next = new URL(location, url)
    if (next.origin !== url.origin) {
      headers = withoutHeader(headers, 'authorization')
    }
    const keepsMethod = response.status === 307 || response.status === 308
    if (response.status === 303 || (method === 'POST' && !keepsMethod)) {
      if (method !== 'HEAD') method = 'GET'
      body = undefined
      headers = withoutHeader(withoutHeader(headers, 'content-type'), 'content-length')
    }
    url = next
  }
}

function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal))
      return
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`))
      return
    }
    const secure = url.protocol === 'https:'
    const requestHeaders: Record<string, string> = { ...headers }
    if (body !== undefined) requestHeaders['content-length'] = String(body.byteLength)
    let request: http.ClientRequest
    try {
      request = (secure ? https : http).request(url, {
        method,
        headers: requestHeaders,
        agent: secure ? agents.https : agents.http,
        timeout: SILENCE_TIMEOUT_MS,
      })
    } catch (cause) {
      // A header value Node refuses (a line break, a character outside Latin-1).
      reject(new TypeError('fetch failed', { cause }))
      return
    }
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      reject(error)
    }
    const onAbort = () => {
      request.destroy()
      if (signal) fail(abortReason(signal))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    request.on('timeout', () => request.destroy(new Error('the server sent nothing for 5 minutes')))
    request.on('error', (cause) => fail(new TypeError('fetch failed', { cause })))
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', (cause) => fail(new TypeError('fetch failed', { cause })))
      response.on('end', () => {
        if (settled) return
        settled = true
        signal?.removeEventListener('abort', onAbort)
        resolve(
          new TransportResponse(
            url.href,
            response.statusCode ?? 0,
            response.statusMessage ?? '',
            new TransportHeaders(response.headers),
            Buffer.concat(chunks),
          ),
        )
      })
    })
    request.end(body)
  })
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

function toBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  throw new TypeError('fetch failed: only string and byte bodies are supported')
}

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name))
}

/**
 * Response headers as fetch's `Headers` reads them, as far as @octokit/request reads them (`get`
 * and iteration): lower-case names in order, repeated values joined.
 */
export class TransportHeaders implements Iterable<[string, string]> {
  readonly #values = new Map<string, string>()
  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue
      this.#values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value)
    }
  }
  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return [...this.#values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).values()
  }
}

/** The parts of fetch's `Response` that @octokit/request reads; the body is read once. */
export class TransportResponse {
  readonly ok: boolean
  readonly #raw: Buffer
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: TransportHeaders,
    raw: Buffer,
  ) {
    this.ok = status >= 200 && status < 300
    this.#raw = raw
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#decoded()
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }
  async text(): Promise<string> {
    return (await this.#decoded()).toString('utf8')
  }
  async #decoded(): Promise<Buffer> {
    const encoding = (this.headers.get('content-encoding') ?? '').trim().toLowerCase()
    if (encoding === '' || encoding === 'identity') return this.#raw
    const zlib = await import('node:zlib')
    const decode =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? zlib.gunzipSync
        : encoding === 'deflate'
          ? zlib.inflateSync
          : encoding === 'br'
            ? zlib.brotliDecompressSync
            : undefined
    if (!decode) throw new TypeError(`fetch failed: unsupported content-encoding ${encoding}`)
    return decode(this.#raw)
  }
}
