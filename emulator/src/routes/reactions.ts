import {
  bodyObject,
  created,
  intParam,
  invalidRequest,
  noContent,
  notFound,
  ok,
  paginate,
  validationFailed,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import { REACTION_CONTENTS, type ReactionContent, type StoredReaction } from '../types.js'
import { findComment } from './comments.js'
import { findIssue } from './issues.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/reactions/reactions'

type Subject = { subject: StoredReaction['subject']; subject_id: number }

function issueSubject(ctx: RouteContext): Subject {
  return { subject: 'issue', subject_id: findIssue(ctx).number }
}

function commentSubject(ctx: RouteContext): Subject {
  return { subject: 'comment', subject_id: findComment(ctx).id }
}

function reactionsOf(ctx: RouteContext, s: Subject): StoredReaction[] {
  return ctx.store.data.reactions.filter(
    (r) => r.subject === s.subject && r.subject_id === s.subject_id,
  )
}

function list(subjectOf: (ctx: RouteContext) => Subject) {
  return (ctx: RouteContext): HandlerResult => {
    const subject = subjectOf(ctx)
    const content = ctx.query.content
    if (content !== undefined && !REACTION_CONTENTS.includes(content as ReactionContent)) {
      throw invalidRequest(`For 'content', "${content}" is not one of the allowed values.`, DOCS)
    }
    const reactions = reactionsOf(ctx, subject)
      .filter((r) => content === undefined || r.content === content)
      .sort((a, b) => a.id - b.id)
    return paginate(ctx, reactions, (r) => ctx.render.reaction(r))
  }
}

function create(subjectOf: (ctx: RouteContext) => Subject) {
  return (ctx: RouteContext): HandlerResult => {
    const subject = subjectOf(ctx)
    const content = bodyObject(ctx).content
    if (content === undefined) throw invalidRequest(`"content" wasn't supplied.`, DOCS)
    if (!REACTION_CONTENTS.includes(content as ReactionContent)) {
      throw validationFailed([{ resource: 'Reaction', code: 'invalid', field: 'content' }], DOCS)
    }
    const login = ctx.actor.user.login
    const existing = reactionsOf(ctx, subject).find(
      (r) => r.user === login && r.content === content,
    )
    // The same user reacting with the same content again gets the existing reaction back (200).
    if (existing) return ok(ctx.render.reaction(existing))
    const reaction: StoredReaction = {
      id: ctx.store.nextId(),
      ...subject,
      user: login,
      content: content as ReactionContent,
      created_at: ctx.clock.iso(),
    }
    ctx.store.data.reactions.push(reaction)
    return created(ctx.render.reaction(reaction))
  }
}

function remove(subjectOf: (ctx: RouteContext) => Subject) {
  return (ctx: RouteContext): HandlerResult => {
    const subject = subjectOf(ctx)
    const id = intParam(ctx.params.reaction_id)
    const reaction = reactionsOf(ctx, subject).find((r) => r.id === id)
    if (!reaction) throw notFound(DOCS)
    ctx.store.data.reactions = ctx.store.data.reactions.filter((r) => r.id !== id)
    return noContent()
  }
}

export const reactionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: `${P}/issues/comments/:comment_id/reactions`,
    handler: list(commentSubject),
  },
  {
    method: 'POST',
    pattern: `${P}/issues/comments/:comment_id/reactions`,
    handler: create(commentSubject),
  },
  {
    method: 'DELETE',
    pattern: `${P}/issues/comments/:comment_id/reactions/:reaction_id`,
    handler: remove(commentSubject),
  },
  { method: 'GET', pattern: `${P}/issues/:issue_number/reactions`, handler: list(issueSubject) },
  { method: 'POST', pattern: `${P}/issues/:issue_number/reactions`, handler: create(issueSubject) },
  {
    method: 'DELETE',
    pattern: `${P}/issues/:issue_number/reactions/:reaction_id`,
    handler: remove(issueSubject),
  },
]
