import {
  bodyObject,
  checkLength,
  created,
  fail,
  hasPermission,
  intParam,
  invalidRequest,
  noContent,
  notFound,
  ok,
  paginate,
  parseTimestamp,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import { LIMITS } from '../state.js'
import type { StoredComment } from '../types.js'
import { findIssue } from './issues.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/issues/comments'

export function findComment(ctx: RouteContext, raw = ctx.params.comment_id): StoredComment {
  const comment = ctx.store.comment(intParam(raw))
  if (!comment) throw notFound(`${DOCS}#get-an-issue-comment`)
  return comment
}

function commentBody(ctx: RouteContext): string {
  const body = bodyObject(ctx).body
  if (body === undefined) throw invalidRequest(`"body" wasn't supplied.`, DOCS)
  if (typeof body !== 'string') {
    throw invalidRequest(`For 'properties/body', ${JSON.stringify(body)} is not a string.`, DOCS)
  }
  checkLength('IssueComment', 'body', body, LIMITS.body, DOCS)
  return body
}

function byCreation(a: StoredComment, b: StoredComment): number {
  return Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id
}

function listForIssue(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  const since = parseTimestamp(ctx.query.since, 'since')
  const comments = ctx.store
    .commentsOf(issue.number)
    .filter((c) => since === undefined || Date.parse(c.updated_at) >= since)
    .sort(byCreation)
  return paginate(ctx, comments, (c) => ctx.render.comment(c))
}

function listForRepo(ctx: RouteContext): HandlerResult {
  const since = parseTimestamp(ctx.query.since, 'since')
  let comments = ctx.store.data.comments.filter(
    (c) => since === undefined || Date.parse(c.updated_at) >= since,
  )
  const sort = ctx.query.sort
  if (sort === 'created' || sort === 'updated') {
    const direction = ctx.query.direction === 'asc' ? 1 : -1
    const key = (c: StoredComment) => Date.parse(sort === 'updated' ? c.updated_at : c.created_at)
    comments = [...comments].sort((a, b) => direction * (key(a) - key(b) || a.id - b.id))
  } else {
    // Without `sort`, GitHub lists by ascending id and ignores `direction`.
    comments = [...comments].sort((a, b) => a.id - b.id)
  }
  return paginate(ctx, comments, (c) => ctx.render.comment(c))
}

function getComment(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.comment(findComment(ctx)))
}

function createComment(ctx: RouteContext): HandlerResult {
  const issue = findIssue(ctx)
  const body = commentBody(ctx)
  if (issue.locked && !hasPermission(ctx.actor, 'write')) {
    throw fail(403, 'Unable to create comment because issue is locked.', DOCS)
  }
  const now = ctx.clock.iso()
  const comment: StoredComment = {
    id: ctx.store.nextId(),
    issue_number: issue.number,
    body,
    user: ctx.actor.user.login,
    created_at: now,
    updated_at: now,
  }
  ctx.store.data.comments.push(comment)
  issue.updated_at = now
  return created(ctx.render.comment(comment))
}

function mayModify(ctx: RouteContext, comment: StoredComment): void {
  const isAuthor = comment.user.toLowerCase() === ctx.actor.user.login.toLowerCase()
  if (!isAuthor && !hasPermission(ctx.actor, 'write')) {
    throw fail(403, 'Must have admin rights to Repository.', DOCS)
  }
}

function updateComment(ctx: RouteContext): HandlerResult {
  const comment = findComment(ctx)
  mayModify(ctx, comment)
  comment.body = commentBody(ctx)
  comment.updated_at = ctx.clock.iso()
  return ok(ctx.render.comment(comment))
}

function deleteComment(ctx: RouteContext): HandlerResult {
  const comment = findComment(ctx)
  mayModify(ctx, comment)
  const data = ctx.store.data
  data.comments = data.comments.filter((c) => c.id !== comment.id)
  data.deleted_comments.push(comment)
  data.reactions = data.reactions.filter(
    (r) => !(r.subject === 'comment' && r.subject_id === comment.id),
  )
  return noContent()
}

/** Comment routes must come before `/issues/:issue_number` routes in the table. */
export const commentRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/issues/comments`, handler: listForRepo },
  { method: 'GET', pattern: `${P}/issues/comments/:comment_id`, handler: getComment },
  { method: 'PATCH', pattern: `${P}/issues/comments/:comment_id`, handler: updateComment },
  { method: 'DELETE', pattern: `${P}/issues/comments/:comment_id`, handler: deleteComment },
  { method: 'GET', pattern: `${P}/issues/:issue_number/comments`, handler: listForIssue },
  { method: 'POST', pattern: `${P}/issues/:issue_number/comments`, handler: createComment },
]
