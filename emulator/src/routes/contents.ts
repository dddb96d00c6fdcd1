import {
  bodyObject,
  encodePath,
  fail,
  invalidRequest,
  ok,
  optionalString,
  requiredString,
  requirePermission,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import { treeShaOf } from '../state.js'
import type {
  ApiContentDirectory,
  ApiContentFile,
  ApiFileCommit,
  GitIdentity,
  StoredCommit,
} from '../types.js'
import { wrapBase64 } from '../util.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/repos/contents'

function normalizePath(raw: string): string {
  return raw.replace(/^\/+|\/+$/g, '')
}

function entry(ctx: RouteContext, path: string, ref: string, kind: 'file' | 'dir', sha: string) {
  const { owner, name } = ctx.store.repo
  const api = `${ctx.render.repoApi}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`
  const size = kind === 'file' ? (ctx.store.blob(sha)?.length ?? 0) : 0
  const gitUrl = `${ctx.render.repoApi}/git/${kind === 'file' ? 'blobs' : 'trees'}/${sha}`
  const htmlUrl = `${ctx.render.repoHtml}/${kind === 'file' ? 'blob' : 'tree'}/${ref}/${path}`
  return {
    name: path.split('/').pop() ?? path,
    path,
    sha,
    size,
    url: api,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url:
      kind === 'file' ? `https://raw.githubusercontent.com/${owner}/${name}/${ref}/${path}` : null,
    type: kind,
    _links: { self: api, git: gitUrl, html: htmlUrl },
  }
}

function getContent(ctx: RouteContext): HandlerResult {
  const path = normalizePath(ctx.params.path ?? '')
  const ref = ctx.query.ref || ctx.store.repo.default_branch
  const sha = ctx.store.resolveRef(ref)
  const commit = sha ? ctx.store.commit(sha) : undefined
  if (!commit) throw fail(404, `No commit found for the ref ${ref}`, DOCS)
  const tree = commit.tree

  const blobSha = path === '' ? undefined : tree[path]
  if (blobSha !== undefined) {
    const content = ctx.store.blob(blobSha) ?? Buffer.alloc(0)
    if (/\.raw\b|vnd\.github\.raw/.test(String(ctx.headers.accept ?? ''))) {
      return { status: 200, raw: content, headers: { 'content-type': 'text/plain; charset=utf-8' } }
    }
    const file: ApiContentFile = {
      ...entry(ctx, path, ref, 'file', blobSha),
      type: 'file',
      content: wrapBase64(content.toString('base64')),
      encoding: 'base64',
    }
    return ok(file)
  }

  const prefix = path === '' ? '' : `${path}/`
  const files = new Map<string, string>()
  const dirs = new Map<string, Record<string, string>>()
  for (const [filePath, fileSha] of Object.entries(tree)) {
    if (!filePath.startsWith(prefix)) continue
    const rest = filePath.slice(prefix.length)
    const slash = rest.indexOf('/')
    if (slash === -1) {
      files.set(rest, fileSha)
    } else {
      const dir = rest.slice(0, slash)
      const subtree = dirs.get(dir) ?? {}
      subtree[rest.slice(slash + 1)] = fileSha
      dirs.set(dir, subtree)
    }
  }
  if (path !== '' && files.size === 0 && dirs.size === 0) throw fail(404, 'Not Found', DOCS)
  const listing: ApiContentDirectory = [
    ...[...dirs].map(([name, subtree]) =>
      entry(ctx, prefix + name, ref, 'dir', treeShaOf(subtree)),
    ),
    ...[...files].map(([name, fileSha]) => entry(ctx, prefix + name, ref, 'file', fileSha)),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return ok(listing)
}

function identity(value: unknown, fallback: GitIdentity, date: string): GitIdentity {
  if (!value || typeof value !== 'object') return fallback
  const v = value as { name?: unknown; email?: unknown; date?: unknown }
  if (typeof v.name !== 'string' || typeof v.email !== 'string') {
    throw invalidRequest(`For 'properties/committer', name and email are required.`, DOCS)
  }
  return { name: v.name, email: v.email, date: typeof v.date === 'string' ? v.date : date }
}

export function fileCommit(ctx: RouteContext, commit: StoredCommit): ApiFileCommit['commit'] {
  const api = ctx.render.repoApi
  return {
    sha: commit.sha,
    node_id: ctx.render.commit(commit).node_id,
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${ctx.render.repoHtml}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { url: `${api}/git/trees/${commit.tree_sha}`, sha: commit.tree_sha },
    parents: commit.parents.map((sha) => ({
      url: `${api}/git/commits/${sha}`,
      html_url: `${ctx.render.repoHtml}/commit/${sha}`,
      sha,
    })),
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  }
}

/** The branch a write targets, and the current blob sha of `path` on it. */
function target(ctx: RouteContext, body: Record<string, unknown>, path: string) {
  const branch = optionalString(body, 'branch', DOCS) ?? ctx.store.repo.default_branch
  const head = ctx.store.branchSha(branch)
  if (!head) throw fail(404, `Branch ${branch} not found`, DOCS)
  const current = ctx.store.commit(head)?.tree[path]
  return { branch, current }
}

function checkSha(supplied: string | undefined, current: string, path: string): void {
  if (supplied === undefined) throw invalidRequest(`"sha" wasn't supplied.`, DOCS)
  if (supplied !== current) throw fail(409, `${path} does not match ${supplied}`, DOCS)
}

function putContent(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const path = normalizePath(ctx.params.path ?? '')
  const body = bodyObject(ctx)
  const message = requiredString(body, 'message', DOCS)
  const base64 = requiredString(body, 'content', DOCS)
  if (!/^[A-Za-z0-9+/=\s]*$/.test(base64)) {
    throw invalidRequest('content is not valid Base64', DOCS)
  }
  if (path === '') throw fail(404, 'Not Found', DOCS)
  const sha = optionalString(body, 'sha', DOCS)
  const { branch, current } = target(ctx, body, path)
  if (current !== undefined) checkSha(sha, current, path)
  const now = ctx.clock.iso()
  const login = ctx.actor.user.login
  const fallback = ctx.store.gitIdentity(login, now)
  const committer = identity(body.committer, fallback, now)
  const author = identity(body.author, committer, now)
  const commit = ctx.store.commitChanges({
    branch,
    changes: { [path]: Buffer.from(base64, 'base64') },
    message,
    authorLogin: login,
    author,
    date: now,
  })
  commit.committer = committer
  const blobSha = commit.tree[path] as string
  const content = entry(ctx, path, branch, 'file', blobSha)
  const response: ApiFileCommit = {
    content: { ...content, download_url: content.download_url as string },
    commit: fileCommit(ctx, commit),
  }
  return { status: current === undefined ? 201 : 200, body: response }
}

function deleteContent(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const path = normalizePath(ctx.params.path ?? '')
  const body = bodyObject(ctx)
  const message = requiredString(body, 'message', DOCS)
  const sha = optionalString(body, 'sha', DOCS)
  const { branch, current } = target(ctx, body, path)
  if (current === undefined) throw fail(404, 'Not Found', DOCS)
  checkSha(sha, current, path)
  const now = ctx.clock.iso()
  const commit = ctx.store.commitChanges({
    branch,
    changes: { [path]: null },
    message,
    authorLogin: ctx.actor.user.login,
    date: now,
  })
  const response: ApiFileCommit = { content: null, commit: fileCommit(ctx, commit) }
  return ok(response)
}

export const contentRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/contents`, handler: getContent },
  { method: 'GET', pattern: `${P}/contents/*path`, handler: getContent },
  { method: 'PUT', pattern: `${P}/contents/*path`, handler: putContent },
  { method: 'DELETE', pattern: `${P}/contents/*path`, handler: deleteContent },
]
