import {
  fail,
  notFound,
  ok,
  noContent,
  paginate,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import type { ApiCollaboratorPermission, Permission } from '../types.js'

const P = '/repos/:owner/:repo'

/** GitHub's legacy `permission` field folds maintain into write and triage into read. */
const LEGACY_PERMISSION: Record<Permission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
}

function getRepo(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.repository(ctx.actor.permission))
}

function collaboratorPermission(ctx: RouteContext): HandlerResult {
  const user = ctx.store.user(ctx.params.username ?? '')
  if (!user || user.type === 'Organization') throw notFound()
  const permission = ctx.store.permission(user.login)
  const body: ApiCollaboratorPermission = {
    permission: LEGACY_PERMISSION[permission],
    role_name: permission,
    user: ctx.render.collaborator(user.login, permission),
  }
  return ok(body)
}

function checkCollaborator(ctx: RouteContext): HandlerResult {
  const login = ctx.params.username ?? ''
  if (!ctx.store.isCollaborator(login)) throw notFound()
  return noContent()
}

function listCollaborators(ctx: RouteContext): HandlerResult {
  const wanted = ctx.query.permission as Permission | undefined
  const collaborators = ctx.store.data.users
    .filter((u) => ctx.store.isCollaborator(u.login))
    .filter((u) => wanted === undefined || ctx.store.permission(u.login) === wanted)
    .map((u) => ctx.render.collaborator(u.login, ctx.store.permission(u.login)))
  return paginate(ctx, collaborators)
}

function getUser(ctx: RouteContext): HandlerResult {
  const user = ctx.store.user(ctx.params.username ?? '')
  if (!user) throw notFound()
  return ok(ctx.render.publicUser(user.login))
}

/**
 * GraphQL, only as far as `{ viewer { login } }`: the one question that works for every kind of
 * token (GET /user is 403 for GITHUB_TOKEN and app installation tokens).
 */
function graphql(ctx: RouteContext): HandlerResult {
  const query = (ctx.body as { query?: unknown } | undefined)?.query
  if (
    typeof query !== 'string' ||
    !/^\s*(query\s*[A-Za-z_]*\s*)?\{\s*viewer\s*\{[\s\w]*\}\s*\}\s*$/.test(query)
  ) {
    return ok({ errors: [{ message: 'The emulator answers only the query { viewer { login } }' }] })
  }
  const user = ctx.actor.user
  return ok({ data: { viewer: { login: user.login, databaseId: user.id } } })
}

function getAuthenticatedUser(ctx: RouteContext): HandlerResult {
  if (ctx.actor.user.type === 'Bot') throw fail(403, 'Resource not accessible by integration')
  return ok(ctx.render.publicUser(ctx.actor.user.login))
}

export const repoRoutes: Route[] = [
  { method: 'GET', pattern: P, handler: getRepo },
  { method: 'GET', pattern: `${P}/collaborators`, handler: listCollaborators },
  { method: 'GET', pattern: `${P}/collaborators/:username`, handler: checkCollaborator },
  {
    method: 'GET',
    pattern: `${P}/collaborators/:username/permission`,
    handler: collaboratorPermission,
  },
  { method: 'GET', pattern: '/users/:username', handler: getUser },
  { method: 'GET', pattern: '/user', handler: getAuthenticatedUser },
  { method: 'POST', pattern: '/graphql', handler: graphql },
]
