import { isoSeconds } from '../clock.js'
import {
  bodyObject,
  created,
  intParam,
  invalidRequest,
  noContent,
  notFound,
  ok,
  optionalString,
  paginate,
  requirePermission,
  validationFailed,
  type HandlerResult,
  type RouteContext,
} from '../http.js'
import type { Route } from '../router.js'
import type { StoredMilestone } from '../types.js'

const P = '/repos/:owner/:repo'
const DOCS = 'https://docs.github.com/rest/issues/milestones'

function findMilestone(ctx: RouteContext): StoredMilestone {
  const milestone = ctx.store.milestone(intParam(ctx.params.milestone_number))
  if (!milestone) throw notFound(`${DOCS}#get-a-milestone`)
  return milestone
}

function state(value: unknown): 'open' | 'closed' | undefined {
  if (value === undefined) return undefined
  if (value !== 'open' && value !== 'closed') {
    throw validationFailed([{ resource: 'Milestone', code: 'invalid', field: 'state' }], DOCS)
  }
  return value
}

function dueOn(value: unknown): string | null | undefined {
  if (value === undefined) return undefined
  if (value === null) return null
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  if (Number.isNaN(ms)) {
    throw invalidRequest(`For 'properties/due_on', ${JSON.stringify(value)} is not a timestamp.`)
  }
  return isoSeconds(new Date(ms))
}

function titleTaken(ctx: RouteContext, title: string, except?: number): boolean {
  return ctx.store.data.milestones.some(
    (m) => m.title.toLowerCase() === title.toLowerCase() && m.number !== except,
  )
}

function listMilestones(ctx: RouteContext): HandlerResult {
  const wanted = ctx.query.state ?? 'open'
  const direction = ctx.query.direction === 'desc' ? -1 : 1
  const rendered = ctx.store.data.milestones
    .filter((m) => wanted === 'all' || m.state === wanted)
    .map((m) => ctx.render.milestone(m))
  const key =
    ctx.query.sort === 'completeness'
      ? (m: (typeof rendered)[number]) =>
          m.closed_issues / Math.max(1, m.open_issues + m.closed_issues)
      : (m: (typeof rendered)[number]) =>
          m.due_on === null ? Number.MAX_SAFE_INTEGER : Date.parse(m.due_on)
  rendered.sort((a, b) => direction * (key(a) - key(b) || a.number - b.number))
  return paginate(ctx, rendered)
}

function getMilestone(ctx: RouteContext): HandlerResult {
  return ok(ctx.render.milestone(findMilestone(ctx)))
}

function createMilestone(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const body = bodyObject(ctx)
  const title = optionalString(body, 'title', DOCS)
  if (title === undefined) throw invalidRequest(`"title" wasn't supplied.`, DOCS)
  if (titleTaken(ctx, title)) {
    throw validationFailed(
      [{ resource: 'Milestone', code: 'already_exists', field: 'title' }],
      DOCS,
    )
  }
  const now = ctx.clock.iso()
  const milestoneState = state(body.state) ?? 'open'
  const milestone: StoredMilestone = {
    id: ctx.store.nextId(),
    number: ctx.store.data.next_milestone_number++,
    title,
    description: (body.description as string | null | undefined) ?? null,
    state: milestoneState,
    due_on: dueOn(body.due_on) ?? null,
    creator: ctx.actor.user.login,
    created_at: now,
    updated_at: now,
    closed_at: milestoneState === 'closed' ? now : null,
  }
  ctx.store.data.milestones.push(milestone)
  return created(ctx.render.milestone(milestone))
}

function updateMilestone(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const milestone = findMilestone(ctx)
  const body = bodyObject(ctx)
  const title = optionalString(body, 'title', DOCS)
  const newState = state(body.state)
  const due = dueOn(body.due_on)
  if (title !== undefined) {
    if (titleTaken(ctx, title, milestone.number)) {
      throw validationFailed(
        [{ resource: 'Milestone', code: 'already_exists', field: 'title' }],
        DOCS,
      )
    }
    milestone.title = title
  }
  const now = ctx.clock.iso()
  if (newState !== undefined && newState !== milestone.state) {
    milestone.state = newState
    milestone.closed_at = newState === 'closed' ? now : null
  }
  if (body.description !== undefined) milestone.description = body.description as string | null
  if (due !== undefined) milestone.due_on = due
  milestone.updated_at = now
  return ok(ctx.render.milestone(milestone))
}

function deleteMilestone(ctx: RouteContext): HandlerResult {
  requirePermission(ctx, 'write')
  const milestone = findMilestone(ctx)
  const data = ctx.store.data
  data.milestones = data.milestones.filter((m) => m.number !== milestone.number)
  for (const issue of data.issues) {
    if (issue.milestone === milestone.number) issue.milestone = null
  }
  return noContent()
}

export const milestoneRoutes: Route[] = [
  { method: 'GET', pattern: `${P}/milestones`, handler: listMilestones },
  { method: 'POST', pattern: `${P}/milestones`, handler: createMilestone },
  { method: 'GET', pattern: `${P}/milestones/:milestone_number`, handler: getMilestone },
  { method: 'PATCH', pattern: `${P}/milestones/:milestone_number`, handler: updateMilestone },
  { method: 'DELETE', pattern: `${P}/milestones/:milestone_number`, handler: deleteMilestone },
]
