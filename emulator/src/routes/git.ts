import {
  bodyObject,
  created,
  fail,
  noContent,
  notFound,
  ok,
  optionalString,
  paginate,
  requiredString,
  requirePermission,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import type { ApiShortBranch } from '../types.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/git/refs'

function fullRef(ctx: RouteContext): string {
  return `refs/${(ctx.params.ref ?? '').replace(/^refs\//, '').replace(/\/+$/, '')}`
}

function sortedRefs(ctx: RouteContext): [string, string][] {
  return Object.entries(ctx.store.data.refs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function getRef(ctx: RouteContext): HandlerResult {
  const ref = fullRef(ctx)
  const sha = ctx.store.data.refs[ref]
  if (!sha) throw notFound(`${DOCS}#get-a-reference`)
  return ok(ctx.render.gitRef(ref, sha))
}

/** The legacy `GET /git/refs/{ref}`: one object for an exact match, an array for a prefix. */
function getRefsLegacy(ctx: RouteContext): HandlerResult {
  const ref = fullRef(ctx)
  const exact = ctx.store.data.refs[ref]
  if (exact) return ok(ctx.render.gitRef(ref, exact))
  const matches = sortedRefs(ctx).filter(([name]) => name.startsWith(`${ref}/`))
  if (matches.length === 0) throw notFound(`${DOCS}#get-a-reference`)
  return paginate(
    ctx,
    matches.map(([name, sha]) => ctx.render.gitRef(name, sha)),
  )
}

function listAllRefs(ctx: RouteContext): HandlerResult {
  return paginate(
    ctx,
    sortedRefs(ctx).map(([name, sha]) => ctx.render.gitRef(name, sha)),
  )
}

function matchingRefs(ctx: RouteContext): HandlerResult {
  const ref = fullRef(ctx)
  return ok(
    sortedRefs(ctx)
      .filter(([name]) => name.startsWith(ref))
      .map(([name, sha]) => ctx.render.gitRef(name, sha)),
  )
}

function existingCommit(ctx: RouteContext, sha: string): string {
  const resolved = /^[0-9a-f]{40}$/i.test(sha) ? sha.toLowerCase() : undefined
  if (!resolved || !ctx.store.commit(resolved)) throw fail(422, 'Object does not exist', DOCS)
  return resolved
}

function createRef(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const body = bodyObject(ctx)
  const ref = requiredString(body, 'ref', DOCS)
  const sha = requiredString(body, 'sha', DOCS)
  if (!ref.startsWith('refs/') || ref.split('/').length < 3 || ref.endsWith('/')) {
    throw fail(422, "Reference name must start with 'refs/' and have at least two slashes.", DOCS)
  }
  if (ctx.store.data.refs[ref]) throw fail(422, 'Reference already exists', DOCS)
  const resolved = existingCommit(ctx, sha)
  ctx.store.data.refs[ref] = resolved
  return created(ctx.render.gitRef(ref, resolved))
}

function updateRef(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const ref = fullRef(ctx)
  const body = bodyObject(ctx)
  const sha = requiredString(body, 'sha', DOCS)
  const current = ctx.store.data.refs[ref]
  if (!current) throw fail(422, 'Reference does not exist', DOCS)
  const resolved = existingCommit(ctx, sha)
  if (body.force !== true && !ctx.store.isAncestor(current, resolved)) {
    throw fail(422, 'Update is not a fast forward', DOCS)
  }
  ctx.store.data.refs[ref] = resolved
  if (ref.startsWith('refs/heads/')) ctx.store.repo.pushed_at = ctx.clock.iso()
  return ok(ctx.render.gitRef(ref, resolved))
}

function deleteRef(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const ref = fullRef(ctx)
  if (!ctx.store.data.refs[ref]) throw fail(422, 'Reference does not exist', DOCS)
  if (ref === `refs/heads/${ctx.store.repo.default_branch}`) {
    throw fail(422, 'Cannot delete the default branch', DOCS)
  }
  delete ctx.store.data.refs[ref]
  return noContent()
}

function listBranches(ctx: RouteContext): HandlerResult {
  const branches = sortedRefs(ctx)
    .filter(([name]) => name.startsWith('refs/heads/'))
    .map(([name, sha]): ApiShortBranch => ({
      name: name.slice('refs/heads/'.length),
      commit: { sha, url: `${ctx.render.repoApi}/commits/${sha}` },
      protected: false,
    }))
  return paginate(ctx, branches)
}

function getBranch(ctx: RouteContext): HandlerResult {
  const name = (ctx.params.branch ?? '').replace(/\/+$/, '')
  const sha = ctx.store.branchSha(name)
  if (!sha)
    throw fail(
      404,
      'Branch not found',
      'https://docs.github.com/rest/branches/branches#get-a-branch',
    )
  return ok(ctx.render.branch(name, sha))
}

function getCommit(ctx: RouteContext): HandlerResult {
  const ref = optionalString(ctx.params, 'ref') ?? ''
  const sha = ctx.store.resolveRef(ref)
  const commit = sha ? ctx.store.commit(sha) : undefined
  if (!commit)
    throw fail(
      422,
      `No commit found for SHA: ${ref}`,
      'https://docs.github.com/rest/commits/commits#get-a-commit',
    )
  return ok(ctx.render.commit(commit))
}

export const gitRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/git/ref/*ref`, handler: getRef },
  { method: 'GET', pattern: `${P}/git/refs`, handler: listAllRefs },
  { method: 'GET', pattern: `${P}/git/refs/*ref`, handler: getRefsLegacy },
  { method: 'GET', pattern: `${P}/git/matching-refs/*ref`, handler: matchingRefs },
  { method: 'POST', pattern: `${P}/git/refs`, handler: createRef },
  { method: 'PATCH', pattern: `${P}/git/refs/*ref`, handler: updateRef },
  { method: 'DELETE', pattern: `${P}/git/refs/*ref`, handler: deleteRef },
  { method: 'GET', pattern: `${P}/branches`, handler: listBranches },
  { method: 'GET', pattern: `${P}/branches/*branch`, handler: getBranch },
  { method: 'GET', pattern: `${P}/commits/*ref`, handler: getCommit },
]
